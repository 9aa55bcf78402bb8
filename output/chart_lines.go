package output

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/tradesim/tradesim/sim"
)

// ChartMeta is what every chart says about the run it comes from.
type ChartMeta struct {
	Scenario   string // name
	Title      string // the scenario's title, if any
	Baseline   string
	Version    string // tradesim version
	Replicates int
	Windows    []PolicyWindow
	Size       Size
	// SourceLine replaces the generated source line when set (comparisons of several runs).
	SourceLine string
}

// Source is the source line of a chart.
func (m ChartMeta) Source() string {
	if m.SourceLine != "" {
		return m.SourceLine
	}
	reps := "replicates"
	if m.Replicates == 1 {
		reps = "replicate"
	}
	return fmt.Sprintf("Source: tradesim %s, scenario %s, %d %s, baseline: %s.", m.Version, m.Scenario, m.Replicates, reps, BaselineText(m.Scenario, m.Baseline))
}

// BaselineText names a run's baseline for a reader: another scenario by its name, or, for the
// scenario's own baseline (named "NAME baseline" by the loader), "the scenario without its
// policies". The tables name that baseline "NAME without policies" when the engine gives it no
// name (baselineName), which reads the same.
func BaselineText(scenario, baseline string) string {
	if baseline == scenario+" baseline" || baseline == scenario+" without policies" {
		return "the scenario without its policies"
	}
	return baseline
}

func (m ChartMeta) scenarioLabel() string {
	if m.Title != "" {
		return m.Title
	}
	return m.Scenario
}

// Curve is one line of a panel: the median deviation over months from Start, with its
// 5–95% band drawn when ShowBand is set.
type Curve struct {
	Label    string
	Start    sim.Month
	Band     []sim.Band
	ShowBand bool
	Dashed   bool
}

// Panel is one plot of a figure.
type Panel struct {
	Title  string
	YLabel string
	Curves []Curve
}

// bandHidden reports whether a 5–95% band is too narrow to see behind its median line: at
// its widest under 2% of the range the chart shows (a median line is about 1% of a slide
// chart's plot height; assumption: a band must be twice that to show on both sides).
func bandHidden(bs []sim.Band) bool {
	lo, hi, widest := 0.0, 0.0, 0.0 // the y range includes 0 (padRange)
	for _, b := range bs {
		lo, hi = math.Min(lo, b.P05), math.Max(hi, b.P95)
		widest = math.Max(widest, b.P95-b.P05)
	}
	return widest < 0.02*(hi-lo)
}

// labels are the labels of the panel's curves.
func (pn Panel) labels() []string {
	out := make([]string, len(pn.Curves))
	for i, c := range pn.Curves {
		out[i] = c.Label
	}
	return out
}

// bands are the median-and-band paths of the panel's curves.
func (pn Panel) bands() [][]sim.Band {
	out := make([][]sim.Band, len(pn.Curves))
	for i, c := range pn.Curves {
		out[i] = c.Band
	}
	return out
}

