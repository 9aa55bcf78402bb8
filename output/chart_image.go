package output

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"git.sr.ht/~sbinet/gg"
	xdraw "golang.org/x/image/draw"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/f64"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// imageCanvas draws a chart into an RGBA image: gonum/plot's vgimg canvas (v0.17) call for
// call, so the pixels are the same, without what made it costly at 300 dpi. vgimg allocates a
// 20 MB image for a slide chart and then copies it into a second one for its graphics context
// (gg.NewContextForImage); it also builds a new font face for every string it draws. This
// canvas draws straight into an image taken from a pool (one per chart being drawn at a time)
// and keeps a face per font and size.
type imageCanvas struct {
	ctx    *gg.Context
	img    *image.RGBA
	w, h   vg.Length
	dpi    float64
	width  vg.Length
	colors []color.Color // the colour, per Push level
	faces  map[faceKey]xfont.Face
	white  []byte // a row of white pixels
}

type faceKey struct {
	font *opentype.Font
	size vg.Length
}

// chartImages holds the images of charts drawn earlier, for the next ones of the same size.
var chartImages sync.Pool

// newImageCanvas returns a white canvas of w x h at dpi dots per inch; release returns its
// image to the pool once the chart is encoded.
func newImageCanvas(w, h vg.Length, dpi int) *imageCanvas {
	// The image size as vgimg.UseWH and vgimg.UseDPI make it.
	pw, ph := w/vg.Inch*vg.Length(dpi), h/vg.Inch*vg.Length(dpi)
	r := image.Rect(0, 0, int(pw+0.5), int(ph+0.5))
	img, _ := chartImages.Get().(*image.RGBA)
	if img == nil || img.Rect != r {
		img = image.NewRGBA(r)
	}
	c := &imageCanvas{img: img, w: w, h: h, dpi: float64(dpi), colors: []color.Color{color.Black}, faces: map[faceKey]xfont.Face{}}
	c.ctx = gg.NewContextForRGBA(img)
	c.ctx.SetLineCapButt()
	c.ctx.InvertY()
	draw.Draw(img, img.Bounds(), &image.Uniform{color.White}, image.Point{}, draw.Src)
	vg.Initialize(c)
	return c
}

// release hands the image back to the pool; the canvas cannot be used afterwards.
func (c *imageCanvas) release() {
	if c.img != nil {
		chartImages.Put(c.img)
		c.img, c.ctx = nil, nil
	}
}

// Image is the image drawn so far.
func (c *imageCanvas) Image() image.Image { return c.img }

func (c *imageCanvas) Size() (vg.Length, vg.Length) { return c.w, c.h }

func (c *imageCanvas) dots(l vg.Length) float64 { return l.Dots(c.dpi) }

func (c *imageCanvas) SetLineWidth(w vg.Length) {
	c.width = w
	c.ctx.SetLineWidth(c.dots(w))
}

func (c *imageCanvas) SetLineDash(ds []vg.Length, offs vg.Length) {
	dashes := make([]float64, len(ds))
	for i, d := range ds {
		dashes[i] = c.dots(d)
	}
	c.ctx.SetDashOffset(c.dots(offs))
	c.ctx.SetDash(dashes...)
}

func (c *imageCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	c.ctx.SetColor(clr)
	c.colors[len(c.colors)-1] = clr
}

func (c *imageCanvas) Rotate(t float64)      { c.ctx.Rotate(t) }
func (c *imageCanvas) Translate(pt vg.Point) { c.ctx.Translate(c.dots(pt.X), c.dots(pt.Y)) }
func (c *imageCanvas) Scale(x, y float64)    { c.ctx.Scale(x, y) }

func (c *imageCanvas) Push() {
	c.colors = append(c.colors, c.colors[len(c.colors)-1])
	c.ctx.Push()
}

func (c *imageCanvas) Pop() {
	c.colors = c.colors[:len(c.colors)-1]
	c.ctx.Pop()
}

