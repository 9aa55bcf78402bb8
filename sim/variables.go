package sim

// DevKind says how a variable's deviation from its baseline is expressed (output/README.md, the results folder).
type DevKind int

// Deviation kinds.
const (
	DevPercent DevKind = iota + 1 // levels: 100 * (value / baseline - 1); the difference where baseline is 0
	DevPoints                     // rates: 100 * (value - baseline), percentage points
	// DevDifference is value - baseline in the variable's unit, for signed levels such as the
	// trade balance, whose percent change flips meaning when the baseline is negative.
	DevDifference
)

// Deviation of value from base as kind says; never NaN or Inf for finite inputs.
func Deviation(kind DevKind, value, base float64) float64 {
	switch {
	case kind == DevPoints:
		return 100 * (value - base)
	case kind == DevDifference || base == 0:
		return value - base
	default:
		return 100 * (value/base - 1)
	}
}

// Variable describes one reported metric.
type Variable struct {
	Name string  // column value in series.csv
	Unit string  // for axis labels
	Dev  DevKind // how its deviation is expressed
	// Additive is true when a sum over regions or sectors is meaningful (levels in money or
	// base-price quantities); such variables also get aggregate rows with region or sector ALL.
	Additive bool
}

// RSVar identifies a region x sector metric.
type RSVar int

// Region x sector metrics (sim/README.md §7), in the order of RSVars.
const (
	VarOutput RSVar = iota
	VarPrice
	VarEmployment
	VarExports
	VarImports
	VarInventoryMonths
	VarShortageRate
	VarInputShortageRate
	VarOutputLostShare
	VarTariffRevenue
	VarExportFeeRevenue
	VarProfit
	NumRSVars
)

// RSVars describes the region x sector metrics, indexed by RSVar.
var RSVars = [NumRSVars]Variable{
	{"output", "USD bn per month at base prices", DevPercent, true},
	{"price", "index, base = 1", DevPercent, false},
	{"employment", "labour input, USD bn of base-year wages per month", DevPercent, true},
	{"exports", "USD bn per month at base prices", DevPercent, true},
	{"imports", "USD bn per month at base prices", DevPercent, true},
	{"inventory_months", "months of use", DevPercent, false},
	{"shortage_rate", "share of orders for the output left unfilled", DevPoints, false},
	{"input_shortage_rate", "largest unfilled share of an input's orders", DevPoints, false},
	{"output_lost_share", "share of planned output lost to missing inputs or labour", DevPoints, false},
	{"tariff_revenue", "USD bn per month", DevPercent, true},
	{"export_fee_revenue", "USD bn per month", DevPercent, true},
	{"profit", "USD bn per month", DevPercent, true},
}

// RegionVar identifies a region-wide metric (reported with sector ALL).
type RegionVar int

// Region metrics (sim/README.md §7), in the order of RegionVars.
const (
	VarWelfare RegionVar = iota
	VarGDPReal
	VarCPI
	VarConsumptionReal
	VarUnemploymentRate
	VarWage
	VarExchangeRate
	VarTradeBalance
	VarTradeBalanceShare
	VarGovernmentBalance
	VarRegionTariffRevenue
	VarRegionExportFeeRevenue
	NumRegionVars
)

// RegionVars describes the region metrics, indexed by RegionVar.
var RegionVars = [NumRegionVars]Variable{
	{"welfare", "index, base = 1", DevPercent, false},
	{"gdp_real", "USD bn per month at base prices", DevPercent, true},
	{"cpi", "index, base = 1", DevPercent, false},
	{"consumption_real", "USD bn per month at base prices", DevPercent, true},
	{"unemployment_rate", "share of the labour force", DevPoints, false},
	{"wage", "index, base = 1, local currency", DevPercent, false},
	{"exchange_rate", "USD per unit of local currency, base = 1", DevPercent, false},
	{"trade_balance", "USD bn per month", DevDifference, true},
	{"trade_balance_share", "share of nominal GDP", DevPoints, false},
	{"government_balance", "USD bn per month", DevDifference, true},
	{"tariff_revenue", "USD bn per month", DevPercent, true},
	{"export_fee_revenue", "USD bn per month", DevPercent, true},
}

// FlowVar identifies a route x sector metric.
type FlowVar int

// Route metrics (sim/README.md §7), in the order of FlowVars.
const (
	FlowQuantity FlowVar = iota
	FlowExportPrice
	FlowBuyerPrice
	FlowTariffRate
	NumFlowVars
)

// FlowVars describes the route x sector metrics, indexed by FlowVar.
var FlowVars = [NumFlowVars]Variable{
	{"quantity", "USD bn per month at base prices", DevPercent, true},
	{"export_price", "index, base = 1", DevPercent, false},
	{"buyer_price", "index, base = 1 + base tariff", DevPercent, false},
	{"tariff_rate", "ad valorem rate", DevPoints, false},
}
