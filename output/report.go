package output

// A brief (`tradesim report`): one document an economist can send, built from a finished
// results folder. Brief holds its content as words and tables; report_html.go and
// report_md.go lay it out.

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/tradesim/tradesim/sim"
)

// ScenarioFacts is what a brief says about the scenario beyond the results: the terms of each
// policy, the sources, the settings that differ from the defaults, and the file itself. The
// command that reads the scenario fills it (package output does not parse scenarios).
type ScenarioFacts struct {
	Description string
	Sources     []string
	// Terms gives, by policy or rule-measure id, its rate or limit in words ("rate 25%",
	// "licence, 25% of orders approved, 2 months' delay").
	Terms map[string]string
	// Settings are the scenario's choices that differ from the defaults, as "name: value"
	// (parameters, rationing, revenue, uncertainty).
	Settings    []string
	Uncertainty []string // one line per uncertain parameter: "sigma.AIC: lognormal, sd 0.3"
	WorldNote   string   // the world and its base year, in words
	// File is the scenario file's text; FileNote says where it comes from and whether its
	// SHA-256 matches the manifest's.
	File, FileNote string
}

// BriefTable is one table of a brief.
type BriefTable struct {
	Caption string
	Note    string // under the table: units and how to read it
	Header  []string
	Rows    [][]string
	// Numeric marks the columns to right-align.
	Numeric []bool
}

// BriefChart is one chart of a brief, rendered to SVG.
type BriefChart struct {
	Name, Title string
	SVG         []byte
}

// Brief is the content of a brief.
type Brief struct {
	Title    string
	Subtitle string
	Summary  []string // sentences of the summary paragraph
	Sections []BriefSection
	Methods  []string // lines of the methods box
	// Appendix: the scenario file.
	ScenarioName, ScenarioSHA256, ScenarioFile, ScenarioNote string
}

// BriefSection is a headed part of a brief: text, tables and charts.
type BriefSection struct {
	ID, Heading string
	Text        []string
	Tables      []BriefTable
	Charts      []BriefChart
}

// briefRegionVars are the region variables of the headline table by region, in column order;
// a run that lacks one (older engines report no welfare) leaves its column out.
var briefRegionVars = []string{"welfare", "gdp_real", "cpi", "unemployment_rate", "trade_balance", "trade_balance_share"}

// hasVariable reports whether the bands hold any series of variable v.
func hasVariable(b *SeriesBands, v string) bool {
	for _, k := range b.Keys {
		if k.Variable == v {
			return true
		}
	}
	return false
}

// unitText is how a brief's table names the unit of a variable's deviation.
func unitText(v sim.Variable) string {
	switch v.Dev {
	case sim.DevPoints:
		return "percentage points"
	case sim.DevDifference:
		return differenceUnit(v)
	}
	return "% from baseline"
}

// numText writes a deviation for a table: a true minus sign, one decimal from 1 up, two
// significant digits below, and 0.0 under 0.0005 (which would otherwise print as 6.9e-05).
func numText(x float64) string {
	if math.Abs(x) < 5e-4 {
		return "0.0"
	}
	s := magnitude(math.Abs(x))
	if x < 0 {
		return "−" + s
	}
	return "+" + s
}

// bandText writes "median (p05 to p95)".
func bandText(r SummaryRow) string {
	return numText(r.P50) + " (" + numText(r.P05) + " to " + numText(r.P95) + ")"
}

// moveCell is a table cell for the larger move of k: "−0.82 (−0.9 to −0.7) trough 2025-12".
func moveCell(e Extremes, k Key) string {
	r, ok := e.Larger(k)
	if !ok {
		return "–"
	}
	if math.Abs(r.P50) < negligible && math.Abs(r.P05) < negligible && math.Abs(r.P95) < negligible {
		return "no change"
	}
	s := bandText(r)
	if r.Month != "" {
		what := "peak"
		if r.Stat == StatTrough {
			what = "trough"
		}
		s += " " + what + " " + r.Month
	}
	return s
}

