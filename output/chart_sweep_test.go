package output

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// sweepFigures are the sweep charts drawn from fixed synthetic data.
func sweepFigures(t *testing.T) []*Figure {
	t.Helper()
	m := SweepChartMeta{Sweep: "tariff-rate", Scenario: "tariff-escalation-2025", Version: "test", Runs: 9, Replicates: 1, Size: SizeSlide}
	d := SweepMetricDesc{Name: "gdp_real_usa_all_trough", Variable: "gdp_real", Region: "USA", Sector: All, Stat: MetricTrough}
	var figs []*Figure
	add := func(f *Figure, err error) {
		if err != nil {
			t.Fatal(err)
		}
		figs = append(figs, f)
	}
	xs := []float64{0.5, 0, 0.25, 1, 0.75}
	ys := make([]float64, len(xs))
	for i, x := range xs {
		ys[i] = -0.4 * x * x
	}
	add(DoseResponseChart("rate", xs, ys, nil, nil, d, m))
	lo, hi := make([]float64, len(xs)), make([]float64, len(xs))
	for i, y := range ys {
		lo[i], hi[i] = y-0.05-0.05*xs[i], y+0.05+0.05*xs[i]
	}
	band, err := DoseResponseChart("rate", xs, ys, lo, hi, d, m)
	if err != nil {
		t.Fatal(err)
	}
	band.Name += "_band"
	figs = append(figs, band)
	var x1, x2, y []float64
	for _, a := range []float64{0.1, 0.5, 1} {
		for _, b := range []float64{1, 2.8, 8} {
			x1, x2, y = append(x1, a), append(x2, b), append(y, -a*b/4+0.3)
		}
	}
	add(HeatmapChart("rate", "sigmam_elec", x1, x2, y, d, m))
	add(TornadoChart("morris", "mu_star", []TornadoBar{{"rate", 0.12, 0.1, 0.13}, {"sigmam_elec", 0.04, 0.02, 0.06}, {"sigmad_elec", 0.0001, 0, 0.0002}}, d, m))
	src, err := TornadoChart("regression", "SRC", []TornadoBar{{"rate", -0.8, -0.85, -0.75}, {"sigmam_elec", 0.3, 0.2, 0.4}}, d, m)
	if err != nil {
		t.Fatal(err)
	}
	src.Name += "_src"
	return append(figs, src)
}

// TestSweepChartGoldens compares the sweep charts' SVG with testdata/NAME.golden.svg byte for
// byte; -regen rewrites them.
func TestSweepChartGoldens(t *testing.T) {
	for _, f := range sweepFigures(t) {
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
			t.Fatalf("%v (run go test ./output -run SweepChartGoldens -regen to create it)", err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s differs from %s; if the change is intended, run with -regen", f.Name, golden)
		}
		if *pngDir != "" {
			writePNG(t, f, *pngDir)
		}
	}
	if _, err := DoseResponseChart("rate", nil, nil, nil, nil, SweepMetricDesc{Name: "x"}, SweepChartMeta{Size: SizeSlide}); err == nil {
		t.Error("a dose-response chart of no runs was drawn")
	}
	if _, err := HeatmapChart("a", "b", []float64{1, 1}, []float64{1, 2}, []float64{0, 0}, SweepMetricDesc{Name: "x"}, SweepChartMeta{Size: SizeSlide}); err == nil {
		t.Error("a heatmap of one value of a factor was drawn")
	}
}
