package pipeline

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tradesim/tradesim/output"
	"github.com/tradesim/tradesim/scenarios"
	"github.com/tradesim/tradesim/sim"
)

// benchEngineHook, set by BenchmarkSweep only, receives the time each run spends in sim.Run.
var benchEngineHook func(time.Duration)

// pointRunner runs the points of a sweep, one at a time, for one worker.
type pointRunner struct {
	sw     *scenarios.Sweep
	loader *Loader
	reader *output.MetricReader
	vals   [][]float64 // by metric, by replicate
	keep   bool
	paths  [][]float64 // by metric: the sum over replicates of the deviation path (keep)
	buf    []float64
}

// run runs point x as run k: the base scenario with the factors set, run k's seed, the sweep's
// replicates and firms, one replicate at a time; the metrics are the mean over replicates (summed
// in replicate order) and, with more than one, their 5th and 95th percentiles (sim.Quantile).
func (pr *pointRunner) run(ctx context.Context, k int, x []float64) ([]float64, [][]float64, error) {
	sw := pr.sw
	sets := make([]scenarios.Set, len(x))
	for i, v := range x {
		sets[i] = sw.Factors[i].Set(v)
	}
	l, err := sw.LoadPoint(sets, pr.loader.resolve)
	if err != nil {
		return nil, nil, fmt.Errorf("run %d (%s): the scenario is invalid at this point:\n%w", k, pointText(sw, x), err)
	}
	seed := sw.RunSeed(k)
	for _, sc := range []*sim.Scenario{l.Scenario, l.Baseline} {
		sc.Seed, sc.Replicates = seed, sw.Replicates
	}
	if pr.reader == nil {
		ms := make([]output.SweepMetric, len(sw.Metrics))
		for i, m := range sw.Metrics {
			ms[i] = output.SweepMetric{Name: m.Name, Key: output.Key{Region: m.Region, Sector: m.Sector, Variable: m.Variable}, Stat: m.Stat, From: m.From, To: m.To}
		}
		if pr.reader, err = output.NewMetricReader(l.World.RegionCodes(), l.World.SectorCodes(), ms); err != nil {
			return nil, nil, err
		}
		pr.vals = make([][]float64, len(ms))
	}
	for j := range pr.vals {
		pr.vals[j] = pr.vals[j][:0]
	}
	var paths [][]float64
	if pr.keep {
		paths = make([][]float64, len(pr.vals))
	}
	began := time.Now()
	_, err = sim.Run(ctx, l.World, l.Scenario, l.Baseline, sim.Options{Workers: 1, Firms: sw.Firms,
		OnReplicate: func(rep sim.Replicate, _ []sim.FiredRule) error {
			pr.reader.Read(&rep, pr.vals)
			for j := range paths {
				pr.buf = pr.reader.Deviations(&rep, j, pr.buf[:0])
				if paths[j] == nil {
					paths[j] = make([]float64, len(pr.buf))
				}
				for t, d := range pr.buf {
					paths[j][t] += d
				}
			}
			return nil
		}})
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, context.Cause(ctx)
		}
		return nil, nil, fmt.Errorf("run %d (%s) failed: %w", k, pointText(sw, x), err)
	}
	if benchEngineHook != nil {
		benchEngineHook(time.Since(began))
	}
	out := make([]float64, 0, 3*len(pr.vals))
	for _, xs := range pr.vals {
		var sum float64
		for _, x := range xs {
			sum += x
		}
		out = append(out, sum/float64(len(xs)))
		if sw.Replicates > 1 {
			b := sim.NewBand(xs)
			out = append(out, b.P05, b.P95)
		}
	}
	for _, p := range paths {
		for t := range p {
			p[t] /= float64(sw.Replicates)
		}
	}
	return out, paths, nil
}

// pointText names a point's factor values for messages.
func pointText(sw *scenarios.Sweep, x []float64) string {
	parts := make([]string, len(x))
	for i, v := range x {
		parts[i] = sw.Factors[i].Path + " = " + sw.Factors[i].Set(v).Value
	}
	return strings.Join(parts, ", ")
}
