package output

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// CompareRow is a row of comparison.csv: a run's summary row under its scenario name.
type CompareRow struct {
	Scenario string
	SummaryRow
}

// ReadComparison reads DIR/comparison.csv, a file its manifest m lists.
func ReadComparison(dir string, m *Manifest) ([]CompareRow, error) {
	rows, _, err := readTable(dir, m, "comparison", ComparisonColumns, func(rec []string, col []int) (CompareRow, error) {
		r, err := parseSummaryRow(rec, col[1:])
		return CompareRow{rec[col[0]], r}, err
	}, func(*CompareRow) (CompareRow, error) {
		return CompareRow{}, fmt.Errorf("a comparison is written as CSV only")
	})
	return rows, err
}

// LoadCompareBrief builds the brief of a comparison folder (`tradesim compare`): the runs in
// the order given, whether they share a baseline, the headline variables of every run side by
// side, and the comparison's charts.
func LoadCompareBrief(dir string) (*Brief, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	if err := m.Verify(dir); err != nil {
		return nil, fmt.Errorf("%s does not match its manifest; run the comparison again: %w", dir, err)
	}
	rows, err := ReadComparison(dir, m)
	if err != nil {
		return nil, err
	}
	var names []string
	by := map[string][]SummaryRow{}
	for _, r := range rows {
		if _, ok := by[r.Scenario]; !ok {
			names = append(names, r.Scenario)
		}
		by[r.Scenario] = append(by[r.Scenario], r.SummaryRow)
	}
	br := &Brief{Title: "Comparison of " + strings.Join(names, ", "), ScenarioName: "comparison"}
	br.Subtitle = fmt.Sprintf("%d runs, in the order given; tradesim %s.", len(m.Compared), m.Version)
	br.Summary = append(br.Summary, BaselineCheck(m.Compared))
	ext := map[string]Extremes{}
	for _, n := range names {
		ext[n] = NewExtremes(by[n])
		if len(ext[n].Trough) == 0 && len(ext[n].Peak) == 0 {
			return nil, fmt.Errorf("%s: comparison.csv has no trough_deviation or peak_deviation rows for %s; it was written by an older tradesim: run tradesim compare again", dir, n)
		}
	}
	for _, n := range names {
		if s := regionExtremes("gdp_real", ext[n], regionsOf(by[n])); s != "" {
			br.Summary = append(br.Summary, n+": "+s)
		}
	}
	sec := BriefSection{ID: "comparison", Heading: "Comparison"}
	for _, v := range briefRegionVars {
		t := BriefTable{Caption: PrettyVariable(v) + " by region", Header: []string{"region"}, Numeric: []bool{false}}
		vi, _ := VariableNamed(v)
		t.Note = "Median (5–95% band) of the larger of the trough and the peak, " + unitText(vi) + ", with the month the median reaches it."
		found := false
		for _, n := range names {
			t.Header, t.Numeric = append(t.Header, n), append(t.Numeric, true)
		}
		var regions []string
		for _, n := range names {
			for _, r := range regionsOf(by[n]) {
				if !slices.Contains(regions, r) {
					regions = append(regions, r)
				}
			}
		}
		for _, r := range regions {
			row := []string{r}
			for _, n := range names {
				k := Key{r, All, v}
				if _, ok := ext[n].Larger(k); ok {
					found = true
				}
				row = append(row, moveCell(ext[n], k))
			}
			t.Rows = append(t.Rows, row)
		}
		if found {
			sec.Tables = append(sec.Tables, t)
		}
	}
	charts, err := folderCharts(dir)
	if err != nil {
		return nil, err
	}
	sec.Charts = charts
	br.Sections = append(br.Sections, sec)
	for _, c := range m.Compared {
		br.Methods = append(br.Methods, fmt.Sprintf("%s: folder %s, %d replicates, baseline: %s, tradesim %s, manifest SHA-256 %s.",
			c.Scenario, c.Dir, c.Replicates, BaselineText(c.Scenario, c.Baseline), c.Version, short(c.ManifestSHA256)))
	}
	br.Methods = append(br.Methods, "Each run's bands are the 5th and 95th percentiles over its own replicates; see each run's brief (tradesim report RUN_DIR) for its scenario and settings.")
	return br, nil
}

// BaselineCheck says whether compared runs share a baseline, plainly.
func BaselineCheck(runs []ComparedRun) string {
	bases := map[string][]string{}
	var order []string
	for _, r := range runs {
		b := BaselineText(r.Scenario, r.Baseline)
		if r.Baseline == "" {
			b = "unknown (recorded by an older tradesim)"
		}
		if _, ok := bases[b]; !ok {
			order = append(order, b)
		}
		bases[b] = append(bases[b], r.Scenario)
	}
	if len(order) == 1 {
		return "All runs share one baseline: " + order[0] + "."
	}
	var parts []string
	for _, b := range order {
		parts = append(parts, strings.Join(bases[b], ", ")+" against "+b)
	}
	return "The runs do not share a baseline, so their deviations measure different things: " + strings.Join(parts, "; ") + "."
}

// regionsOf lists the regions with region-level rows in a summary, in order.
func regionsOf(rows []SummaryRow) []string {
	var out []string
	for _, r := range rows {
		if r.Sector == All && r.Region != All && !slices.Contains(out, r.Region) {
			out = append(out, r.Region)
		}
	}
	return out
}

// folderCharts reads the SVG charts of a results folder, in name order.
func folderCharts(dir string) ([]BriefChart, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "charts", "*.svg"))
	if err != nil {
		return nil, err
	}
	slices.Sort(paths)
	var out []BriefChart
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		name := strings.TrimSuffix(filepath.Base(p), ".svg")
		out = append(out, BriefChart{Name: name, Title: strings.ReplaceAll(name, "_", " "), SVG: b})
	}
	return out, nil
}
