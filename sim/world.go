package sim

import (
	"fmt"
	"math"
)

// Label names a region or a sector.
type Label struct {
	Code        string // short id used in scenario files, e.g. "USA", "REE"
	Name        string
	Description string
}

// SectorParams are the behavioural parameters of one sector (sim/README.md §2). Every default
// value in a world file cites a source or says it is an assumption.
type SectorParams struct {
	SigmaD float64 // Armington elasticity between the domestic good and the import composite (GTAP ESUBD)
	SigmaM float64 // Armington elasticity among import origins (GTAP ESUBM, about 2 x ESUBD)
	Eta    float64 // elasticity of substitution across firms within an origin
	Lambda float64 // sourcing adjustment speed: share of the gap to target shares closed per month
	Tau    float64 // input inventory target, months of use
	TauF   float64 // finished-goods stock target, months of sales
	Kappa  float64 // price adjustment speed of the cost part: share of the gap closed per month
	KappaS float64 // scarcity mark-up per unit of orders in excess of producible output
	KappaD float64 // slack discount per unit of orders below producible output
	Pmax   float64 // price ceiling relative to unit cost (scarcity mark-up at most Pmax)
	Slack  float64 // spare capacity at base, share of base output (0.1 = capacity 110% of base output)
	G      float64 // maximum growth rate of new capacity, share of base capacity per month
	L      float64 // time to build new capacity, months
	Capmax float64 // largest capacity reachable, as a multiple of base capacity
	// Durable is the share of final purchases that wait in a backlog, rather than vanish, when
	// goods are short (car buyers waited in 2021).
	Durable float64
	ThetaL  float64 // labour share of value added
}

// Buyer is a final-demand buyer of a region (sim/README.md §3).
type Buyer int

// Final-demand buyers, in the order of the buyer index of World.Y.
const (
	Households Buyer = iota // households and NPISH (OECD ICIO: HFCE, NPISH, DPABR)
	Government              // government consumption, defence included (GGFC)
	Investment              // gross capital formation (GFCF, INVNT)
	NumBuyers
)

// BuyerCodes are the codes of the buyers in world files (flows.csv's to_use column); a world
// file may also use FD, read as households (a world with one final-demand column).
var BuyerCodes = [NumBuyers]string{"HH", "GOV", "INV"}

// RegionLabour describes a region's labour market (sim/README.md §2, §4.3). A zero field takes its
// default (DefaultLabour) when the engine compiles the world.
type RegionLabour struct {
	Force        float64 // labour force, millions of people (reporting only; 0 = not known)
	Unemployment float64 // base unemployment rate u0, share of the labour force
	Floor        float64 // frictional floor umin: the unemployment rate never falls below it
	JobFinding   float64 // share of the unemployed who can be hired in a month
}

// World is the base data of a simulation (sim/README.md §2): annual flows in Currency at basic prices
// for BaseYear, with all base prices equal to 1 so a base quantity is a base value.
// The flat slices are indexed by dense region (o, d) and sector (i, j) ids; use the index methods.
type World struct {
	Name     string
	BaseYear int
	Currency string // unit of every flow, e.g. "USD billions"
	Regions  []Label
	Sectors  []Label

	Z           []float64      // intermediate sales Z[o,i -> d,j], per year; index ZIndex(o,i,d,j)
	Y           []float64      // final demand Y[o,i -> d,b] by buyer b, per year; index YIndex(o,i,d,b)
	Tariff0     []float64      // base ad valorem tariff t0[o -> d, i]; index TIndex(o,d,i)
	Criticality []float64      // phi[i,j] in [0,1] of input i for user sector j; index i*S+j
	Params      []SectorParams // by sector
	Labour      []RegionLabour // by region
}

// R is the number of regions.
func (w *World) R() int { return len(w.Regions) }

// S is the number of sectors.
func (w *World) S() int { return len(w.Sectors) }

// ZIndex is the index of Z[o,i -> d,j].
func (w *World) ZIndex(o, i, d, j int) int { S, R := w.S(), w.R(); return ((o*S+i)*R+d)*S + j }

// YIndex is the index of Y[o,i -> d,b].
func (w *World) YIndex(o, i, d int, b Buyer) int {
	return ((o*w.S()+i)*w.R()+d)*int(NumBuyers) + int(b)
}

// FinalDemand is the final demand of every buyer of region d for good i from o, per year.
func (w *World) FinalDemand(o, i, d int) float64 {
	k := w.YIndex(o, i, d, 0)
	y := 0.0
	for _, v := range w.Y[k : k+int(NumBuyers)] {
		y += v
	}
	return y
}