// regionTable is the headline table by region: the larger move of every region variable the
// run has, with bands.
func regionTable(b *SeriesBands, e Extremes, regions []string) BriefTable {
	t := BriefTable{Caption: "Headline effects by region",
		Note:   "Median over replicates of the largest fall (trough) or rise (peak), whichever is larger, with the 5–95% band in brackets and the month the median reaches it.",
		Header: []string{"region"}, Numeric: []bool{false}}
	var vars []sim.Variable
	var units []string
	for _, name := range briefRegionVars {
		if !hasVariable(b, name) {
			continue
		}
		v, _ := VariableNamed(name)
		vars = append(vars, v)
		t.Header = append(t.Header, PrettyVariable(name)+" ("+unitText(v)+")")
		t.Numeric = append(t.Numeric, true)
		units = append(units, name)
	}
	for _, r := range regions {
		row := []string{r}
		for _, v := range vars {
			row = append(row, moveCell(e, Key{r, All, v.Name}))
		}
		t.Rows = append(t.Rows, row)
	}
	if len(vars) < len(briefRegionVars) {
		var missing []string
		for _, name := range briefRegionVars {
			if !slices.Contains(units, name) {
				missing = append(missing, PrettyVariable(name))
			}
		}
		t.Note += " Not reported by this run: " + strings.Join(missing, ", ") + "."
	}
	return t
}

// sectorTable lists the region-sectors whose output moves most.
func sectorTable(b *SeriesBands, rows []SummaryRow, e Extremes, n int) BriefTable {
	var keys []Key
	for _, k := range b.Keys {
		if k.Variable == "output" && k.Region != All && k.Sector != All {
			keys = append(keys, k)
		}
	}
	slices.SortStableFunc(keys, func(x, y Key) int { return cmp.Compare(e.Move(y), e.Move(x)) })
	t := BriefTable{Caption: "Largest effects on sector output",
		Note:    "Output at base prices, % from baseline: median and 5–95% band of the larger of the trough and the peak; over the horizon: the change in total output from the start to the end of the simulation.",
		Header:  []string{"region", "sector", "largest move (%)", "over the horizon (%)"},
		Numeric: []bool{false, false, true, true}}
	cum := map[Key]SummaryRow{}
	for _, r := range rows {
		if r.Stat == StatCumulativePct {
			cum[Key{r.Region, r.Sector, r.Variable}] = r
		}
	}
	for _, k := range keys[:min(n, len(keys))] {
		c := "–"
		if r, ok := cum[k]; ok {
			c = bandText(r)
		}
		t.Rows = append(t.Rows, []string{k.Region, k.Sector, moveCell(e, k), c})
	}
	return t
}

// shortageTable lists the region-sectors short of supply.
func shortageTable(b *SeriesBands, e Extremes) (BriefTable, bool) {
	var keys []Key
	for _, k := range b.Keys {
		if k.Variable == "shortage_rate" && k.Region != All && k.Sector != All && e.Peak[k].P50 >= ShortageThreshold {
			keys = append(keys, k)
		}
	}
	slices.SortStableFunc(keys, func(x, y Key) int { return cmp.Compare(e.Peak[y].P50, e.Peak[x].P50) })
	t := BriefTable{Caption: "Shortages",
		Note:    fmt.Sprintf("Orders for the sector's output left unfilled, peak rise in percentage points (median and 5–95%% band), where the median rises %g points or more; price: the peak price rise, %%.", ShortageThreshold),
		Header:  []string{"region", "sector", "shortage rate (points)", "price (%)"},
		Numeric: []bool{false, false, true, true}}
	for _, k := range keys[:min(12, len(keys))] {
		t.Rows = append(t.Rows, []string{k.Region, k.Sector, moveCell(Extremes{Peak: e.Peak, Trough: map[Key]SummaryRow{}}, k),
			moveCell(e, Key{k.Region, k.Sector, "price"})})
	}
	return t, len(keys) > 0
}

