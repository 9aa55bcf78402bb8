package output

import (
	"context"

	"github.com/tradesim/tradesim/sim"
)

// SeriesColumns are the columns of series.csv and series.parquet, in order.
var SeriesColumns = []string{"scenario", "stat", "replicate", "step", "date", "region", "sector", "variable", "value", "baseline", "deviation"}

// SeriesRow is one row of series.csv / series.parquet: a band row (Stat is mean, p05, p50 or
// p95) or, with --raw, the row of one replicate (Stat is "" and Replicate its number).
type SeriesRow struct {
	Scenario  string
	Stat      string
	Replicate int // the replicate of a raw row; 0 and unused on band rows
	Step      int64
	Date      string // YYYY-MM
	Region    string
	Sector    string
	Variable  string
	Value     float64
	Baseline  float64
	Deviation float64
}

func (r *SeriesRow) appendCSV(b []byte) []byte {
	b = appendRowStart(b, r.Scenario, r.Stat, r.Replicate, r.Step, r.Date)
	b = append(b, ',')
	b = appendCSVString(b, r.Region)
	b = append(b, ',')
	b = appendCSVString(b, r.Sector)
	b = append(b, ',')
	b = appendCSVString(b, r.Variable)
	b = append(b, ',')
	b = appendFloat(b, r.Value)
	b = append(b, ',')
	b = appendFloat(b, r.Baseline)
	b = append(b, ',')
	b = appendFloat(b, r.Deviation)
	return append(b, '\n')
}

// SeriesBands holds, for every series of series.csv and every month, the band over replicates
// of the scenario value, of the baseline value and of the per-replicate deviation.
//
// The deviation band is the band of the deviations, not the deviation of the bands: a scenario
// and its baseline share every random draw (sim/README.md §5), so replicate k's deviation is the
// policy's effect in the world of draw k, and its spread over replicates is the uncertainty
// of that effect. The median deviation therefore need not equal Deviation(p50 value, p50
// baseline).
type SeriesBands struct {
	Scenario, Baseline string
	Start              sim.Month
	Steps              int
	Replicates         int
	Keys               []Key
	Vars               []sim.Variable // by series, as Keys
	Value, Base, Dev   [][]sim.Band   // [series][step]
	index              map[Key]int
}

// Find returns the index of the series k.
func (b *SeriesBands) Find(k Key) (int, bool) {
	if b.index == nil {
		b.index = make(map[Key]int, len(b.Keys))
		for i, k := range b.Keys {
			b.index[k] = i
		}
	}
	i, ok := b.index[k]
	return i, ok
}

// NewSeriesBands computes the bands of every series of a run.
func NewSeriesBands(ctx context.Context, res *sim.Result) (*SeriesBands, error) {
	if err := checkResult(res); err != nil {
		return nil, err
	}
	cs := cells(res.Regions, res.Sectors)
	n := len(res.Replicates)
	b := &SeriesBands{
		Scenario: res.Scenario, Baseline: baselineName(res), Start: res.Start, Steps: res.Steps,
		Replicates: n,
		Keys:       make([]Key, len(cs)), Vars: make([]sim.Variable, len(cs)),
		Value: make([][]sim.Band, len(cs)), Base: make([][]sim.Band, len(cs)), Dev: make([][]sim.Band, len(cs)),
	}
	xs, bs, ds := make([]float64, n), make([]float64, n), make([]float64, n)
	for ci, c := range cs {
		if ci%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		b.Keys[ci], b.Vars[ci] = c.Key, c.v
		b.Value[ci] = make([]sim.Band, res.Steps)
		b.Base[ci] = make([]sim.Band, res.Steps)
		b.Dev[ci] = make([]sim.Band, res.Steps)
		for t := range res.Steps {
			for k, rep := range res.Replicates {
				x, base := c.get(rep.Scenario, t), c.get(rep.Baseline, t)
				if err := finite(func() string { return c.String() + " in " + (res.Start + sim.Month(t)).String() }, x, base); err != nil {
					return nil, err
				}
				xs[k], bs[k], ds[k] = x, base, sim.Deviation(c.v.Dev, x, base)
			}
			b.Value[ci][t], b.Base[ci][t], b.Dev[ci][t] = sim.NewBand(xs), sim.NewBand(bs), sim.NewBand(ds)
		}
	}
	return b, nil
}

// baselineName is the name the tables give the baseline: the named baseline scenario, or
// "<scenario> without policies" (sim/README.md §8).
func baselineName(res *sim.Result) string {
	if res.Baseline != "" {
		return res.Baseline
	}
	return res.Scenario + " without policies"
}

// eachSeriesRow calls fn for every row of series.csv in order: the band rows by step, then
// statistic (stat mean, p05, p50, p95), then series in the order of cells; then, with raw,
// the rows of every replicate (stat empty, replicate = its index) by replicate, step and series. fn must
// not keep the row.
func eachSeriesRow(ctx context.Context, res *sim.Result, b *SeriesBands, raw bool, fn func(*SeriesRow) error) error {
	var row SeriesRow
	row.Scenario = res.Scenario
	for t := range b.Steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		row.Step, row.Date = int64(t+1), (b.Start + sim.Month(t)).String()
		for k, stat := range sim.BandStats {
			row.Stat = stat
			for ci, key := range b.Keys {
				row.Region, row.Sector, row.Variable = key.Region, key.Sector, key.Variable
				row.Value, row.Baseline, row.Deviation = b.Value[ci][t].At(k), b.Base[ci][t].At(k), b.Dev[ci][t].At(k)
				if err := fn(&row); err != nil {
					return err
				}
			}
		}
	}
	if !raw {
		return nil
	}
	cs := cells(res.Regions, res.Sectors)
	for _, rep := range res.Replicates {
		row.Stat, row.Replicate = "", rep.Index
		for t := range b.Steps {
			if err := ctx.Err(); err != nil {
				return err
			}
			row.Step, row.Date = int64(t+1), (b.Start + sim.Month(t)).String()
			for _, c := range cs {
				row.Region, row.Sector, row.Variable = c.Region, c.Sector, c.Variable
				row.Value, row.Baseline = c.get(rep.Scenario, t), c.get(rep.Baseline, t)
				row.Deviation = sim.Deviation(c.v.Dev, row.Value, row.Baseline)
				if err := fn(&row); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
