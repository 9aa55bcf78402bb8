package output

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tradesim/tradesim/sim"
)

func TestPolicyWindows(t *testing.T) {
	regions := []string{"USA", "CHN", "EU"}
	sectors := []string{"REE", "AIC"}
	start := sim.NewMonth(2025, 1)
	sc := &sim.Scenario{
		Start: start, Horizon: 24,
		Policies: []sim.Policy{
			{ID: "ban", Kind: sim.ExportControl, Exporters: []int{0}, Importers: []int{1}, Sectors: []int{1}, Start: start + 3, End: start + 6},
			{ID: "magnets", Kind: sim.ExportControl, Exporters: []int{1}, Importers: []int{0, 1, 2}, Sectors: []int{0}, Start: start + 3, End: sim.Forever},
		},
		Rules: []sim.Rule{
			{ID: "retaliate", Then: &sim.Policy{ID: "tariff-back", Kind: sim.Tariff, Exporters: []int{0}, Importers: []int{1}, Sectors: []int{0, 1}}, Duration: 6},
			{ID: "never", Then: &sim.Policy{ID: "x", Kind: sim.Tariff}},
		},
	}
	fired := [][]sim.FiredRule{
		{{Rule: "retaliate", Effective: start + 8}},
		{{Rule: "retaliate", Effective: start + 10}},
		{},
		{{Rule: "retaliate", Effective: start + 9}},
	}
	got := PolicyWindows(sc, regions, sectors, fired)
	want := []PolicyWindow{
		{ID: "ban", Type: "export_control", Exporters: []string{"USA"}, Importers: []string{"CHN"}, Sectors: []string{"AIC"}, Start: "2025-04", End: "2025-07"},
		{ID: "magnets", Type: "export_control", Exporters: []string{"CHN"}, Importers: []string{"USA", "CHN", "EU"}, Sectors: []string{"REE"}, Start: "2025-04", End: "2026-12"},
		// median of the first firings 2025-09, 2025-10, 2025-11 (upper median of 3: 2025-10), six months
		{ID: "tariff-back", Type: "tariff", Exporters: []string{"USA"}, Importers: []string{"CHN"}, Sectors: []string{"REE", "AIC"}, Start: "2025-10", End: "2026-03", Note: "rule retaliate fired in 3 of 4 replicates"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("windows (-want +got):\n%s", diff)
	}
	routes := PolicyRoutes(got)
	wantRoutes := []Route{{"USA", "CHN", "AIC"}, {"CHN", "USA", "REE"}, {"CHN", "EU", "REE"}, {"USA", "CHN", "REE"}}
	if diff := cmp.Diff(wantRoutes, routes); diff != "" {
		t.Errorf("routes (-want +got):\n%s", diff)
	}
	if got := PolicyRegions(got, []string{"EU", "CHN", "USA", "JPN"}); !cmp.Equal(got, []string{"EU", "CHN", "USA"}) {
		t.Errorf("regions = %v", got)
	}
	shades := Shades(got, start, start+23)
	wantShades := []Shade{
		{"ban", start + 3, start + 6},
		{"magnets", start + 3, start + 23},
		{"tariff-back (rule retaliate fired in 3 of 4 replicates)", start + 9, start + 14},
	}
	if diff := cmp.Diff(wantShades, shades); diff != "" {
		t.Errorf("shades (-want +got):\n%s", diff)
	}
	// Windows with the same months share a shade; windows outside the range are dropped.
	two := Shades([]PolicyWindow{{ID: "a", Start: "2025-04", End: "2025-07"}, {ID: "b", Start: "2025-04", End: "2025-07"}, {ID: "late", Start: "2030-01", End: "2030-02"}}, start, start+23)
	if diff := cmp.Diff([]Shade{{"a, b", start + 3, start + 6}}, two); diff != "" {
		t.Errorf("merged shades (-want +got):\n%s", diff)
	}
}

func TestParseFlags(t *testing.T) {
	if f, err := ParseFormats("csv, Parquet"); err != nil || f != (Formats{CSV: true, Parquet: true}) {
		t.Errorf("ParseFormats = %+v, %v", f, err)
	}
	for _, bad := range []string{"", "xml", "csv,xls"} {
		if _, err := ParseFormats(bad); err == nil {
			t.Errorf("ParseFormats(%q) accepted", bad)
		}
	}
	if c, err := ParseChartFormats("svg,png,svg"); err != nil || !cmp.Equal(c, []string{"svg", "png"}) {
		t.Errorf("ParseChartFormats = %v, %v", c, err)
	}
	if c, err := ParseChartFormats("none"); err != nil || c != nil {
		t.Errorf("ParseChartFormats(none) = %v, %v", c, err)
	}
	if _, err := ParseChartFormats("gif"); err == nil {
		t.Error("gif accepted")
	}
}

// TestMonthTicks: at most the requested number of labelled ticks, on calendar-aligned months,
// labelled YYYY-MM.
func TestMonthTicks(t *testing.T) {
	start := sim.NewMonth(2025, 1)
	for _, c := range []struct {
		months, max int
		want        []string
	}{
		{36, 7, []string{"2025-01", "2025-07", "2026-01", "2026-07", "2027-01", "2027-07"}},
		{36, 3, []string{"2025-01", "2026-01", "2027-01"}},
		{36, 2, []string{"2025-01", "2027-01"}},
		{12, 7, []string{"2025-01", "2025-03", "2025-05", "2025-07", "2025-09", "2025-11"}},
		{4, 7, []string{"2025-01", "2025-02", "2025-03", "2025-04"}},
	} {
		var got []string
		for _, tk := range (monthTicks{Max: c.max}).Ticks(float64(start), float64(start)+float64(c.months-1)) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%d months, max %d (-want +got):\n%s", c.months, c.max, diff)
		}
	}
}

func TestValueTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   []string
	}{
		{-0.17, 0.14, []string{"-0.1", "0", "0.1"}}, // Target 3 below
		{-0.3, 0.05, []string{"-0.3", "-0.2", "-0.1", "0"}},
		{-66, 3, []string{"-60", "-40", "-20", "0"}},
		{0, 1.8, []string{"0", "0.5", "1", "1.5"}},
		{-0.0087, 0.0002, []string{"-0.0075", "-0.005", "-0.0025", "0"}},
		{-0.0122, 0, []string{"-0.01", "-0.0075", "-0.005", "-0.0025", "0"}},
	} {
		var got []string
		vt := valueTicks{}
		if c.lo == -0.17 {
			vt.Target = 3
		}
		for _, tk := range vt.Ticks(c.lo, c.hi) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("[%v, %v] (-want +got):\n%s", c.lo, c.hi, diff)
		}
	}
}

// TestShadingLayout: overlapping and adjacent periods merge into one span; starts in the same
// month share one mark; marks come in time order.
func TestShadingLayout(t *testing.T) {
	m := sim.NewMonth(2025, 1)
	shades := []Shade{{"b", m + 5, m + 8}, {"a", m + 2, m + 4}, {"c", m + 5, m + 20}, {"d", m + 30, m + 31}}
	want := [][2]sim.Month{{m + 2, m + 20}, {m + 30, m + 31}}
	if diff := cmp.Diff(want, unionSpans(shades)); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
	wantMarks := []policyMark{{m + 2, "a"}, {m + 5, "b, c"}, {m + 30, "d"}}
	if diff := cmp.Diff(wantMarks, policyMarks(shades, m)); diff != "" {
		t.Errorf("marks (-want +got):\n%s", diff)
	}
	// Two labels far apart share a row; two close ones do not.
	far := []policyMark{{m + 1, "first"}, {m + 30, "second"}}
	if n := labelRows(far, false, 9, 600, m, m+35); n != 1 {
		t.Errorf("labels far apart take %d rows, want 1", n)
	}
	near := []policyMark{{m + 1, "first measure"}, {m + 2, "second measure"}}
	if n := labelRows(near, false, 9, 600, m, m+35); n != 2 {
		t.Errorf("labels a month apart take %d rows, want 2", n)
	}
}
