package output

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/tradesim/tradesim/sim"
)

// bandNote says what the lines and bands of a chart are.
func bandNote(m ChartMeta, bands bool) string {
	what := "median"
	if bands {
		what = "median and 5–95% band"
	}
	if m.Replicates == 1 {
		return what + " of 1 replicate"
	}
	return fmt.Sprintf("%s over %d replicates", what, m.Replicates)
}

// FanChart draws the deviation of one series from its baseline: median line, 5–95% band
// over replicates, zero line, policy periods shaded and labelled.
func FanChart(b *SeriesBands, k Key, m ChartMeta) (*Figure, error) {
	i, ok := b.Find(k)
	if !ok {
		return nil, fmt.Errorf("the results have no series %s %s %s", k.Region, k.Sector, k.Variable)
	}
	v := b.Vars[i]
	title := pathFinding(PrettyVariable(k.Variable)+" in "+placeName(k.Region, k.Sector), v.Dev, differenceUnit(v), b.Dev[i], b.Start)
	sub := fmt.Sprintf("%s, %s; %s", m.scenarioLabel(), periodText(b.Start, b.Steps), bandNote(m, true))
	panel := Panel{YLabel: yLabel(v), Curves: []Curve{{Label: k.String(), Start: b.Start, Band: b.Dev[i], ShowBand: true}}}
	return lineFigure(fileName("fan", k.Variable, k.Region, k.Sector), title, sub, []Panel{panel}, 1, m)
}

// MultiplesChart draws small multiples: one panel per sector with the median deviation of
// variable in each of regions (one colour per region). Each panel has its own y scale.
func MultiplesChart(b *SeriesBands, variable string, regions, sectors []string, m ChartMeta) (*Figure, error) {
	var panels []Panel
	var v sim.Variable
	for _, s := range sectors {
		pn := Panel{Title: s}
		for _, r := range regions {
			if i, ok := b.Find(Key{r, s, variable}); ok {
				v = b.Vars[i]
				pn.Curves = append(pn.Curves, Curve{Label: r, Start: b.Start, Band: b.Dev[i]})
			}
		}
		if len(pn.Curves) > 0 {
			panels = append(panels, pn)
		}
	}
	if len(panels) == 0 {
		return nil, fmt.Errorf("the results have no %s series for regions %v", variable, regions)
	}
	for i := range panels {
		panels[i].YLabel = shortYLabel(v)
	}
	cols := 5 // 13 sectors in 3 rows: panels tall enough to read on a slide and on a page
	if len(panels) <= 4 {
		cols = len(panels)
	}
	var places []string
	var devs [][]sim.Band
	for _, pn := range panels {
		for _, c := range pn.Curves {
			places, devs = append(places, c.Label+" "+pn.Title), append(devs, c.Band)
		}
	}
	title := mostFinding(PrettyVariable(variable), "in", places, v.Dev, differenceUnit(v), devs, b.Start)
	sub := fmt.Sprintf("%s by sector and region. %s, %s; %s; y scales differ by panel", PrettyVariable(variable), m.scenarioLabel(), periodText(b.Start, b.Steps), bandNote(m, false))
	return lineFigure(fileName("multiples", variable), title, sub, panels, cols, m)
}

// shortYLabel is the y label of a small panel.
func shortYLabel(v sim.Variable) string {
	switch v.Dev {
	case sim.DevPoints:
		return "points"
	case sim.DevDifference:
		return "difference"
	}
	return "% dev."
}

// Route is a bilateral trade route in one sector.
type Route struct {
	Exporter, Importer, Sector string
}

func (r Route) String() string { return r.Exporter + "→" + r.Importer + " " + r.Sector }

// RouteSeries is the band over replicates of the deviation of a route's quantity from its
// baseline, by month: percent, or, when Difference is set, USD bn per month.
type RouteSeries struct {
	Route
	Start      sim.Month
	Dev        []sim.Band
	Difference bool
}

// FlowQuantityBands computes the quantity deviation bands of the given routes of a run held in
// memory; see Store.FlowQuantityBands.
func FlowQuantityBands(res *sim.Result, routes []Route) []RouteSeries {
	st, err := StoreResult(res)
	if err != nil {
		return nil
	}
	out, _ := st.FlowQuantityBands(routes)
	return out
}

