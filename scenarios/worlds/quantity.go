package worlds

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/tradesim/tradesim/sim"
)

// A Quantity is a figure measured on a world, written as in targets.csv:
//
//	gdp(R)                 sum of value added over R's sectors (basic prices; tariffs are a cost)
//	output(R,G)            gross output (row sum) of sectors G in R; R may be * for the world
//	va(R,G)                value added of sectors G in R
//	va_share(R,G)          va(R,G) / gdp(R)
//	supply_share(R,G)      output(R,G) / output(*,G)
//	exports(R,G)           sales of G from R to every other region, intermediate and final
//	imports(R,G)           purchases of G by R from every other region
//	trade(O,D,G)           sales of G from O to D (O != D), intermediate and final
//	import_share(O,D,G)    trade(O,D,G) / imports(D,G): O's share of D's imports of G
//	source_share(O,D,G)    O's share of all D's purchases of G, home included (O may be D)
//	export_share(O,G)      exports(O,G) / sum over regions of exports(R,G)
//	fd(R,G)                final demand of R for G, from every origin (domestic and imported)
//	final(R,B,G)           final demand of buyer B of R (HH, GOV or INV) for G, from every origin
//	balance(R,G)           exports(R,G) - imports(R,G): R's trade balance in G
//	balance2(A,B,G)        trade(A,B,G) - trade(B,A,G): A's balance with B in G
//	trade2(A,B,G)          trade(A,B,G) + trade(B,A,G): total trade between two regions
//	avg_tariff(O,D,G)      D's base tariff on G from O, weighted by the trade flows of each sector
//	domestic(R,G)          sales of G from R to R itself, intermediate and final
//	inputs(R,J,G)          intermediate purchases of inputs G by sector J of region R, from every origin
//	input_share(O,R,J,G)   O's share of inputs(R,J,G)
//
// G is a sector code, several joined by + (SEMI+AIC), "all", or "goods" (every sector but SRV,
// the services sector of the default world; document other conventions in your targets file).
type Quantity struct {
	Text    string
	Func    string
	Regions []int     // region arguments; -1 for *
	Sectors [][]int   // sector-group arguments
	User    int       // the using sector of inputs and input_share
	Buyer   sim.Buyer // the final-demand buyer of final
}

var quantityRE = regexp.MustCompile(`^([a-z_0-9]+)\(([^()]*)\)$`)

// quantitySigs gives the argument kinds of each function: r = region, R = region or *, g = group,
// s = sector, b = final-demand buyer (sim.BuyerCodes).
var quantitySigs = map[string]string{
	"gdp": "r", "output": "Rg", "va": "rg", "va_share": "rg", "supply_share": "rg",
	"exports": "rg", "imports": "rg", "trade": "rrg", "import_share": "rrg", "source_share": "rrg", "export_share": "rg", "fd": "rg",
	"trade2": "rrg", "avg_tariff": "rrg", "domestic": "rg", "inputs": "rsg", "input_share": "rrsg",
	"final": "rbg", "balance": "rg", "balance2": "rrg",
}

