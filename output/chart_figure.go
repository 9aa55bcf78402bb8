package output

import (
	"fmt"
	"image/color"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Figure is one chart of a brief: a title and subtitle on top, a grid of panels, a legend
// strip and a source line at the bottom. Panels are plots; nil leaves a cell empty.
type Figure struct {
	Name     string // file name without extension, e.g. fan_output_USA_AUTO
	Title    string
	Subtitle string
	Source   string
	Note     string // a footnote above the source line (e.g. the measures behind numbered marks)
	Size     Size
	Panels   [][]*plot.Plot // rows of panels; every row has the same length
	Legend   []LegendEntry
}

// LegendEntry is one item of a figure's legend strip.
type LegendEntry struct {
	Label string
	Color color.Color
	Kind  LegendKind
}

// LegendKind is how a legend entry is drawn.
type LegendKind int

// Legend swatches.
const (
	LegendLine  LegendKind = iota // a line in the colour
	LegendBand                    // a filled box in the colour
	LegendShade                   // a policy period: a grey box
	LegendDash                    // a dashed line
)

// Draw draws the figure on c.
func (f *Figure) Draw(c draw.Canvas) { f.draw(c, true) }

// draw draws the figure on c; without background it leaves out the white under the figure,
// for a canvas that is white already.
func (f *Figure) draw(c draw.Canvas, background bool) {
	sz := f.Size
	if background {
		c.SetColor(color.White)
		c.Fill(c.Rectangle.Path())
	}
	margin := sz.Small * 2
	c = draw.Crop(c, margin, -margin, margin*0.6, -margin*0.8)

	width := c.Max.X - c.Min.X
	top := textDown(c, f.Title, textStyle(sz.Title, true, inkColour), width, c.Max.Y, sz.Title*0.25)
	top = textDown(c, f.Subtitle, textStyle(sz.Subtitle, false, greyColour), width, top, sz.Subtitle*0.6)
	bottom := textUp(c, f.Source, textStyle(sz.Small, false, greyColour), width, c.Min.Y, sz.Small*0.5)
	bottom = textUp(c, f.Note, textStyle(sz.Small, false, inkColour), width, bottom, sz.Small*0.5)
	if len(f.Legend) > 0 {
		bottom += drawLegend(c, bottom, f.Legend, sz) + sz.Tick*0.4
	}
	body := draw.Crop(c, 0, 0, bottom-c.Min.Y, top-c.Max.Y)
	rows := len(f.Panels)
	if rows == 0 {
		return
	}
	cols := len(f.Panels[0])
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: sz.Tick * 1.2, PadY: sz.Tick * 0.9}
	canvases := plot.Align(f.Panels, tiles, body)
	for j, row := range f.Panels {
		for i, p := range row {
			if p != nil {
				// A panel's white background is drawn even on a white canvas: it covers what
				// the panels to its left let stray into it, such as a long policy label.
				p.Draw(canvases[j][i])
			}
		}
	}
}

// textDown writes s wrapped to width with its first line's top at y, and returns where the
// next block starts: below its last line and gap. An empty s takes no room.
func textDown(c draw.Canvas, s string, sty text.Style, width, y, gap vg.Length) vg.Length {
	if s == "" {
		return y
	}
	sty.YAlign = draw.YTop
	for _, line := range wrap(s, sty, width) {
		c.FillText(sty, vg.Point{X: c.Min.X, Y: y}, line)
		y -= sty.Height(line)
	}
	return y - gap
}

// textUp writes s wrapped to width with its last line's bottom at y, and returns where the
// next block up starts: above its first line and gap. An empty s takes no room.
func textUp(c draw.Canvas, s string, sty text.Style, width, y, gap vg.Length) vg.Length {
	if s == "" {
		return y
	}
	lines := wrap(s, sty, width)
	for i := len(lines) - 1; i >= 0; i-- {
		c.FillText(sty, vg.Point{X: c.Min.X, Y: y}, lines[i])
		y += sty.Height(lines[i])
	}
	return y + gap
}

// maxLegendRows and maxTextLines bound the legend strip and each text block (title, subtitle,
// note, source), so that the panels keep most of the figure whatever the scenario holds.
const (
	maxLegendRows = 3
	maxTextLines  = 4
)

// legendText is a legend entry drawn as text only ("… and 12 more").
const legendText LegendKind = -1

