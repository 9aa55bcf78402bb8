package output

import (
	"cmp"
	"context"
	"encoding/json"
	"math"
	"slices"

	"github.com/tradesim/tradesim/sim"
)

// SummaryColumns are the columns of summary.csv and summary.parquet, in order (output/README.md).
var SummaryColumns = []string{"region", "sector", "variable", "stat", "mean", "p05", "p50", "p95", "month"}

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
	// Month is, for trough_deviation and peak_deviation, the month (YYYY-MM) in which the
	// median deviation path reaches its trough or peak; "" for the other statistics and when
	// the median path never falls below (rises above) its baseline.
	Month string `parquet:"month,dict,optional" json:"month,omitempty"`
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
	b = append(b, ',')
	b = append(b, r.Month...) // YYYY-MM needs no quoting
	return append(b, '\n')
}

// MarshalJSON writes the row with its figures as floats (0.0, never 0), as json.Marshal writes
// a struct of these fields (month omitted when empty), without its reflection: summary.json
// holds thousands of rows.
func (r SummaryRow) MarshalJSON() ([]byte, error) {
	if err := finite(func() string { return "a figure of summary.json" }, r.Mean, r.P05, r.P50, r.P95); err != nil {
		return nil, err
	}
	b := append(make([]byte, 0, 128), '{')
	for i, f := range [...]struct{ name, value string }{{"region", r.Region}, {"sector", r.Sector}, {"variable", r.Variable}, {"stat", r.Stat}} {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, f.name...)
		b = append(b, `":`...)
		b = appendJSONString(b, f.value)
	}
	for _, f := range [...]struct {
		name string
		x    float64
	}{{"mean", r.Mean}, {"p05", r.P05}, {"p50", r.P50}, {"p95", r.P95}} {
		b = append(b, `,"`...)
		b = append(b, f.name...)
		b = append(b, `":`...)
		b = appendFloat(b, f.x)
	}
	if r.Month != "" {
		b = append(b, `,"month":`...)
		b = appendJSONString(b, r.Month)
	}
	return append(b, '}'), nil
}

// appendJSONString appends s as json.Marshal writes it: quoted, and escaped where needed
// (json.Marshal itself does that, for the rare code or name that needs it).
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
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
	// StatTrough is the most negative d_t, min(0, min_t d_t): the largest fall below the
	// baseline, 0 when the path never falls below it.
	StatTrough = "trough_deviation"
	// StatPeak is the most positive d_t, max(0, max_t d_t): the largest rise above the
	// baseline, 0 when the path never rises above it.
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
	{StatTrough, "the most negative deviation over the horizon (the largest fall below the baseline; 0 if it never falls); month: when the median path reaches it"},
	{StatPeak, "the most positive deviation over the horizon (the largest rise above the baseline; 0 if it never rises); month: when the median path reaches it"},
	{StatMean, "average deviation over the horizon"},
	{StatCumulative, "sum over months of (scenario - baseline) in the variable's unit times months, e.g. USD bn; additive variables only"},
	{StatCumulativePct, "change over the whole horizon: 100 * (sum of scenario / sum of baseline - 1); additive levels only"},
}

// StatMeaning names a summary statistic and says what it is.
type StatMeaning struct {
	Stat    string `json:"stat"`
	Meaning string `json:"meaning"`
}

// numStats is the number of summary statistics.
const numStats = 6

var statNames = [numStats]string{StatAtEnd, StatTrough, StatPeak, StatMean, StatCumulative, StatCumulativePct}

// pathStats computes the statistics of one replicate's path; ok[k] says whether stat k applies.
func pathStats(v sim.Variable, xs, bs []float64, out *[numStats]float64, ok *[numStats]bool) {
	n := len(xs)
	var trough, peak, sumDev, sumX, sumB, sumDiff float64
	for t := range n {
		d := sim.Deviation(v.Dev, xs[t], bs[t])
		trough, peak = min(trough, d), max(peak, d)
		sumDev += d
		sumX += xs[t]
		sumB += bs[t]
		sumDiff += xs[t] - bs[t]
	}
	*out = [numStats]float64{sim.Deviation(v.Dev, xs[n-1], bs[n-1]), trough, peak, sumDev / float64(n),
		sumDiff, sim.Deviation(sim.DevPercent, sumX, sumB)}
	*ok = [numStats]bool{true, true, true, true, v.Additive, v.Additive && v.Dev == sim.DevPercent}
}

// SummaryRows computes the rows of summary.csv of a run held in memory: for every series in
// the order of series.csv, the statistics that apply, in the order of StatMeanings. The months
// of troughs and peaks come from the median deviation paths, which are b's (the tables compute
// them in the same pass; b may be nil).
func SummaryRows(ctx context.Context, res *sim.Result, b *SeriesBands) ([]SummaryRow, error) {
	st, err := StoreResult(res)
	if err != nil {
		return nil, err
	}
	_, rows, err := seriesFromStore(ctx, st)
	return rows, err
}

