package sim

import "context"

// FirmTrace runs replicate 0 of sc (its baseline policies do not matter here) and returns, for
// every firm of region r, sector j: its stock target in months of use and its output relative to
// its base output in every month. Tests use it to see which firms a shortage stops first.
func FirmTrace(w *World, sc *Scenario, firms, r, j int) (tau []float64, out [][]float64, err error) {
	p, err := prepare(w, sc, sc, Options{Firms: firms, Check: true})
	if err != nil {
		return nil, nil, err
	}
	s := p.newState()
	fd := newFirmDraws(p.e.F)
	st, _ := replicateSettings(w, p.base, sc.Uncertainty, sc.Seed, 0, p.base.clone())
	fd.draw(w, firms, sc.Seed, 0)
	s.reset(st, fd)
	s.pols = append(s.pols[:0], p.pols...)
	s.rules = append(s.rules[:0], p.rules...)
	s.metrics, s.start = NewMetrics(sc.Horizon, w.R(), w.S()), sc.Start
	s.cs = condState{s: s}
	c := r*w.S() + j
	lo := c * firms
	tau = append(tau, s.tauF[lo:lo+firms]...)
	for t := range sc.Horizon {
		if err := s.step(t); err != nil {
			return nil, nil, err
		}
		row := make([]float64, firms)
		for k := range firms {
			row[k] = s.x[lo+k] / s.fx0[lo+k]
		}
		out = append(out, row)
	}
	_ = context.Background
	return tau, out, nil
}

// Stepper returns a function that advances a calibrated state of w (n firms per region-sector,
// the policies of sc) by one month, for benchmarks; months wrap around sc.Horizon.
func Stepper(w *World, sc *Scenario, n int) (step func(t int) error, firms int, err error) {
	p, err := prepare(w, sc, sc, Options{Firms: n})
	if err != nil {
		return nil, 0, err
	}
	s := p.newState()
	fd := newFirmDraws(p.e.F)
	fd.draw(w, n, sc.Seed, 0)
	st, _ := replicateSettings(w, p.base, sc.Uncertainty, sc.Seed, 0, p.base.clone())
	s.reset(st, fd)
	s.pols = append(s.pols[:0], p.pols...)
	s.rules = append(s.rules[:0], p.rules...)
	s.metrics, s.start = NewMetrics(sc.Horizon, w.R(), w.S()), sc.Start
	s.cs = condState{s: s}
	return func(t int) error { return s.step(t % sc.Horizon) }, p.e.F, nil
}