// drawLegend draws the legend strip with its bottom at y, wrapping into rows, and returns its
// height.
func drawLegend(c draw.Canvas, y vg.Length, entries []LegendEntry, sz Size) vg.Length {
	sty := textStyle(sz.Tick, false, inkColour)
	sty.YAlign = draw.YCenter
	swatch, gap := sz.Tick*2, sz.Tick*1.4
	rowH := sty.Height("Mg") * 1.35
	// Lay out rows left to right.
	type item struct {
		e LegendEntry
		w vg.Length
	}
	var rows [][]item
	var cur []item
	var width vg.Length
	avail := c.Max.X - c.Min.X
	for _, e := range entries {
		w := swatch + sz.Tick*0.5 + sty.Width(e.Label)
		if len(cur) > 0 && width+gap+w > avail {
			rows, cur, width = append(rows, cur), nil, 0
		}
		if len(cur) > 0 {
			width += gap
		}
		cur = append(cur, item{e, w})
		width += w
	}
	if len(cur) > 0 {
		rows = append(rows, cur)
	}
	if len(rows) > maxLegendRows {
		// So many entries (a scenario with hundreds of policies) would cover the panels: keep
		// the rows that fit and say how many entries are left out.
		shown := 0
		rows = rows[:maxLegendRows]
		for _, row := range rows {
			shown += len(row)
		}
		last := rows[maxLegendRows-1]
		for {
			more := fmt.Sprintf("… and %d more", len(entries)-shown)
			w := sty.Width(more)
			var used vg.Length
			for _, it := range last {
				used += it.w + gap
			}
			if used+w <= avail || len(last) == 0 {
				last = append(last, item{LegendEntry{Label: more, Kind: legendText}, w})
				break
			}
			last = last[:len(last)-1]
			shown--
		}
		rows[maxLegendRows-1] = last
	}
	for r := range rows {
		yc := y + rowH*vg.Length(len(rows)-1-r) + rowH/2
		x := c.Min.X
		for _, it := range rows[r] {
			if it.e.Kind == legendText {
				c.FillText(sty, vg.Point{X: x, Y: yc}, it.e.Label)
				continue
			}
			drawSwatch(c, it.e, x, yc, swatch, sz)
			c.FillText(sty, vg.Point{X: x + swatch + sz.Tick*0.5, Y: yc}, it.e.Label)
			x += it.w + gap
		}
	}
	return rowH * vg.Length(len(rows))
}

func drawSwatch(c draw.Canvas, e LegendEntry, x, yc, w vg.Length, sz Size) {
	h := sz.Tick * 0.8
	box := func(clr color.Color) {
		c.FillPolygon(clr, []vg.Point{{X: x, Y: yc - h/2}, {X: x + w, Y: yc - h/2}, {X: x + w, Y: yc + h/2}, {X: x, Y: yc + h/2}})
	}
	switch e.Kind {
	case LegendBand:
		box(e.Color)
	case LegendShade:
		box(shadeColour)
	case LegendDash:
		c.StrokeLine2(draw.LineStyle{Color: e.Color, Width: sz.Line, Dashes: []vg.Length{4, 3}}, x, yc, x+w, yc)
	default:
		c.StrokeLine2(draw.LineStyle{Color: e.Color, Width: sz.Line}, x, yc, x+w, yc)
	}
}

// cutToWidth shortens line until line + tail fits in width, then appends tail.
func cutToWidth(line string, sty text.Style, width vg.Length, tail string) string {
	r := []rune(line)
	for len(r) > 0 && sty.Width(string(r)+tail) > width {
		r = r[:len(r)-1]
	}
	return string(r) + tail
}

// wrap breaks s into lines no wider than width at spaces (a word longer than width gets a line
// of its own).
func wrap(s string, sty text.Style, width vg.Length) []string {
	words := strings.Fields(Cut(s, 2000))
	var lines []string
	cur := ""
	for k, w := range words {
		if len(lines) == maxTextLines {
			left := len(words) - k + len(strings.Fields(cur))
			lines[maxTextLines-1] = cutToWidth(lines[maxTextLines-1], sty, width, fmt.Sprintf(" … (%d more words)", left))
			return lines
		}
		next := w
		if cur != "" {
			next = cur + " " + w
		}
		if cur != "" && sty.Width(next) > width {
			lines = append(lines, cur)
			next = w
		}
		cur = next
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
