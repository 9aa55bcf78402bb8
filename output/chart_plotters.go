package output

import (
	"cmp"
	"image/color"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/tradesim/tradesim/sim"
)

// Shade is a period shaded on a chart: a policy in force from From to To, inclusive.
type Shade struct {
	Label    string
	From, To sim.Month
}

// Shades turns policy windows into shaded periods, clipped to [start, end]; windows with the
// same months share one shade whose label lists their ids. Unreadable dates are skipped.
func Shades(ws []PolicyWindow, start, end sim.Month) []Shade {
	var out []Shade
	for _, w := range ws {
		from, err1 := sim.ParseMonth(w.Start)
		to, err2 := sim.ParseMonth(w.End)
		if err1 != nil || err2 != nil || to < start || from > end {
			continue
		}
		from, to = max(from, start), min(to, end)
		label := w.ID
		if w.Note != "" {
			label += " (" + w.Note + ")"
		}
		merged := false
		for i := range out {
			if out[i].From == from && out[i].To == to {
				out[i].Label += ", " + label
				merged = true
			}
		}
		if !merged {
			out = append(out, Shade{label, from, to})
		}
	}
	return out
}

// maxNamedMarks is the number of policy starts labelled by name on a chart; beyond it the
// starts are numbered and the figure's note names them (assumption: more names than this
// cover the data).
const maxNamedMarks = 6

// policyMark is where measures start: a dashed line, labelled with their ids (or a number).
type policyMark struct {
	At    sim.Month
	Label string
}

// policyMarks groups the shades by start month, in time order, dropping starts at or before
// the first month shown (those are in force from the start; the shade says so).
func policyMarks(shades []Shade, first sim.Month) []policyMark {
	var out []policyMark
	for _, sh := range shades {
		i := slices.IndexFunc(out, func(m policyMark) bool { return m.At == sh.From })
		if i < 0 {
			out = append(out, policyMark{At: sh.From, Label: sh.Label})
		} else {
			out[i].Label += ", " + sh.Label
		}
	}
	slices.SortStableFunc(out, func(a, b policyMark) int { return cmp.Compare(a.At, b.At) })
	return out
}

// unionSpans merges the shades' periods into disjoint spans, so overlapping measures do not
// darken the shading.
func unionSpans(shades []Shade) [][2]sim.Month {
	var spans [][2]sim.Month
	for _, sh := range shades {
		spans = append(spans, [2]sim.Month{sh.From, sh.To})
	}
	slices.SortFunc(spans, func(a, b [2]sim.Month) int { return cmp.Compare(a[0], b[0]) })
	var out [][2]sim.Month
	for _, sp := range spans {
		if n := len(out); n > 0 && sp[0] <= out[n-1][1]+1 {
			out[n-1][1] = max(out[n-1][1], sp[1])
			continue
		}
		out = append(out, sp)
	}
	return out
}

// shading draws the months with a measure in force as one grey tone, a dashed line where
// measures start, and, when labels is set, their labels at the top of the plot, packed into
// as few rows as fit without overlapping (or their numbers, when numbered).
type shading struct {
	spans    [][2]sim.Month
	marks    []policyMark
	labels   bool
	numbered bool
	size     vg.Length
}

func (s shading) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	for _, sp := range s.spans {
		x0 := math.Max(float64(sp[0])-0.5, p.X.Min)
		x1 := math.Min(float64(sp[1])+0.5, p.X.Max)
		if x1 <= x0 {
			continue
		}
		l, r := trX(x0), trX(x1)
		c.FillPolygon(shadeColour, []vg.Point{{X: l, Y: c.Min.Y}, {X: r, Y: c.Min.Y}, {X: r, Y: c.Max.Y}, {X: l, Y: c.Max.Y}})
	}
	sty := textStyle(s.size, false, inkColour)
	sty.YAlign = draw.YTop
	var rowEnds []vg.Length // right end of the last label in each row
	pad := s.size * 0.15
	for _, mk := range s.marks {
		if x := float64(mk.At) - 0.5; x >= p.X.Min && x <= p.X.Max {
			l := trX(x)
			c.StrokeLine2(draw.LineStyle{Color: greyColour, Width: 0.5, Dashes: []vg.Length{2, 2}}, l, c.Min.Y, l, c.Max.Y)
		}
	}
	for k, mk := range s.marks { // labels after every line, so no line crosses a label
		x := float64(mk.At) - 0.5
		if !s.labels || x < p.X.Min || x > p.X.Max {
			continue
		}
		l := trX(x)
		text := mk.Label
		if s.numbered {
			text = strconv.Itoa(k + 1)
		}
		w, h := sty.Width(text), sty.Height(text)
		lx := l + s.size*0.3
		if lx+w > c.Max.X { // keep the label inside the plot
			lx = max(c.Min.X, c.Max.X-w-s.size*0.3)
		}
		row := slices.IndexFunc(rowEnds, func(end vg.Length) bool { return end+s.size*0.6 < lx })
		if row < 0 {
			row = len(rowEnds)
			rowEnds = append(rowEnds, 0)
		}
		rowEnds[row] = lx + w
		y := c.Max.Y - s.size*0.3 - vg.Length(row)*s.size*1.3
		c.FillPolygon(labelGround, []vg.Point{{X: lx - pad, Y: y + pad}, {X: lx + w + pad, Y: y + pad},
			{X: lx + w + pad, Y: y - h - pad}, {X: lx - pad, Y: y - h - pad}})
		c.FillText(sty, vg.Point{X: lx, Y: y}, text)
	}
}

