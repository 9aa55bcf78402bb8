package sim_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/tradesim/tradesim/sim"
)

// TestRunRejectsBadInput: Run returns an error, never panics, on bad ids, numbers and sizes.
func TestRunRejectsBadInput(t *testing.T) {
	w := twoCountryWorld()
	good := func() *sim.Scenario { return baseScenario(6, 1) }
	tariff := func(mut func(*sim.Policy)) *sim.Scenario {
		sc := good()
		p := sim.Policy{ID: "p", Kind: sim.Tariff, Rate: 0.1, Exporters: []int{1}, Importers: []int{0}, Sectors: []int{0}, Start: sc.Start, End: sim.Forever}
		mut(&p)
		sc.Policies = []sim.Policy{p}
		return sc
	}
	nanWorld := w.Clone()
	nanWorld.Z[0] = math.NaN()
	cases := []struct {
		name string
		w    *sim.World
		sc   *sim.Scenario
		opts sim.Options
		want string
	}{
		{"nil world", nil, good(), sim.Options{}, "needs a world"},
		{"NaN flow", nanWorld, good(), sim.Options{}, "finite"},
		{"zero horizon", w, &sim.Scenario{Name: "x", Replicates: 1}, sim.Options{}, "horizon"},
		{"no replicates", w, &sim.Scenario{Name: "x", Horizon: 3}, sim.Options{}, "replicates"},
		{"negative firms", w, good(), sim.Options{Firms: -1}, "firms"},
		{"bad region", w, tariff(func(p *sim.Policy) { p.Exporters = []int{7} }), sim.Options{}, "region id 7"},
		{"bad sector", w, tariff(func(p *sim.Policy) { p.Sectors = []int{-1} }), sim.Options{}, "sector id -1"},
		{"NaN rate", w, tariff(func(p *sim.Policy) { p.Rate = math.NaN() }), sim.Options{}, "finite"},
		{"end before start", w, tariff(func(p *sim.Policy) { p.End = p.Start - 1 }), sim.Options{}, "before it starts"},
		{"approval above 1", w, tariff(func(p *sim.Policy) { p.Kind, p.Mode, p.Approval = sim.ExportControl, sim.License, 1.5 }), sim.Options{}, "approval"},
		{"fee without bearer", w, tariff(func(p *sim.Policy) { p.Kind, p.Mode, p.Fee = sim.ExportControl, sim.Quota, 0.1 }), sim.Options{}, "fee_borne_by"},
		{"unknown parameter", w, func() *sim.Scenario {
			sc := good()
			sc.Parameters = []sim.ParamSetting{{Key: "sigmaa.GOODS", Value: 1}}
			return sc
		}(), sim.Options{}, "unknown parameter"},
		{"out-of-range parameter", w, func() *sim.Scenario {
			sc := good()
			sc.Parameters = []sim.ParamSetting{{Key: "lambda.*", Value: 2}}
			return sc
		}(), sim.Options{}, "lambda"},
		{"bad rule", w, func() *sim.Scenario {
			sc := good()
			sc.Rules = []sim.Rule{{ID: "r", When: "output_dev('MARS','GOODS') < 0", Lift: []int{}}}
			return sc
		}(), sim.Options{}, "MARS"},
		{"lift unknown policy", w, func() *sim.Scenario {
			sc := good()
			sc.Rules = []sim.Rule{{ID: "r", When: "month > 1", Lift: []int{3}}}
			return sc
		}(), sim.Options{}, "lifts policy 3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := sim.Run(context.Background(), c.w, c.sc, good(), c.opts)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one mentioning %q", err, c.want)
			}
		})
	}
}

