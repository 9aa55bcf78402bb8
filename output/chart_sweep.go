package output

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// SweepChartMeta is what a sweep chart says about its sweep on its source line.
type SweepChartMeta struct {
	Sweep, Scenario, Version string
	Runs, Replicates         int
	Size                     Size
}

func (m SweepChartMeta) source() string {
	reps := "1 replicate"
	if m.Replicates != 1 {
		reps = fmt.Sprintf("%d replicates", m.Replicates)
	}
	return fmt.Sprintf("Source: tradesim %s, sweep %s of scenario %s, %d runs of %s each (mean deviation from each run's baseline).", m.Version, m.Sweep, m.Scenario, m.Runs, reps)
}

// metricLabel reads a metric column as words: "gdp_real_usa_all_trough" stays as named, a
// metric described by its parts reads "Trough of Real GDP in USA".
func metricLabel(d SweepMetricDesc) string {
	where := placeName(d.Region, d.Sector)
	if d.Region == All && d.Sector == All {
		where = "the world"
	}
	return fmt.Sprintf("%s of %s in %s", upperFirst(d.Stat), PrettyVariable(d.Variable), where)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// SweepMetricDesc describes a metric column for chart labels.
type SweepMetricDesc struct {
	Name, Variable, Region, Sector, Stat string
}

// unitOf is the unit of a metric's values: percent or points of deviation, or the variable's
// unit times months for cumulative.
func unitOf(d SweepMetricDesc) string {
	v, ok := VariableNamed(d.Variable)
	if !ok {
		return ""
	}
	if d.Stat == MetricCumulative {
		return differenceUnit(v) + " x months"
	}
	return DeviationUnit(v)
}

// unitShort is the unit after a number in a title: "%", " points" or "".
func unitShort(d SweepMetricDesc) string {
	switch u := unitOf(d); u {
	case "%":
		return "%"
	case "percentage points":
		return " points"
	}
	return ""
}

// DoseResponseChart draws a metric against the one factor of a sweep: the runs as points and
// their order as a line, for "how does US welfare respond to the tariff rate?"; with lo and hi
// (the 5th and 95th percentiles over each point's replicates) a band around it.
func DoseResponseChart(factor string, x, y, lo, hi []float64, d SweepMetricDesc, m SweepChartMeta) (*Figure, error) {
	if len(x) == 0 || len(x) != len(y) {
		return nil, fmt.Errorf("no runs to draw for %s", d.Name)
	}
	order := make([]int, len(x))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(x[a], x[b]) })
	pts := make(plotter.XYs, len(x))
	for i, j := range order {
		pts[i] = plotter.XY{X: x[j], Y: y[j]}
	}
	sz := m.Size
	p := newPlot(sz, 1)
	p.X.Tick.Marker = valueTicks{}
	p.Y.Tick.Marker = valueTicks{}
	p.X.Label.Text = factor
	p.Y.Label.Text = unitOf(d)
	line, err := plotter.NewLine(pts)
	if err != nil {
		return nil, fmt.Errorf("dose-response of %s: %w", d.Name, err)
	}
	line.LineStyle = draw.LineStyle{Color: colour(0), Width: sz.Line}
	dots, err := plotter.NewScatter(pts)
	if err != nil {
		return nil, fmt.Errorf("dose-response of %s: %w", d.Name, err)
	}
	dots.GlyphStyle = draw.GlyphStyle{Color: colour(0), Radius: sz.Line * 1.4, Shape: draw.CircleGlyph{}}
	ymin, ymax := minMax(y)
	legend := []LegendEntry{{"one run", colour(0), LegendLine}}
	p.Add(zeroLine{width: 0.9})
	if len(lo) == len(x) && len(hi) == len(x) {
		band := make(plotter.XYs, 0, 2*len(x))
		for _, j := range order {
			band = append(band, plotter.XY{X: x[j], Y: lo[j]})
		}
		for i := len(order) - 1; i >= 0; i-- {
			band = append(band, plotter.XY{X: x[order[i]], Y: hi[order[i]]})
		}
		poly, err := plotter.NewPolygon(band)
		if err != nil {
			return nil, fmt.Errorf("dose-response of %s: %w", d.Name, err)
		}
		poly.Color, poly.LineStyle.Width = withAlpha(colour(0), 0x40), 0
		p.Add(poly)
		l, _ := minMax(lo)
		_, h := minMax(hi)
		ymin, ymax = math.Min(ymin, l), math.Max(ymax, h)
		legend = append(legend, LegendEntry{"5–95% over the replicates of each point", withAlpha(colour(0), 0x40), LegendBand})
	}
	p.Y.Min, p.Y.Max = padRange(math.Min(ymin, 0), math.Max(ymax, 0), 0)
	p.Add(line, dots)
	first, last := pts[0], pts[len(pts)-1]
	u := unitShort(d)
	title := fmt.Sprintf("%s: %s%s at %s = %s, %s%s at %s", metricLabel(d), tickLabel(first.Y, 0.01), u, factor, tickLabel(first.X, 0.001), tickLabel(last.Y, 0.01), u, tickLabel(last.X, 0.001))
	sub := fmt.Sprintf("Each point is one run of the sweep; %s against %s", unitOf(d), factor)
	return &Figure{Name: fileName("dose", d.Name), Title: title, Subtitle: sub, Source: m.source(), Size: sz,
		Panels: [][]*plot.Plot{{p}}, Legend: legend}, nil
}

