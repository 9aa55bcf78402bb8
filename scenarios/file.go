package scenarios

// File is a scenario file as written (scenarios/README.md documents every field). Optional
// numbers are pointers so that "absent" and "0" differ (approval: 0 means no licence granted).
// The yaml tags drive the strict parser, the json and jsonschema tags the JSON Schema; a field
// marked jsonschema:"required" is required by both, and one marked jsonschema:"nullable" may be
// null in both, which means the same as leaving it out. A comma inside a jsonschema tag's
// description is written \\, in the tag: an escaped comma (the reflector splits on the others).
type File struct {
	Name        string   `yaml:"name" json:"name" jsonschema:"required,minLength=1,maxLength=64,description=Short identifier of the scenario (letters and digits and . _ -); names the results folder and result files."`
	Title       string   `yaml:"title,omitempty" json:"title,omitempty" jsonschema:"description=One-line title for charts and briefs."`
	Description string   `yaml:"description,omitempty" json:"description,omitempty" jsonschema:"description=What the scenario assumes and why."`
	Sources     []string `yaml:"sources,omitempty" json:"sources,omitempty" jsonschema:"nullable,description=Where the policy facts come from."`

	World      string  `yaml:"world,omitempty" json:"world,omitempty" jsonschema:"description=default or a path to a world folder (relative to this file). Default: default."`
	Start      string  `yaml:"start" json:"start" jsonschema:"required,pattern=^[0-9]{4}-(0[1-9]|1[0-2])$,description=First simulated month YYYY-MM."`
	Horizon    int     `yaml:"horizon" json:"horizon" jsonschema:"required,minimum=1,maximum=600,description=Number of simulated months."`
	Seed       *uint64 `yaml:"seed,omitempty" json:"seed,omitempty" jsonschema:"minimum=0,description=Root of every random stream. Default: 1."`
	Replicates *int    `yaml:"replicates,omitempty" json:"replicates,omitempty" jsonschema:"minimum=1,maximum=10000,description=Monte Carlo replicates. Default: 20."`
	Firms      *int    `yaml:"firms,omitempty" json:"firms,omitempty" jsonschema:"minimum=1,maximum=1000,description=Firms per region and sector. Default: 30."`
	Rationing  string  `yaml:"rationing,omitempty" json:"rationing,omitempty" jsonschema:"enum=contracts-first,enum=proportional,enum=domestic-first,enum=loyal-first,description=How sellers short of output serve orders: contracts-first (standing customers before orders diverted from a closed route; loyal-first is its old name)\\, proportional or domestic-first. Default: contracts-first."`
	Revenue    string  `yaml:"revenue,omitempty" json:"revenue,omitempty" jsonschema:"enum=deficit,enum=rebate,description=Tariff and export-fee revenue: deficit (the government saves it) or rebate (returned to households as income). Default: deficit."`
	Baseline   *string `yaml:"baseline,omitempty" json:"baseline" jsonschema:"nullable,description=null (the scenario without policies and rules) or another scenario's name or path."`

	Parameters  Parameters  `yaml:"parameters,omitempty" json:"parameters,omitempty" jsonschema:"nullable,description=Parameter overrides such as sigmaM.REE: 0.5 or sigmaD.*: 2."`
	Uncertainty Uncertainty `yaml:"uncertainty,omitempty" json:"uncertainty,omitempty" jsonschema:"nullable,description=Per-replicate random multipliers of parameters."`

	Policies []PolicySpec `yaml:"policies,omitempty" json:"policies,omitempty" jsonschema:"nullable,maxItems=1000,description=Scheduled measures; empty or null: none."`
	Rules    []RuleSpec   `yaml:"rules,omitempty" json:"rules,omitempty" jsonschema:"nullable,maxItems=200,description=Reactions (empty or null: none): when a condition holds a measure comes into force or policies are lifted."`
}

// Measure is what a policy or a rule's `then` puts in force: a tariff, an export control or an
// import control on routes exporter -> importer for some sectors.
type Measure struct {
	Type     string `yaml:"type" json:"type" jsonschema:"required,enum=tariff,enum=export_tax,enum=export_control,enum=import_control,enum=capacity_shock,description=capacity_shock: a share of some sectors' capacity out of use in some regions (a fire\\, an earthquake\\, a lockdown); tariff: an ad valorem rate levied by the importer; export_tax: an ad valorem rate levied by the exporter's government (negative: a subsidy); export_control: imposed by the exporter's government; import_control: its mirror imposed by the importer."`
	Exporter Codes  `yaml:"exporter,omitempty" json:"exporter,omitempty" jsonschema:"description=Exporting region(s): a code\\, a list of codes\\, or all. Required by every type but capacity_shock."`
	Importer Codes  `yaml:"importer,omitempty" json:"importer,omitempty" jsonschema:"description=Importing region(s): a code\\, a list of codes\\, or all. Required by every type but capacity_shock."`
	Region   Codes  `yaml:"region,omitempty" json:"region,omitempty" jsonschema:"description=capacity_shock: the region(s) whose capacity is hit: a code\\, a list of codes\\, or all."`
	Sectors  Codes  `yaml:"sectors" json:"sectors" jsonschema:"required,description=Sector(s): a code\\, a list of codes\\, or all."`

	Rate    *float64 `yaml:"rate,omitempty" json:"rate,omitempty" jsonschema:"minimum=-0.99,maximum=10,description=tariff: additional ad valorem rate on top of base tariffs (0.25 is 25%\\, from 0); export_tax: rate on the exporter's price (from -0.99: a negative rate is a subsidy)."`
	PhaseIn *int     `yaml:"phase_in,omitempty" json:"phase_in,omitempty" jsonschema:"minimum=0,maximum=600,description=tariff and export_tax: months over which the rate rises linearly. Default: 0."`

	Mode       string   `yaml:"mode,omitempty" json:"mode,omitempty" jsonschema:"enum=ban,enum=quota,enum=license,description=export_control and import_control: ban\\, quota or license."`
	Limit      *float64 `yaml:"limit,omitempty" json:"limit,omitempty" jsonschema:"minimum=0,maximum=1,description=quota (required) or license (optional cap): share of the base monthly flow that may ship."`
	Approval   *float64 `yaml:"approval,omitempty" json:"approval,omitempty" jsonschema:"minimum=0,maximum=1,description=license: share of orders approved."`
	Delay      *float64 `yaml:"delay,omitempty" json:"delay,omitempty" jsonschema:"minimum=0,maximum=120,description=license: months from order to shipment; a fraction splits the approved orders (0.5: half ship the same month and half the next). Default: 0."`
	Fee        *float64 `yaml:"fee,omitempty" json:"fee,omitempty" jsonschema:"minimum=0,exclusiveMaximum=1,description=export_control: revenue share paid to the exporter's government on what ships."`
	FeeBorneBy string   `yaml:"fee_borne_by,omitempty" json:"fee_borne_by,omitempty" jsonschema:"enum=exporter,enum=buyer,description=Who pays the fee. Default: exporter."`
	Share      *float64 `yaml:"share,omitempty" json:"share,omitempty" jsonschema:"minimum=0,maximum=1,description=capacity_shock: share of the sectors' capacity out of use: 0.3 is 30%."`
	Recovery   *int     `yaml:"recovery,omitempty" json:"recovery,omitempty" jsonschema:"minimum=0,maximum=120,description=capacity_shock: months after end over which capacity comes back linearly. Default: 0 (at once)."`
	Leakage    *float64 `yaml:"leakage,omitempty" json:"leakage,omitempty" jsonschema:"minimum=0,maximum=1,description=Share of denied demand that reaches the buyer through ROW at a premium."`
}

