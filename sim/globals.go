package sim

// Globals are the economy-wide behavioural parameters. Scenarios set them by bare name
// ("m: 0.4"). Defaults are in DefaultGlobals with their sources or the word assumption.
type Globals struct {
	M              float64 // share of household spending that follows smoothed income; the rest is real (CPI-indexed)
	Rho            float64 // monthly smoothing of household income
	Penalty        float64 // reliability penalty on a supplier per unit of unfilled share last month
	Hiring         float64 // share of a firm's excess employment shed per month (layoffs)
	LeakagePremium float64 // price premium on demand routed through ROW around a control
	OrderSmoothing float64 // weight of last month's orders in expected output
	ReturnSpeed    float64 // how many times faster a buyer returns to a supplier it used before than it qualifies a new one
	StockClose     float64 // months over which firms close an inventory gap
	WageIndexation float64 // iota: share of last month's CPI inflation that nominal wages follow
	Psi            float64 // wage Phillips-curve slope: wage growth a year per unit of unemployment gap
	Overtime       float64 // output a month can exceed what the employed make at normal hours, share
	Zeta           float64 // demand stabiliser: growth of A a month per unit of unemployment gap
	ZetaD          float64 // demand stabiliser: damping on the change of the unemployment rate
	ZetaY          float64 // demand stabiliser: spending response to the smoothed demand gap (proportional, no memory)
	Xi             float64 // exchange rate: log change a month per unit of smoothed real trade-balance gap, in units of base openness
	XiD            float64 // exchange rate: damping on the change of the smoothed trade balance
	FxCap          float64 // largest log change of an exchange rate in a month
	TbSmoothing    float64 // months over which the trade balance that moves exchange rates is smoothed
	Depreciation   float64 // share of idle capacity above base capacity lost per month
	NoiseSD        float64 // SD of the log household demand shock by region and sector (0 = no noise)
	NoiseAR        float64 // monthly persistence of the demand shock, AR(1)
	// Rationing is how a seller short of output serves its orders (sim/README.md §4.9). It is set by
	// name (see RationingNames), not as a number.
	Rationing Rationing
	// Revenue says what happens to tariff and export-fee revenue (sim/README.md §3). Set by name.
	Revenue Revenue
}

// Rationing is a seller's rule for serving orders it cannot fill (sim/README.md §4.9).
type Rationing int

// Rationing rules. The zero value is contracts-first.
const (
	// ContractsFirst: orders within the buyers' standing shares first, orders diverted to the
	// seller from a closed route last, each class pro rata (the default: magnet makers outside
	// China sell under offtake contracts, and diverted buyers queue; see doc.go).
	ContractsFirst Rationing = iota
	Proportional             // every order gets the same fill rate (Pichler et al. 2022)
	DomesticFirst            // orders from the seller's own region first, exports from what is left
)

// RationingNames maps the scenario-file spelling of a rationing rule to a Rationing.
// "loyal-first" is the name version 1 of the model gave contracts-first (RationingAliases).
var RationingNames = map[string]Rationing{
	"contracts-first": ContractsFirst, "proportional": Proportional, "domestic-first": DomesticFirst,
	"loyal-first": ContractsFirst,
}

// RationingAliases maps an old spelling of a rationing rule to its current name.
var RationingAliases = map[string]string{"loyal-first": "contracts-first"}

// Revenue is the use of tariff and export-fee revenue (sim/README.md §3).
type Revenue int

// Revenue uses. The zero value is deficit.
const (
	// RevenueDeficit: the government saves the revenue (it lowers the deficit); household
	// income does not include it, as the Yale Budget Lab and CBO score tariffs.
	RevenueDeficit Revenue = iota
	// RevenueRebate: the revenue is returned to households as income (GTAP's regional household).
	RevenueRebate
)

// RevenueNames maps the scenario-file spelling of a revenue use to a Revenue.
var RevenueNames = map[string]Revenue{"deficit": RevenueDeficit, "rebate": RevenueRebate}

