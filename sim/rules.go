package sim

import (
	"fmt"
	"math"
)

// compiledRule is a Rule with its condition compiled once (expr-lang) and its policy expanded.
type compiledRule struct {
	Rule
	cond *Condition
	then compiledPolicy // window set when the rule fires
	// Per run: whether the rule has fired, when, and the window of the policy it put in force.
	fired      bool
	lastFired  Month
	start, end Month
}

// compileRules compiles the rules of sc against w.
func compileRules(w *World, sc *Scenario) ([]compiledRule, error) {
	out := make([]compiledRule, 0, len(sc.Rules))
	for k := range sc.Rules {
		r := sc.Rules[k]
		name := r.ID
		if name == "" {
			name = fmt.Sprintf("#%d", k+1)
		}
		cond, err := CompileCondition(w, r.When)
		if err != nil {
			return nil, fmt.Errorf("rule %s: condition: %w", name, err)
		}
		if r.Lag < 0 || r.Duration < 0 || r.Cooldown < 0 {
			return nil, fmt.Errorf("rule %s: lag, duration and cooldown must not be negative", name)
		}
		if r.Then == nil && len(r.Lift) == 0 {
			return nil, fmt.Errorf("rule %s: does nothing: give it a policy (then) or policies to lift", name)
		}
		for _, id := range r.Lift {
			if id < 0 || id >= len(sc.Policies) {
				return nil, fmt.Errorf("rule %s: lifts policy %d, but the scenario has %d policies", name, id, len(sc.Policies))
			}
		}
		cr := compiledRule{Rule: r, cond: cond}
		if r.Then != nil {
			p := *r.Then
			p.Start, p.End = 0, Forever
			if p.ID == "" {
				p.ID = "rule " + name
			}
			cp, err := compilePolicy(&p, w.R(), w.S())
			if err != nil {
				return nil, fmt.Errorf("rule %s: %w", name, err)
			}
			cr.then = cp
		}
		out = append(out, cr)
	}
	return out, nil
}

// policy is the first stage of a month (sim/README.md §4.1): rules are evaluated on last month's
// observed state, and the effective border of month m is built from the scheduled policies and
// the policies rules have put in force. A rule whose condition holds in month c puts its policy in
// force from month c + max(Lag, 1) (a condition observed in c cannot change c itself) for
// Duration months, and ends the policies it lifts the month before. A rule does not fire again
// while its policy is pending or in force, nor within Cooldown months of firing (our choice: it
// stops a rule that keeps holding from stacking tariffs every month).
func (s *state) policy(t int, m Month) error {
	if t > 0 {
		cond := m - 1
		s.cs.t = t - 1
		for k := range s.rules {
			r := &s.rules[k]
			if r.fired && (r.Once || cond < r.lastFired+Month(max(r.Cooldown, 1)) || (r.Then != nil && cond <= r.end)) {
				continue
			}
			if s.ev == nil {
				s.ev = NewConditionEval(s.w0, &s.cs)
			}
			ok, err := s.ev.Eval(r.cond, t, m)
			if err != nil {
				return fmt.Errorf("rule %s: %w", r.ID, err)
			}
			if !ok {
				continue
			}
			eff := cond + Month(max(r.Lag, 1))
			r.fired, r.lastFired, r.start = true, cond, eff
			r.end = Forever
			if r.Duration > 0 {
				r.end = eff + Month(r.Duration) - 1
			}
			for _, id := range r.Lift {
				if p := &s.pols[id]; p.End >= eff {
					p.End = eff - 1
				}
			}
			s.fired = append(s.fired, FiredRule{Rule: r.ID, Condition: cond, Effective: eff})
		}
	}
	s.bd.reset(s.e.t0)
	for k := range s.pols {
		s.bd.apply(&s.pols[k], m, s.e.flow0)
	}
	for k := range s.rules {
		r := &s.rules[k]
		if r.fired && r.Then != nil {
			r.then.Start, r.then.End = r.start, r.end
			s.bd.apply(&r.then, m, s.e.flow0)
		}
	}
	s.openShares()
	s.bd.markRestricted(s.e.R, s.e.S)
	s.capacityShocks(m)
	return nil
}

