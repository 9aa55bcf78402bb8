package sim_test

import (
	"context"
	"testing"

	"pgregory.net/rapid"

	"github.com/tradesim/tradesim/sim"
)

// genPolicy draws a policy on a world with R regions and S sectors starting within horizon.
func genPolicy(t *rapid.T, R, S, horizon int, start sim.Month) sim.Policy {
	o := rapid.IntRange(0, R-1).Draw(t, "exporter")
	d := rapid.IntRange(0, R-1).Filter(func(d int) bool { return d != o }).Draw(t, "importer")
	secs := rapid.SliceOfNDistinct(rapid.IntRange(0, S-1), 1, S, rapid.ID[int]).Draw(t, "sectors")
	from := start + sim.Month(rapid.IntRange(0, horizon-1).Draw(t, "from"))
	to := sim.Forever
	if rapid.Bool().Draw(t, "temporary") {
		to = from + sim.Month(rapid.IntRange(0, horizon).Draw(t, "length"))
	}
	p := sim.Policy{ID: "p", Exporters: []int{o}, Importers: []int{d}, Sectors: secs, Start: from, End: to}
	switch rapid.IntRange(0, 3).Draw(t, "kind") {
	case 0:
		p.Kind = sim.Tariff
		p.Rate = rapid.Float64Range(0, 1).Draw(t, "rate")
		p.PhaseIn = rapid.IntRange(0, 6).Draw(t, "phasein")
	default:
		p.Kind = sim.ExportControl
		if rapid.Bool().Draw(t, "import") {
			p.Kind = sim.ImportControl
		}
		p.Mode = sim.ControlMode(rapid.IntRange(1, 3).Draw(t, "mode"))
		p.Limit = rapid.Float64Range(0, 1.5).Draw(t, "limit")
		p.Approval = rapid.Float64Range(0, 1).Draw(t, "approval")
		p.Delay = float64(rapid.IntRange(0, 12).Draw(t, "delay")) / 2 // whole and half months
		p.Leakage = rapid.SampledFrom([]float64{0, 0, 0.3, 1}).Draw(t, "leakage")
		if rapid.Bool().Draw(t, "fee") {
			p.Fee = rapid.Float64Range(0, 0.5).Draw(t, "feeRate")
			p.FeeBorneBy = sim.FeeBearer(rapid.IntRange(1, 2).Draw(t, "bearer"))
		}
	}
	return p
}

// GenScenario draws a scenario with random policies and rules on w.
func genScenario(t *rapid.T, w *sim.World, horizon int) *sim.Scenario {
	sc := baseScenario(horizon, 1)
	sc.Seed = rapid.Uint64().Draw(t, "seed")
	for range rapid.IntRange(0, 4).Draw(t, "policies") {
		sc.Policies = append(sc.Policies, genPolicy(t, w.R(), w.S(), horizon, sc.Start))
	}
	if rapid.Bool().Draw(t, "rule") {
		p := genPolicy(t, w.R(), w.S(), horizon, sc.Start)
		sc.Rules = append(sc.Rules, sim.Rule{ID: "r", When: "output_dev('R0','S0') < -1 || month >= 10", Then: &p,
			Lag: rapid.IntRange(0, 3).Draw(t, "lag"), Duration: rapid.IntRange(0, 12).Draw(t, "duration")})
	}
	return sc
}

// TestAccountingGenerated runs random policies, rules and rationing rules on random worlds with
// the engine's accounting checks on: every identity of sim/README.md §6.2 holds every month and no
// metric is NaN or Inf.
func TestAccountingGenerated(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		w := sim.GenWorld(rt)
		sc := genScenario(rt, w, 48)
		sc.Parameters = []sim.ParamSetting{{Key: "m", Value: rapid.Float64Range(0, 1).Draw(rt, "m")}}
		sc.Rationing = sim.Rationing(rapid.IntRange(0, 2).Draw(rt, "rationing"))
		base := baseScenario(48, 1)
		base.Seed = sc.Seed
		opts := sim.Options{Firms: rapid.IntRange(1, 4).Draw(rt, "firms"), Workers: 1, Check: true}
		res, err := sim.Run(context.Background(), w, sc, base, opts)
		if err != nil {
			rt.Fatal(err)
		}
		checkSteady(rt, w, res.Replicates[0].Baseline)
	})
}
