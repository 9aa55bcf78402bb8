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
}

// DefaultGlobals returns the default economy-wide parameters.
func DefaultGlobals() Globals {
	return Globals{
		M:              0.5, // assumption, MODEL.md §4.3: the rest stands for transfers, savings, public spending
		Rho:            0.8, // assumption, MODEL.md §4.3
		Penalty:        1.0, // assumption: a supplier that fails half its orders costs 50% more in buyers' eyes
		Hiring:         0.2, // assumption: a fifth of the employment gap closes each month
		LeakagePremium: 0.3, // assumption: smuggled or transshipped chips sell at about a 30% premium
		OrderSmoothing: 0.5, // assumption: expectations put equal weight on last month and earlier ones
		StockClose:     3,   // assumption: inventory gaps close over a quarter
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
