package sim_test

import (
	"context"
	"math"
	"testing"

	"github.com/tradesim/tradesim/sim"
)

// TestStockLayouts: the engine keeps the month's deliveries apart from the stock (arr) only
// when the run has licence pipelines, and adds them to the stock at once otherwise (sim/sparse.go).
// A licence that starts after the horizon gives the run a pipeline and changes nothing else,
// so the two layouts must give the same results to the last bit, with the accounting checks on,
// in a month with rationed critical inputs.
func TestStockLayouts(t *testing.T) {
	w, err := defaultWorldErr()
	if err != nil {
		t.Fatal(err)
	}
	x := ids{t, w}
	sc := baseScenario(18, 2)
	sc.Policies = []sim.Policy{
		{ID: "ban", Kind: sim.ExportControl, Mode: sim.Ban, Exporters: []int{x.r("CHN")}, Importers: []int{x.r("USA")},
			Sectors: []int{x.s("REE")}, Start: sc.Start + 2, End: sc.Start + 9},
		{ID: "fire", Kind: sim.CapacityShock, Regions: []int{x.r("CHN")}, Sectors: []int{x.s("SEMI")},
			Share: 0.4, Start: sc.Start + 1, End: sc.Start + 6},
	}
	late := *sc
	late.Policies = append(append([]sim.Policy(nil), sc.Policies...), sim.Policy{ID: "later", Kind: sim.ExportControl,
		Mode: sim.License, Approval: 0.5, Delay: 2, Exporters: []int{x.r("USA")}, Importers: []int{x.r("CHN")},
		Sectors: []int{x.s("AIC")}, Start: sc.Start + 100, End: sim.Forever})
	run := func(s *sim.Scenario) *sim.Result {
		base := *s
		base.Policies = nil
		res, err := sim.Run(context.Background(), w, s, &base, sim.Options{Firms: 5, Workers: 1, Check: true})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	a, b := run(sc), run(&late)
	short := 0.0
	for r := range a.Replicates {
		ma, mb := a.Replicates[r].Scenario, b.Replicates[r].Scenario
		for v := range ma.RS {
			for k := range ma.RS[v] {
				if math.Float64bits(ma.RS[v][k]) != math.Float64bits(mb.RS[v][k]) {
					t.Fatalf("replicate %d, variable %d, entry %d: %v without a pipeline, %v with one", r, v, k, ma.RS[v][k], mb.RS[v][k])
				}
			}
		}
		for v := range ma.Region {
			for k := range ma.Region[v] {
				if math.Float64bits(ma.Region[v][k]) != math.Float64bits(mb.Region[v][k]) {
					t.Fatalf("replicate %d, region variable %d, entry %d differs", r, v, k)
				}
			}
		}
		for _, s := range ma.RS[sim.VarInputShortageRate] {
			short = max(short, s)
		}
	}
	if short < 0.01 {
		t.Fatalf("the largest input shortage rate is %g: the test needs rationed inputs", short)
	}
}