func minMax(xs []float64) (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range xs {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	return lo, hi
}

// heatGrid is a two-factor grid's metric as plotter.GridXYZ: cell (c, r) is the mean of the runs
// at the c-th value of factor 1 and the r-th of factor 2.
type heatGrid struct {
	xs, ys []float64
	z      [][]float64 // [r][c]
}

func (g heatGrid) Dims() (int, int)   { return len(g.xs), len(g.ys) }
func (g heatGrid) Z(c, r int) float64 { return g.z[r][c] }
func (g heatGrid) X(c int) float64    { return float64(c) }
func (g heatGrid) Y(r int) float64    { return float64(r) }

// HeatmapChart draws a metric over a two-factor grid: one cell per combination of the two
// factors' values, coloured on a diverging blue-red scale centred on zero.
func HeatmapChart(f1, f2 string, x1, x2, y []float64, d SweepMetricDesc, m SweepChartMeta) (*Figure, error) {
	xs, ys := uniqueSorted(x1), uniqueSorted(x2)
	if len(xs) < 2 || len(ys) < 2 {
		return nil, fmt.Errorf("a heatmap needs two values of each factor")
	}
	sum := make([][]float64, len(ys))
	n := make([][]int, len(ys))
	for r := range ys {
		sum[r], n[r] = make([]float64, len(xs)), make([]int, len(xs))
	}
	for i := range y {
		c, r := slices.Index(xs, x1[i]), slices.Index(ys, x2[i])
		sum[r][c] += y[i]
		n[r][c]++
	}
	g := heatGrid{xs: xs, ys: ys, z: sum}
	lim := 0.0
	for r := range ys {
		for c := range xs {
			if n[r][c] > 0 {
				sum[r][c] /= float64(n[r][c])
			} else {
				sum[r][c] = math.NaN()
			}
			lim = math.Max(lim, math.Abs(sum[r][c]))
		}
	}
	pal := moreland.SmoothBlueRed()
	pal.SetMin(-math.Max(lim, 1e-12))
	pal.SetMax(math.Max(lim, 1e-12))
	hm := plotter.NewHeatMap(g, pal.Palette(255))
	hm.Min, hm.Max = -math.Max(lim, 1e-12), math.Max(lim, 1e-12)
	hm.NaN = greyColour
	sz := m.Size
	p := newPlot(sz, 1)
	p.Add(hm)
	p.X.Label.Text, p.Y.Label.Text = f1, f2
	p.X.Tick.Marker = indexTicks(xs)
	p.Y.Tick.Marker = indexTicks(ys)
	p.Add(cellLabels{g: g, size: sz.Tick, lim: lim})
	bi, bj := 0, 0
	for r := range ys {
		for c := range xs {
			if math.Abs(sum[r][c]) > math.Abs(sum[bj][bi]) {
				bi, bj = c, r
			}
		}
	}
	title := fmt.Sprintf("%s is largest, %s%s, at %s = %s and %s = %s", metricLabel(d), tickLabel(sum[bj][bi], 0.01), unitShort(d), f1, tickLabel(xs[bi], 0.001), f2, tickLabel(ys[bj], 0.001))
	sub := fmt.Sprintf("%s over the grid of %s and %s (blue below zero, red above)", unitOf(d), f1, f2)
	return &Figure{Name: fileName("heatmap", d.Name), Title: title, Subtitle: sub, Source: m.source(), Size: sz,
		Panels: [][]*plot.Plot{{p}}}, nil
}

func uniqueSorted(xs []float64) []float64 {
	out := slices.Clone(xs)
	slices.Sort(out)
	return slices.Compact(out)
}

// indexTicks labels cell positions 0..n-1 with the values.
func indexTicks(vals []float64) plot.ConstantTicks {
	ts := make(plot.ConstantTicks, len(vals))
	for i, v := range vals {
		ts[i] = plot.Tick{Value: float64(i), Label: tickLabel(v, 0.001)}
	}
	return ts
}

// cellLabels writes each heatmap cell's value in it.
type cellLabels struct {
	g    heatGrid
	size vg.Length
	lim  float64 // the colour scale's end: cells beyond 60% of it are dark, so their text is white
}

func (cl cellLabels) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	sty := textStyle(cl.size*0.85, false, inkColour)
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
	cols, rows := cl.g.Dims()
	if cols*rows > 150 {
		return // too small to read
	}
	for r := range rows {
		for col := range cols {
			z := cl.g.Z(col, r)
			if math.IsNaN(z) {
				continue
			}
			sty.Color = inkColour
			if math.Abs(z) > 0.6*cl.lim {
				sty.Color = color.White
			}
			c.FillText(sty, vg.Point{X: trX(float64(col)), Y: trY(float64(r))}, tickLabel(z, 0.01))
		}
	}
}

