package output

import (
	"image/color"
	"math"

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

// shading draws policy periods as grey bands over the full height of the data area, with
// their labels stacked at the top (one row each) when labels is set.
type shading struct {
	shades []Shade
	labels bool
	size   vg.Length
}

func (s shading) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	sty := textStyle(s.size, false, inkColour)
	sty.YAlign = draw.YTop
	type label struct {
		x, y vg.Length
		text string
	}
	var labels []label
	for k, sh := range s.shades {
		x0 := math.Max(float64(sh.From)-0.5, p.X.Min)
		x1 := math.Min(float64(sh.To)+0.5, p.X.Max)
		if x1 <= x0 {
			continue
		}
		l, r := trX(x0), trX(x1)
		c.FillPolygon(shadeColour, []vg.Point{{X: l, Y: c.Min.Y}, {X: r, Y: c.Min.Y}, {X: r, Y: c.Max.Y}, {X: l, Y: c.Max.Y}})
		if float64(sh.From)-0.5 >= p.X.Min { // mark where the measure starts, so adjacent periods stay apart
			c.StrokeLine2(draw.LineStyle{Color: greyColour, Width: 0.5, Dashes: []vg.Length{2, 2}}, l, c.Min.Y, l, c.Max.Y)
		}
		if s.labels {
			y := c.Max.Y - s.size*0.3 - vg.Length(k)*s.size*1.3
			x := l + s.size*0.4
			if w := sty.Width(sh.Label); x+w > c.Max.X { // keep the label inside the plot
				x = max(c.Min.X, c.Max.X-w-s.size*0.4)
			}
			labels = append(labels, label{x, y, sh.Label})
		}
	}
	// Labels last, on a light ground, so no period's boundary line crosses them.
	pad := s.size * 0.15
	for _, lb := range labels {
		w, h := sty.Width(lb.text), sty.Height(lb.text)
		c.FillPolygon(labelGround, []vg.Point{{X: lb.x - pad, Y: lb.y + pad}, {X: lb.x + w + pad, Y: lb.y + pad},
			{X: lb.x + w + pad, Y: lb.y - h - pad}, {X: lb.x - pad, Y: lb.y - h - pad}})
		c.FillText(sty, vg.Point{X: lb.x, Y: lb.y}, lb.text)
	}
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