func (c *imageCanvas) Fill(p vg.Path) {
	if c.whiteOnWhite(p) {
		return
	}
	c.outline(p)
	c.ctx.Fill()
}

// whiteOnWhite reports whether filling p would paint opaque white over pixels that are all
// opaque white already, which changes none of them: the rasteriser blends white over white
// into white at any coverage. Every panel of a chart starts with its white background, over
// a canvas that is white but where a label of the panel to its left may have strayed;
// reading the pixels under the path's bounding box costs a fraction of the fill.
func (c *imageCanvas) whiteOnWhite(p vg.Path) bool {
	if r, g, b, a := c.colors[len(c.colors)-1].RGBA(); r&g&b&a != 0xffff {
		return false
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp, vg.LineComp:
			x, y := c.ctx.TransformPoint(c.dots(comp.Pos.X), c.dots(comp.Pos.Y))
			x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
		case vg.CloseComp:
		default:
			return false // arcs and curves: no bounding box from the points alone
		}
	}
	if !(x0 > -1e6 && y0 > -1e6 && x1 < 1e6 && y1 < 1e6) { // no points, NaN or far off
		return false
	}
	// The pixels the rasteriser may touch, with one to spare on every side.
	b := c.img.Rect
	px0, py0 := max(b.Min.X, int(math.Floor(x0))-1), max(b.Min.Y, int(math.Floor(y0))-1)
	px1, py1 := min(b.Max.X, int(math.Ceil(x1))+2), min(b.Max.Y, int(math.Ceil(y1))+2)
	if px0 >= px1 || py0 >= py1 {
		return true
	}
	n := 4 * (px1 - px0)
	if len(c.white) < n {
		c.white = bytes.Repeat([]byte{0xff}, 4*b.Dx())
	}
	for y := py0; y < py1; y++ {
		i := c.img.PixOffset(px0, y)
		if !bytes.Equal(c.img.Pix[i:i+n], c.white[:n]) {
			return false
		}
	}
	return true
}

func (c *imageCanvas) Stroke(p vg.Path) {
	if c.width <= 0 {
		return
	}
	c.outline(p)
	c.ctx.Stroke()
}

func (c *imageCanvas) outline(p vg.Path) {
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			c.ctx.MoveTo(c.dots(comp.Pos.X), c.dots(comp.Pos.Y))
		case vg.LineComp:
			c.ctx.LineTo(c.dots(comp.Pos.X), c.dots(comp.Pos.Y))
		case vg.ArcComp:
			c.ctx.DrawArc(c.dots(comp.Pos.X), c.dots(comp.Pos.Y), c.dots(comp.Radius), comp.Start, comp.Start+comp.Angle)
		case vg.CurveComp:
			switch len(comp.Control) {
			case 1:
				c.ctx.QuadraticTo(c.dots(comp.Control[0].X), c.dots(comp.Control[0].Y), c.dots(comp.Pos.X), c.dots(comp.Pos.Y))
			case 2:
				c.ctx.CubicTo(c.dots(comp.Control[0].X), c.dots(comp.Control[0].Y), c.dots(comp.Control[1].X), c.dots(comp.Control[1].Y), c.dots(comp.Pos.X), c.dots(comp.Pos.Y))
			default:
				panic("output: a curve with more than two control points") // recovered by Figure.WriteTo
			}
		case vg.CloseComp:
			c.ctx.ClosePath()
		default:
			panic(fmt.Sprintf("output: unknown path component %d", comp.Type))
		}
	}
}

// FillString draws s with its baseline starting at pt.
func (c *imageCanvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Size == 0 {
		return
	}
	k := faceKey{f.Face, f.Font.Size}
	face, ok := c.faces[k]
	if !ok {
		face = f.FontFace(c.dpi)
		c.faces[k] = face
	}
	c.ctx.Push()
	defer c.ctx.Pop()
	c.ctx.SetFontFace(face)
	c.ctx.InvertY()
	x, y := c.dots(pt.X), c.dots(c.h)-c.dots(pt.Y)
	if !c.untransformed() {
		c.ctx.DrawString(s, x, y) // rotated text (axis labels)
		return
	}
	c.drawString(face, s, x, y)
}

