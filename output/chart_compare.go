package output

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/tradesim/tradesim/sim"
)

// CompareRun is one scenario's results in a comparison.
type CompareRun struct {
	Name    string
	Bands   *SeriesBands
	Summary []SummaryRow
}

// CompareLinesChart overlays the deviation of one series in several scenarios: one colour per
// scenario, median with 5–95% band.
func CompareLinesChart(runs []CompareRun, k Key, m ChartMeta) (*Figure, error) {
	pn := Panel{}
	var start sim.Month
	steps := 0
	for _, r := range runs {
		i, ok := r.Bands.Find(k)
		if !ok {
			return nil, fmt.Errorf("scenario %s has no series %s %s %s", r.Name, k.Region, k.Sector, k.Variable)
		}
		pn.YLabel = yLabel(r.Bands.Vars[i])
		pn.Curves = append(pn.Curves, Curve{Label: r.Name, Start: r.Bands.Start, Band: r.Bands.Dev[i], ShowBand: true})
		if steps == 0 || r.Bands.Start < start {
			start = r.Bands.Start
		}
		steps = max(steps, r.Bands.Steps)
	}
	v := runs[0].Bands.Vars[0]
	if i, ok := runs[0].Bands.Find(k); ok {
		v = runs[0].Bands.Vars[i]
	}
	title := mostFinding(PrettyVariable(k.Variable)+" in "+placeName(k.Region, k.Sector), "under", pn.labels(), v.Dev, differenceUnit(v), pn.bands(), start)
	sub := fmt.Sprintf("Scenarios compared: deviation from each scenario's baseline, %s; median and 5–95%% band over replicates", periodText(start, steps))
	f, err := lineFigure(fileName("compare_lines", k.Variable, k.Region, k.Sector), title, sub, []Panel{pn}, 1, m)
	if err == nil && len(runs) == 1 {
		f.Legend[0].Label = runs[0].Name + ", median"
	}
	return f, err
}

// CompareStat is the statistic compared across scenarios for a variable: the cumulative
// change over the horizon for additive levels, the mean deviation otherwise.
func CompareStat(v sim.Variable) string {
	if v.Additive && v.Dev == sim.DevPercent {
		return StatCumulativePct
	}
	return StatMean
}

// CompareBarsChart draws, for every sector, one bar per scenario: the median over replicates
// of CompareStat of variable in region (ALL for the world), with a 5–95% whisker. A variable
// reported by region only (real GDP, CPI, …) is drawn by region instead: one group of bars
// per region.
func CompareBarsChart(runs []CompareRun, variable, region string, m ChartMeta) (*Figure, error) {
	v, ok := VariableNamed(variable)
	if !ok {
		return nil, fmt.Errorf("%q is not a tradesim variable", variable)
	}
	stat := CompareStat(v)
	collect := func(byRegion bool) ([]string, []map[string]SummaryRow) {
		var cats []string
		seen := map[string]bool{}
		vals := make([]map[string]SummaryRow, len(runs))
		for i, r := range runs {
			vals[i] = map[string]SummaryRow{}
			for _, row := range r.Summary {
				if row.Variable != variable || row.Stat != stat {
					continue
				}
				cat := row.Sector
				switch {
				case byRegion && row.Sector == All && row.Region != All:
					cat = row.Region
				case !byRegion && row.Region == region && row.Sector != All:
				default:
					continue
				}
				vals[i][cat] = row
				if !seen[cat] {
					seen[cat] = true
					cats = append(cats, cat)
				}
			}
		}
		return cats, vals
	}
	byRegion := false
	cats, vals := collect(false)
	if len(cats) == 0 {
		byRegion = true
		cats, vals = collect(true)
	}
	if len(cats) == 0 {
		return nil, fmt.Errorf("the summaries have no %s %s by sector for region %s, nor by region", variable, stat, region)
	}
	sz := m.Size
	p := newPlot(sz, 1)
	p.Y.Tick.Marker = valueTicks{}
	p.X.Tick.Marker = sectorTicks(cats)
	p.Y.Label.Text = "% change over the horizon"
	if stat == StatMean {
		p.Y.Label.Text = "mean " + strings.TrimSuffix(yLabel(v), " (deviation from baseline)")
	}
	lo, hi := 0.0, 0.0
	var legend []LegendEntry
	bars := barGroups{n: len(runs), width: 0.8}
	for i, r := range runs {
		legend = append(legend, LegendEntry{r.Name, colour(i), LegendBand})
		for c, cat := range cats {
			row, ok := vals[i][cat]
			if !ok {
				continue
			}
			bars.bars = append(bars.bars, bar{x: float64(c), group: i, band: row.Band()})
			lo, hi = math.Min(lo, row.P05), math.Max(hi, row.P95)
		}
	}
	p.Y.Min, p.Y.Max = padRange(lo, hi, 0)
	p.X.Min, p.X.Max = -0.6, float64(len(cats))-0.4
	p.Add(zeroLine{width: 0.9}, bars)
	legend = append(legend, LegendEntry{"whiskers: 5–95% band", inkColour, LegendLine})
	where := placeName(region, All)
	if region == All {
		where = "the world"
	}
	what := "change over the whole horizon against each scenario's baseline"
	if stat == StatMean {
		what = "average deviation from each scenario's baseline"
	}
	by, name := "By sector", fileName("compare_bars", variable, region)
	subject := PrettyVariable(variable) + " in " + where
	if byRegion {
		by, name, subject = "By region", fileName("compare_bars", variable, "by_region"), PrettyVariable(variable)
	}
	title := barsFinding(subject, v, stat, runs, vals)
	sub := fmt.Sprintf("%s, scenarios compared: %s (%s); median over replicates", by, what, stat)
	return &Figure{Name: name, Title: title, Subtitle: sub, Source: m.Source(),
		Size: sz, Panels: [][]*plot.Plot{{p}}, Legend: legend}, nil
}

