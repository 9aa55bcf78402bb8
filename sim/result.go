package sim

// Metrics is the record of one run (one replicate of a scenario or of its baseline): every
// metric of sim/README.md §7 for every month. Slices are flat, indexed by the methods below.
type Metrics struct {
	Steps, R, S int
	RS          [NumRSVars][]float64     // index RSIndex(t, r, s)
	Region      [NumRegionVars][]float64 // index RegionIndex(t, r)
	Flow        [NumFlowVars][]float64   // index FlowIndex(t, o, d, i)
}

// NewMetrics allocates the record of a run of steps months on R regions and S sectors.
func NewMetrics(steps, R, S int) *Metrics {
	m := &Metrics{Steps: steps, R: R, S: S}
	for v := range m.RS {
		m.RS[v] = make([]float64, steps*R*S)
	}
	for v := range m.Region {
		m.Region[v] = make([]float64, steps*R)
	}
	for v := range m.Flow {
		m.Flow[v] = make([]float64, steps*R*R*S)
	}
	return m
}

// RSIndex is the index of region r, sector s in month t (0-based step).
func (m *Metrics) RSIndex(t, r, s int) int { return (t*m.R+r)*m.S + s }

// RegionIndex is the index of region r in month t.
func (m *Metrics) RegionIndex(t, r int) int { return t*m.R + r }

// FlowIndex is the index of exporter o -> importer d, sector i in month t.
func (m *Metrics) FlowIndex(t, o, d, i int) int { return ((t*m.R+o)*m.R+d)*m.S + i }

// Replicate is one Monte Carlo replicate: the scenario and its baseline run with the same draws.
type Replicate struct {
	Index    int
	Scenario *Metrics
	Baseline *Metrics
	// Draws are the parameter multipliers drawn for this replicate, in the order of the
	// scenario's Uncertainty block.
	Draws []float64
}

// Result is the outcome of Run: every replicate, in replicate order whatever the worker count.
type Result struct {
	Scenario   string // scenario name
	Baseline   string // baseline name ("" = the scenario without policies and rules)
	Regions    []string
	Sectors    []string
	Start      Month
	Steps      int
	Seed       uint64
	Firms      int // firms per region-sector
	Replicates []Replicate
	// Fired lists the rules that fired in each replicate, for the record.
	Fired [][]FiredRule
}

// FiredRule records a rule firing.
type FiredRule struct {
	Rule      string
	Condition Month // month whose state met the condition
	Effective Month // month the policy took effect
}

// Date is the calendar month of step t.
func (r *Result) Date(t int) Month { return r.Start + Month(t) }
