package output

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strconv"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// pdfCanvas draws charts into a PDF. gonum/plot's own PDF canvas (vgpdf, v0.17) encodes text
// in code page 1252, which has no minus sign (−) or arrow (→), so titles read "â^'11.3%" and
// "USAâ†’CHN"; it passes premultiplied colours as if they were plain, so translucent bands come
// out darker and greyer than in the PNG; and it loses bold faces. This canvas embeds each face
// as a UTF-8 TrueType font (fpdf subsets it to the glyphs used), registered under the face's
// own name so bold stays bold, and sets colours un-premultiplied with their alpha.
type pdfCanvas struct {
	doc    *fpdf.Fpdf
	w, h   vg.Length
	widths []vg.Length // line width per Push level
	fonts  map[string]bool
	images int
}

func newPDFCanvas(w, h vg.Length) *pdfCanvas {
	doc := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: w.Points(), Ht: h.Points()}})
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	doc.AddPage()
	c := &pdfCanvas{doc: doc, w: w, h: h, widths: []vg.Length{0}, fonts: map[string]bool{}}
	// vg's origin is the bottom left with y up; fpdf's the top left with y down.
	c.Push()
	c.Translate(vg.Point{X: 0, Y: h})
	c.Scale(1, -1)
	vg.Initialize(c)
	return c
}

func (c *pdfCanvas) Size() (vg.Length, vg.Length) { return c.w, c.h }

func (c *pdfCanvas) SetLineWidth(w vg.Length) {
	c.widths[len(c.widths)-1] = w
	c.doc.SetLineWidth(w.Points())
}

func (c *pdfCanvas) SetLineDash(dashes []vg.Length, offs vg.Length) {
	ds := make([]float64, len(dashes))
	for i, d := range dashes {
		ds[i] = d.Points()
	}
	c.doc.SetDashPattern(ds, offs.Points())
}

// SetColor sets stroke, fill and text colour. Go colours are alpha-premultiplied; PDF takes
// the plain colour and the alpha apart.
func (c *pdfCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	n := color.NRGBAModel.Convert(clr).(color.NRGBA)
	r, g, b := int(n.R), int(n.G), int(n.B)
	c.doc.SetFillColor(r, g, b)
	c.doc.SetDrawColor(r, g, b)
	c.doc.SetTextColor(r, g, b)
	c.doc.SetAlpha(float64(n.A)/255, "Normal")
}

func (c *pdfCanvas) Rotate(rad float64) { c.doc.TransformRotate(-rad*180/math.Pi, 0, 0) }

func (c *pdfCanvas) Translate(pt vg.Point) { c.doc.TransformTranslate(pt.X.Points(), pt.Y.Points()) }

func (c *pdfCanvas) Scale(x, y float64) { c.doc.TransformScale(100*x, 100*y, 0, 0) }

func (c *pdfCanvas) Push() {
	c.widths = append(c.widths, c.widths[len(c.widths)-1])
	c.doc.TransformBegin()
}

func (c *pdfCanvas) Pop() {
	c.doc.TransformEnd()
	c.widths = c.widths[:len(c.widths)-1]
	c.doc.SetLineWidth(c.widths[len(c.widths)-1].Points())
}

func (c *pdfCanvas) Stroke(p vg.Path) {
	if c.widths[len(c.widths)-1] > 0 {
		c.path(p, "D")
	}
}

func (c *pdfCanvas) Fill(p vg.Path) { c.path(p, "F") }

func (c *pdfCanvas) path(p vg.Path, style string) {
	var start vg.Point
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			start = comp.Pos
			c.doc.MoveTo(comp.Pos.X.Points(), comp.Pos.Y.Points())
		case vg.LineComp:
			c.doc.LineTo(comp.Pos.X.Points(), comp.Pos.Y.Points())
		case vg.ArcComp:
			// An arc as 4 segments per quarter turn: below a hundredth of a point off at the
			// radii of chart markers.
			n := max(1, int(math.Ceil(math.Abs(comp.Angle)/(math.Pi/8))))
			for i := 0; i <= n; i++ {
				a := comp.Start + comp.Angle*float64(i)/float64(n)
				x := comp.Pos.X + comp.Radius*vg.Length(math.Cos(a))
				y := comp.Pos.Y + comp.Radius*vg.Length(math.Sin(a))
				c.doc.LineTo(x.Points(), y.Points())
			}
		case vg.CurveComp:
			switch len(comp.Control) {
			case 1:
				k := comp.Control[0]
				c.doc.CurveTo(k.X.Points(), k.Y.Points(), comp.Pos.X.Points(), comp.Pos.Y.Points())
			case 2:
				k, l := comp.Control[0], comp.Control[1]
				c.doc.CurveBezierCubicTo(k.X.Points(), k.Y.Points(), l.X.Points(), l.Y.Points(), comp.Pos.X.Points(), comp.Pos.Y.Points())
			}
		case vg.CloseComp:
			c.doc.LineTo(start.X.Points(), start.Y.Points())
			c.doc.ClosePath()
		}
	}
	c.doc.DrawPath(style)
}

// FillString draws s with its baseline starting at pt.
func (c *pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Size == 0 {
		return
	}
	name := f.Name() // e.g. LiberationSans-Bold: one font per face, so bold stays bold
	if !c.fonts[name] {
		var raw bytes.Buffer
		if _, err := f.Face.WriteSourceTo(nil, &raw); err != nil {
			panic("output: reading the chart font " + name + ": " + err.Error()) // recovered by Figure.WriteTo
		}
		c.doc.AddUTF8FontFromBytes(name, "", raw.Bytes())
		c.fonts[name] = true
	}
	c.doc.SetFont(name, "", f.Font.Size.Points())
	c.Push()
	defer c.Pop()
	c.Translate(pt)
	c.Scale(1, -1) // text upright in the flipped frame
	c.doc.Text(0, 0, s)
}

func (c *pdfCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic("output: encoding a chart image: " + err.Error())
	}
	c.images++
	name := "image" + strconv.Itoa(c.images)
	opts := fpdf.ImageOptions{ImageType: "png"}
	c.doc.RegisterImageOptionsReader(name, opts, &buf)
	sz := rect.Size()
	c.doc.ImageOptions(name, rect.Min.X.Points(), rect.Min.Y.Points(), sz.X.Points(), sz.Y.Points(), false, opts, 0, "")
}

// WriteTo writes the PDF; the canvas cannot be drawn on afterwards.
func (c *pdfCanvas) WriteTo(w io.Writer) (int64, error) {
	c.Pop()
	var buf bytes.Buffer
	if err := c.doc.Output(&buf); err != nil {
		return 0, err
	}
	return buf.WriteTo(w)
}
