package sim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
)

// Limits on a run, checked before anything is allocated.
const (
	maxHorizon    = 1200    // months: a century
	maxReplicates = 100_000 // replicates in one run
	maxFirms      = 10_000  // firms per region-sector
)

// Run simulates the scenario and its baseline (same seeds, common random numbers) for every
// replicate, in parallel over opts.Workers, and returns every replicate's metrics in replicate order.
//
// The baseline supplies only its policies and rules: start, horizon, seed, replicates, parameters
// and uncertainty are the scenario's, so both runs of a replicate share every draw and the
// deviation is the policy's effect (sim/README.md §5, §8). Each replicate runs the baseline first,
// then the scenario, whose rules read deviations from that baseline path. Results do not depend
// on opts.Workers or GOMAXPROCS (sim/README.md §6.4). Run returns ctx.Err(), wrapped, soon after ctx
// is cancelled.
func Run(ctx context.Context, w *World, sc, baseline *Scenario, opts Options) (*Result, error) {
	p, err := prepare(w, sc, baseline, opts)
	if err != nil {
		return nil, err
	}
	res := &Result{
		Scenario: sc.Name, Baseline: baseline.Name,
		Regions: w.RegionCodes(), Sectors: w.SectorCodes(),
		Start: sc.Start, Steps: sc.Horizon, Seed: sc.Seed, Firms: p.e.n,
	}
	stream := opts.OnReplicate != nil
	if !stream {
		res.Replicates = make([]Replicate, sc.Replicates)
		res.Fired = make([][]FiredRule, sc.Replicates)
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, sc.Replicates)
	var next atomic.Int64
	var mu sync.Mutex
	done := 0
	// Streaming: finished replicates wait in pending until every earlier one is handed over; a
	// worker may run ahead of the next replicate to hand over by at most window replicates.
	type finished struct {
		rep   Replicate
		fired []FiredRule
	}
	pending := map[int]finished{}
	emitted, stopped := 0, false
	window := 2 * workers
	cond := sync.NewCond(&mu)
	g, gctx := errgroup.WithContext(ctx)
	if stream {
		go func() {
			<-gctx.Done() // cancelled on error, or when Wait returns
			mu.Lock()
			stopped = true
			cond.Broadcast()
			mu.Unlock()
		}()
	}
	for range workers {
		g.Go(func() (err error) {
			// A panic in a worker is a bug in the engine, not bad input: it becomes an error
			// the command reports as a failed run, with the stack for the bug report.
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("internal error (please report it): %v\n%s", r, debug.Stack())
				}
			}()
			s := p.newState()
			fd := newFirmDraws(p.e.F)
			st := p.base.clone()
			for {
				r := int(next.Add(1) - 1)
				if r >= sc.Replicates {
					return nil
				}
				if stream {
					mu.Lock()
					for r >= emitted+window && !stopped {
						cond.Wait()
					}
					mu.Unlock()
					if err := gctx.Err(); err != nil {
						return err
					}
				}
				rep, fired, err := p.replicate(gctx, s, fd, st, opts.FirstReplicate+r)
				if err != nil {
					return err
				}
				mu.Lock()
				if stream {
					pending[r] = finished{rep, fired}
					for {
						f, ok := pending[emitted]
						if !ok {
							break
						}
						delete(pending, emitted)
						if err := opts.OnReplicate(f.rep, f.fired); err != nil {
							stopped = true
							cond.Broadcast()
							mu.Unlock()
							return fmt.Errorf("replicate %d: %w", f.rep.Index, err)
						}
						emitted++
					}
					cond.Broadcast()
				} else {
					res.Replicates[r] = rep
					res.Fired[r] = fired
				}
				if opts.Progress != nil {
					done++
					opts.Progress(done, sc.Replicates)
				}
				mu.Unlock()
			}
		})
	}
	if err := g.Wait(); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
			return nil, fmt.Errorf("sim: run of %s cancelled: %w", sc.Name, ctxErr)
		}
		return nil, fmt.Errorf("sim: run of %s: %w", sc.Name, err)
	}
	return res, nil
}

// prepared is everything a run compiles once and its workers share read-only.
type prepared struct {
	w              *World
	sc             *Scenario
	e              *economy
	base           settings
	pols, basePols []compiledPolicy
	rules, bRules  []compiledRule
	pipes          map[int]int // licence routes and their longest delay
	check          bool
}