// TornadoBar is one factor's bar of a tornado chart: the index and its 95% interval.
type TornadoBar struct {
	Factor           string
	Value, Low, High float64
}

// TornadoChart draws one metric's sensitivity indices, largest in magnitude on top, with their
// 95% bootstrap intervals: Morris's mu*, Sobol's total-order index, or a standardized
// regression coefficient (signed: bars left of zero lower the metric).
func TornadoChart(method, index string, bars []TornadoBar, d SweepMetricDesc, m SweepChartMeta) (*Figure, error) {
	if len(bars) == 0 {
		return nil, fmt.Errorf("no factors to rank for %s", d.Name)
	}
	bars = slices.Clone(bars)
	slices.SortStableFunc(bars, func(a, b TornadoBar) int { return cmp.Compare(math.Abs(a.Value), math.Abs(b.Value)) })
	sz := m.Size
	p := newPlot(sz, 1)
	p.X.Tick.Marker = valueTicks{}
	names := make([]string, len(bars))
	lo, hi := 0.0, 0.0
	for i, b := range bars {
		names[i] = b.Factor
		hi = math.Max(hi, math.Max(b.Value, b.High))
		lo = math.Min(lo, math.Min(b.Value, b.Low))
	}
	ts := make(plot.ConstantTicks, len(names))
	for i, n := range names {
		ts[i] = plot.Tick{Value: float64(i), Label: n}
	}
	p.Y.Tick.Marker = ts
	p.Y.Min, p.Y.Max = -0.6, float64(len(bars))-0.4
	p.X.Min, p.X.Max = lo*1.08, hi*1.08
	if lo == 0 && hi == 0 {
		p.X.Max = 1
	}
	p.Add(hbars{bars: bars}, zeroX{width: 0.9})
	what := map[string]string{
		"mu_star": "mean absolute elementary effect (Morris mu*), per unit of each factor's range",
		"ST":      "total-order Sobol index: share of the variance the factor explains with its interactions",
		"SRC":     "standardized regression coefficient: standard deviations the metric moves per standard deviation of the factor",
	}[index]
	p.X.Label.Text = index
	top := bars[len(bars)-1]
	title := fmt.Sprintf("%s depends most on %s", metricLabel(d), top.Factor)
	sub := fmt.Sprintf("%s (%s); whiskers: 95%% bootstrap interval", what, method)
	return &Figure{Name: fileName("tornado", d.Name), Title: title, Subtitle: sub, Source: m.source(), Size: sz,
		Panels: [][]*plot.Plot{{p}}}, nil
}

// hbars draws horizontal bars from zero with whiskers, bar i at y = i.
type hbars struct{ bars []TornadoBar }

func (h hbars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i, b := range h.bars {
		y0, y1 := trY(float64(i)-0.35), trY(float64(i)+0.35)
		x0, x1 := trX(0), trX(b.Value)
		c.FillPolygon(colour(0), c.ClipPolygonXY([]vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}))
		sty := draw.LineStyle{Color: inkColour, Width: 0.9}
		ym := (y0 + y1) / 2
		lo, hi := trX(b.Low), trX(b.High)
		c.StrokeLine2(sty, lo, ym, hi, ym)
		cap := (y1 - y0) / 4
		c.StrokeLine2(sty, lo, ym-cap, lo, ym+cap)
		c.StrokeLine2(sty, hi, ym-cap, hi, ym+cap)
	}
}

// zeroX draws the vertical line x = 0.
type zeroX struct{ width vg.Length }

func (z zeroX) Plot(c draw.Canvas, p *plot.Plot) {
	if p.X.Min > 0 || p.X.Max < 0 {
		return
	}
	trX, _ := p.Transforms(&c)
	x := trX(0)
	c.StrokeLine2(draw.LineStyle{Color: inkColour, Width: z.width}, x, c.Min.Y, x, c.Max.Y)
}
