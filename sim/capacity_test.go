package sim_test

import (
	"context"
	"testing"

	"github.com/tradesim/tradesim/sim"
)

// banForeignGoods is a permanent ban on FOR's goods into HOME from month 1, on the example world:
// HOME's buyers turn to HOME's goods makers, whose orders then exceed their capacity.
func banForeignGoods(horizon int, r sim.Rationing) *sim.Scenario {
	sc := baseScenario(horizon, 1)
	sc.Rationing = r
	// No finished-goods stocks: the rationing rules act on the first month a seller is short.
	sc.Parameters = []sim.ParamSetting{{Key: "tauF.*", Value: 0}}
	sc.Policies = []sim.Policy{{ID: "ban", Kind: sim.ImportControl, Mode: sim.Ban, Exporters: []int{1}, Importers: []int{0},
		Sectors: []int{0}, Start: sc.Start + 1, End: sim.Forever}}
	return sc
}

// TestCapacityGrowth: persistent orders above capacity start new capacity that arrives after L
// months and grows at most g x base capacity a month (sim/README.md §4.11).
func TestCapacityGrowth(t *testing.T) {
	w := twoCountryWorld()
	p := w.Params[0]
	sc := banForeignGoods(48, sim.Proportional)
	base := baseScenario(48, 1)
	res, err := sim.Run(context.Background(), w, sc, base, sim.Options{Firms: 3, Workers: 1, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	m := res.Replicates[0].Scenario
	x0 := w.Output(0, 0) / 12
	cap0 := x0 * (1 + p.Slack)
	out := func(t int) float64 { return m.RS[sim.VarOutput][m.RSIndex(t, 0, 0)] }
	// Before new capacity can arrive (month 1 + L), output cannot exceed base capacity.
	for tt := 1; tt <= int(p.L); tt++ {
		if out(tt) > cap0*(1+1e-9) {
			t.Errorf("month %d: output %.4f above base capacity %.4f before the time to build", tt, out(tt), cap0)
		}
	}
	if last := out(47); last <= cap0*(1+1e-6) {
		t.Errorf("output %.4f never exceeds base capacity %.4f although orders exceed it for years", last, cap0)
	}
	for tt := 2; tt < 48; tt++ {
		if grow := out(tt) - out(tt-1); grow > p.G*cap0*(1+1e-6)+1e-12 && out(tt) > cap0 {
			t.Errorf("month %d: output grows %.5f, more than g x base capacity %.5f", tt, grow, p.G*cap0)
		}
	}
}

// TestRationingRules: when HOME's goods makers cannot fill their orders, domestic-first serves
// HOME's buyers before exports and loyal-first serves standing orders before the ones diverted
// from the banned origin; proportional treats them alike (sim/README.md §4.9).
func TestRationingRules(t *testing.T) {
	w := twoCountryWorld()
	runR := func(r sim.Rationing) *sim.Metrics {
		res, err := sim.Run(context.Background(), w, banForeignGoods(4, r), baseScenario(4, 1), sim.Options{Firms: 3, Workers: 1, Check: true})
		if err != nil {
			t.Fatal(err)
		}
		return res.Replicates[0].Scenario
	}
	const tt = 2
	prop, dom, loyal := runR(sim.Proportional), runR(sim.DomesticFirst), runR(sim.ContractsFirst)
	exports := func(m *sim.Metrics) float64 { return m.Flow[sim.FlowQuantity][m.FlowIndex(tt, 0, 1, 0)] }
	homeShort := func(m *sim.Metrics) float64 { return m.RS[sim.VarInputShortageRate][m.RSIndex(tt, 0, 0)] }
	if homeShort(prop) <= 0 {
		t.Fatal("no shortage at HOME under the ban: the test would prove nothing")
	}
	if !(exports(dom) < exports(prop)) {
		t.Errorf("HOME's goods exports %.4f under domestic-first, %.4f proportional: want fewer", exports(dom), exports(prop))
	}
	if !(homeShort(dom) < homeShort(prop)) {
		t.Errorf("HOME's shortage %.4f under domestic-first, %.4f proportional: want less", homeShort(dom), homeShort(prop))
	}
	// Loyal-first: FOR's buyers keep their standing orders whole; diverted HOME orders wait.
	if !(exports(loyal) > exports(prop)) {
		t.Errorf("HOME's goods exports %.4f under loyal-first, %.4f proportional: want more", exports(loyal), exports(prop))
	}
}