// TIndex is the index of the tariff that importer d levies on sector i from exporter o.
func (w *World) TIndex(o, d, i int) int { return (o*w.R()+d)*w.S() + i }

// NewWorld allocates a world with zero flows and tariffs for the given regions and sectors.
func NewWorld(name string, regions, sectors []Label) *World {
	R, S := len(regions), len(sectors)
	return &World{
		Name:        name,
		Regions:     regions,
		Sectors:     sectors,
		Z:           make([]float64, R*S*R*S),
		Y:           make([]float64, R*S*R*int(NumBuyers)),
		Tariff0:     make([]float64, R*R*S),
		Criticality: make([]float64, S*S),
		Params:      make([]SectorParams, S),
		Labour:      make([]RegionLabour, R),
	}
}

// RegionIndex returns the id of a region code.
func (w *World) RegionIndex(code string) (int, bool) { return labelIndex(w.Regions, code) }

// SectorIndex returns the id of a sector code.
func (w *World) SectorIndex(code string) (int, bool) { return labelIndex(w.Sectors, code) }

func labelIndex(ls []Label, code string) (int, bool) {
	for i, l := range ls {
		if l.Code == code {
			return i, true
		}
	}
	return -1, false
}

// RegionCodes lists the region codes in id order.
func (w *World) RegionCodes() []string { return codes(w.Regions) }

// SectorCodes lists the sector codes in id order.
func (w *World) SectorCodes() []string { return codes(w.Sectors) }

func codes(ls []Label) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Code
	}
	return out
}

// Output is gross output X[o,i] = sum of the Z row + sum of the Y row (the row identity).
func (w *World) Output(o, i int) float64 {
	var x float64
	for d := range w.R() {
		for j := range w.S() {
			x += w.Z[w.ZIndex(o, i, d, j)]
		}
		x += w.FinalDemand(o, i, d)
	}
	return x
}

// ValueAdded is the column residual VA[d,j] = X[d,j] - sum_{o,i} Z[o,i->d,j] * (1 + t0[o->d,i]).
func (w *World) ValueAdded(d, j int) float64 {
	va := w.Output(d, j)
	for o := range w.R() {
		for i := range w.S() {
			va -= w.Z[w.ZIndex(o, i, d, j)] * (1 + w.Tariff0[w.TIndex(o, d, i)])
		}
	}
	return va
}

// Check verifies the structural conditions the engine relies on: consistent sizes, finite
// non-negative flows and tariffs, criticality in [0,1], output > 0 and value added > 0 in every
// region-sector. It returns the first problem found.
func (w *World) Check() error {
	R, S := w.R(), w.S()
	if R == 0 || S == 0 {
		return fmt.Errorf("world %q has no regions or no sectors", w.Name)
	}
	if len(w.Z) != R*S*R*S || len(w.Y) != R*S*R*int(NumBuyers) || len(w.Tariff0) != R*R*S ||
		len(w.Criticality) != S*S || len(w.Params) != S || len(w.Labour) != R {
		return fmt.Errorf("world %q: table sizes do not match %d regions and %d sectors", w.Name, R, S)
	}
	for name, xs := range map[string][]float64{"flow": w.Z, "final demand": w.Y, "tariff": w.Tariff0} {
		for _, x := range xs {
			if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
				return fmt.Errorf("world %q: a %s value is %v; values must be finite and not negative", w.Name, name, x)
			}
		}
	}
	for _, x := range w.Criticality {
		if !(x >= 0 && x <= 1) {
			return fmt.Errorf("world %q: a criticality is %v; it must lie in [0, 1]", w.Name, x)
		}
	}
	for o := range R {
		for i := range S {
			if x := w.Output(o, i); !(x > 0) {
				return fmt.Errorf("world %q: %s %s has no output; every region-sector needs positive output", w.Name, w.Regions[o].Code, w.Sectors[i].Code)
			}
			if va := w.ValueAdded(o, i); !(va > 0) {
				return fmt.Errorf("world %q: %s %s has value added %.6g; inputs cost more than output", w.Name, w.Regions[o].Code, w.Sectors[i].Code, va)
			}
		}
	}
	return nil
}

// Clone returns a deep copy of w.
func (w *World) Clone() *World {
	c := *w
	c.Regions = append([]Label(nil), w.Regions...)
	c.Sectors = append([]Label(nil), w.Sectors...)
	c.Z = append([]float64(nil), w.Z...)
	c.Y = append([]float64(nil), w.Y...)
	c.Tariff0 = append([]float64(nil), w.Tariff0...)
	c.Criticality = append([]float64(nil), w.Criticality...)
	c.Params = append([]SectorParams(nil), w.Params...)
	c.Labour = append([]RegionLabour(nil), w.Labour...)
	return &c
}