// barsFinding says which sector and scenario move most on a bar chart: "Output in the world
// falls most in ELEC: 1.2% over the horizon under steep-tariff".
func barsFinding(subject string, v sim.Variable, stat string, runs []CompareRun, vals []map[string]SummaryRow) string {
	var best SummaryRow
	run := -1
	for i := range runs {
		for _, row := range vals[i] {
			m, b := math.Abs(row.P50), math.Abs(best.P50)
			if run < 0 || m > b || (m == b && row.Region+row.Sector < best.Region+best.Sector) { // map order: ties by name
				best, run = row, i
			}
		}
	}
	if run < 0 || math.Abs(best.P50) < negligible {
		return subject + " barely moves"
	}
	verb := "rises"
	if best.P50 < 0 {
		verb = "falls"
	}
	kind, span := v.Dev, " on average"
	if stat == StatCumulativePct {
		kind, span = sim.DevPercent, " over the horizon"
	}
	cat := best.Sector
	if cat == All {
		cat = best.Region
	}
	return fmt.Sprintf("%s %s most in %s: %s%s under %s", subject, verb, cat, devText(math.Abs(best.P50), kind, differenceUnit(v), false), span, runs[run].Name)
}

func sectorTicks(sectors []string) plot.ConstantTicks {
	ts := make(plot.ConstantTicks, len(sectors))
	for i, s := range sectors {
		ts[i] = plot.Tick{Value: float64(i), Label: s}
	}
	return ts
}

type bar struct {
	x     float64
	group int
	band  sim.Band
}

// barGroups draws grouped bars (median) with whiskers (p05 to p95): group g of n sits at
// x - width/2 + (g + 0.5) width/n.
type barGroups struct {
	n     int
	width float64
	bars  []bar
}

func (bg barGroups) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	w := bg.width / float64(bg.n)
	for _, b := range bg.bars {
		x0 := b.x - bg.width/2 + float64(b.group)*w
		l, r := trX(x0+0.06*w), trX(x0+0.94*w)
		y0, y1 := trY(0), trY(b.band.P50)
		c.FillPolygon(colour(b.group), c.ClipPolygonXY([]vg.Point{{X: l, Y: y0}, {X: r, Y: y0}, {X: r, Y: y1}, {X: l, Y: y1}}))
		xm := (l + r) / 2
		sty := draw.LineStyle{Color: inkColour, Width: 0.9}
		lo, hi := trY(b.band.P05), trY(b.band.P95)
		c.StrokeLine2(sty, xm, lo, xm, hi)
		cap := (r - l) / 4
		c.StrokeLine2(sty, xm-cap, lo, xm+cap, lo)
		c.StrokeLine2(sty, xm-cap, hi, xm+cap, hi)
	}
}
