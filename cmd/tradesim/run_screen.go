package main

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/tradesim/tradesim/output"
)

// printRunScreen writes the one screen a finished run prints: the largest effects with their
// 5–95% bands and units, the regions, and where the files are.
func printRunScreen(w io.Writer, p *runPlan, tb *output.Tables, f *output.Folder, notes []string) error {
	s := tb.SummaryJSON()
	l := p.loaded
	var b strings.Builder
	title := l.Name
	if l.Scenario.Title != "" {
		title += ": " + l.Scenario.Title
	}
	fmt.Fprintf(&b, "%s\n%d replicates, %s to %s, against the baseline: %s.\n", title, s.Replicates, s.Start, s.End, output.BaselineText(l.Scenario.Name, s.Baseline))
	fmt.Fprintf(&b, "Figures are the largest fall (trough) or rise (peak) from the baseline, whichever is larger:\nmedian [5%%, 95%%] over replicates, and the month the median reaches it.\n")
	if len(l.Scenario.Uncertainty) == 0 {
		fmt.Fprintf(&b, "No parameter is uncertain in this scenario: the bands show firm-level noise only, not how sure\nthe answer is (add an uncertainty block; tradesim scenarios init writes one to start from).\n")
	}

	var outputs, shortages, regions []output.Headline
	for _, h := range s.Headline {
		switch h.Group {
		case "output":
			outputs = append(outputs, h)
		case "shortage":
			shortages = append(shortages, h)
		case "region":
			regions = append(regions, h)
		}
	}
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	placeTable(&b, tw, "Largest effects on output (%)", outputs)
	placeTable(&b, tw, "Short of supply, each region's sector short the most: shortage rate (percentage points of orders unfilled)", shortages)
	if len(regions) > 0 {
		fmt.Fprintf(&b, "\nRegions (%%)\n")
		var vars []string // the headline variables the run reports, in order
		for _, v := range output.HeadlineRegionVars {
			if slices.ContainsFunc(regions, func(h output.Headline) bool { return h.Variable == v }) {
				vars = append(vars, v)
			}
		}
		fmt.Fprintf(tw, "  region")
		for _, v := range vars {
			fmt.Fprintf(tw, "\t%s", screenName(v))
		}
		fmt.Fprintf(tw, "\n")
		byRegion := map[string]map[string]output.Headline{}
		var order []string
		largest := map[string]float64{} // by variable: the largest median, which sets the column's decimals
		for _, h := range regions {
			if byRegion[h.Region] == nil {
				byRegion[h.Region] = map[string]output.Headline{}
				order = append(order, h.Region)
			}
			byRegion[h.Region][h.Variable] = h
			largest[h.Variable] = math.Max(largest[h.Variable], math.Abs(h.P50))
		}
		for _, r := range order {
			fmt.Fprintf(tw, "  %s", r)
			for _, v := range vars {
				if h, ok := byRegion[r][v]; ok {
					d := decimals(largest[v])
					fmt.Fprintf(tw, "\t%s [%s, %s]", fixed(h.P50, d), fixed(h.P05, d), fixed(h.P95, d))
				} else {
					fmt.Fprintf(tw, "\t-")
				}
			}
			fmt.Fprintf(tw, "\n")
		}
		tw.Flush()
		fmt.Fprintf(&b, "  welfare: what households consume (utility of the goods delivered to them); real GDP: what\n"+
			"  the economy makes (value added at base prices); CPI: the household basket's price.\n")
	}
	fmt.Fprintf(&b, "\nResults in %s:\n", p.dir)
	var charts []string
	var chartBytes int64
	var exts []string               // table formats, in the order written
	tables := map[string][]string{} // by format: "series.csv (16.5 MB)", ...
	for _, fr := range f.Files() {
		if strings.HasPrefix(fr.Path, "charts/") {
			charts = append(charts, fr.Path)
			chartBytes += fr.Bytes
			continue
		}
		ext := filepath.Ext(fr.Path)
		if _, ok := tables[ext]; !ok {
			exts = append(exts, ext)
		}
		tables[ext] = append(tables[ext], fmt.Sprintf("%s (%s)", fr.Path, size(fr.Bytes)))
	}
	for i, ext := range exts { // one line per format
		lead := "            "
		if i == 0 {
			lead = "  tables:   "
		}
		fmt.Fprintf(&b, "%s%s\n", lead, strings.Join(tables[ext], ", "))
	}
	if len(charts) > 0 {
		fmt.Fprintf(&b, "  charts:   %d files in %s (%s)\n", len(charts), filepath.Join(p.dir, "charts"), size(chartBytes))
		for _, n := range notes {
			fmt.Fprintf(&b, "            (%s)\n", n)
		}
	}
	fmt.Fprintf(&b, "  manifest: %s (hashes of every file)\n", filepath.Join(p.dir, output.ManifestName))
	_, err := io.WriteString(w, b.String())
	return err
}

// placeTable writes a headed table of region-sector headline figures; none writes nothing.
func placeTable(b *strings.Builder, tw *tabwriter.Writer, heading string, hs []output.Headline) {
	if len(hs) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s\n", heading)
	fmt.Fprintf(tw, "  region\tsector\t\tmedian\t[5%%, 95%%]\tmonth\n")
	for _, h := range hs {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", h.Region, h.Sector, extremeName(h.Stat), num(h.P50), band(h.P05, h.P95), h.Month)
	}
	tw.Flush()
}

// screenName is a variable's name in a column heading of the run screen: "real GDP", "CPI".
func screenName(v string) string {
	n := output.PrettyVariable(v)
	if strings.ToUpper(n) == n { // CPI
		return n
	}
	return strings.ToLower(n[:1]) + n[1:] // real GDP, real consumption
}

// extremeName says which extreme a headline figure is.
func extremeName(stat string) string {
	if stat == output.StatTrough {
		return "trough"
	}
	return "peak"
}

// num formats a deviation for the screen: 3 significant digits, 2 decimals from 1 up.
func num(x float64) string {
	switch a := math.Abs(x); {
	case x == 0:
		return "0"
	case a >= 100:
		return fmt.Sprintf("%+.0f", x)
	case a >= 1:
		return fmt.Sprintf("%+.2f", x)
	default:
		return fmt.Sprintf("%+.3g", x)
	}
}

func band(lo, hi float64) string { return "[" + num(lo) + ", " + num(hi) + "]" }

// decimals is the number of decimals a column of deviations needs for its largest median to
// show two significant digits: 2 from 0.1 up, at most 4 (a region's CPI moving by 0.0045%).
func decimals(largest float64) int {
	if !(largest > 0) {
		return 2
	}
	return min(4, max(2, 1-int(math.Floor(math.Log10(largest)))))
}

// fixed formats a deviation with d decimals and its sign (zero unsigned).
func fixed(x float64, d int) string {
	s := strconv.FormatFloat(x, 'f', d, 64)
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	if x > 0 {
		s = "+" + s
	}
	return s
}

// size formats a byte count.
func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
