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

// NewSeriesBands computes the bands of every series of a run held in memory.
func NewSeriesBands(ctx context.Context, res *sim.Result) (*SeriesBands, error) {
	st, err := StoreResult(res)
	if err != nil {
		return nil, err
	}
	b, _, err := seriesFromStore(ctx, st)
	return b, err
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
// the rows of every replicate (stat empty, replicate = its index) by replicate, step and series,
// read back from the store. fn must not keep the row.
func eachSeriesRow(ctx context.Context, st *Store, b *SeriesBands, raw bool, fn func(*SeriesRow) error) error {
	var row SeriesRow
	row.Scenario = st.Header.Scenario
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
	return eachRawSeriesRow(ctx, st, &row, fn)
}
