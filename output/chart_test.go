package output

import (
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

var (
	regen  = flag.Bool("regen", false, "rewrite the chart goldens in testdata/")
	pngDir = flag.String("pngdir", "", "also write every test chart as PNG into this folder, to look at")
)

// syntheticMeta is the chart metadata of syntheticResult.
func syntheticMeta(sz Size) ChartMeta {
	return ChartMeta{
		Scenario: "synthetic", Title: "Synthetic AIC controls (test data)", Baseline: "synthetic without policies",
		Version: "test", Replicates: 9, Size: sz,
		Windows: []PolicyWindow{
			{ID: "aic-controls", Type: "export_control", Exporters: []string{"CHN"}, Importers: []string{"USA"}, Sectors: []string{"AIC"}, Start: "2025-04", End: "2026-06"},
			{ID: "auto-tariff", Type: "tariff", Exporters: []string{"EU"}, Importers: []string{"USA"}, Sectors: []string{"AUTO"}, Start: "2025-10", End: "2026-06"},
		},
	}
}

// testFigures draws one figure of every chart kind from the synthetic run.
func testFigures(t *testing.T, sz Size) []*Figure {
	t.Helper()
	res := syntheticResult(9)
	tb, err := NewTables(context.Background(), res)
	if err != nil {
		t.Fatal(err)
	}
	m := syntheticMeta(sz)
	b := tb.Bands
	var figs []*Figure
	add := func(f *Figure, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		figs = append(figs, f)
	}
	add(FanChart(b, Key{"EU", "AUTO", "output"}, m))
	add(MultiplesChart(b, "output", []string{"USA", "CHN", "EU"}, res.Sectors, m))
	add(FlowsChart(FlowQuantityBands(res, []Route{{"CHN", "USA", "AIC"}, {"EU", "USA", "AUTO"}}), m))
	add(ShortageChart(b, []Key{{"EU", "AUTO", ""}, {"USA", "AIC", ""}}, m))
	add(RegionPanelChart(b, res.Regions, m))
	add(LinesChart(b, []Key{{"USA", All, "gdp_real"}, {"CHN", All, "gdp_real"}, {"EU", All, "gdp_real"}}, m))
	other := syntheticResult(9)
	other.Scenario = "synthetic-mild"
	for _, rep := range other.Replicates {
		for v := range rep.Scenario.RS {
			for i := range rep.Scenario.RS[v] {
				rep.Scenario.RS[v][i] = (rep.Scenario.RS[v][i] + rep.Baseline.RS[v][i]) / 2
			}
		}
	}
	tb2, err := NewTables(context.Background(), other)
	if err != nil {
		t.Fatal(err)
	}
	runs := []CompareRun{{Name: "synthetic", Bands: b, Summary: tb.Summary}, {Name: "synthetic-mild", Bands: tb2.Bands, Summary: tb2.Summary}}
	add(CompareLinesChart(runs, Key{All, All, "output"}, m))
	add(CompareBarsChart(runs, "output", All, m))
	return figs
}

// TestChartGoldens draws every chart kind from fixed synthetic data and compares the SVG with
// testdata/NAME.golden.svg byte for byte (as gonum/plot's cmpimg does for SVG); -regen rewrites
// them. They are what `tradesim run` writes (fonts named, not embedded).
func TestChartGoldens(t *testing.T) {
	for _, f := range testFigures(t, SizeSlide) {
		var buf bytes.Buffer
		if err := f.WriteTo(&buf, "svg", false); err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", f.Name+".golden.svg")
		if *regen {
			if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./output -run Golden -regen to create it)", err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			got := filepath.Join(t.TempDir(), f.Name+".svg")
			os.WriteFile(got, buf.Bytes(), 0o644)
			t.Errorf("%s differs from %s (got %s); if the change is intended, run with -regen", f.Name, golden, got)
		}
		if *pngDir != "" {
			writePNG(t, f, *pngDir)
		}
	}
	if *pngDir != "" {
		for _, f := range testFigures(t, SizePage) {
			f.Name += "_page"
			writePNG(t, f, *pngDir)
		}
	}
}

