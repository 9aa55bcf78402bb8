package output

import (
	"cmp"
	"context"
	"encoding/json"
	"math"
	"slices"

	"github.com/tradesim/tradesim/sim"
)

// SummaryColumns are the columns of summary.csv and summary.parquet, in order (DESIGN.md).
var SummaryColumns = []string{"region", "sector", "variable", "stat", "mean", "p05", "p50", "p95"}

// SummaryRow is one row of summary.csv: statistic Stat of one series, computed in every
// replicate from its deviation path, then banded over replicates.
type SummaryRow struct {
	Region   string  `parquet:"region,dict" json:"region"`
	Sector   string  `parquet:"sector,dict" json:"sector"`
	Variable string  `parquet:"variable,dict" json:"variable"`
	Stat     string  `parquet:"stat,dict" json:"stat"`
	Mean     float64 `parquet:"mean" json:"mean"`
	P05      float64 `parquet:"p05" json:"p05"`
	P50      float64 `parquet:"p50" json:"p50"`
	P95      float64 `parquet:"p95" json:"p95"`
}

func (r *SummaryRow) appendCSV(b []byte) []byte {
	for i, s := range []string{r.Region, r.Sector, r.Variable, r.Stat} {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSVString(b, s)
	}
	for _, x := range []float64{r.Mean, r.P05, r.P50, r.P95} {
		b = append(b, ',')
		b = appendFloat(b, x)
	}
	return append(b, '\n')
}

// MarshalJSON writes the row with its figures as floats (0.0, never 0).
func (r SummaryRow) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Region   string    `json:"region"`
		Sector   string    `json:"sector"`
		Variable string    `json:"variable"`
		Stat     string    `json:"stat"`
		Mean     jsonFloat `json:"mean"`
		P05      jsonFloat `json:"p05"`
		P50      jsonFloat `json:"p50"`
		P95      jsonFloat `json:"p95"`
	}{r.Region, r.Sector, r.Variable, r.Stat, jsonFloat(r.Mean), jsonFloat(r.P05), jsonFloat(r.P50), jsonFloat(r.P95)})
}

// Band returns the row's statistics as a band.
func (r *SummaryRow) Band() sim.Band {
	return sim.Band{Mean: r.Mean, P05: r.P05, P50: r.P50, P95: r.P95}
}

// The statistics of summary.csv. Each is computed per replicate from the path of deviations
// d_t = Deviation(value_t, baseline_t) over the horizon (or of value - baseline), then the
// mean, p05, p50 and p95 over replicates are reported.
const (
	// StatAtEnd is d at the last simulated month.
	StatAtEnd = "deviation_at_end"
	// StatPeak is the d_t of largest magnitude, with its sign (the earliest on ties).
	StatPeak = "peak_deviation"
	// StatMean is the average of d_t over the horizon.
	StatMean = "mean_deviation"
	// StatCumulative is sum_t (value_t - baseline_t) in the variable's unit times months:
	// USD bn for monthly USD bn flows. Additive variables only.
	StatCumulative = "cumulative"
	// StatCumulativePct is 100 (sum_t value_t / sum_t baseline_t - 1): the change over the
	// whole horizon in percent (the difference when the baseline sum is 0). Additive
	// variables whose deviation is a percent only.
	StatCumulativePct = "cumulative_pct"
)

// StatMeanings documents the summary statistics, in row order; summary.json carries it.
var StatMeanings = []StatMeaning{
	{StatAtEnd, "deviation from baseline in the last simulated month (% for levels, percentage points for rates)"},
	{StatPeak, "deviation of largest magnitude over the horizon, with its sign"},
	{StatMean, "average deviation over the horizon"},
	{StatCumulative, "sum over months of (scenario - baseline) in the variable's unit times months, e.g. USD bn; additive variables only"},
	{StatCumulativePct, "change over the whole horizon: 100 * (sum of scenario / sum of baseline - 1); additive levels only"},
}

// StatMeaning names a summary statistic and says what it is.
type StatMeaning struct {
	Stat    string `json:"stat"`
	Meaning string `json:"meaning"`
}