// labelRows estimates how many rows the labels of marks take in a plot of data width width
// showing months [first, last]: the same greedy packing as shading.Plot.
func labelRows(marks []policyMark, numbered bool, size, width vg.Length, first, last sim.Month) int {
	sty := textStyle(size, false, inkColour)
	span := float64(last-first) + 1
	var rowEnds []vg.Length
	for k, mk := range marks {
		text := mk.Label
		if numbered {
			text = strconv.Itoa(k + 1)
		}
		lx := vg.Length((float64(mk.At)-0.5-float64(first))/span)*width + size*0.3
		lx = min(lx, width-sty.Width(text)-size*0.3)
		row := slices.IndexFunc(rowEnds, func(end vg.Length) bool { return end+size*0.6 < lx })
		if row < 0 {
			row = len(rowEnds)
			rowEnds = append(rowEnds, 0)
		}
		rowEnds[row] = lx + sty.Width(text)
	}
	return len(rowEnds)
}

// labelGround is the backing of policy labels: white at 80% opacity.
var labelGround = color.NRGBA{0xff, 0xff, 0xff, 0xcc}

// zeroLine marks the baseline (deviation 0).
type zeroLine struct{ width vg.Length }

func (z zeroLine) Plot(c draw.Canvas, p *plot.Plot) {
	if p.Y.Min > 0 || p.Y.Max < 0 {
		return
	}
	_, trY := p.Transforms(&c)
	y := trY(0)
	c.StrokeLine2(draw.LineStyle{Color: greyColour, Width: z.width}, c.Min.X, y, c.Max.X, y)
}

// bandArea fills the area between lo and hi over months from start.
type bandArea struct {
	start  sim.Month
	lo, hi []float64
	color  color.Color
}

func (b bandArea) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	pts := make([]vg.Point, 0, 2*len(b.lo))
	for t := range b.hi {
		pts = append(pts, vg.Point{X: trX(float64(b.start) + float64(t)), Y: trY(b.hi[t])})
	}
	for t := len(b.lo) - 1; t >= 0; t-- {
		pts = append(pts, vg.Point{X: trX(float64(b.start) + float64(t)), Y: trY(b.lo[t])})
	}
	c.FillPolygon(b.color, c.ClipPolygonXY(pts))
}

// seriesLine draws ys over months from start.
type seriesLine struct {
	start sim.Month
	ys    []float64
	style draw.LineStyle
}

func (l seriesLine) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	pts := make([]vg.Point, len(l.ys))
	for t, y := range l.ys {
		pts[t] = vg.Point{X: trX(float64(l.start) + float64(t)), Y: trY(y)}
	}
	if len(pts) == 1 { // one month: a line has nothing to join, so mark the point
		c.DrawGlyph(draw.GlyphStyle{Color: l.style.Color, Radius: l.style.Width * 1.8, Shape: draw.CircleGlyph{}}, pts[0])
		return
	}
	c.StrokeLines(l.style, c.ClipLinesXY(pts)...)
}

// hiddenLabels keeps a ticker's ticks but drops their labels (panels above another panel).
type hiddenLabels struct{ plot.Ticker }

func (h hiddenLabels) Ticks(lo, hi float64) []plot.Tick {
	ts := h.Ticker.Ticks(lo, hi)
	for i := range ts {
		ts[i].Label = ""
	}
	return ts
}