// PolicySpec is a scheduled measure with an id and the months it is in force.
type PolicySpec struct {
	ID      string `yaml:"id" json:"id" jsonschema:"required,minLength=1,description=Unique among policies and rules; names the policy in charts and in a rule's lift."`
	Measure `yaml:",inline"`
	Start   string  `yaml:"start,omitempty" json:"start,omitempty" jsonschema:"pattern=^[0-9]{4}-(0[1-9]|1[0-2])$,description=First month in force YYYY-MM. Default: the scenario start."`
	End     *string `yaml:"end,omitempty" json:"end,omitempty" jsonschema:"nullable,pattern=^[0-9]{4}-(0[1-9]|1[0-2])$,description=Last month in force YYYY-MM inclusive; null = to the end of the horizon."`
}

// RuleSpec is a government's reaction: when the condition holds on last month's state, the
// `then` measure comes into force lag months later, and the `lift` policies end.
type RuleSpec struct {
	ID       string   `yaml:"id" json:"id" jsonschema:"required,minLength=1,description=Unique among policies and rules; the measure the rule puts in force carries it."`
	When     string   `yaml:"when" json:"when" jsonschema:"required,minLength=1,description=Boolean expression over tariff() imports() output_dev() price_dev() shortage() month date."`
	Then     *Measure `yaml:"then,omitempty" json:"then,omitempty" jsonschema:"description=The measure that comes into force when the rule fires."`
	Lift     []string `yaml:"lift,omitempty" json:"lift,omitempty" jsonschema:"description=Ids of policies the rule ends (a truce)."`
	Duration *int     `yaml:"duration,omitempty" json:"duration,omitempty" jsonschema:"minimum=0,maximum=600,description=Months the measure stays in force; 0 = to the end of the horizon. Default: 0."`
	Lag      *int     `yaml:"lag,omitempty" json:"lag,omitempty" jsonschema:"minimum=0,maximum=600,description=Months from the condition holding to the measure taking effect. Default: 0."`
	Once     *bool    `yaml:"once,omitempty" json:"once,omitempty" jsonschema:"description=Fire at most once. Default: false."`
	Cooldown *int     `yaml:"cooldown,omitempty" json:"cooldown,omitempty" jsonschema:"minimum=0,maximum=600,description=Months after firing before the rule may fire again (not with once)."`
}

// DistSpec is the distribution of a per-replicate parameter multiplier.
type DistSpec struct {
	Dist string   `yaml:"dist" json:"dist" jsonschema:"required,enum=normal,enum=lognormal,enum=uniform,enum=triangular,description=Distribution of the multiplier: normal takes sd and mean; lognormal sd (of the log); uniform min and max; triangular min and mode and max."`
	Mean *float64 `yaml:"mean,omitempty" json:"mean,omitempty" jsonschema:"description=normal: mean of the multiplier. Default: 1."`
	SD   *float64 `yaml:"sd,omitempty" json:"sd,omitempty" jsonschema:"exclusiveMinimum=0,description=normal and lognormal: standard deviation (of the log for lognormal)."`
	Min  *float64 `yaml:"min,omitempty" json:"min,omitempty" jsonschema:"exclusiveMinimum=0,description=uniform and triangular: smallest multiplier."`
	Max  *float64 `yaml:"max,omitempty" json:"max,omitempty" jsonschema:"exclusiveMinimum=0,description=uniform and triangular: largest multiplier."`
	Mode *float64 `yaml:"mode,omitempty" json:"mode,omitempty" jsonschema:"exclusiveMinimum=0,description=triangular: most likely multiplier."`
}

// Default values of optional scenario fields.
const (
	DefaultWorld      = "default"
	DefaultSeed       = 1  // assumption: any fixed seed; results are reproducible for a given seed
	DefaultReplicates = 20 // assumption: enough for p05-p95 bands on a laptop (the scenario file example)
)
