package worlds

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"testing/fstest"

	"pgregory.net/rapid"

	"github.com/tradesim/tradesim/sim"
)

// TestAggregationKeepsTotalsProperty: for random tables and random mappings (many-to-one and
// split by shares), every aggregated row equals the share-weighted sum of the source rows mapped
// to it, and world intermediate and final totals are kept, to 1e-9 relative (the order of float
// additions is all that differs).
func TestAggregationKeepsTotalsProperty(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		R := rapid.IntRange(1, 4).Draw(rt, "R")
		S := rapid.IntRange(1, 4).Draw(rt, "S")
		var regions, sectors []sim.Label
		for r := range R {
			regions = append(regions, sim.Label{Code: fmt.Sprintf("R%d", r)})
		}
		for s := range S {
			sectors = append(sectors, sim.Label{Code: fmt.Sprintf("S%d", s)})
		}
		w := sim.NewWorld("src", regions, sectors)
		for k := range w.Z {
			if rapid.Bool().Draw(rt, "nz") {
				w.Z[k] = rapid.Float64Range(0, 10).Draw(rt, "z")
			}
		}
		for k := range w.Y {
			w.Y[k] = rapid.Float64Range(1, 100).Draw(rt, "y")
		}
		// Final demand large enough that value added stays positive in every column.
		for d := range R {
			for j := range S {
				w.Y[w.YIndex(d, j, d, sim.Households)] += 10 * float64(R*S)
			}
		}
		flows := encodeFlows(w)
		// Mapping: regions to 1..R targets; each sector to one target or split over two.
		nr := rapid.IntRange(1, R).Draw(rt, "targets")
		regionTo := make([]int, R)
		var m strings.Builder
		m.WriteString("kind,from,to,share\n")
		for r := range R {
			regionTo[r] = rapid.IntRange(0, nr-1).Draw(rt, "to")
			fmt.Fprintf(&m, "region,R%d,T%d\n", r, regionTo[r])
		}
		type split struct {
			to    string
			share float64
		}
		sectorTo := make([][]split, S)
		for s := range S {
			if rapid.Bool().Draw(rt, "split") {
				a := rapid.Float64Range(0.01, 0.99).Draw(rt, "share")
				sectorTo[s] = []split{{"A", a}, {"B", 1 - a}}
			} else {
				sectorTo[s] = []split{{fmt.Sprintf("S%d", s), 1}}
			}
			for _, sp := range sectorTo[s] {
				fmt.Fprintf(&m, "sector,S%d,%s,%s\n", s, sp.to, num(sp.share))
			}
		}
		mp, err := ReadMapping(fstest.MapFS{"m.csv": {Data: []byte(m.String())}}, "m.csv", "m.csv")
		if err != nil {
			rt.Fatal(err)
		}
		var params strings.Builder
		params.WriteString("sector,param,value,source\n")
		targets := map[string]bool{}
		var order []string
		for _, sps := range sectorTo {
			for _, sp := range sps {
				if !targets[sp.to] {
					targets[sp.to] = true
					order = append(order, sp.to)
				}
			}
		}
		for _, c := range order {
			for _, p := range sim.SectorParamNames {
				fmt.Fprintf(&params, "%s,%s,0.5,assumption\n", c, p)
			}
		}
		g, err := Import(ImportSource{FS: fstest.MapFS{"f.csv": {Data: flows}}, Name: "f.csv", Display: "f.csv"}, mp,
			ImportOptions{Name: "agg", BaseYear: 2024, Currency: "units",
				Sectors: ImportSource{FS: fstest.MapFS{"p.csv": {Data: []byte(params.String())}}, Name: "p.csv", Display: "p.csv"}})
		if err != nil {
			rt.Fatal(err)
		}
		a := g.World
		near := func(what string, got, want float64) {
			if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
				rt.Fatalf("%s: %.15g, want %.15g", what, got, want)
			}
		}
		for o := range a.R() {
			for i := range a.S() {
				var want float64
				for so := range R {
					if fmt.Sprintf("T%d", regionTo[so]) != a.Regions[o].Code {
						continue
					}
					for si := range S {
						for _, sp := range sectorTo[si] {
							if sp.to == a.Sectors[i].Code {
								want += w.Output(so, si) * sp.share
							}
						}
					}
				}
				near("output "+a.Regions[o].Code+" "+a.Sectors[i].Code, a.Output(o, i), want)
			}
		}
		sum := func(xs []float64) (s float64) {
			for _, x := range xs {
				s += x
			}
			return s
		}
		near("intermediate total", sum(a.Z), sum(w.Z))
		near("final total", sum(a.Y), sum(w.Y))
	})
}