// ParseQuantity parses a quantity against the codes of w.
func ParseQuantity(s string, w *sim.World) (Quantity, error) {
	q := Quantity{Text: s}
	m := quantityRE.FindStringSubmatch(strings.ReplaceAll(s, " ", ""))
	if m == nil {
		return q, fmt.Errorf("%q is not a quantity such as trade(CHN,USA,goods)", s)
	}
	q.Func = m[1]
	sig, ok := quantitySigs[m[1]]
	if !ok {
		names := make([]string, 0, len(quantitySigs))
		for k := range quantitySigs {
			names = append(names, k)
		}
		slices.Sort(names)
		return q, fmt.Errorf("unknown function %q in %q; functions are %s", m[1], s, strings.Join(names, ", "))
	}
	args := strings.Split(m[2], ",")
	if len(args) != len(sig) {
		return q, fmt.Errorf("%s takes %d arguments, %q has %d", m[1], len(sig), s, len(args))
	}
	for k, a := range args {
		switch sig[k] {
		case 'r', 'R':
			if a == "*" && sig[k] == 'R' {
				q.Regions = append(q.Regions, -1)
				continue
			}
			r, ok := w.RegionIndex(a)
			if !ok {
				return q, fmt.Errorf("unknown region %q in %q", a, s)
			}
			q.Regions = append(q.Regions, r)
		case 's':
			j, ok := w.SectorIndex(a)
			if !ok {
				return q, fmt.Errorf("unknown sector %q in %q", a, s)
			}
			q.User = j
		case 'b':
			b, ok := buyerCode(a)
			if !ok {
				return q, fmt.Errorf("unknown buyer %q in %q; buyers are %s", a, s, strings.Join(sim.BuyerCodes[:], ", "))
			}
			q.Buyer = b
		case 'g':
			g, err := sectorGroup(a, w)
			if err != nil {
				return q, fmt.Errorf("%w in %q", err, s)
			}
			q.Sectors = append(q.Sectors, g)
		}
	}
	if len(q.Regions) == 2 && q.Regions[0] == q.Regions[1] && q.Func != "input_share" && q.Func != "source_share" {
		if q.Regions[0] == q.Regions[1] {
			return q, fmt.Errorf("%q: origin and destination must differ", s)
		}
	}
	return q, nil
}

func sectorGroup(a string, w *sim.World) ([]int, error) {
	var g []int
	switch a {
	case "all", "goods":
		for j, s := range w.Sectors {
			if a == "all" || s.Code != "SRV" {
				g = append(g, j)
			}
		}
		return g, nil
	}
	for _, c := range strings.Split(a, "+") {
		j, ok := w.SectorIndex(c)
		if !ok {
			return nil, fmt.Errorf("unknown sector %q", c)
		}
		g = append(g, j)
	}
	return g, nil
}

// Cells lists the flow cells whose sum a quantity is: an index k < len(w.Z) is w.Z[k], otherwise
// w.Y[k-len(w.Z)]. For a share, num lists the numerator's cells and den the denominator's (num is
// a subset of den). ok is false for quantities that are not sums of flows (gdp, va, output, ...).
func (q Quantity) Cells(w *sim.World) (num, den []int, ok bool) {
	R, S, nZ := w.R(), w.S(), len(w.Z)
	sales := func(o, d int, g []int) []int { // every use in d of g from o
		var cs []int
		for _, i := range g {
			for j := range S {
				cs = append(cs, w.ZIndex(o, i, d, j))
			}
			for b := range sim.NumBuyers {
				cs = append(cs, nZ+w.YIndex(o, i, d, b))
			}
		}
		return cs
	}
	switch q.Func {
	case "trade":
		return sales(q.Regions[0], q.Regions[1], q.Sectors[0]), nil, true
	case "domestic":
		return sales(q.Regions[0], q.Regions[0], q.Sectors[0]), nil, true
	case "inputs", "input_share":
		d := q.Regions[len(q.Regions)-1]
		for o := range R {
			for _, i := range q.Sectors[0] {
				k := w.ZIndex(o, i, d, q.User)
				den = append(den, k)
				if q.Func == "input_share" && o == q.Regions[0] {
					num = append(num, k)
				}
			}
		}
		if q.Func == "inputs" {
			return den, nil, true
		}
		return num, den, true
	case "trade2":
		return append(sales(q.Regions[0], q.Regions[1], q.Sectors[0]), sales(q.Regions[1], q.Regions[0], q.Sectors[0])...), nil, true
	case "exports", "imports":
		var cs []int
		for x := range R {
			if x == q.Regions[0] {
				continue
			}
			if q.Func == "exports" {
				cs = append(cs, sales(q.Regions[0], x, q.Sectors[0])...)
			} else {
				cs = append(cs, sales(x, q.Regions[0], q.Sectors[0])...)
			}
		}
		return cs, nil, true
	case "import_share", "source_share":
		o, d := q.Regions[0], q.Regions[1]
		num = sales(o, d, q.Sectors[0])
		for x := range R {
			if x != d || q.Func == "source_share" {
				den = append(den, sales(x, d, q.Sectors[0])...)
			}
		}
		return num, den, true
	case "fd", "final":
		var cs []int
		for o := range R {
			for _, i := range q.Sectors[0] {
				for b := range sim.NumBuyers {
					if q.Func == "fd" || b == q.Buyer {
						cs = append(cs, nZ+w.YIndex(o, i, q.Regions[0], b))
					}
				}
			}
		}
		return cs, nil, true
	}
	return nil, nil, false
}

