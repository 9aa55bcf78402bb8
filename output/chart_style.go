package output

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/tradesim/tradesim/sim"
)

// Size is the physical size of a chart and the type sizes that go with it.
type Size struct {
	Name          string
	Width, Height vg.Length
	Title         vg.Length // figure title
	Subtitle      vg.Length
	Label         vg.Length // axis labels and panel titles
	Tick          vg.Length // tick labels and legend
	Small         vg.Length // source line and policy labels
	Line          vg.Length // width of median lines
}

// Chart sizes. Slide: 16:9 at 10 in wide (PowerPoint's and Google Slides' default widescreen
// page, 10 x 5.625 in). Page: 6.5 in, the text width of a US Letter or A4 page with 1 in
// margins, at 4 in high. Type sizes keep tick labels at 9-10 pt on a slide and 7-8 pt on a page
// (assumption: legible when projected or printed at 100%).
var (
	SizeSlide = Size{Name: "slide", Width: 10 * vg.Inch, Height: 5.625 * vg.Inch,
		Title: 17, Subtitle: 11.5, Label: 11, Tick: 10, Small: 8.5, Line: 2.2}
	SizePage = Size{Name: "page", Width: 6.5 * vg.Inch, Height: 4 * vg.Inch,
		Title: 11.5, Subtitle: 8.5, Label: 8.5, Tick: 7.5, Small: 6.5, Line: 1.5}
)

// ParseSize reads "slide" or "page".
func ParseSize(s string) (Size, error) {
	switch s {
	case "slide", "":
		return SizeSlide, nil
	case "page":
		return SizePage, nil
	}
	return Size{}, fmt.Errorf("chart size %q is not slide or page", s)
}

// Palette is the Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008, "Color Universal
// Design"), in the order lines take it: blue, vermillion, bluish green, orange, reddish
// purple, sky blue, black, yellow (last: too light for thin lines on white).
var Palette = []color.NRGBA{
	{0x00, 0x72, 0xB2, 0xff},
	{0xD5, 0x5E, 0x00, 0xff},
	{0x00, 0x9E, 0x73, 0xff},
	{0xE6, 0x9F, 0x00, 0xff},
	{0xCC, 0x79, 0xA7, 0xff},
	{0x56, 0xB4, 0xE9, 0xff},
	{0x00, 0x00, 0x00, 0xff},
	{0xF0, 0xE4, 0x42, 0xff},
}

// colour returns palette colour i (cycling).
func colour(i int) color.NRGBA { return Palette[i%len(Palette)] }

// withAlpha returns c with opacity a (0-255).
func withAlpha(c color.NRGBA, a uint8) color.NRGBA { c.A = a; return c }

var (
	inkColour   = color.NRGBA{0x22, 0x22, 0x22, 0xff}
	greyColour  = color.NRGBA{0x59, 0x59, 0x59, 0xff}
	gridColour  = color.NRGBA{0xdd, 0xdd, 0xdd, 0xff}
	shadeColour = color.NRGBA{0x80, 0x80, 0x80, 0x22}
)

// sans is Liberation Sans (embedded in gonum/plot; metric-compatible with Arial).
func sans(size vg.Length, bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return f
}

func textStyle(size vg.Length, bold bool, c color.Color) text.Style {
	return text.Style{Color: c, Font: sans(size, bold), XAlign: draw.XLeft, YAlign: draw.YBottom, Handler: plot.DefaultTextHandler}
}

// newPlot returns a plot styled for a brief: sans-serif type, no frame on top and right, light
// horizontal grid lines, month ticks on x.
func newPlot(sz Size, panelScale float64) *plot.Plot {
	p := plot.New()
	lab := vg.Length(float64(sz.Label) * panelScale)
	tick := vg.Length(float64(sz.Tick) * panelScale)
	p.Title.TextStyle.Font = sans(lab, true)
	p.Title.TextStyle.Color = inkColour
	p.Title.Padding = lab / 2
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = sans(lab, false)
		ax.Label.TextStyle.Color = inkColour
		ax.Tick.Label.Font = sans(tick, false)
		ax.Tick.Label.Color = inkColour
		ax.Color = greyColour
		ax.Tick.Color = greyColour
		ax.LineStyle.Width = 0.6
		ax.Tick.LineStyle.Width = 0.6
		ax.Padding = 2
	}
	p.X.Tick.Marker = monthTicks{}
	p.Add(gridLines{})
	return p
}

// monthTicks labels a month axis (x = float64(sim.Month)) with YYYY-MM at a step of 1, 2, 3, 6,
// 12 or 24 months aligned to the calendar (quarters start in January), at most Max labels.
type monthTicks struct{ Max int }