// untransformed reports whether the graphics context maps points to themselves, exactly (as
// it does for all text but rotated labels): each probe is a power of two, so any other
// matrix moves one of them.
func (c *imageCanvas) untransformed() bool {
	const p = 1 << 20
	for _, pt := range [...][2]float64{{0, 0}, {p, 0}, {0, p}} {
		if x, y := c.ctx.TransformPoint(pt[0], pt[1]); x != pt[0] || y != pt[1] {
			return false
		}
	}
	return true
}

// drawString is gg's DrawString (v0.7) with the identity matrix, which draws each glyph with
// x/image/draw's bilinear transform, masked and composited over the image by its generic
// pixel-by-pixel code: slow at 300 dpi. Under the identity every glyph lands on whole pixels,
// the bilinear weights are 1 and 0, and the transform composites the glyph mask over the
// image; overGlyph does that with the same integer arithmetic, so the pixels are the same.
func (c *imageCanvas) drawString(face xfont.Face, s string, x, y float64) {
	col := c.colors[len(c.colors)-1]
	dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y * 64))}
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += face.Kern(prev, r)
		}
		dr, mask, maskp, advance, ok := face.Glyph(dot, r)
		if !ok {
			continue
		}
		if a, ok := mask.(*image.Alpha); ok {
			overGlyph(c.img, dr, a, maskp, col)
		} else {
			s2d := f64.Aff3{1, 0, float64(dr.Min.X), 0, 1, float64(dr.Min.Y)}
			xdraw.BiLinear.Transform(c.img, s2d, image.NewUniform(col), dr.Sub(dr.Min), xdraw.Over, &xdraw.Options{SrcMask: mask, SrcMaskP: maskp})
		}
		dot.X += advance
		prev = r
	}
}

// overGlyph composites colour col through the glyph mask (its pixel mp at dr.Min) over dst,
// as x/image/draw's Kernel.Transform does for an Over with a source mask (transform_Image_
// Image_Over) when the weights are 1 and 0: 16-bit premultiplied channels, the mask's alpha
// scaling the colour, the destination scaled by one minus that alpha.
func overGlyph(dst *image.RGBA, dr image.Rectangle, mask *image.Alpha, mp image.Point, col color.Color) {
	cr, cg, cb, ca := col.RGBA()
	r := dr.Intersect(dst.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ma := uint32(mask.AlphaAt(mp.X+x-dr.Min.X, mp.Y+y-dr.Min.Y).A) * 0x101
			pa := ca * ma / 0xffff
			pr, pg, pb := min(cr*ma/0xffff, pa), min(cg*ma/0xffff, pa), min(cb*ma/0xffff, pa)
			pa1 := 0xffff - pa
			px := dst.Pix[dst.PixOffset(x, y):][:4]
			px[0] = uint8(uint16(uint32(px[0])*0x101*pa1/0xffff+pr) >> 8)
			px[1] = uint8(uint16(uint32(px[1])*0x101*pa1/0xffff+pg) >> 8)
			px[2] = uint8(uint16(uint32(px[2])*0x101*pa1/0xffff+pb) >> 8)
			px[3] = uint8(uint16(uint32(px[3])*0x101*pa1/0xffff+pa) >> 8)
		}
	}
}

func (c *imageCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	xmin, ymin := c.dots(rect.Min.X), c.dots(rect.Min.Y)
	sz := rect.Size()
	width, height := c.dots(sz.X), c.dots(sz.Y)
	c.ctx.Push()
	c.ctx.Scale(1, -1)
	c.ctx.Translate(xmin, -ymin-height)
	c.ctx.Scale(width/float64(img.Bounds().Dx()), height/float64(img.Bounds().Dy()))
	c.ctx.DrawImage(img, 0, 0)
	c.ctx.Pop()
}