// DefaultGlobals returns the default economy-wide parameters.
func DefaultGlobals() Globals {
	return Globals{
		M:              0.5,  // assumption (sim/README.md §3): half of spending follows income, half is real
		Rho:            0.8,  // assumption (sim/README.md §3): income smoothed with a half-life of about 3 months
		Penalty:        1.0,  // assumption: a supplier that fails half its orders costs 50% more in buyers' eyes
		Hiring:         0.2,  // assumption: a fifth of excess employment is shed each month
		LeakagePremium: 0.3,  // assumption: smuggled or transshipped chips sell at about a 30% premium
		OrderSmoothing: 0.5,  // assumption: expectations put equal weight on last month and earlier ones
		ReturnSpeed:    1,    // off by default: a faster return biases shares upward when targets waver (doc.go); scenarios draw 1-4
		StockClose:     3,    // assumption: inventory gaps close over a quarter
		WageIndexation: 0.25, // assumption: partial indexation; near-full indexation to tariff-inflated prices oscillates (doc.go)
		Psi:            0.5,  // assumption in the range of wage Phillips-curve slopes (Galí 2011): 0.5 points of wage growth a year per point of unemployment
		Overtime:       0.03, // assumption: average weekly hours move by about 3% over the US cycle (BLS CES)
		Zeta:           0.1,  // calibrated on the default world with zetaY, see doc.go
		ZetaD:          2,    // assumption: damping that keeps the stabiliser from overshooting (prototype)
		ZetaY:          1,    // calibrated on the default world with zeta, see doc.go
		Xi:             0.08, // calibrated on the default world, see doc.go
		XiD:            1,    // calibrated on the default world, see doc.go
		FxCap:          0.02, // assumption: at most 2% a month, the size of large monthly moves of major currencies
		TbSmoothing:    3,    // calibrated on the default world with xi and xiD, see doc.go
		Depreciation:   0.01, // assumption: about 11% a year, a common depreciation rate of equipment
		NoiseSD:        0,    // sim/README.md §5: demand noise is off by default
		NoiseAR:        0.5,  // assumption: a demand shock halves each month
	}
}

var globalParams = []struct {
	name  string
	field func(*Globals) *float64
}{
	{"m", func(g *Globals) *float64 { return &g.M }},
	{"rho", func(g *Globals) *float64 { return &g.Rho }},
	{"penalty", func(g *Globals) *float64 { return &g.Penalty }},
	{"hiring", func(g *Globals) *float64 { return &g.Hiring }},
	{"leakage_premium", func(g *Globals) *float64 { return &g.LeakagePremium }},
	{"order_smoothing", func(g *Globals) *float64 { return &g.OrderSmoothing }},
	{"return_speed", func(g *Globals) *float64 { return &g.ReturnSpeed }},
	{"stock_close", func(g *Globals) *float64 { return &g.StockClose }},
	{"wage_indexation", func(g *Globals) *float64 { return &g.WageIndexation }},
	{"psi", func(g *Globals) *float64 { return &g.Psi }},
	{"overtime", func(g *Globals) *float64 { return &g.Overtime }},
	{"zeta", func(g *Globals) *float64 { return &g.Zeta }},
	{"zetaD", func(g *Globals) *float64 { return &g.ZetaD }},
	{"zetaY", func(g *Globals) *float64 { return &g.ZetaY }},
	{"xi", func(g *Globals) *float64 { return &g.Xi }},
	{"xiD", func(g *Globals) *float64 { return &g.XiD }},
	{"fx_cap", func(g *Globals) *float64 { return &g.FxCap }},
	{"tb_smoothing", func(g *Globals) *float64 { return &g.TbSmoothing }},
	{"depreciation", func(g *Globals) *float64 { return &g.Depreciation }},
	{"noise_sd", func(g *Globals) *float64 { return &g.NoiseSD }},
	{"noise_ar", func(g *Globals) *float64 { return &g.NoiseAR }},
}

// GlobalParamNames lists the global parameter names a scenario may set.
func GlobalParamNames() []string {
	out := make([]string, len(globalParams))
	for i, p := range globalParams {
		out[i] = p.name
	}
	return out
}

func globalParamIndex(name string) (int, bool) {
	for i, p := range globalParams {
		if p.name == name {
			return i, true
		}
	}
	return -1, false
}

// GlobalParam returns a pointer to the named field of g, or nil for an unknown name.
func GlobalParam(g *Globals, name string) *float64 {
	if i, ok := globalParamIndex(name); ok {
		return globalParams[i].field(g)
	}
	return nil
}