func (mt monthTicks) Ticks(lo, hi float64) []plot.Tick {
	maxLabels := mt.Max
	if maxLabels == 0 {
		maxLabels = 7
	}
	first, last := int(math.Ceil(lo-1e-9)), int(math.Floor(hi+1e-9))
	// Steps under a year are aligned to the calendar (quarters start in January); a step of a
	// year or more starts at the first January shown.
	anchor := func(s int) int {
		if s < 12 {
			return floorDiv(first+s-1, s) * s
		}
		return floorDiv(first+11, 12) * 12
	}
	step := 24
	for _, s := range []int{1, 2, 3, 6, 12, 24} {
		if a := anchor(s); a > last || (last-a)/s+1 <= maxLabels {
			step = s
			break
		}
	}
	a := anchor(step)
	var ts []plot.Tick
	for m := first; m <= last; m++ {
		if m >= a && (m-a)%step == 0 {
			ts = append(ts, plot.Tick{Value: float64(m), Label: sim.Month(m).String()})
		} else if step <= 12 && m%max(1, step/3) == 0 {
			ts = append(ts, plot.Tick{Value: float64(m)}) // minor tick
		}
	}
	return ts
}

// floorDiv is a/b rounded down (months are positive, but keep it exact).
func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// valueTicks labels a value axis at round values (steps of 1, 2, 2.5 or 5 times a power of
// ten): the largest step that still gives at least Target-1 labels (Target 5 when 0; short
// panels use 3, so at least 2 labels), with a minor tick between labels. Labels drop trailing
// zeros and never read "-0".
type valueTicks struct{ Target int }

func (vt valueTicks) Ticks(lo, hi float64) []plot.Tick {
	span := hi - lo
	if !(span > 0) {
		return []plot.Tick{{Value: lo, Label: tickLabel(lo, 1)}}
	}
	want := max(2, cmp.Or(vt.Target, 5)-1)
	count := func(step float64) int {
		return int(math.Floor(hi/step+1e-9) - math.Ceil(lo/step-1e-9) + 1)
	}
	step := 0.0
	for e := math.Floor(math.Log10(span)) + 1; step == 0 && e > -15; e-- {
		for _, m := range []float64{5, 2.5, 2, 1} {
			if s := m * math.Pow(10, e); count(s) >= want {
				step = s
				break
			}
		}
	}
	if step == 0 {
		return []plot.Tick{{Value: lo, Label: tickLabel(lo, 1)}}
	}
	var ts []plot.Tick
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+step*1e-9; k++ {
		x := k * step
		if math.Abs(x) < step*1e-9 {
			x = 0
		}
		ts = append(ts, plot.Tick{Value: x, Label: tickLabel(x, step)})
		if minor := x + step/2; minor <= hi {
			ts = append(ts, plot.Tick{Value: minor})
		}
	}
	if first := math.Ceil(lo/step-1e-9)*step - step/2; first >= lo {
		ts = append(ts, plot.Tick{Value: first})
	}
	return ts
}

// tickLabel formats x with as many decimals as the step needs (2.5 needs one more than 2).
func tickLabel(x, step float64) string {
	if x == 0 {
		return "0"
	}
	dec := max(0, int(-math.Floor(math.Log10(step)))+1)
	s := strconv.FormatFloat(x, 'f', dec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		return "0"
	}
	return s
}

// gridLines draws light horizontal lines at the major y ticks.
type gridLines struct{}

func (gridLines) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	sty := draw.LineStyle{Color: gridColour, Width: 0.5}
	for _, tk := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		if tk.IsMinor() {
			continue
		}
		y := trY(tk.Value)
		c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
	}
}

// yLabel is the y-axis label of a deviation chart of v.
func yLabel(v sim.Variable) string {
	switch v.Dev {
	case sim.DevPoints:
		return "points (deviation from baseline)"
	case sim.DevDifference:
		return strings.TrimSuffix(v.Unit, " at base prices") + ", vs baseline"
	}
	return "% deviation from baseline"
}

// padRange widens [lo, hi] so it includes 0, is never empty and has a margin of 6% (so lines
// do not touch the frame); extraTop adds room above for policy labels, as a share of the span.
func padRange(lo, hi, extraTop float64) (float64, float64) {
	lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	span := hi - lo
	if !(span > 1e-9) {
		span = 1 // a flat series at 0: show -0.5 to 0.5
		lo, hi = lo-0.5, hi+0.5
	}
	return lo - 0.06*span, hi + (0.06+extraTop)*span
}