// Terms lists the cells of a difference quantity (balance, balance2): the quantity is the sum of
// plus less the sum of minus. ok is false for other quantities. Cell indices are as in Cells.
func (q Quantity) Terms(w *sim.World) (plus, minus []int, ok bool) {
	switch q.Func {
	case "balance":
		ex := Quantity{Func: "exports", Regions: q.Regions, Sectors: q.Sectors}
		im := Quantity{Func: "imports", Regions: q.Regions, Sectors: q.Sectors}
		return ex.mustCells(w), im.mustCells(w), true
	case "balance2":
		ab := Quantity{Func: "trade", Regions: q.Regions, Sectors: q.Sectors}
		ba := Quantity{Func: "trade", Regions: []int{q.Regions[1], q.Regions[0]}, Sectors: q.Sectors}
		return ab.mustCells(w), ba.mustCells(w), true
	}
	return nil, nil, false
}

// Eval measures q on w.
func (q Quantity) Eval(w *sim.World) float64 {
	cell := func(k int) float64 {
		if k < len(w.Z) {
			return w.Z[k]
		}
		return w.Y[k-len(w.Z)]
	}
	sum := func(cs []int) float64 {
		var s float64
		for _, k := range cs {
			s += cell(k)
		}
		return s
	}
	if plus, minus, ok := q.Terms(w); ok {
		return sum(plus) - sum(minus)
	}
	if num, den, ok := q.Cells(w); ok {
		if den == nil {
			return sum(num)
		}
		return ratio(sum(num), sum(den))
	}
	regions := func(r int) []int {
		if r >= 0 {
			return []int{r}
		}
		rs := make([]int, w.R())
		for k := range rs {
			rs[k] = k
		}
		return rs
	}
	output := func(r int, g []int) float64 {
		var x float64
		for _, o := range regions(r) {
			for _, i := range g {
				x += w.Output(o, i)
			}
		}
		return x
	}
	va := func(r int, g []int) float64 {
		var x float64
		for _, i := range g {
			x += w.ValueAdded(r, i)
		}
		return x
	}
	all := make([]int, w.S())
	for j := range all {
		all[j] = j
	}
	switch q.Func {
	case "gdp":
		return va(q.Regions[0], all)
	case "output":
		return output(q.Regions[0], q.Sectors[0])
	case "va":
		return va(q.Regions[0], q.Sectors[0])
	case "va_share":
		return ratio(va(q.Regions[0], q.Sectors[0]), va(q.Regions[0], all))
	case "supply_share":
		return ratio(output(q.Regions[0], q.Sectors[0]), output(-1, q.Sectors[0]))
	case "avg_tariff":
		o, d := q.Regions[0], q.Regions[1]
		var num, den float64
		for _, i := range q.Sectors[0] {
			v := sum(Quantity{Func: "trade", Regions: []int{o, d}, Sectors: [][]int{{i}}}.mustCells(w))
			num += v * w.Tariff0[w.TIndex(o, d, i)]
			den += v
		}
		return ratio(num, den)
	case "export_share":
		var tot float64
		for r := range w.R() {
			tot += Quantity{Func: "exports", Regions: []int{r}, Sectors: q.Sectors}.Eval(w)
		}
		return ratio(Quantity{Func: "exports", Regions: q.Regions, Sectors: q.Sectors}.Eval(w), tot)
	}
	panic("worlds: unhandled quantity " + q.Func) // ParseQuantity admits only the functions above
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func (q Quantity) mustCells(w *sim.World) []int {
	cs, _, _ := q.Cells(w)
	return cs
}
