package output

import (
	"math"

	"github.com/tradesim/tradesim/sim"
)

// syntheticResult builds a deterministic run from formulas: 3 regions, 4 sectors, 18 months,
// n replicates. Replicate k scales every shock by (1 + 0.1 (k - (n-1)/2)), so bands are wide
// and ordered; the shock hits CHN->USA AIC from month 4 and spreads to USA AUTO.
func syntheticResult(n int) *sim.Result {
	regions := []string{"USA", "CHN", "EU"}
	sectors := []string{"REE", "AIC", "ELEC", "AUTO"}
	R, S, T := len(regions), len(sectors), 18
	res := &sim.Result{
		Scenario: "synthetic", Regions: regions, Sectors: sectors,
		Start: sim.NewMonth(2025, 1), Steps: T, Seed: 7, Firms: 3,
	}
	for k := range n {
		scale := 1 + 0.1*(float64(k)-float64(n-1)/2)
		rep := sim.Replicate{Index: k, Scenario: sim.NewMetrics(T, R, S), Baseline: sim.NewMetrics(T, R, S)}
		for t := range T {
			ramp := 0.0
			if t >= 3 {
				ramp = math.Min(1, float64(t-2)/6) // policy from month 4, full effect after 6 months
			}
			for r := range R {
				for s := range S {
					i := rep.Scenario.RSIndex(t, r, s)
					base := 1 + 0.5*float64(r) + 0.25*float64(s)
					hit := 0.02 * float64((r+1)*(s+1)) * ramp * scale
					for v := range sim.NumRSVars {
						b := base * (1 + 0.1*float64(v))
						x := b * (1 - hit)
						switch sim.RSVar(v) {
						case sim.VarShortageRate:
							b, x = 0, hit/2
						case sim.VarExportFeeRevenue:
							b, x = 0, hit // baseline zero: deviation is the difference
						case sim.VarPrice:
							x = b * (1 + hit)
						}
						rep.Baseline.RS[v][i], rep.Scenario.RS[v][i] = b, x
					}
				}
				j := rep.Scenario.RegionIndex(t, r)
				for v := range sim.NumRegionVars {
					b := 10 + float64(r) + float64(v)
					x := b * (1 - 0.01*float64(r+1)*ramp*scale)
					switch sim.RegionVar(v) {
					case sim.VarUnemploymentRate:
						b, x = 0.05, 0.05+0.002*ramp*scale
					case sim.VarTradeBalance:
						b, x = -2+float64(r), -2+float64(r)-0.3*ramp*scale
					}
					rep.Baseline.Region[v][j], rep.Scenario.Region[v][j] = b, x
				}
				for d := range R {
					for s := range S {
						f := rep.Scenario.FlowIndex(t, r, d, s)
						q := 0.1 * float64(1+r+2*d+s)
						cut := 0.0
						if r == 1 && d == 0 && s == 1 {
							cut = 0.8 * ramp * scale
						}
						rep.Baseline.Flow[sim.FlowQuantity][f], rep.Scenario.Flow[sim.FlowQuantity][f] = q, q*(1-cut)
						rep.Baseline.Flow[sim.FlowExportPrice][f], rep.Scenario.Flow[sim.FlowExportPrice][f] = 1, 1+cut/4
						rep.Baseline.Flow[sim.FlowBuyerPrice][f], rep.Scenario.Flow[sim.FlowBuyerPrice][f] = 1.03, 1.03+cut/2
						rep.Baseline.Flow[sim.FlowTariffRate][f], rep.Scenario.Flow[sim.FlowTariffRate][f] = 0.03, 0.03+cut/4
					}
				}
			}
		}
		res.Replicates = append(res.Replicates, rep)
	}
	return res
}
