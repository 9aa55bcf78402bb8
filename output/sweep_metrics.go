package output

import (
	"fmt"
	"math"

	"github.com/tradesim/tradesim/sim"
)

// SweepMetric is a figure a sweep keeps from every run: a statistic of the deviation path of
// one series of series.csv over a window of months.
type SweepMetric struct {
	Name     string
	Key      Key
	Stat     string // end, peak, trough, mean or cumulative
	From, To int    // 0-based steps, inclusive; To is cut to the run's last month
}

// The statistics of a sweep metric, computed on one replicate's deviation path d_t over the
// window: end is d at its last month, peak the highest d_t, trough the lowest, mean their
// average; cumulative is the sum of (scenario - baseline) in the variable's unit times months.
const (
	MetricEnd        = "end"
	MetricPeak       = "peak"
	MetricTrough     = "trough"
	MetricMean       = "mean"
	MetricCumulative = "cumulative"
)

// MetricReader computes a sweep's metrics from replicates: it finds each metric's series once
// (for the run's regions and sectors), then reads every replicate handed to it.
type MetricReader struct {
	metrics []SweepMetric
	get     []func(*sim.Metrics, int) float64
	vars    []sim.Variable
}

// NewMetricReader finds the series of every metric among the series of a run on these regions
// and sectors; a metric whose series does not exist is an error naming it.
func NewMetricReader(regions, sectors []string, ms []SweepMetric) (*MetricReader, error) {
	cs := cells(regions, sectors)
	idx := make(map[Key]int, len(cs))
	for i, c := range cs {
		idx[c.Key] = i
	}
	r := &MetricReader{metrics: ms}
	for _, m := range ms {
		i, ok := idx[m.Key]
		if !ok {
			return nil, fmt.Errorf("output: metric %s: the results have no series %s", m.Name, m.Key)
		}
		switch m.Stat {
		case MetricEnd, MetricPeak, MetricTrough, MetricMean, MetricCumulative:
		default:
			return nil, fmt.Errorf("output: metric %s: unknown statistic %q", m.Name, m.Stat)
		}
		r.get, r.vars = append(r.get, cs[i].get), append(r.vars, cs[i].v)
	}
	return r, nil
}

// Read appends the metrics of one replicate to vals (one slice per metric).
func (r *MetricReader) Read(rep *sim.Replicate, vals [][]float64) {
	steps := rep.Scenario.Steps
	for j, m := range r.metrics {
		get, v := r.get[j], r.vars[j]
		to := min(m.To, steps-1)
		from := min(m.From, to)
		var x float64
		switch m.Stat {
		case MetricEnd:
			x = sim.Deviation(v.Dev, get(rep.Scenario, to), get(rep.Baseline, to))
		case MetricPeak, MetricTrough:
			x = math.Inf(1)
			if m.Stat == MetricPeak {
				x = math.Inf(-1)
			}
			for t := from; t <= to; t++ {
				d := sim.Deviation(v.Dev, get(rep.Scenario, t), get(rep.Baseline, t))
				if (m.Stat == MetricPeak && d > x) || (m.Stat == MetricTrough && d < x) {
					x = d
				}
			}
		case MetricMean:
			for t := from; t <= to; t++ {
				x += sim.Deviation(v.Dev, get(rep.Scenario, t), get(rep.Baseline, t))
			}
			x /= float64(to - from + 1)
		case MetricCumulative:
			for t := from; t <= to; t++ {
				x += get(rep.Scenario, t) - get(rep.Baseline, t)
			}
		}
		vals[j] = append(vals[j], x)
	}
}

// Deviations appends the deviation path of metric j's series over the whole run (for --keep
// series).
func (r *MetricReader) Deviations(rep *sim.Replicate, j int, out []float64) []float64 {
	get, v := r.get[j], r.vars[j]
	for t := range rep.Scenario.Steps {
		out = append(out, sim.Deviation(v.Dev, get(rep.Scenario, t), get(rep.Baseline, t)))
	}
	return out
}
