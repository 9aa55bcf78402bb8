package output

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"testing"

	plotdraw "gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// decodeNRGBA decodes a PNG into plain (not premultiplied) RGBA pixels.
func decodeNRGBA(t *testing.T, b []byte) *image.NRGBA {
	t.Helper()
	m, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	n := image.NewNRGBA(image.Rect(0, 0, m.Bounds().Dx(), m.Bounds().Dy()))
	draw.Draw(n, n.Bounds(), m, m.Bounds().Min, draw.Src)
	return n
}

func toNRGBA(m image.Image) *image.NRGBA {
	n := image.NewNRGBA(image.Rect(0, 0, m.Bounds().Dx(), m.Bounds().Dy()))
	draw.Draw(n, n.Bounds(), m, m.Bounds().Min, draw.Src)
	return n
}

// TestEncodePNG: the PNG of an opaque image (RGB rows) and of a translucent one (image/png)
// decode to the image's own pixels, for a sub-image too.
func TestEncodePNG(t *testing.T) {
	full := image.NewRGBA(image.Rect(0, 0, 67, 41))
	for y := range 41 {
		for x := range 67 {
			full.SetRGBA(x, y, color.RGBA{uint8(x * 3), uint8(y * 5), uint8(x ^ y), 0xff})
		}
	}
	translucent := image.NewRGBA(full.Bounds())
	copy(translucent.Pix, full.Pix)
	translucent.SetRGBA(5, 7, color.RGBA{0x10, 0x20, 0x30, 0x80})
	for name, m := range map[string]image.Image{
		"opaque": full, "sub-image": full.SubImage(image.Rect(3, 4, 50, 30)), "translucent": translucent,
	} {
		var buf bytes.Buffer
		n, err := encodePNG(&buf, m)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if n != int64(buf.Len()) {
			t.Errorf("%s: encodePNG says it wrote %d bytes, wrote %d", name, n, buf.Len())
		}
		got, want := decodeNRGBA(t, buf.Bytes()), toNRGBA(m)
		if got.Bounds() != want.Bounds() || !bytes.Equal(got.Pix, want.Pix) {
			t.Errorf("%s: the PNG decodes to other pixels than the image's", name)
		}
	}
}

// TestPNGChartPixels: a chart's PNG (imageCanvas, its image from the pool, drawn without the
// white backgrounds) has the pixels of the figure drawn whole, backgrounds included, on
// gonum/plot's own image canvas. The figures share a size, so all but the first reuse an image.
func TestPNGChartPixels(t *testing.T) {
	// Policies whose label runs out of its panel into the next one, whose white background
	// covers it (as in full-decoupling's region panel).
	m := syntheticMeta(sizeTiny)
	for _, id := range []string{"a-policy-with-a-long-name", "another-policy-with-a-long-name"} {
		m.Windows = append(m.Windows, PolicyWindow{ID: id, Type: "tariff", Exporters: []string{"EU"}, Importers: []string{"USA"}, Sectors: []string{"AUTO"}, Start: "2026-03", End: "2026-06"})
	}
	tb, err := NewTables(context.Background(), syntheticResult(9))
	if err != nil {
		t.Fatal(err)
	}
	stray, err := RegionPanelChart(tb.Bands, tb.Result.Regions, m)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append(testFigures(t, sizeTiny), stray) {
		var buf bytes.Buffer
		if err := f.WriteTo(&buf, "png", false); err != nil {
			t.Fatal(err)
		}
		c := vgimg.NewWith(vgimg.UseWH(f.Size.Width, f.Size.Height), vgimg.UseDPI(300))
		f.Draw(plotdraw.New(cleanText{vgimg.PngCanvas{Canvas: c}}))
		got, want := decodeNRGBA(t, buf.Bytes()), toNRGBA(c.Image())
		if got.Bounds() != want.Bounds() || !bytes.Equal(got.Pix, want.Pix) {
			t.Errorf("%s: the PNG's pixels differ from the figure drawn with its backgrounds", f.Name)
		}
	}
}
