package sim

// Scenario is a resolved scenario: every region and sector reference is a dense id of the world
// it runs on. The scenarios package parses and validates files into this type.
type Scenario struct {
	Name        string
	Title       string
	Description string
	Sources     []string

	Start      Month  // first simulated month
	Horizon    int    // number of monthly steps
	Seed       uint64 // root of every random stream
	Replicates int

	// Parameters override world parameters, applied in order; a wildcard ("sigma.*") applies
	// to every sector and a later, more specific key overrides it.
	Parameters []ParamSetting
	// Uncertainty declares per-replicate random multipliers of parameters (sim/README.md §5).
	Uncertainty []Uncertain

	Policies []Policy
	Rules    []Rule

	// Rationing is how sellers short of output serve their orders (sim/README.md §4.9); the zero
	// value is contracts-first. The baseline runs with the scenario's rule.
	Rationing Rationing
	// Revenue is what happens to tariff and export-fee revenue (sim/README.md §3): saved by the
	// government (the zero value, deficit) or rebated to households. The baseline shares it.
	Revenue Revenue
}

// End is the last simulated month.
func (s *Scenario) End() Month { return s.Start + Month(s.Horizon) - 1 }

// ParamSetting sets one parameter. Key is "name.SECTOR" (sigma.REE), "name.*" (every sector)
// or a global name (see ParameterNames).
type ParamSetting struct {
	Key   string
	Value float64
}

// Dist is a distribution of a per-replicate parameter multiplier.
type Dist int

// The distributions a scenario's uncertainty block may use.
const (
	DistNormal     Dist = iota + 1 // factor ~ Normal(Mean, SD); Mean defaults to 1
	DistLognormal                  // factor = exp(Normal(0, SD)): median 1
	DistUniform                    // factor ~ Uniform(Min, Max)
	DistTriangular                 // factor ~ Triangular(Min, Mode, Max)
)

// DistNames maps the scenario-file spelling of a distribution to its Dist.
var DistNames = map[string]Dist{
	"normal": DistNormal, "lognormal": DistLognormal, "uniform": DistUniform, "triangular": DistTriangular,
}

// Uncertain draws, once per replicate, a multiplier of the parameter(s) that Key names.
// The scenario and its baseline share the draw (common random numbers).
type Uncertain struct {
	Key                      string // as ParamSetting.Key, wildcards allowed
	Dist                     Dist
	Mean, SD, Min, Max, Mode float64
}

// PolicyKind is the instrument of a policy.
type PolicyKind int

// Policy instruments.
const (
	Tariff        PolicyKind = iota + 1 // additional ad valorem tariff levied by the importer
	ExportControl                       // restriction imposed by the exporter's government
	ImportControl                       // the importer's mirror of an export control
	// ExportTax is an ad valorem tax the exporter's government levies on what ships (Rate; a
	// negative rate is a subsidy): the buyer pays it on top of the exporter's price, and it is
	// the exporter's government's revenue (China's export duties and VAT rebates are such levers).
	ExportTax
	// CapacityShock takes a share of the capacity of some sectors in some regions out of use
	// (a factory fire, an earthquake, a lockdown: the standard experiment of dynamic
	// input-output models) from Start to End, coming back linearly over Recovery months after.
	CapacityShock
)

// PolicyKindNames maps the scenario-file spelling to a PolicyKind.
var PolicyKindNames = map[string]PolicyKind{
	"tariff": Tariff, "export_control": ExportControl, "import_control": ImportControl,
	"export_tax": ExportTax, "capacity_shock": CapacityShock,
}

// ControlMode is how an export or import control restricts a route.
type ControlMode int

// Control modes (sim/README.md §4.7).
const (
	Ban     ControlMode = iota + 1 // nothing ships
	Quota                          // at most Limit x base monthly flow ships, rationed across buyers
	License                        // a share Approval of orders is approved and ships after Delay months
)

// ControlModeNames maps the scenario-file spelling to a ControlMode.
var ControlModeNames = map[string]ControlMode{"ban": Ban, "quota": Quota, "license": License}

// FeeBearer says who pays an export fee (a revenue share such as 15% on H20 licences).
type FeeBearer int

// Who bears an export fee.
const (
	FeeExporter FeeBearer = iota + 1 // the exporter's margin: buyer prices do not change
	FeeBuyer                         // added to the buyer's price
)

// FeeBearerNames maps the scenario-file spelling to a FeeBearer.
var FeeBearerNames = map[string]FeeBearer{"exporter": FeeExporter, "buyer": FeeBuyer}

// Policy is one measure on a set of routes (exporter -> importer) and sectors, in force from
// Start to End inclusive.
type Policy struct {
	ID        string
	Kind      PolicyKind
	Exporters []int // region ids
	Importers []int // region ids
	Sectors   []int // sector ids

	Start Month
	End   Month // inclusive; Forever when in force to the end of the horizon

	// Tariff and ExportTax
	Rate    float64 // additional ad valorem rate (0.25 = 25%); an export tax may be negative (a subsidy)
	PhaseIn int     // months over which the rate rises linearly to Rate; 0 = at once

	// Export and import controls
	Mode     ControlMode
	Limit    float64 // quota or licence cap, share of the base monthly flow; 0 with License = no cap
	Approval float64 // License: share of orders approved
	// Delay is the License's months from order to shipment of approved orders. A fractional
	// delay splits them: 0.5 ships half the approved orders the same month and half the next.
	Delay      float64
	Fee        float64 // revenue share paid to the exporter's government on what ships
	FeeBorneBy FeeBearer
	Leakage    float64 // share of denied demand that reaches the buyer through ROW at a premium

	// CapacityShock
	Regions  []int   // region ids whose capacity is hit
	Share    float64 // share of capacity lost while in force
	Recovery int     // months after End over which capacity comes back linearly; 0 = at once
}

// Rule makes a government react: when the condition holds on last month's observed state, the
// Then policy comes into force Lag months later, for Duration months (0 = to the end of the
// horizon), and the Lift policies end the month before that. Then's Start and End are ignored.
type Rule struct {
	ID       string
	When     string  // expression, see CompileCondition
	Then     *Policy // the measure the rule puts in force; nil when the rule only lifts policies
	Lift     []int   // ids (indices into Scenario.Policies) of policies the rule ends: a truce
	Duration int     // months the fired policy stays in force; 0 = to the end of the horizon
	Lag      int     // months between the condition holding and the policy taking effect
	Once     bool    // fire at most once
	Cooldown int     // months after firing before the rule may fire again (ignored with Once)
}