// pathStats computes the statistics of one replicate's path; ok[k] says whether stat k applies.
func pathStats(v sim.Variable, xs, bs []float64, out *[5]float64, ok *[5]bool) {
	n := len(xs)
	var peak, sumDev, sumX, sumB, sumDiff float64
	for t := range n {
		d := sim.Deviation(v.Dev, xs[t], bs[t])
		if math.Abs(d) > math.Abs(peak) {
			peak = d
		}
		sumDev += d
		sumX += xs[t]
		sumB += bs[t]
		sumDiff += xs[t] - bs[t]
	}
	out[0] = sim.Deviation(v.Dev, xs[n-1], bs[n-1])
	out[1] = peak
	out[2] = sumDev / float64(n)
	out[3] = sumDiff
	out[4] = sim.Deviation(sim.DevPercent, sumX, sumB)
	*ok = [5]bool{true, true, true, v.Additive, v.Additive && v.Dev == sim.DevPercent}
}

var statNames = [5]string{StatAtEnd, StatPeak, StatMean, StatCumulative, StatCumulativePct}

// SummaryRows computes the rows of summary.csv: for every series in the order of series.csv,
// the statistics that apply, in the order of StatMeanings.
func SummaryRows(ctx context.Context, res *sim.Result) ([]SummaryRow, error) {
	if err := checkResult(res); err != nil {
		return nil, err
	}
	n := len(res.Replicates)
	xs, bs := make([]float64, res.Steps), make([]float64, res.Steps)
	per := make([][]float64, len(statNames))
	for k := range per {
		per[k] = make([]float64, n)
	}
	var rows []SummaryRow
	for ci, c := range cells(res.Regions, res.Sectors) {
		if ci%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var ok [5]bool
		for r, rep := range res.Replicates {
			for t := range res.Steps {
				xs[t], bs[t] = c.get(rep.Scenario, t), c.get(rep.Baseline, t)
			}
			var st [5]float64
			pathStats(c.v, xs, bs, &st, &ok)
			for k := range st {
				per[k][r] = st[k]
			}
		}
		for k, name := range statNames {
			if !ok[k] {
				continue
			}
			b := sim.NewBand(per[k])
			if err := finite(func() string { return c.String() + " " + name }, b.Mean, b.P05, b.P50, b.P95); err != nil {
				return nil, err
			}
			rows = append(rows, SummaryRow{c.Region, c.Sector, c.Variable, name, b.Mean, b.P05, b.P50, b.P95})
		}
	}
	return rows, nil
}

// Headline is one figure of the headline table: the band over replicates of a series' peak
// deviation, with the month in which the median deviation path peaks.
type Headline struct {
	Group     string  `json:"group"` // "output", "shortage" or "region"
	Region    string  `json:"region"`
	Sector    string  `json:"sector"`
	Variable  string  `json:"variable"`
	Stat      string  `json:"stat"`
	Unit      string  `json:"unit"` // unit of the figures: "%" or "percentage points"
	Mean      float64 `json:"mean"`
	P05       float64 `json:"p05"`
	P50       float64 `json:"p50"`
	P95       float64 `json:"p95"`
	PeakMonth string  `json:"peak_month"`
}

// Headline limits and thresholds (assumptions: what fits one screen and what an economist
// would call a shortage worth reporting).
const (
	headlineOutputs   = 8
	headlineShortages = 5
	// ShortageThreshold: a region-sector is "short of supply" when the median of its peak
	// shortage-rate deviation is at least this many percentage points (assumption).
	ShortageThreshold = 0.5
)

