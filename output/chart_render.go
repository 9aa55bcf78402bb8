package output

// Rendering a figure to a file format: PNG, SVG and PDF, and the fixes each needs to come out
// the same byte for byte and readable everywhere.

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

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
		cw = pngCanvas{newImageCanvas(wd, ht, 300)}
	case "svg":
		cw = vgsvg.NewWith(vgsvg.UseWH(wd, ht), vgsvg.EmbedFonts(embedFonts))
	case "pdf":
		pdfDates.Do(fixPDFDates)
		cw = newPDFCanvas(wd, ht)
	default:
		return fmt.Errorf("output: chart format %q is not png, svg or pdf", format)
	}
	cw = cleanText{cw}
	// An image canvas starts white: the figure's white background, drawn first, would be
	// painted over every one of its 5 million pixels and change none of them.
	f.draw(draw.New(cw), format != "png")
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
// would not give the same bytes (output/README.md: the same scenario, seed and version give byte-identical charts). vgpdf does not expose its fpdf
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
