package output

import (
	"testing"

	"github.com/tradesim/tradesim/sim"
)

func medians(xs ...float64) []sim.Band {
	out := make([]sim.Band, len(xs))
	for i, x := range xs {
		out[i] = sim.Band{P50: x}
	}
	return out
}

func TestPathFinding(t *testing.T) {
	start := sim.NewMonth(2025, 1)
	for _, c := range []struct {
		name string
		kind sim.DevKind
		dev  []sim.Band
		want string
	}{
		{"trough then recovery", sim.DevPercent, medians(0, -13.4, -5, -1), "X falls up to 13.4% (2025-02); −1.0% by 2025-04"},
		{"peak at the end", sim.DevPercent, medians(0, 2, 15.86), "X rises up to 15.9% (2025-03)"},
		{"stays near its peak", sim.DevPercent, medians(0, -24, -23), "X falls up to 24.0% (2025-02) and stays there"},
		{"small effect keeps two digits", sim.DevPercent, medians(0, 0.0045, 0.0044), "X rises up to 0.0045% (2025-02) and stays there"},
		{"points", sim.DevPoints, medians(0, 69.74, 0), "X rises up to 69.7 points (2025-02); back to baseline by 2025-03"},
		{"no change", sim.DevPercent, medians(0, 1e-4), "X barely moves"},
	} {
		if got := pathFinding("X", c.kind, "", c.dev, start); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestMostFinding(t *testing.T) {
	start := sim.NewMonth(2025, 1)
	devs := [][]sim.Band{medians(0, 0.3), medians(0, -0.82, -0.5), nil}
	got := mostFinding("Real GDP", "in", []string{"USA", "KOR", "EU"}, sim.DevPercent, "", devs, start)
	if want := "Real GDP falls most in KOR: 0.82% (2025-02)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	got = mostFinding("Trade", "on", []string{"CHN→USA ELEC"}, sim.DevDifference, "USD bn a month", [][]sim.Band{medians(-6.2)}, start)
	if want := "Trade falls most on CHN→USA ELEC: 6.2 USD bn a month (2025-01)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestShortPlaces: one region-sector per region, regions by their largest shortage; among a
// region's sectors within a point of its largest shortage, the one whose price moves most.
func TestShortPlaces(t *testing.T) {
	peak := map[Key]SummaryRow{}
	set := func(r, s, v string, p50 float64) { peak[Key{r, s, v}] = SummaryRow{P50: p50} }
	set("KOR", "DEF", "shortage_rate", 69.74)
	set("KOR", "REE", "shortage_rate", 69.73)
	set("KOR", "REE", "price", 690)
	set("KOR", "DEF", "price", 0.1)
	set("ROW", "AUTO", "shortage_rate", 67.8)
	set("EU", "SRV", "shortage_rate", 0.2) // below ShortageThreshold
	keys := []Key{{"KOR", "DEF", "shortage_rate"}, {"KOR", "REE", "shortage_rate"}, {"ROW", "AUTO", "shortage_rate"}, {"EU", "SRV", "shortage_rate"}}
	got := shortPlaces(keys, peak)
	want := []Key{{"KOR", "REE", "shortage_rate"}, {"ROW", "AUTO", "shortage_rate"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestBandHidden: a band says it is narrower than the median line when it is under 2% of the
// chart's range at its widest.
func TestBandHidden(t *testing.T) {
	narrow := []sim.Band{{P05: -25.8, P50: -25.77, P95: -25.75}, {P05: 0, P50: 0, P95: 0.1}}
	wide := []sim.Band{{P05: -21, P50: -13, P95: -8}, {P05: -1, P50: 0, P95: 0}}
	if !bandHidden(narrow) {
		t.Error("a band 0.1 points wide on a 26-point chart should read as hidden")
	}
	if bandHidden(wide) {
		t.Error("a band 13 points wide on a 21-point chart should not read as hidden")
	}
}

// TestShortageChartDropsFlatPrices: when no price on the shortage chart moves by flatPrice,
// the chart is the shortage panel alone and its subtitle says why.
func TestShortageChartDropsFlatPrices(t *testing.T) {
	for _, c := range []struct {
		price  float64
		panels int
	}{{0.009, 1}, {690, 2}} {
		b := &SeriesBands{Start: sim.NewMonth(2025, 1), Steps: 3,
			Keys: []Key{{"EU", "ELEC", "price"}, {"EU", "ELEC", "shortage_rate"}},
			Vars: []sim.Variable{sim.RSVars[sim.VarPrice], sim.RSVars[sim.VarShortageRate]},
			Dev:  [][]sim.Band{medians(0, c.price, 0), medians(0, 2.1, 0)},
		}
		f, err := ShortageChart(b, []Key{{"EU", "ELEC", "shortage_rate"}}, ChartMeta{Scenario: "s", Replicates: 3, Size: sizeTiny})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(f.Panels[0]); n != c.panels {
			t.Errorf("price peak %g%%: %d panels, want %d (subtitle %q)", c.price, n, c.panels, f.Subtitle)
		}
	}
}
