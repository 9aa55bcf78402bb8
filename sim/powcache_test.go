package sim

import (
	"math"
	"testing"
)

// TestPowCacheForgotten: a state reused for a replicate with other elasticities raises the
// first month's prices (the same as the last run's first month: they do not depend on the
// elasticities) to the new powers, not to the cached powers of the last run.
func TestPowCacheForgotten(t *testing.T) {
	w := NewWorld("two", []Label{{Code: "A"}, {Code: "B"}}, []Label{{Code: "X"}, {Code: "Y"}})
	w.BaseYear, w.Currency = 2024, "USD billions"
	for o := range 2 {
		for i := range 2 {
			for d := range 2 {
				for j := range 2 {
					w.Z[w.ZIndex(o, i, d, j)] = 1 + float64(o+2*i+d)
				}
				w.Y[w.YIndex(o, i, d, Households)] = 10
				w.Tariff0[w.TIndex(o, d, i)] = 0.05 * float64(1+o+i)
			}
		}
	}
	for i := range w.Params {
		w.Params[i] = SectorParams{SigmaD: 2, SigmaM: 4, Eta: 6, Lambda: 0.1, Tau: 1.5, Kappa: 0.1, KappaS: 1,
			Slack: 0.1, G: 0.02, L: 12, ThetaL: 0.55, TauF: 0.5, KappaD: 0.05, Pmax: 3, Capmax: 1.5}
	}
	if err := w.Check(); err != nil {
		t.Fatal(err)
	}
	sc := &Scenario{Name: "t", Start: NewMonth(2025, 1), Horizon: 3, Seed: 1, Replicates: 1}
	p, err := prepare(w, sc, sc, Options{Firms: 3})
	if err != nil {
		t.Fatal(err)
	}
	s := p.newState()
	fd := newFirmDraws(p.e.F)
	fd.draw(w, 3, sc.Seed, 0)
	st, _ := replicateSettings(w, p.base, nil, sc.Seed, 0, p.base.clone())
	month := func() { // a tariff on every route, so that buyer prices are not 1
		for rt := range s.bd.tariff {
			s.bd.tariff[rt] = 0.1
		}
		s.prices()
		s.targets()
	}
	s.reset(st, fd)
	month()
	for i := range st.sp {
		st.sp[i].SigmaM, st.sp[i].SigmaD = 7.5, 3.25
	}
	s.reset(st, fd)
	month()
	R, S := p.e.R, p.e.S
	for rt := range s.pw {
		o, d, i := rt/(R*S), rt/S%R, rt%S
		y := -st.sp[i].SigmaM
		if o == d {
			y = -st.sp[i].SigmaD
		}
		if want := math.Pow(s.qe[rt], y); s.pw[rt] != want || s.qe[rt] == 1 {
			t.Fatalf("route %d: qe %v, pw %v, want %v (qe must not be 1 for the test to see the power)", rt, s.qe[rt], s.pw[rt], want)
		}
	}
	for ui, pm := range s.pows.pm {
		if math.IsNaN(pm) {
			continue // no import composite
		}
		if want := math.Pow(pm, -3.25); s.pows.pmSig[ui] != want {
			t.Fatalf("user entry %d: PM %v, power %v, want %v", ui, pm, s.pows.pmSig[ui], want)
		}
	}
}