// Headlines picks the figures of the headline table from the summary rows: the region-sectors
// with the largest peak output deviations (by the magnitude of the median), those short of
// supply (peak shortage rate up ShortageThreshold points or more; one sector per region, see
// shortPlaces), and real GDP, CPI and real consumption of every region.
func Headlines(rows []SummaryRow, b *SeriesBands) []Headline {
	var out, shortages, regions []Headline
	short := map[Key]Headline{}
	var shortKeys []Key
	peak := map[Key]SummaryRow{}
	for i := range rows {
		r := &rows[i]
		if r.Stat != StatPeak {
			continue
		}
		peak[Key{r.Region, r.Sector, r.Variable}] = *r
		h := Headline{Region: r.Region, Sector: r.Sector, Variable: r.Variable, Stat: r.Stat,
			Mean: r.Mean, P05: r.P05, P50: r.P50, P95: r.P95}
		if v, ok := VariableNamed(r.Variable); ok {
			h.Unit = DeviationUnit(v)
		}
		if b != nil {
			h.PeakMonth = medianPeakMonth(b, Key{r.Region, r.Sector, r.Variable})
		}
		switch {
		case r.Variable == "output" && r.Region != All && r.Sector != All:
			h.Group = "output"
			out = append(out, h)
		case r.Variable == "shortage_rate" && r.Region != All && r.Sector != All:
			h.Group = "shortage"
			short[h.key()] = h
			shortKeys = append(shortKeys, h.key())
		case r.Sector == All && r.Region != All && (r.Variable == "gdp_real" || r.Variable == "cpi" || r.Variable == "consumption_real"):
			h.Group = "region"
			regions = append(regions, h)
		}
	}
	for _, k := range shortPlaces(shortKeys, peak) {
		shortages = append(shortages, short[k])
	}
	slices.SortStableFunc(out, func(a, b Headline) int { return cmp.Compare(math.Abs(b.P50), math.Abs(a.P50)) })
	out = out[:min(len(out), headlineOutputs)]
	shortages = shortages[:min(len(shortages), headlineShortages)]
	return append(append(out, shortages...), regions...)
}

// MarshalJSON writes the headline with its figures as floats (0.0, never 0).
func (h Headline) MarshalJSON() ([]byte, error) {
	type plain Headline
	return json.Marshal(struct {
		plain
		Mean jsonFloat `json:"mean"`
		P05  jsonFloat `json:"p05"`
		P50  jsonFloat `json:"p50"`
		P95  jsonFloat `json:"p95"`
	}{plain(h), jsonFloat(h.Mean), jsonFloat(h.P05), jsonFloat(h.P50), jsonFloat(h.P95)})
}

func (h Headline) key() Key { return Key{h.Region, h.Sector, h.Variable} }

// shortPlaces picks the region-sectors short of supply that the headline table and the
// shortage chart show: those whose median peak shortage
// rate rises by ShortageThreshold points or more, one per region, regions by their largest
// shortage. A region's sectors often run short together (a region short of a scarce input is
// short of it in every sector that uses it), and six lines of one region would hide the
// others; so each region shows its sector short the most, and of sectors within a point of
// that, the one whose price moves most, which is the one a reader looks for.
func shortPlaces(keys []Key, peak map[Key]SummaryRow) []Key {
	best := map[string]Key{}
	var regions []string
	for _, k := range keys {
		if k.Variable != "shortage_rate" || k.Region == All || k.Sector == All || peak[k].P50 < ShortageThreshold {
			continue
		}
		b, ok := best[k.Region]
		if !ok {
			regions = append(regions, k.Region)
			best[k.Region] = k
			continue
		}
		sk, sb := peak[k].P50, peak[b].P50
		price := func(k Key) float64 { return math.Abs(peak[Key{k.Region, k.Sector, "price"}].P50) }
		if sk > sb+1 || (math.Abs(sk-sb) <= 1 && price(k) > price(b)) {
			best[k.Region] = k
		}
	}
	out := make([]Key, len(regions))
	for i, r := range regions {
		out[i] = best[r]
	}
	slices.SortStableFunc(out, func(a, b Key) int { return cmp.Compare(peak[b].P50, peak[a].P50) })
	return out
}

// medianPeakMonth is the month in which the median deviation of series k is largest in
// magnitude ("" when the series is missing).
func medianPeakMonth(b *SeriesBands, k Key) string {
	i, ok := b.Find(k)
	if !ok {
		return ""
	}
	return (b.Start + sim.Month(peakOf(b.Dev[i]))).String()
}