// annualTables gives, for each headline region variable the run has, the annual average of the
// median deviation by calendar year and, for levels, the Q4/Q4 growth of the scenario minus
// that of the baseline (on the median paths), in percentage points.
func annualTables(b *SeriesBands, regions []string) []BriefTable {
	years := map[int][]int{} // year -> steps
	var order []int
	for t := range b.Steps {
		y := (b.Start + sim.Month(t)).Year()
		if _, ok := years[y]; !ok {
			order = append(order, y)
		}
		years[y] = append(years[y], t)
	}
	q4 := func(y int) []int { // steps of Oct-Dec of year y, if all simulated
		var out []int
		for _, t := range years[y] {
			if (b.Start + sim.Month(t)).Calendar() >= 10 {
				out = append(out, t)
			}
		}
		if len(out) < 3 {
			return nil
		}
		return out
	}
	var tables []BriefTable
	for _, name := range []string{"welfare", "gdp_real", "cpi", "unemployment_rate"} {
		if !hasVariable(b, name) {
			continue
		}
		v, _ := VariableNamed(name)
		t := BriefTable{Caption: PrettyVariable(name) + ": annual averages and Q4/Q4",
			Header: []string{"region"}, Numeric: []bool{false}}
		for _, y := range order {
			h := fmt.Sprintf("%d average", y)
			if len(years[y]) < 12 {
				h = fmt.Sprintf("%d average (%d months)", y, len(years[y]))
			}
			t.Header, t.Numeric = append(t.Header, h), append(t.Numeric, true)
		}
		var q4Years []int
		if v.Dev == sim.DevPercent {
			for _, y := range order {
				if q4(y) != nil && q4(y-1) != nil {
					q4Years = append(q4Years, y)
					t.Header, t.Numeric = append(t.Header, fmt.Sprintf("Q4/Q4 %d", y)), append(t.Numeric, true)
				}
			}
		}
		t.Note = fmt.Sprintf("Averages of the median monthly deviation (%s) over each calendar year.", unitText(v))
		if len(q4Years) > 0 {
			t.Note += " Q4/Q4: growth from the fourth quarter of the year before to the fourth quarter of the year, in the scenario minus in the baseline (percentage points), on the median paths."
		}
		for _, r := range regions {
			i, ok := b.Find(Key{r, All, name})
			if !ok {
				continue
			}
			row := []string{r}
			for _, y := range order {
				var s float64
				for _, st := range years[y] {
					s += b.Dev[i][st].P50
				}
				row = append(row, numText(s/float64(len(years[y]))))
			}
			avg := func(bs []sim.Band, steps []int) float64 {
				var s float64
				for _, st := range steps {
					s += bs[st].P50
				}
				return s / float64(len(steps))
			}
			for _, y := range q4Years {
				gs := 100 * (avg(b.Value[i], q4(y))/avg(b.Value[i], q4(y-1)) - 1)
				gb := 100 * (avg(b.Base[i], q4(y))/avg(b.Base[i], q4(y-1)) - 1)
				row = append(row, numText(gs-gb))
			}
			t.Rows = append(t.Rows, row)
		}
		tables = append(tables, t)
	}
	return tables
}

// timelineTable is the policy timeline: every policy and every rule's measure that fired.
func timelineTable(ws []PolicyWindow, facts *ScenarioFacts) BriefTable {
	t := BriefTable{Caption: "Policy timeline",
		Note:    "From and to are the first and last months in force (to: the end of the simulation when open-ended). Measures put in force by rules start at the median month over replicates.",
		Header:  []string{"policy", "type", "exporter → importer (or region)", "sectors", "rate or limit", "from", "to", "source"},
		Numeric: []bool{false, false, false, false, false, false, false, false}}
	for _, w := range ws {
		terms := ""
		if facts != nil {
			terms = facts.Terms[w.ID]
		}
		src := "scenario"
		if w.Note != "" {
			src = w.Note
		}
		who := codesText(w.Exporters) + " → " + codesText(w.Importers)
		if len(w.Exporters) == 0 && len(w.Importers) == 0 {
			who = codesText(w.Regions) // a measure on regions, not routes (a capacity shock)
		}
		t.Rows = append(t.Rows, []string{w.ID, strings.ReplaceAll(w.Type, "_", " "), who, codesText(w.Sectors), terms, w.Start, w.End, src})
	}
	return t
}

// codesText lists codes, shortening long lists.
func codesText(cs []string) string {
	if len(cs) > 6 {
		return strings.Join(cs[:5], ", ") + fmt.Sprintf(" and %d more", len(cs)-5)
	}
	return strings.Join(cs, ", ")
}
