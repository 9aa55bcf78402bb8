package sim

import (
	"fmt"

	"pgregory.net/rapid"
)

// GenWorld draws a small random world for property tests: 2-4 regions, 2-5 sectors, positive
// final demand, sparse positive intermediate flows, base tariffs up to 30%, random criticality
// (the Pichler et al. classes 0, 0.5, 1 and values between) and random sector parameters within
// their valid ranges. Final demand is large enough that value added is always positive.
func GenWorld(t *rapid.T) *World {
	R := rapid.IntRange(2, 4).Draw(t, "regions")
	S := rapid.IntRange(2, 5).Draw(t, "sectors")
	regions := make([]Label, R)
	for r := range regions {
		regions[r] = Label{Code: fmt.Sprintf("R%d", r)}
	}
	if rapid.Bool().Draw(t, "hub") {
		regions[R-1].Code = LeakageRegion // leakage runs through it
	}
	sectors := make([]Label, S)
	for i := range sectors {
		sectors[i] = Label{Code: fmt.Sprintf("S%d", i)}
	}
	w := NewWorld("generated", regions, sectors)
	w.BaseYear, w.Currency = 2024, "USD billions"
	unit := rapid.Float64Range(0.01, 100).Draw(t, "unit")
	for k := range w.Z {
		if rapid.IntRange(0, 4).Draw(t, "zsparse") > 0 {
			w.Z[k] = unit * rapid.Float64Range(0.01, 1).Draw(t, "z")
		}
	}
	for k := range w.Y {
		w.Y[k] = unit * float64(R*S) * rapid.Float64Range(1, 2).Draw(t, "y")
	}
	for o := range R {
		for d := range R {
			if o == d {
				continue
			}
			for i := range S {
				w.Tariff0[w.TIndex(o, d, i)] = rapid.Float64Range(0, 0.3).Draw(t, "t0")
			}
		}
	}
	for k := range w.Criticality {
		switch rapid.IntRange(0, 3).Draw(t, "phiClass") {
		case 0:
			w.Criticality[k] = 0
		case 1:
			w.Criticality[k] = 0.5
		case 2:
			w.Criticality[k] = 1
		default:
			w.Criticality[k] = rapid.Float64Range(0, 1).Draw(t, "phi")
		}
	}
	for i := range w.Params {
		w.Params[i] = SectorParams{
			SigmaD:  rapid.Float64Range(0.3, 4).Draw(t, "sigmaD"),
			SigmaM:  rapid.Float64Range(0.3, 8).Draw(t, "sigmaM"),
			Eta:     rapid.Float64Range(0, 10).Draw(t, "eta"),
			Lambda:  rapid.Float64Range(0.02, 0.5).Draw(t, "lambda"),
			Tau:     rapid.Float64Range(0.2, 4).Draw(t, "tau"),
			Kappa:   rapid.Float64Range(0.05, 0.5).Draw(t, "kappa"),
			KappaS:  rapid.Float64Range(0, 2).Draw(t, "kappaS"),
			Slack:   rapid.Float64Range(0, 0.3).Draw(t, "slack"),
			G:       rapid.Float64Range(0, 0.05).Draw(t, "g"),
			L:       rapid.Float64Range(1, 24).Draw(t, "L"),
			ThetaL:  rapid.Float64Range(0.3, 0.8).Draw(t, "thetaL"),
			TauF:    rapid.Float64Range(0, 1).Draw(t, "tauF"),
			KappaD:  rapid.Float64Range(0, 0.1).Draw(t, "kappaD"),
			Pmax:    rapid.Float64Range(1.5, 5).Draw(t, "pmax"),
			Capmax:  rapid.Float64Range(1.1, 3).Draw(t, "capmax"),
			Durable: rapid.Float64Range(0, 0.5).Draw(t, "durable"),
		}
	}
	if err := w.Check(); err != nil {
		t.Fatalf("generated world is invalid: %v", err)
	}
	return w
}
