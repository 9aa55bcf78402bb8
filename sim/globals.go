package sim

// Globals are the economy-wide behavioural parameters. Scenarios set them by bare name
// ("m: 0.4"). Defaults are in DefaultGlobals with their sources or the word assumption.
type Globals struct {
	M              float64 // share of an income change that reaches household spending at once
	Rho            float64 // monthly smoothing of household income
	Penalty        float64 // reliability penalty on a supplier per unit of unfilled share last month
	Hiring         float64 // share of the employment gap closed per month
	LeakagePremium float64 // price premium on demand routed through ROW around a control
	OrderSmoothing float64 // weight of last month's orders in expected output
	StockClose     float64 // months over which firms close an inventory gap
	WageSpeed      float64 // share of the gap between the nominal wage and its indexed target closed per month
	WageIndexation float64 // share of consumer-price inflation that nominal wages follow in the long run
	Depreciation   float64 // share of idle capacity above base capacity lost per month
	NoiseSD        float64 // SD of the log household demand shock by region and sector (0 = no noise)
	NoiseAR        float64 // monthly persistence of the demand shock, AR(1)
	// Rationing is how a seller short of output serves its orders (MODEL.md §4.6). It is set by
	// name ("proportional", "domestic-first", "loyal-first"; see RationingNames), not as a number.
	Rationing Rationing
}

// Rationing is a seller's rule for serving orders it cannot fill (MODEL.md §4.6).
type Rationing int

// Rationing rules. The zero value is proportional.
const (
	Proportional  Rationing = iota // every order gets the same fill rate (Pichler et al. 2022, the default)
	DomesticFirst                  // orders from the seller's own region first, exports from what is left
	LoyalFirst                     // orders within the buyers' standing shares first; orders diverted from a closed origin last
)

// RationingNames maps the scenario-file spelling of a rationing rule to a Rationing.
var RationingNames = map[string]Rationing{
	"proportional": Proportional, "domestic-first": DomesticFirst, "loyal-first": LoyalFirst,
}

// DefaultGlobals returns the default economy-wide parameters.
func DefaultGlobals() Globals {
	return Globals{
		M:              0.5,  // assumption, MODEL.md §4.3: the rest stands for transfers, savings, public spending
		Rho:            0.8,  // assumption, MODEL.md §4.3
		Penalty:        1.0,  // assumption: a supplier that fails half its orders costs 50% more in buyers' eyes
		Hiring:         0.2,  // assumption: a fifth of the employment gap closes each month
		LeakagePremium: 0.3,  // assumption: smuggled or transshipped chips sell at about a 30% premium
		OrderSmoothing: 0.5,  // assumption: expectations put equal weight on last month and earlier ones
		StockClose:     3,    // assumption: inventory gaps close over a quarter
		WageSpeed:      0.1,  // assumption: nominal wages are sticky, a tenth of the gap closes a month
		WageIndexation: 0.5,  // assumption: half of consumer-price inflation reaches wages in the long run
		Depreciation:   0.01, // assumption: about 11% a year, a common depreciation rate of equipment
		NoiseSD:        0,    // MODEL.md §5: demand noise is off by default
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
	{"stock_close", func(g *Globals) *float64 { return &g.StockClose }},
	{"wage_speed", func(g *Globals) *float64 { return &g.WageSpeed }},
	{"wage_indexation", func(g *Globals) *float64 { return &g.WageIndexation }},
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