// capacityShocks sets the share of each cell's capacity in use this month: 1 less the share
// every capacity shock in force takes, which after its end comes back linearly over its
// Recovery months. Several shocks on one cell multiply.
func (s *state) capacityShocks(m Month) {
	for c := range s.capFac {
		s.capFac[c] = 1
	}
	apply := func(p *compiledPolicy) {
		if p.Kind != CapacityShock || m < p.Start {
			return
		}
		loss := p.Share
		if m > p.End {
			k := int(m - p.End)
			if k > p.Recovery {
				return
			}
			loss *= 1 - float64(k)/float64(p.Recovery+1)
		}
		S := s.e.S
		for _, r := range p.Regions {
			for _, i := range p.Sectors {
				s.capFac[r*S+i] *= 1 - loss
			}
		}
	}
	for k := range s.pols {
		apply(&s.pols[k])
	}
	for k := range s.rules {
		if r := &s.rules[k]; r.fired && r.Then != nil {
			apply(&r.then)
		}
	}
}

// openShares gives every restriction one semantics (sim/README.md §4.7): the share alpha of a route's
// orders that may be placed on it. A ban has alpha 0 and a licence its approval share (apply);
// a quota min(1, limit / the orders buyers directed at the route last month), so its excess
// orders go at once to other origins, as a ban's do, and a quota of 0 is a ban; an
// exporter-borne fee closes the route to the firms whose price net of the fee falls below their
// unit cost ((1 - fee) p < c: they would rather not sell), so alpha is the share (by orders) of
// the exporting cell's firms still willing. A ban, a quota of 0, a licence with approval 0 and a
// fee above every exporter's margin are therefore the same thing.
func (s *state) openShares() {
	e := s.e
	R, S, n := e.R, e.S, e.n
	bd := &s.bd
	for _, rt := range e.routes {
		if qu := bd.quota[rt]; !math.IsInf(qu, 1) {
			alpha := 1.0
			if exp := s.reqPrev[rt]; qu == 0 || exp > qu {
				alpha = qu / max(exp, qu, 1e-300)
			}
			bd.open[rt] = min(bd.open[rt], alpha)
		}
		if fe := bd.feeExp[rt]; fe > 0 {
			c := rt/(R*S)*S + rt%S
			willing := 0.0
			for f := c * n; f < (c+1)*n; f++ {
				if (1-fe)*s.p[f] >= s.cost[f] {
					willing += s.share[f]
				}
			}
			bd.open[rt] *= willing
		}
	}
}

// condState is what rule conditions read (ConditionState): month t of the run's metrics, with
// deviations from the reference path (the baseline run when the scenario runs, else the base).
type condState struct {
	s *state
	t int
}

func (c *condState) Tariff(importer, exporter, sector int) float64 {
	m := c.s.metrics
	return m.Flow[FlowTariffRate][m.FlowIndex(c.t, exporter, importer, sector)]
}

func (c *condState) Imports(importer, exporter, sector int) float64 {
	m := c.s.metrics
	q := m.Flow[FlowQuantity][m.FlowIndex(c.t, exporter, importer, sector)]
	base := c.s.e.flow0[(exporter*c.s.e.R+importer)*c.s.e.S+sector]
	if base == 0 {
		return 1
	}
	return q / base
}

func (c *condState) dev(v RSVar, region, sector int, base float64) float64 {
	m := c.s.metrics
	k := m.RSIndex(c.t, region, sector)
	if c.s.ref != nil {
		base = c.s.ref.RS[v][k]
	}
	return Deviation(DevPercent, m.RS[v][k], base)
}

func (c *condState) OutputDev(region, sector int) float64 {
	return c.dev(VarOutput, region, sector, c.s.e.x0[region*c.s.e.S+sector])
}

func (c *condState) PriceDev(region, sector int) float64 {
	return c.dev(VarPrice, region, sector, 1)
}

func (c *condState) Shortage(region, sector int) float64 {
	m := c.s.metrics
	return m.RS[VarInputShortageRate][m.RSIndex(c.t, region, sector)] // its users' worst-hit input, as in version 1
}