// FlowQuantityBands computes the quantity deviation bands of the given routes (unknown codes
// and domestic routes are skipped). Deviations are percent, unless a route's baseline volume
// is zero in some month and replicate (a route closed in the baseline, e.g. under a ban): a
// percent change from nothing means nothing, so then every route gets the difference in USD bn
// per month, and one chart never mixes the two.
func (s *Store) FlowQuantityBands(routes []Route) ([]RouteSeries, error) {
	res := s.Header
	idx := func(codes []string, c string) int { return slices.Index(codes, c) }
	var keep []Route
	var at []int
	for _, rt := range routes {
		o, d, i := idx(res.Regions, rt.Exporter), idx(res.Regions, rt.Importer), idx(res.Sectors, rt.Sector)
		if o < 0 || d < 0 || i < 0 || o == d {
			continue
		}
		keep, at = append(keep, rt), append(at, s.routeIndex(o, d, i))
	}
	q, bq, err := s.flowQuantities(at)
	if err != nil {
		return nil, err
	}
	kind := sim.FlowVars[sim.FlowQuantity].Dev
	if slices.Contains(bq, 0) {
		kind = sim.DevDifference
	}
	out := make([]RouteSeries, len(keep))
	ds := make([]float64, s.n)
	for r, rt := range keep {
		rs := RouteSeries{Route: rt, Start: res.Start, Dev: make([]sim.Band, s.steps), Difference: kind == sim.DevDifference}
		for t := range s.steps {
			at := (r*s.steps + t) * s.n
			for k := range s.n {
				ds[k] = sim.Deviation(kind, q[at+k], bq[at+k])
			}
			rs.Dev[t] = band(ds)
		}
		out[r] = rs
	}
	return out, nil
}

// maxRoutes is the number of routes a flow chart shows (assumption: more lines than this are
// unreadable in one panel).
const maxRoutes = 6

// FlowsChart draws the deviation of trade volumes on the policy routes from their baseline:
// one colour per route, median lines with lighter 5–95% bands. Beyond maxRoutes, the routes
// with the largest median peak are kept.
func FlowsChart(routes []RouteSeries, m ChartMeta) (*Figure, error) {
	if len(routes) == 0 {
		return nil, fmt.Errorf("no policy routes to draw")
	}
	routes = slices.Clone(routes)
	slices.SortStableFunc(routes, func(a, b RouteSeries) int { return cmp.Compare(peakMedian(b.Dev), peakMedian(a.Dev)) })
	routes = routes[:min(len(routes), maxRoutes)]
	v := sim.FlowVars[sim.FlowQuantity]
	if routes[0].Difference {
		v.Dev = sim.DevDifference
	}
	pn := Panel{YLabel: yLabel(v)}
	for _, r := range routes {
		pn.Curves = append(pn.Curves, Curve{Label: r.String(), Start: r.Start, Band: r.Dev, ShowBand: true})
	}
	r0 := routes[0]
	title := mostFinding("Trade", "on", []string{r0.String()}, v.Dev, differenceUnit(v), [][]sim.Band{r0.Dev}, r0.Start)
	sub := fmt.Sprintf("Trade volume on the routes the policies cover. %s, %s; %s", m.scenarioLabel(), periodText(r0.Start, len(r0.Dev)), bandNote(m, true))
	f, err := lineFigure("flows_policy_routes", title, sub, []Panel{pn}, 1, m)
	if err == nil && len(routes) == 1 {
		f.Legend[0].Label = routes[0].String() + ", median"
	}
	return f, err
}

// peakMedian is the largest magnitude of the median path.
func peakMedian(bs []sim.Band) float64 {
	var m float64
	for _, b := range bs {
		m = math.Max(m, math.Abs(b.P50))
	}
	return m
}

// ShortageChart draws, for region-sectors short of supply, the price deviation (left) and the
// shortage rate deviation (right, points), one colour per region-sector.
func ShortageChart(b *SeriesBands, places []Key, m ChartMeta) (*Figure, error) {
	price := Panel{Title: "Price", YLabel: yLabel(sim.RSVars[sim.VarPrice])}
	short := Panel{Title: "Shortage rate (share of orders unfilled)", YLabel: yLabel(sim.RSVars[sim.VarShortageRate])}
	for _, pl := range places {
		label := placeName(pl.Region, pl.Sector)
		if i, ok := b.Find(Key{pl.Region, pl.Sector, "price"}); ok {
			price.Curves = append(price.Curves, Curve{Label: label, Start: b.Start, Band: b.Dev[i]})
		}
		if i, ok := b.Find(Key{pl.Region, pl.Sector, "shortage_rate"}); ok {
			short.Curves = append(short.Curves, Curve{Label: label, Start: b.Start, Band: b.Dev[i]})
		}
	}
	if len(price.Curves) == 0 || len(short.Curves) == 0 {
		return nil, fmt.Errorf("no price or shortage series for %v", places)
	}
	title := mostFinding("The share of orders unfilled", "in", short.labels(), sim.DevPoints, "", short.bands(), b.Start)
	what, panels := "Prices and shortages where supply runs short", []Panel{price, short}
	if i := largestOf(price.bands()); math.Abs(price.Curves[i].Band[peakOf(price.Curves[i].Band)].P50) < flatPrice {
		what, panels = fmt.Sprintf("Shortages where supply runs short (their prices move by less than %g%%)", flatPrice), []Panel{short}
	}
	sub := fmt.Sprintf("%s. %s, %s; %s", what, m.scenarioLabel(), periodText(b.Start, b.Steps), bandNote(m, false))
	return lineFigure("shortage_price", title, sub, panels, 2, m)
}