func prepare(w *World, sc, baseline *Scenario, opts Options) (*prepared, error) {
	if w == nil || sc == nil || baseline == nil {
		return nil, errors.New("sim: Run needs a world, a scenario and a baseline")
	}
	if err := w.Check(); err != nil {
		return nil, fmt.Errorf("sim: %w", err)
	}
	if sc.Horizon < 1 || sc.Horizon > maxHorizon {
		return nil, fmt.Errorf("sim: scenario %s: horizon %d months must lie between 1 and %d", sc.Name, sc.Horizon, maxHorizon)
	}
	if sc.Replicates < 1 || sc.Replicates > maxReplicates {
		return nil, fmt.Errorf("sim: scenario %s: replicates %d must lie between 1 and %d", sc.Name, sc.Replicates, maxReplicates)
	}
	n := opts.Firms
	if n == 0 {
		n = DefaultFirms
	}
	if n < 1 || n > maxFirms {
		return nil, fmt.Errorf("sim: %d firms per region-sector must lie between 1 and %d", n, maxFirms)
	}
	if opts.FirstReplicate < 0 || opts.FirstReplicate > maxReplicates {
		return nil, fmt.Errorf("sim: first replicate %d must lie between 0 and %d", opts.FirstReplicate, maxReplicates)
	}
	if opts.Workers < 0 {
		return nil, fmt.Errorf("sim: %d workers is negative", opts.Workers)
	}
	base, err := applyParameters(w, sc.Parameters)
	if err != nil {
		return nil, fmt.Errorf("sim: scenario %s: %w", sc.Name, err)
	}
	if err := base.check(w); err != nil {
		return nil, fmt.Errorf("sim: scenario %s: %w", sc.Name, err)
	}
	for _, u := range sc.Uncertainty {
		if err := checkUncertain(w, u); err != nil {
			return nil, fmt.Errorf("sim: scenario %s: %w", sc.Name, err)
		}
	}
	switch sc.Rationing {
	case Proportional, DomesticFirst, ContractsFirst:
		base.g.Rationing = sc.Rationing
	default:
		return nil, fmt.Errorf("sim: scenario %s: rationing rule %d is not one of %s", sc.Name, sc.Rationing, strings.Join(sortedKeys(RationingNames), ", "))
	}
	switch sc.Revenue {
	case RevenueDeficit, RevenueRebate:
		base.g.Revenue = sc.Revenue
	default:
		return nil, fmt.Errorf("sim: scenario %s: revenue use %d is not one of %s", sc.Name, sc.Revenue, strings.Join(sortedKeys(RevenueNames), ", "))
	}
	p := &prepared{w: w, sc: sc, base: base, pipes: map[int]int{}, check: opts.Check}
	R, S := w.R(), w.S()
	compileAll := func(s *Scenario) ([]compiledPolicy, []compiledRule, error) {
		pols := make([]compiledPolicy, len(s.Policies))
		for k := range s.Policies {
			cp, err := compilePolicy(&s.Policies[k], R, S)
			if err != nil {
				return nil, nil, fmt.Errorf("sim: scenario %s: %w", s.Name, err)
			}
			pols[k] = cp
		}
		rules, err := compileRules(w, s)
		if err != nil {
			return nil, nil, fmt.Errorf("sim: scenario %s: %w", s.Name, err)
		}
		return pols, rules, nil
	}
	if p.pols, p.rules, err = compileAll(sc); err != nil {
		return nil, err
	}
	if p.basePols, p.bRules, err = compileAll(baseline); err != nil {
		return nil, err
	}
	addPipes := func(pols []compiledPolicy) {
		for _, cp := range pols {
			if (cp.Kind == ExportControl || cp.Kind == ImportControl) && cp.Mode == License {
				for _, rt := range cp.routes {
					p.pipes[rt] = max(p.pipes[rt], int(math.Ceil(cp.Delay)))
				}
			}
		}
	}
	addPipes(p.pols)
	addPipes(p.basePols)
	for _, rs := range [][]compiledRule{p.rules, p.bRules} {
		for _, r := range rs {
			if r.Then != nil {
				addPipes([]compiledPolicy{r.then})
			}
		}
	}
	p.e = newEconomy(w, n)
	return p, nil
}

func (p *prepared) newState() *state { return newState(p.e, p.w, p.pipes) }

// replicate runs replicate r: the baseline, then the scenario, from the same calibrated state.
func (p *prepared) replicate(ctx context.Context, s *state, fd *firmDraws, st settings, r int) (Replicate, []FiredRule, error) {
	st, draws := replicateSettings(p.w, p.base, p.sc.Uncertainty, p.sc.Seed, r, st)
	fd.draw(p.w, p.e.n, p.sc.Seed, r)
	steps, R, S := p.sc.Horizon, p.e.R, p.e.S
	rep := Replicate{Index: r, Draws: draws, Baseline: NewMetrics(steps, R, S), Scenario: NewMetrics(steps, R, S)}
	if err := p.runOne(ctx, s, fd, st, p.basePols, p.bRules, rep.Baseline, nil); err != nil {
		return rep, nil, fmt.Errorf("replicate %d, baseline: %w", r, err)
	}
	if err := p.runOne(ctx, s, fd, st, p.pols, p.rules, rep.Scenario, rep.Baseline); err != nil {
		return rep, nil, fmt.Errorf("replicate %d: %w", r, err)
	}
	return rep, append([]FiredRule(nil), s.fired...), nil
}

// runOne resets s and runs every month, recording into m; ref is the path rule deviations are
// measured from (nil: the base).
func (p *prepared) runOne(ctx context.Context, s *state, fd *firmDraws, st settings, pols []compiledPolicy, rules []compiledRule, m, ref *Metrics) error {
	s.reset(st, fd)
	s.pols = append(s.pols[:0], pols...)
	s.rules = append(s.rules[:0], rules...)
	s.metrics, s.ref, s.start = m, ref, p.sc.Start
	s.cs = condState{s: s}
	if len(rules) > 0 {
		if s.ev == nil {
			s.ev = NewConditionEval(p.w, &s.cs)
		}
		s.ev.Prepare(p.sc.Start, p.sc.Horizon) // months and dates boxed once, not every month
	}
	for t := range p.sc.Horizon {
		if err := ctx.Err(); err != nil {
			return err
		}
		var stock0 float64
		if p.check {
			stock0 = s.stockTotal()
		}
		if err := s.step(t); err != nil {
			return err
		}
		if p.check {
			if err := s.check(t, stock0); err != nil {
				return err
			}
		}
	}
	return nil
}
