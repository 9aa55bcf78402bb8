package sim_test

import (
	"context"
	"fmt"

	"github.com/tradesim/tradesim/sim"
)

// twoCountryWorld is a small world for the example: two regions trading goods and services.
func twoCountryWorld() *sim.World {
	w := sim.NewWorld("example",
		[]sim.Label{{Code: "HOME"}, {Code: "FOR"}},
		[]sim.Label{{Code: "GOODS"}, {Code: "SERV"}})
	w.BaseYear, w.Currency = 2024, "USD billions"
	// Intermediate sales Z[o,i -> d,j] and final demand Y[o,i -> d], per year.
	set := func(o, i, d, j int, v float64) { w.Z[w.ZIndex(o, i, d, j)] = v }
	for r := range 2 {
		set(r, 0, r, 0, 20)  // goods used to make goods at home
		set(r, 1, r, 0, 10)  // services used by goods makers
		set(r, 0, r, 1, 5)   // goods used by services
		set(r, 1, r, 1, 15)  // services used by services
		set(r, 0, 1-r, 0, 8) // goods used abroad
		w.Y[w.YIndex(r, 0, r, sim.Households)] = 60
		w.Y[w.YIndex(r, 0, 1-r, sim.Households)] = 12
		w.Y[w.YIndex(r, 1, r, sim.Households)] = 90
	}
	for i := range w.Params {
		w.Params[i] = sim.SectorParams{SigmaD: 2, SigmaM: 4, Eta: 6, Lambda: 0.1, Tau: 1.5, Kappa: 0.1, KappaS: 1,
			Slack: 0.1, G: 0.02, L: 12, ThetaL: 0.55, TauF: 0.5, KappaD: 0.05, Pmax: 3, Capmax: 1.5}
	}
	w.Criticality[0*2+0] = 0.5 // goods are important for goods
	return w
}

// Example runs a 25% tariff that HOME puts on FOR's goods and prints what HOME's buyers pay for
// those goods, how much they import, and HOME's tariff revenue, against the baseline. The full
// tariff reaches the buyer on impact; over the year HOME's currency appreciates as its trade
// balance rises above base, which gives back part of the price rise (the closure).
func Example() {
	w := twoCountryWorld()
	const home, foreign, goods = 0, 1, 0
	sc := &sim.Scenario{Name: "tariff", Start: sim.NewMonth(2025, 1), Horizon: 12, Seed: 1, Replicates: 1,
		Policies: []sim.Policy{{ID: "tariff", Kind: sim.Tariff, Rate: 0.25, Exporters: []int{foreign},
			Importers: []int{home}, Sectors: []int{goods}, Start: sim.NewMonth(2025, 2), End: sim.Forever}}}
	baseline := &sim.Scenario{Name: "no tariff", Start: sc.Start, Horizon: 12, Seed: 1, Replicates: 1}
	res, err := sim.Run(context.Background(), w, sc, baseline, sim.Options{Firms: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	m, b := res.Replicates[0].Scenario, res.Replicates[0].Baseline
	for _, t := range []int{0, 1, 11} {
		k := m.FlowIndex(t, foreign, home, goods)
		fmt.Printf("%v: buyer price %+.1f%%, imports %+.1f%%, tariff revenue %.3f USD bn\n", res.Date(t),
			sim.Deviation(sim.DevPercent, m.Flow[sim.FlowBuyerPrice][k], b.Flow[sim.FlowBuyerPrice][k]),
			sim.Deviation(sim.DevPercent, m.Flow[sim.FlowQuantity][k], b.Flow[sim.FlowQuantity][k]),
			m.Region[sim.VarRegionTariffRevenue][m.RegionIndex(t, home)])
	}
	// Output:
	// 2025-01: buyer price +0.0%, imports +0.0%, tariff revenue 0.000 USD bn
	// 2025-02: buyer price +25.0%, imports -5.3%, tariff revenue 0.395 USD bn
	// 2025-12: buyer price +8.2%, imports -10.9%, tariff revenue 0.376 USD bn
}
