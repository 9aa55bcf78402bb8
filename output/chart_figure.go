package output

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
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
func (f *Figure) Draw(c draw.Canvas) {
	sz := f.Size
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
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
	for r := range rows {
		yc := y + rowH*vg.Length(len(rows)-1-r) + rowH/2
		x := c.Min.X
		for _, it := range rows[r] {
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

// ChartFormats are the file formats charts can be written in.
var ChartFormats = []string{"png", "svg", "pdf"}

// ParseChartFormats reads `--charts png,svg,pdf` or `none` (an empty list).
func ParseChartFormats(s string) ([]string, error) {
	if strings.TrimSpace(s) == "none" {
		return nil, nil
	}
	var out []string
	seen := map[string]bool{}
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch f {
		case "png", "svg", "pdf":
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		case "":
		default:
			return nil, fmt.Errorf("chart format %q is not png, svg or pdf (or none for no charts)", f)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no chart format given; use --charts png,svg,pdf or --charts none")
	}
	return out, nil
}

// WriteTo renders the figure in format (png at 300 dpi, svg, pdf). embedFonts embeds the
// Liberation fonts in SVG (about 1 MB a file); otherwise the SVG names them with metric-
// compatible fallbacks (svgFontFamily). PDF always embeds them.
func (f *Figure) WriteTo(w io.Writer, format string, embedFonts bool) (err error) {
	defer func() {
		// gonum/plot panics on some degenerate inputs; a chart must fail, not the program.
		if r := recover(); r != nil {
			err = fmt.Errorf("output: drawing chart %s: %v", f.Name, r)
		}
	}()
	var cw vg.CanvasWriterTo
	wd, ht := f.Size.Width, f.Size.Height
	switch format {
	case "png":
		cw = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(wd, ht), vgimg.UseDPI(300))}
	case "svg":
		cw = vgsvg.NewWith(vgsvg.UseWH(wd, ht), vgsvg.EmbedFonts(embedFonts))
	case "pdf":
		pdfDates.Do(fixPDFDates)
		c := vgpdf.New(wd, ht)
		c.EmbedFonts(true)
		cw = pdfBoldFix{c}
	default:
		return fmt.Errorf("output: chart format %q is not png, svg or pdf", format)
	}
	f.Draw(draw.New(cw))
	if format == "svg" && !embedFonts {
		var buf bytes.Buffer
		if _, err = cw.WriteTo(&buf); err != nil {
			return err
		}
		_, err = w.Write(bytes.ReplaceAll(buf.Bytes(), []byte("font-family:Liberation Sans;"), []byte(svgFontFamily)))
		return err
	}
	_, err = cw.WriteTo(w)
	return err
}

// pdfDates fixes, once per process, the dates fpdf writes into every PDF's information
// dictionary (CreationDate, ModDate); fpdf otherwise writes the wall clock, and the same run
// would not give the same bytes (DESIGN.md, "Results folder"). vgpdf does not expose its fpdf
// document, so the date goes through fpdf's defaults, read when vgpdf.New creates the document;
// the Once orders the write before every read.
var pdfDates sync.Once

// fixPDFDates sets the PDF dates to SOURCE_DATE_EPOCH (seconds since 1970, the
// reproducible-builds.org convention) when it holds a valid time, else to the Unix epoch
// itself: a PDF's date then says nothing, rather than something that changes its bytes. It
// also sorts fpdf's resource catalogs (fonts), which fpdf otherwise writes in map order.
func fixPDFDates() {
	t := time.Unix(0, 0).UTC()
	if s, err := strconv.ParseInt(os.Getenv("SOURCE_DATE_EPOCH"), 10, 64); err == nil && s >= 0 {
		t = time.Unix(s, 0).UTC()
	}
	fpdf.SetDefaultCreationDate(t)
	fpdf.SetDefaultModificationDate(t)
	fpdf.SetDefaultCatalogSort(true)
}

// svgFontFamily names the type of SVG charts whose fonts are not embedded: Liberation Sans,
// else Arial or Helvetica, which have the same metrics (Liberation Sans was designed
// metric-compatible with Arial), so labels keep their widths on any machine.
const svgFontFamily = "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"

// pdfBoldFix works around gonum/plot v0.17's vgpdf, which registers every font under style ""
// but selects bold text with style "B" ("undefined font: liberationsans-bold B"): bold faces
// are renamed to a variant of their own (LiberationSansBold-Regular) and drawn with their own
// glyphs, so fpdf finds them.
type pdfBoldFix struct{ *vgpdf.Canvas }

func (c pdfBoldFix) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Weight == xfont.WeightBold {
		f.Font.Weight = xfont.WeightNormal
		f.Font.Variant += "Bold"
	}
	c.Canvas.FillString(f, pt, s)
}

// wrap breaks s into lines no wider than width at spaces (a word longer than width gets a line
// of its own).
func wrap(s string, sty text.Style, width vg.Length) []string {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for _, w := range words {
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