// TestRunCancelAndProgress: a cancelled context stops the run with ctx.Err(); Progress is called
// once per replicate with the total.
func TestRunCancelAndProgress(t *testing.T) {
	w := twoCountryWorld()
	sc := baseScenario(24, 5)
	var calls []int
	res, err := sim.Run(context.Background(), w, sc, sc, sim.Options{Firms: 2, Workers: 2, Progress: func(done, total int) {
		if total != 5 {
			t.Errorf("progress total %d, want 5", total)
		}
		calls = append(calls, done)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 5 || calls[4] != 5 {
		t.Errorf("progress calls %v, want 1..5", calls)
	}
	if res.Steps != 24 || res.Firms != 2 || len(res.Replicates) != 5 || res.Regions[1] != "FOR" || res.Sectors[0] != "GOODS" || res.Start != sc.Start {
		t.Errorf("result header %+v incomplete", res)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := sim.Run(ctx, w, sc, sc, sim.Options{Firms: 2}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run returned %v, want context.Canceled", err)
	}
}

// TestUncertaintyDraws: multipliers follow their distributions (median 1 for lognormal, bounds
// for uniform and triangular), are recorded per replicate, and are shared by the baseline run
// (the baseline equals the scenario when neither has policies).
func TestUncertaintyDraws(t *testing.T) {
	w := twoCountryWorld()
	sc := baseScenario(3, 200)
	sc.Uncertainty = []sim.Uncertain{
		{Key: "sigmaM.*", Dist: sim.DistLognormal, SD: 0.3},
		{Key: "tau.GOODS", Dist: sim.DistUniform, Min: 0.5, Max: 1.5},
		{Key: "m", Dist: sim.DistTriangular, Min: 0.8, Mode: 1, Max: 1.1},
		{Key: "kappa.SERV", Dist: sim.DistNormal, SD: 0.1},
	}
	res, err := sim.Run(context.Background(), w, sc, sc, sim.Options{Firms: 1, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	below := 0
	var sumNormal float64
	for _, r := range res.Replicates {
		d := r.Draws
		if d[0] < 1 {
			below++
		}
		if d[1] < 0.5 || d[1] > 1.5 || d[2] < 0.8 || d[2] > 1.1 {
			t.Errorf("replicate %d: draws %v outside their bounds", r.Index, d)
		}
		sumNormal += d[3]
		sameBits(t, "baseline shares the draws", []sim.Replicate{{Scenario: r.Scenario, Baseline: r.Baseline}}, []sim.Replicate{{Scenario: r.Baseline, Baseline: r.Scenario}})
	}
	// Lognormal median 1: the share below 1 is 0.5 +- 0.035 (SD of a binomial share at n = 200);
	// 0.35-0.65 is over four SDs.
	if below < 70 || below > 130 {
		t.Errorf("%d of 200 lognormal draws below 1, want about half", below)
	}
	if mean := sumNormal / 200; math.Abs(mean-1) > 0.03 { // SE 0.1/sqrt(200) = 0.007
		t.Errorf("normal draws average %.4f, want 1 (mean 0 means 1)", mean)
	}
}

// TestDemandNoise: with noise_sd > 0 household demand follows a mean-one AR(1) shock (sim/README.md
// §5): the baseline moves, the scenario and its baseline draw the same shocks (with no policy
// they are identical), replicates differ, and the accounts still balance.
func TestDemandNoise(t *testing.T) {
	w := twoCountryWorld()
	sc := baseScenario(24, 2)
	sc.Parameters = []sim.ParamSetting{{Key: "noise_sd", Value: 0.05}}
	res, err := sim.Run(context.Background(), w, sc, sc, sim.Options{Firms: 2, Workers: 2, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	r0, r1 := res.Replicates[0], res.Replicates[1]
	sameBits(t, "scenario and baseline share the noise", []sim.Replicate{{Scenario: r0.Scenario, Baseline: r0.Baseline}}, []sim.Replicate{{Scenario: r0.Baseline, Baseline: r0.Scenario}})
	out := r0.Baseline.RS[sim.VarOutput]
	moved, differ := false, false
	cells := w.R() * w.S()
	for k := range out {
		moved = moved || math.Abs(out[k]/out[k%cells]-1) > 1e-6 // against the same cell in month 0
		differ = differ || out[k] != r1.Baseline.RS[sim.VarOutput][k]
	}
	if !moved || !differ {
		t.Errorf("noise moved the baseline: %v; replicates differ: %v", moved, differ)
	}
}

// TestOnReplicate: streamed replicates arrive in order, bit-identical to the collected ones, and
// the result keeps only its header; an error from the callback stops the run.
func TestOnReplicate(t *testing.T) {
	w := twoCountryWorld()
	sc := baseScenario(12, 9)
	sc.Uncertainty = []sim.Uncertain{{Key: "sigmaM.*", Dist: sim.DistLognormal, SD: 0.3}}
	sc.Policies = []sim.Policy{{ID: "t", Kind: sim.Tariff, Rate: 0.2, Exporters: []int{1}, Importers: []int{0}, Sectors: []int{0}, Start: sc.Start + 1, End: sim.Forever}}
	base := *sc
	base.Policies = nil
	all, err := sim.Run(context.Background(), w, sc, &base, sim.Options{Firms: 2, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	var got []sim.Replicate
	res, err := sim.Run(context.Background(), w, sc, &base, sim.Options{Firms: 2, Workers: 3, OnReplicate: func(r sim.Replicate, _ []sim.FiredRule) error {
		got = append(got, r)
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Replicates != nil || res.Steps != 12 {
		t.Errorf("streamed result keeps replicates (%d) or lost its header", len(res.Replicates))
	}
	for k, r := range got {
		if r.Index != k {
			t.Fatalf("replicate %d arrived in position %d", r.Index, k)
		}
	}
	sameBits(t, "streamed", all.Replicates, got)
	stop := errors.New("disk full")
	_, err = sim.Run(context.Background(), w, sc, &base, sim.Options{Firms: 2, Workers: 2, OnReplicate: func(r sim.Replicate, _ []sim.FiredRule) error {
		if r.Index == 2 {
			return stop
		}
		return nil
	}})
	if !errors.Is(err, stop) {
		t.Errorf("callback error %v not returned", err)
	}
}