// Headline is one figure of the headline table: the band over replicates of a series' trough
// (largest fall) or peak (largest rise) deviation, whichever moves more at the median, with
// the month in which the median deviation path reaches it.
type Headline struct {
	Group    string  `json:"group"` // "output", "shortage" or "region"
	Region   string  `json:"region"`
	Sector   string  `json:"sector"`
	Variable string  `json:"variable"`
	Stat     string  `json:"stat"` // trough_deviation or peak_deviation
	Unit     string  `json:"unit"` // unit of the figures: "%" or "percentage points"
	Mean     float64 `json:"mean"`
	P05      float64 `json:"p05"`
	P50      float64 `json:"p50"`
	P95      float64 `json:"p95"`
	Month    string  `json:"month"`
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

// HeadlineRegionVars are the region variables of the headline table, in its column order.
var HeadlineRegionVars = []string{"welfare", "gdp_real", "cpi", "consumption_real"}

// Extremes indexes the trough and peak rows of a summary by series.
type Extremes struct{ Trough, Peak map[Key]SummaryRow }

// NewExtremes collects the trough_deviation and peak_deviation rows of a summary.
func NewExtremes(rows []SummaryRow) Extremes {
	e := Extremes{map[Key]SummaryRow{}, map[Key]SummaryRow{}}
	for _, r := range rows {
		switch r.Stat {
		case StatTrough:
			e.Trough[Key{r.Region, r.Sector, r.Variable}] = r
		case StatPeak:
			e.Peak[Key{r.Region, r.Sector, r.Variable}] = r
		}
	}
	return e
}

// Larger is the trough or the peak row of k, whichever is larger in magnitude at the median
// (the trough on ties); ok is false when the summary has neither.
func (e Extremes) Larger(k Key) (SummaryRow, bool) {
	t, okT := e.Trough[k]
	p, okP := e.Peak[k]
	switch {
	case okT && (!okP || math.Abs(t.P50) >= math.Abs(p.P50)):
		return t, true
	case okP:
		return p, true
	}
	return SummaryRow{}, false
}

// Move is the median magnitude of k's larger move (0 when the summary lacks k).
func (e Extremes) Move(k Key) float64 {
	r, _ := e.Larger(k)
	return math.Abs(r.P50)
}

// Headlines picks the figures of the headline table from the summary rows: the region-sectors
// whose output moves most (trough or peak, by the magnitude of the median), those short of
// supply (peak shortage rate up ShortageThreshold points or more; one sector per region, see
// shortPlaces), and the larger move of welfare, real GDP, CPI and real consumption of every
// region (those the run reports).
func Headlines(rows []SummaryRow, b *SeriesBands) []Headline {
	e := NewExtremes(rows)
	headline := func(group string, r SummaryRow) Headline {
		h := Headline{Group: group, Region: r.Region, Sector: r.Sector, Variable: r.Variable, Stat: r.Stat,
			Mean: r.Mean, P05: r.P05, P50: r.P50, P95: r.P95, Month: r.Month}
		if v, ok := VariableNamed(r.Variable); ok {
			h.Unit = DeviationUnit(v)
		}
		return h
	}
	var out, shortages, regions []Headline
	var shortKeys []Key
	for _, r := range rows {
		if r.Stat != StatPeak {
			continue
		}
		k := Key{r.Region, r.Sector, r.Variable}
		switch {
		case r.Variable == "output" && r.Region != All && r.Sector != All:
			l, _ := e.Larger(k)
			out = append(out, headline("output", l))
		case r.Variable == "shortage_rate" && r.Region != All && r.Sector != All:
			shortKeys = append(shortKeys, k)
		case r.Sector == All && r.Region != All && slices.Contains(HeadlineRegionVars, r.Variable):
			l, _ := e.Larger(k)
			regions = append(regions, headline("region", l))
		}
	}
	for _, k := range shortPlaces(shortKeys, e.Peak) {
		shortages = append(shortages, headline("shortage", e.Peak[k]))
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

// extremeMonth is the first month in which the median deviation of series k reaches its
// minimum (sign < 0) or maximum (sign > 0); "" when that extreme is not below (above) zero or
// the series is missing.
func extremeMonth(b *SeriesBands, k Key, sign float64) string {
	if b == nil {
		return ""
	}
	i, ok := b.Find(k)
	if !ok {
		return ""
	}
	at, best := -1, 0.0
	for t, d := range b.Dev[i] {
		if x := sign * d.P50; x > best {
			at, best = t, x
		}
	}
	if at < 0 {
		return ""
	}
	return (b.Start + sim.Month(at)).String()
}
