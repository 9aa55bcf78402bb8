package sim_test

import (
	"testing"

	"github.com/tradesim/tradesim/sim"
)

// oneRegionWorld is a closed economy of three sectors: S0 supplies S1 and S2, which sell to
// final buyers; S0 is critical for S1.
func oneRegionWorld() *sim.World {
	w := sim.NewWorld("closed", []sim.Label{{Code: "HOME"}}, []sim.Label{{Code: "S0"}, {Code: "S1"}, {Code: "S2"}})
	w.BaseYear, w.Currency = 2024, "USD billions"
	w.Z[w.ZIndex(0, 0, 0, 1)] = 30
	w.Z[w.ZIndex(0, 0, 0, 2)] = 10
	w.Z[w.ZIndex(0, 1, 0, 2)] = 5
	w.Y[w.YIndex(0, 0, 0, sim.Households)] = 20
	w.Y[w.YIndex(0, 1, 0, sim.Households)] = 80
	w.Y[w.YIndex(0, 1, 0, sim.Investment)] = 20
	w.Y[w.YIndex(0, 2, 0, sim.Government)] = 60
	for i := range w.Params {
		w.Params[i] = sim.SectorParams{SigmaD: 2, SigmaM: 4, Eta: 6, Lambda: 0.1, Tau: 1, Kappa: 0.2, KappaS: 1,
			Slack: 0.05, G: 0.01, L: 12, ThetaL: 0.6, TauF: 0.5, KappaD: 0.05, Pmax: 2, Capmax: 1.5}
	}
	w.Criticality[0*3+1] = 1 // S1 cannot run without S0
	return w
}

// TestCapacityShockOneRegion: the standard experiment of dynamic input-output models (a factory
// fire, Pichler et al. 2022; Inoue and Todo on Tōhoku 2011) runs on a one-region world: half of
// S0's capacity lost for 3 months, coming back over 6. S0's output falls about by half; S1, which
// cannot run without S0, follows once S0's finished goods and its own stock of S0 run down; S0
// then rebuilds its finished goods at full capacity, and both are back near base two years on.
func TestCapacityShockOneRegion(t *testing.T) {
	w := oneRegionWorld()
	if err := w.Check(); err != nil {
		t.Fatal(err)
	}
	const horizon = 36
	sc := baseScenario(horizon, 1)
	sc.Policies = []sim.Policy{{ID: "fire", Kind: sim.CapacityShock, Regions: []int{0}, Sectors: []int{0},
		Share: 0.5, Recovery: 6, Start: sc.Start + 2, End: sc.Start + 4}}
	m, b := run(t, w, sc, 5)
	trough := 0.0
	for tt := 4; tt <= 12; tt++ {
		trough = min(trough, dev(m, b, sim.VarOutput, tt, 0, 1))
	}
	s0 := dev(m, b, sim.VarOutput, 3, 0, 0)
	t.Logf("S0 output %+.1f%% in the shock; S1's trough %+.1f%% once stocks run down; S0 %+.1f%% and S1 %+.1f%% two years after the shock",
		s0, trough, dev(m, b, sim.VarOutput, 30, 0, 0), dev(m, b, sim.VarOutput, 30, 0, 1))
	if s0 > -40 || s0 < -55 {
		t.Errorf("S0 output %+.1f%% with half its capacity gone, want about -50%%", s0)
	}
	if trough > -5 {
		t.Errorf("S1, which cannot run without S0, falls only %+.1f%%", trough)
	}
	if d := dev(m, b, sim.VarOutput, 2, 0, 1); d < -1 {
		t.Errorf("S1 falls %+.1f%% in the shock's first month, before its stocks of S0 run down", d)
	}
	for _, j := range []int{0, 1} {
		if d := dev(m, b, sim.VarOutput, 30, 0, j); d < -2 || d > 2 {
			t.Errorf("S%d output %+.1f%% two years after the shock, want within 2%% of base", j, d)
		}
	}
}
