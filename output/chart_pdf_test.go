package output

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestPDFGlyphsAndColours: a PDF chart encodes every glyph the charts use (pdftotext finds
// "−", "–" and "→" exactly), keeps its bold title's font, renders the same bytes twice, and
// looks like the PNG of the same chart: rasterised by poppler at the PNG's 300 dpi, no
// 30-pixel block differs from the PNG by more than a few levels in any channel (a band drawn
// with premultiplied colour comes out 20 to 35 levels darker).
func TestPDFGlyphsAndColours(t *testing.T) {
	f := testFigures(t, sizeTiny)[0]
	f.Title = "Output falls −1.0% by 2026-06 on CHN→USA"
	f.Subtitle = "median and 5–95% band"
	var pdf, again, pngBuf bytes.Buffer
	if err := f.WriteTo(&pdf, "pdf", true); err != nil {
		t.Fatal(err)
	}
	if err := f.WriteTo(&again, "pdf", true); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pdf.Bytes(), again.Bytes()) {
		t.Error("PDF output differs between two renders")
	}
	if !bytes.Contains(bytes.ToLower(pdf.Bytes()), []byte("/basefont /utf8liberationsans-bold")) {
		t.Error("the PDF does not embed the bold face its title uses")
	}
	if err := f.WriteTo(&pngBuf, "png", true); err != nil {
		t.Fatal(err)
	}
	pdftotext := needTool(t, "pdftotext", "poppler-utils")
	dir := t.TempDir()
	path := filepath.Join(dir, "chart.pdf")
	if err := os.WriteFile(path, pdf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	txt, err := exec.Command(pdftotext, path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Output falls −1.0% by 2026-06 on CHN→USA", "median and 5–95% band"} {
		if !bytes.Contains(txt, []byte(want)) {
			t.Errorf("pdftotext does not find %q in:\n%s", want, txt)
		}
	}
	pdftoppm := needTool(t, "pdftoppm", "poppler-utils")
	if out, err := exec.Command(pdftoppm, "-r", "300", "-png", "-singlefile", path, filepath.Join(dir, "raster")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	fromPDF := decodePNG(t, filepath.Join(dir, "raster.png"))
	fromPNG, err := png.Decode(&pngBuf)
	if err != nil {
		t.Fatal(err)
	}
	if fromPDF.Bounds().Size() != fromPNG.Bounds().Size() {
		t.Fatalf("the PDF rasterises to %v, the PNG is %v", fromPDF.Bounds().Size(), fromPNG.Bounds().Size())
	}
	const block = 30
	worst, bad, n := 0.0, 0, 0
	sz := fromPNG.Bounds().Size()
	for y := 0; y+block <= sz.Y; y += block {
		for x := 0; x+block <= sz.X; x += block {
			a, b := blockMean(fromPDF, x, y, block), blockMean(fromPNG, x, y, block)
			d := 0.0
			for c := range 3 {
				d = max(d, abs(a[c]-b[c]))
			}
			worst = max(worst, d)
			n++
			// 12 levels: text is anti-aliased differently by poppler and by vgimg.
			if d > 12 {
				bad++
			}
		}
	}
	if bad*100 > n {
		t.Errorf("%d of %d blocks of the PDF differ from the PNG by more than 12 levels (worst %.0f)", bad, n, worst)
	}
}

func abs(x float64) float64 { return max(x, -x) }

func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// blockMean is the mean colour (0-255 per channel) of a size x size block at x, y.
func blockMean(img image.Image, x0, y0, size int) [3]float64 {
	var s [3]float64
	b := img.Bounds().Min
	for y := y0; y < y0+size; y++ {
		for x := x0; x < x0+size; x++ {
			r, g, bl, _ := img.At(b.X+x, b.Y+y).RGBA()
			s[0] += float64(r >> 8)
			s[1] += float64(g >> 8)
			s[2] += float64(bl >> 8)
		}
	}
	for c := range s {
		s[c] /= float64(size * size)
	}
	return s
}