// flatPrice is the median price deviation, in percent, under which the shortage chart leaves
// its price panel out (assumption: a move of under a tenth of a percent is no news in a brief,
// and a panel of such moves reads as noise).
const flatPrice = 0.1

// RegionPanelChart draws real GDP, CPI and real consumption of every region: three panels,
// one colour per region, median deviations.
func RegionPanelChart(b *SeriesBands, regions []string, m ChartMeta) (*Figure, error) {
	var panels []Panel
	for _, v := range []string{"gdp_real", "cpi", "consumption_real"} {
		pn := Panel{Title: PrettyVariable(v)}
		for _, r := range regions {
			if i, ok := b.Find(Key{r, All, v}); ok {
				pn.Curves = append(pn.Curves, Curve{Label: r, Start: b.Start, Band: b.Dev[i]})
				pn.YLabel = yLabel(b.Vars[i])
			}
		}
		if len(pn.Curves) > 0 {
			panels = append(panels, pn)
		}
	}
	if len(panels) == 0 {
		return nil, fmt.Errorf("the results have no region series (gdp_real, cpi, consumption_real)")
	}
	gdp := panels[0]
	title := mostFinding(gdp.Title, "in", gdp.labels(), sim.DevPercent, "", gdp.bands(), b.Start)
	sub := fmt.Sprintf("Real GDP, consumer prices and real consumption by region. %s, %s; %s", m.scenarioLabel(), periodText(b.Start, b.Steps), bandNote(m, false))
	return lineFigure("regions_macro", title, sub, panels, 3, m)
}

// maxLines is the number of lines a lines chart shows: the Okabe–Ito colours readable as
// lines (assumption: beyond that, colours repeat and lines cannot be told apart).
const maxLines = 7

// LinesChart draws the median deviation of several series of one variable in one panel (one
// colour per series); with one series it draws the band too. Beyond maxLines series, the
// ones whose median peaks highest are drawn and the subtitle says so.
func LinesChart(b *SeriesBands, keys []Key, m ChartMeta) (*Figure, error) {
	if len(keys) == 0 {
		return nil, fmt.Errorf("no series to draw")
	}
	for _, k := range keys {
		if _, ok := b.Find(k); !ok {
			return nil, fmt.Errorf("the results have no series %s %s %s", k.Region, k.Sector, k.Variable)
		}
	}
	note := ""
	if len(keys) > maxLines {
		keys = slices.Clone(keys)
		peakOf := func(k Key) float64 { i, _ := b.Find(k); return peakMedian(b.Dev[i]) }
		slices.SortStableFunc(keys, func(x, y Key) int { return cmp.Compare(peakOf(y), peakOf(x)) })
		note = fmt.Sprintf("; the %d of %d series with the largest deviations", maxLines, len(keys))
		keys = keys[:maxLines]
	}
	pn := Panel{}
	for _, k := range keys {
		i, _ := b.Find(k)
		pn.YLabel = yLabel(b.Vars[i])
		pn.Curves = append(pn.Curves, Curve{Label: placeName(k.Region, k.Sector), Start: b.Start, Band: b.Dev[i], ShowBand: len(keys) == 1})
	}
	v := keys[0].Variable
	i, _ := b.Find(keys[0])
	title := mostFinding(PrettyVariable(v), "in", pn.labels(), b.Vars[i].Dev, differenceUnit(b.Vars[i]), pn.bands(), b.Start)
	sub := fmt.Sprintf("%s, %s; %s%s", m.scenarioLabel(), periodText(b.Start, b.Steps), bandNote(m, len(keys) == 1), note)
	return lineFigure(fileName("lines", v), title, sub, []Panel{pn}, 1, m)
}

// fileName joins parts with underscores, keeping letters, digits, '-' and '.' only.
func fileName(parts ...string) string {
	var out []byte
	for i, p := range parts {
		if i > 0 {
			out = append(out, '_')
		}
		for _, c := range []byte(p) {
			switch {
			case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '.', c == '_':
				out = append(out, c)
			default:
				out = append(out, '-')
			}
		}
	}
	return string(out)
}