// lineFigure lays panels out in a grid of cols columns. Curves with the same label have the
// same colour in every panel; the legend lists them once. Policy periods are shaded in every
// panel and labelled in single-panel figures (and in the first panel of a row of at most
// three), where there is room.
func lineFigure(name, title, subtitle string, panels []Panel, cols int, m ChartMeta) (*Figure, error) {
	if len(panels) == 0 {
		return nil, fmt.Errorf("output: chart %s has nothing to draw", name)
	}
	sz := m.Size
	cols = max(1, min(cols, len(panels)))
	rows := (len(panels) + cols - 1) / cols
	colourOf := map[string]int{}
	var legend []LegendEntry
	anyBand := false
	var start, end sim.Month
	first := true
	for _, p := range panels {
		for _, c := range p.Curves {
			if len(c.Band) == 0 {
				return nil, fmt.Errorf("output: chart %s: curve %q has no data", name, c.Label)
			}
			if _, ok := colourOf[c.Label]; !ok {
				colourOf[c.Label] = len(colourOf)
				kind := LegendLine
				if c.Dashed {
					kind = LegendDash
				}
				legend = append(legend, LegendEntry{c.Label, colour(colourOf[c.Label]), kind})
			}
			anyBand = anyBand || c.ShowBand
			e := c.Start + sim.Month(len(c.Band)-1)
			if first || c.Start < start {
				start = c.Start
			}
			if first || e > end {
				end = e
			}
			first = false
		}
	}
	if len(colourOf) == 1 && len(panels) == 1 {
		legend[0].Label = "median"
	}
	shades := Shades(m.Windows, start, end)
	spans := unionSpans(shades)
	marks := policyMarks(shades, start)
	if len(panels) > 3 {
		marks = nil // small multiples: the shading alone; the fan charts name the measures
	}
	numbered := len(marks) > maxNamedMarks
	note := ""
	if numbered {
		var parts []string
		for k, mk := range marks {
			parts = append(parts, fmt.Sprintf("%d %s (%s)", k+1, mk.Label, mk.At))
		}
		note = "Measures starting at the dashed lines: " + strings.Join(parts, "; ") + "."
	}
	if anyBand {
		lbl := "5–95% band"
		if len(colourOf) == 1 && len(panels) == 1 && bandHidden(panels[0].Curves[0].Band) {
			lbl += " (narrower than the line: replicates agree)"
		}
		if len(colourOf) == 1 {
			legend = append(legend, LegendEntry{lbl, withAlpha(colour(0), 0x40), LegendBand})
		} else {
			legend = append(legend, LegendEntry{lbl + " (lighter)", color.NRGBA{0x60, 0x60, 0x60, 0x40}, LegendBand})
		}
	}
	if len(shades) > 0 {
		legend = append(legend, LegendEntry{"policy in force", nil, LegendShade})
	}
	scale := 1.0
	if len(panels) > 1 {
		scale = 0.85
	}
	if cols >= 4 {
		scale = 0.78
	}
	grid := make([][]*plot.Plot, rows)
	for r := range grid {
		grid[r] = make([]*plot.Plot, cols)
	}
	for i, pn := range panels {
		r, c := i/cols, i%cols
		p := newPlot(sz, scale)
		p.Title.Text = pn.Title
		if c == 0 || pn.YLabel != panels[i-1].YLabel {
			p.Y.Label.Text = pn.YLabel
		}
		maxTicks := 7
		if cols >= 2 {
			maxTicks = 4
		}
		if cols >= 4 {
			maxTicks = 2 // "2025-01" is about 0.45 in wide at 7.8 pt; panels are about 1.6 in
		}
		p.X.Tick.Marker = monthTicks{Max: maxTicks}
		if below := i + cols; below < len(panels) {
			p.X.Tick.Marker = hiddenLabels{p.X.Tick.Marker}
		}
		p.Y.Tick.Marker = valueTicks{}
		if rows >= 3 {
			p.Y.Tick.Marker = valueTicks{Target: 3} // short panels: fewer, readable labels
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, cv := range pn.Curves {
			for _, b := range cv.Band {
				lo, hi = math.Min(lo, b.P50), math.Max(hi, b.P50)
				if cv.ShowBand {
					lo, hi = math.Min(lo, b.P05), math.Max(hi, b.P95)
				}
			}
		}
		labels := len(marks) > 0 && (len(panels) == 1 || (i == 0 && cols <= 3 && rows == 1))
		extra := 0.0
		small := vg.Length(float64(sz.Small) * scale)
		if labels {
			// Data area: about the figure's width less margins and the y axis, shared by the
			// columns; its height about 60% of the figure's (title, legend and source above
			// and below). Each row of labels takes 1.3 type sizes.
			width := (sz.Width*0.88 - sz.Tick*5) / vg.Length(cols)
			n := labelRows(marks, numbered, small, width, start, end)
			extra = float64(n) * 1.3 * float64(small) / (0.6 * float64(sz.Height) / float64(rows))
		}
		p.Y.Min, p.Y.Max = padRange(lo, hi, extra)
		p.X.Min, p.X.Max = float64(start), float64(end)
		if end == start {
			p.X.Min, p.X.Max = float64(start)-0.5, float64(end)+0.5
		}
		if len(shades) > 0 {
			p.Add(shading{spans: spans, marks: marks, labels: labels, numbered: numbered, size: small})
		}
		p.Add(zeroLine{width: 0.9})
		for _, cv := range pn.Curves {
			col := colour(colourOf[cv.Label])
			if cv.ShowBand {
				alpha := uint8(0x40)
				if len(colourOf) > 1 {
					alpha = 0x26
				}
				lo, hi := make([]float64, len(cv.Band)), make([]float64, len(cv.Band))
				for t, b := range cv.Band {
					lo[t], hi[t] = b.P05, b.P95
				}
				p.Add(bandArea{start: cv.Start, lo: lo, hi: hi, color: withAlpha(col, alpha)})
			}
		}
		for _, cv := range pn.Curves {
			ys := make([]float64, len(cv.Band))
			for t, b := range cv.Band {
				ys[t] = b.P50
			}
			st := draw.LineStyle{Color: colour(colourOf[cv.Label]), Width: vg.Length(float64(sz.Line) * math.Sqrt(scale))}
			if cv.Dashed {
				st.Dashes = []vg.Length{5, 3}
			}
			p.Add(seriesLine{start: cv.Start, ys: ys, style: st})
		}
		grid[r][c] = p
	}
	return &Figure{Name: name, Title: title, Subtitle: subtitle, Source: m.Source(), Note: note, Size: sz, Panels: grid, Legend: legend}, nil
}

// PrettyVariable is the name of a variable in a chart title.
func PrettyVariable(name string) string {
	if s, ok := prettyNames[name]; ok {
		return s
	}
	return name
}

var prettyNames = map[string]string{
	"output": "Output", "price": "Price", "employment": "Employment", "exports": "Exports",
	"imports": "Imports", "inventory_months": "Inventory cover", "shortage_rate": "Shortage rate",
	"tariff_revenue": "Tariff revenue", "export_fee_revenue": "Export fee revenue", "profit": "Profit",
	"gdp_real": "Real GDP", "cpi": "CPI", "consumption_real": "Real consumption",
	"unemployment_rate": "Unemployment rate", "trade_balance": "Trade balance",
	"welfare": "Welfare", "exchange_rate": "Exchange rate", "wage": "Wage",
	"government_balance": "Government balance", "trade_balance_share": "Trade balance (share of GDP)",
	"input_shortage_rate": "Input shortage rate", "output_lost_share": "Output lost to shortages",
	"quantity": "Trade volume", "export_price": "Export price", "buyer_price": "Buyer price",
	"tariff_rate": "Tariff rate",
}

// placeName names a region-sector for a title: "USA AUTO", "world AUTO", "USA (all sectors)".
func placeName(region, sector string) string {
	switch {
	case region == All && sector == All:
		return "the world economy"
	case region == All:
		return "world " + sector
	case sector == All:
		return region
	}
	return region + " " + sector
}

// periodText is "2025-01 to 2027-12".
func periodText(start sim.Month, steps int) string {
	return start.String() + " to " + (start + sim.Month(steps-1)).String()
}
