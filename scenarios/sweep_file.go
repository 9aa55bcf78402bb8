package scenarios

// SweepFile is a sweep file as written (scenarios/README.md documents every field): a base
// scenario, the factors to vary (scenario fields by path, as --set names them), how to choose
// the points (design), and the metrics to keep from every run. The tags drive the strict
// parser and the JSON Schema, as File's do.
type SweepFile struct {
	Name     string `yaml:"name" json:"name" jsonschema:"required,minLength=1,description=Short identifier of the sweep; used in result files."`
	Title    string `yaml:"title,omitempty" json:"title,omitempty" jsonschema:"description=One-line title for charts."`
	Scenario string `yaml:"scenario" json:"scenario" jsonschema:"required,minLength=1,description=The base scenario: a built-in's name or a path relative to this file."`
	Design   string `yaml:"design" json:"design" jsonschema:"required,enum=grid,enum=lhs,enum=sobol,enum=morris,enum=list,description=How points are chosen: grid (every combination of the factors' values)\\, lhs (Latin hypercube of samples points)\\, sobol (Saltelli's design for Sobol indices: samples x (factors + 2) runs)\\, morris (samples trajectories of factors + 1 runs) or list (the rows of the points CSV)."`
	Samples  *int   `yaml:"samples,omitempty" json:"samples,omitempty" jsonschema:"minimum=1,maximum=1000000,description=lhs: points; sobol: base sample N (a power of 2); morris: trajectories."`
	Levels   *int   `yaml:"levels,omitempty" json:"levels,omitempty" jsonschema:"minimum=2,maximum=100,description=morris: grid levels of each factor's range. Default: 4."`
	Points   string `yaml:"points,omitempty" json:"points,omitempty" jsonschema:"description=list: a CSV file (relative to this file) with one column per factor name and one row per point."`

	Seed       *uint64 `yaml:"seed,omitempty" json:"seed,omitempty" jsonschema:"minimum=0,description=Root of the runs' seeds: run k's seed derives from it and k. Default: 1."`
	Replicates *int    `yaml:"replicates,omitempty" json:"replicates,omitempty" jsonschema:"minimum=1,maximum=10000,description=Monte Carlo replicates per point; metrics are their mean. Default: 1."`
	Firms      *int    `yaml:"firms,omitempty" json:"firms,omitempty" jsonschema:"minimum=1,maximum=1000,description=Firms per region and sector. Default: the scenario's."`

	Factors []FactorSpec `yaml:"factors" json:"factors" jsonschema:"required,maxItems=50,description=The scenario fields to vary."`
	Metrics []MetricSpec `yaml:"metrics" json:"metrics" jsonschema:"required,maxItems=200,description=The figures kept from every run: one column each."`
}

// FactorSpec is one varied scenario field.
type FactorSpec struct {
	Path   string    `yaml:"path" json:"path" jsonschema:"required,minLength=1,description=The field as --set names it: policies[us-tariff].rate or parameters.sigmaM.ELEC."`
	Name   string    `yaml:"name,omitempty" json:"name,omitempty" jsonschema:"pattern=^[A-Za-z][A-Za-z0-9_]*$,description=Column name. Default: the path with other characters as _."`
	Values []float64 `yaml:"values,omitempty" json:"values,omitempty" jsonschema:"nullable,maxItems=10000,description=grid: the values to run."`
	Min    *float64  `yaml:"min,omitempty" json:"min,omitempty" jsonschema:"description=Lowest value of the range (grid with steps\\, lhs\\, sobol\\, morris)."`
	Max    *float64  `yaml:"max,omitempty" json:"max,omitempty" jsonschema:"description=Highest value of the range."`
	Steps  *int      `yaml:"steps,omitempty" json:"steps,omitempty" jsonschema:"minimum=2,maximum=10000,description=grid over a range: number of values from min to max."`
	Scale  string    `yaml:"scale,omitempty" json:"scale,omitempty" jsonschema:"enum=linear,enum=log,description=How the range is spread: linear or log (min > 0). Default: linear."`
}

// MetricSpec is one figure kept from every run: a statistic of a series' deviation from its
// baseline, as summary.csv reports them.
type MetricSpec struct {
	Name     string `yaml:"name,omitempty" json:"name,omitempty" jsonschema:"pattern=^[A-Za-z][A-Za-z0-9_]*$,description=Column name. Default: variable_region_sector_stat in lower case."`
	Variable string `yaml:"variable" json:"variable" jsonschema:"required,minLength=1,description=A variable of series.csv\\, e.g. output\\, gdp_real\\, shortage_rate."`
	Region   string `yaml:"region" json:"region" jsonschema:"required,minLength=1,description=A region code or ALL."`
	Sector   string `yaml:"sector,omitempty" json:"sector,omitempty" jsonschema:"description=A sector code or ALL (region-wide variables: ALL). Default: ALL."`
	Stat     string `yaml:"stat" json:"stat" jsonschema:"required,enum=end,enum=peak,enum=trough,enum=mean,enum=cumulative,description=Of the deviation path over the window: end (last month)\\, peak (highest)\\, trough (lowest)\\, mean\\, or cumulative (sum of scenario minus baseline; additive variables)."`
	From     string `yaml:"from,omitempty" json:"from,omitempty" jsonschema:"pattern=^[0-9]{4}-(0[1-9]|1[0-2])$,description=First month of the window YYYY-MM. Default: the scenario start."`
	To       string `yaml:"to,omitempty" json:"to,omitempty" jsonschema:"pattern=^[0-9]{4}-(0[1-9]|1[0-2])$,description=Last month of the window YYYY-MM. Default: the last month."`
}

// Sweep designs.
const (
	DesignGrid   = "grid"
	DesignLHS    = "lhs"
	DesignSobol  = "sobol"
	DesignMorris = "morris"
	DesignList   = "list"
)

// Metric statistics.
const (
	StatEnd        = "end"
	StatPeak       = "peak"
	StatTrough     = "trough"
	StatMean       = "mean"
	StatCumulative = "cumulative"
)

// Limits of a sweep.
const (
	MaxRuns           = 1_000_000 // runs in one sweep: the plan is held in memory (8 bytes a factor a run)
	DefaultLevels     = 4         // Morris (1991) and Campolongo et al. (2007) use 4 levels
	DefaultSweepReps  = 1
	maxSweepFileBytes = 1 << 20
)

// sweepHints are examples of the sweep file's own fields, for "missing" messages.
var sweepHints = map[string]string{
	"scenario": "scenario: tariff-escalation-2025 (a built-in's name or a path)",
	"design":   "design: grid (or lhs, sobol, morris, list)",
	"factors":  "factors: [{path: policies[us-tariff].rate, values: [0.1, 0.25, 0.5]}]",
	"metrics":  "metrics: [{variable: gdp_real, region: USA, stat: trough}]",
	"path":     "path: policies[us-tariff].rate",
	"variable": "variable: gdp_real",
	"region":   "region: USA (or ALL)",
	"stat":     "stat: trough (or peak, end, mean, cumulative)",
}