func writePNG(t *testing.T, f *Figure, dir string) {
	t.Helper()
	var buf bytes.Buffer
	if err := f.WriteTo(&buf, "png", false); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, f.Name+".png"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sizeTiny keeps rasterising cheap in tests that run under the race detector.
var sizeTiny = Size{Name: "tiny", Width: 3 * vg.Inch, Height: 2 * vg.Inch, Title: 7, Subtitle: 5, Label: 5, Tick: 4.5, Small: 4, Line: 1}

// TestChartFormats: every format renders, PNG at 300 dpi (3 in wide = 900 px), PDF and SVG
// with their signatures, and SVG output is deterministic.
func TestChartFormats(t *testing.T) {
	f := testFigures(t, sizeTiny)[0]
	for _, format := range ChartFormats {
		var a, b bytes.Buffer
		if err := f.WriteTo(&a, format, true); err != nil {
			t.Fatal(err)
		}
		sig := map[string]string{"png": "\x89PNG", "svg": "<?xml", "pdf": "%PDF"}[format]
		if !bytes.HasPrefix(a.Bytes(), []byte(sig)) {
			t.Errorf("%s output starts with %q", format, a.Bytes()[:8])
		}
		if format == "png" {
			img, err := png.DecodeConfig(bytes.NewReader(a.Bytes()))
			if err != nil || img.Width != 900 || img.Height != 600 {
				t.Errorf("PNG is %dx%d (%v), want 900x600 (300 dpi)", img.Width, img.Height, err)
			}
		}
		if format == "svg" {
			f.WriteTo(&b, format, true)
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("SVG output differs between two renders")
			}
		}
	}
}

// TestWriteChartsParallel: charts drawn in parallel are the charts drawn one by one, every
// format is in the folder under charts/, and the manifest lists them.
func TestWriteChartsParallel(t *testing.T) {
	figs := testFigures(t, sizeTiny)[:2]
	dir := t.TempDir()
	f, err := NewFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteCharts(context.Background(), f, figs, ChartFormats); err != nil {
		t.Fatal(err)
	}
	if got := len(f.Files()); got != 2*len(ChartFormats) {
		t.Fatalf("%d chart files, want %d", got, 2*len(ChartFormats))
	}
	for _, fig := range figs {
		for _, format := range []string{"svg", "png"} { // PDFs carry their creation time
			var want bytes.Buffer
			if err := fig.WriteTo(&want, format, false); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(dir, "charts", fig.Name+"."+format))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("%s.%s drawn in parallel differs from the same chart drawn alone", fig.Name, format)
			}
		}
	}
}

// User text with control characters and XML's special characters gives a valid SVG.
func TestChartTextIsEscaped(t *testing.T) {
	f := &Figure{Name: "t", Title: "a \x1b]0;pwned\x07 <b>&\"title\"</b>", Subtitle: "sub\x00\x01", Source: "src",
		Size: SizeSlide, Legend: []LegendEntry{{Label: "x\x1b[31m<y>", Color: inkColour}}}
	var buf bytes.Buffer
	if err := f.WriteTo(&buf, "svg", false); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(&buf)
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("the SVG is not valid XML: %v", err)
		}
	}
}

// A figure with a thousand legend entries and a very long title keeps its panels: the legend
// stops after a few rows with how many entries are left out, the title after a few lines.
func TestFigureLegendAndTitleBounded(t *testing.T) {
	f := testFigures(t, SizeSlide)[0]
	f.Legend = nil
	for i := range 1000 {
		f.Legend = append(f.Legend, LegendEntry{Label: fmt.Sprintf("policy-%04d", i), Color: inkColour, Kind: LegendShade})
	}
	f.Title = strings.Repeat("a very long title ", 500)
	var buf bytes.Buffer
	if err := f.WriteTo(&buf, "svg", false); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	if n := strings.Count(svg, "policy-"); n == 0 || n > 60 {
		t.Errorf("the legend shows %d of 1000 entries; want a few rows", n)
	}
	if !strings.Contains(svg, "more</text>") {
		t.Error("the legend does not say how many entries it leaves out")
	}
	if n := strings.Count(svg, "very long title"); n > 40 {
		t.Errorf("the title takes %d copies of its phrase; want at most 4 lines", n)
	}
	if !strings.Contains(svg, "more words)") {
		t.Error("the title does not say it was cut")
	}
}
