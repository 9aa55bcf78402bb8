package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
)

// maxSweepFile caps what the sweep brief reads of one file (sensitivity.csv, a chart).
const maxSweepFile = 64 << 20

// LoadSweepBrief builds the brief of a finished sweep folder (`tradesim sweep`): what was swept
// and how, which factor matters most for each metric, the sensitivity table and the sweep's
// charts (tornado, heatmap, dose-response). Every file it reads is checked against the
// manifest. sweepText, when not empty, is the sweep file for the appendix.
func LoadSweepBrief(dir, sweepText string) (*Brief, error) {
	m, err := ReadSweepManifest(dir)
	if err != nil {
		return nil, err
	}
	if !m.Complete {
		return nil, fmt.Errorf("%s holds an unfinished sweep (%d of %d batches); finish it with tradesim sweep --resume, or merge its shards, before writing a brief", dir, len(m.Held), m.Batches)
	}
	read := func(rel string) ([]byte, error) {
		for _, fr := range m.Files {
			if fr.Path != rel {
				continue
			}
			p, err := inside(dir, rel)
			if err != nil {
				return nil, err
			}
			b, err := readAllRegular(p, maxSweepFile)
			if err != nil {
				return nil, err
			}
			if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != fr.SHA256 {
				return nil, fmt.Errorf("%s does not match the sweep's manifest; run the sweep again", p)
			}
			return b, nil
		}
		return nil, fmt.Errorf("%s: the sweep's manifest lists no %s", dir, rel)
	}
	title := m.Title
	if title == "" {
		title = "Sweep " + m.Sweep
	}
	br := &Brief{Title: title, ScenarioName: m.Sweep, ScenarioSHA256: m.SHA256, ScenarioFile: sweepText}
	if sweepText == "" {
		br.ScenarioNote = "The sweep file (" + m.Source + ") could not be read for this brief, or it changed since the sweep ran."
	}
	d := m.Design
	br.Subtitle = fmt.Sprintf("%d runs of %s, design %s, %d replicate(s) a point; tradesim %s.", m.Runs, m.Scenario, d.Design, d.Replicates, m.Version)
	var factors []string
	for _, f := range d.Factors {
		scale := ""
		if f.Log {
			scale = ", log scale"
		}
		factors = append(factors, fmt.Sprintf("%s (%s, %s to %s%s)", f.Name, f.Path, plainNum(f.Min), plainNum(f.Max), scale))
	}
	br.Summary = append(br.Summary, fmt.Sprintf("The sweep varies %s over %d runs of %s.", strings.Join(factors, "; "), m.Runs, m.Scenario))
	var rows []SensitivityRow
	if slices.ContainsFunc(m.Files, func(fr FileRecord) bool { return fr.Path == "sensitivity.csv" }) {
		b, err := read("sensitivity.csv")
		if err != nil {
			return nil, err
		}
		if rows, err = parseSensitivity(b); err != nil {
			return nil, fmt.Errorf("%s/sensitivity.csv: %w", dir, err)
		}
	}
	br.Summary = append(br.Summary, drivers(d.Metrics, rows)...)
	sec := BriefSection{ID: "sensitivity", Heading: "Sensitivity"}
	if len(rows) > 0 {
		t := BriefTable{Caption: "Sensitivity indices", Header: []string{"metric", "factor", "method", "index", "value", "interval"},
			Numeric: []bool{false, false, false, false, true, true},
			Note: "Morris: mu_star (mean absolute elementary effect) and sigma; Sobol: S1 (first order) and ST (total); " +
				"regression: SRC (standardized regression coefficient). The interval is a bootstrap 5–95% interval."}
		for _, r := range rows {
			t.Rows = append(t.Rows, []string{r.Metric, r.Factor, r.Method, r.Index, plainNum(r.Value), plainNum(r.Low) + " to " + plainNum(r.High)})
		}
		sec.Tables = append(sec.Tables, t)
	} else {
		sec.Text = append(sec.Text, "This design gives no sensitivity indices (a one-factor sweep is read from its dose-response chart).")
	}
	for _, fr := range m.Files {
		if !strings.HasPrefix(fr.Path, "charts/") || path.Ext(fr.Path) != ".svg" {
			continue
		}
		b, err := read(fr.Path)
		if err != nil {
			return nil, err
		}
		name := strings.TrimSuffix(path.Base(fr.Path), ".svg")
		sec.Charts = append(sec.Charts, BriefChart{Name: name, Title: name, SVG: b})
	}
	if len(sec.Charts) == 0 {
		sec.Text = append(sec.Text, "The sweep wrote no SVG charts (run it with --charts svg to have them in the brief).")
	}
	br.Sections = append(br.Sections, sec)
	br.Methods = []string{
		fmt.Sprintf("tradesim %s; sweep %s (SHA-256 %s); base scenario %s (SHA-256 %s).", m.Version, m.Sweep, short(m.SHA256), m.Scenario, short(m.ScenarioSHA256)),
		fmt.Sprintf("Design %s, seed %d, %d replicate(s) a point, %d firms per region-sector; every run's seed comes from the sweep's seed and the run's id.", d.Design, d.Seed, d.Replicates, d.Firms),
	}
	return br, nil
}

// parseSensitivity reads sensitivity.csv.
func parseSensitivity(b []byte) ([]SensitivityRow, error) {
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 || !slices.Equal(recs[0], SensitivityColumns) {
		return nil, fmt.Errorf("the header is not %s", strings.Join(SensitivityColumns, ","))
	}
	var rows []SensitivityRow
	for i, r := range recs[1:] {
		var xs [3]float64
		for k := range xs {
			if xs[k], err = strconv.ParseFloat(r[4+k], 64); err != nil {
				return nil, fmt.Errorf("line %d: %s is not a number", i+2, r[4+k])
			}
		}
		rows = append(rows, SensitivityRow{Metric: r[0], Factor: r[1], Method: r[2], Index: r[3], Value: xs[0], Low: xs[1], High: xs[2]})
	}
	return rows, nil
}

// driverIndex is the index that ranks factors for a method: total effect for Sobol, mu_star for
// Morris, the standardized coefficient (in absolute value) for a regression.
var driverIndex = map[string]string{"sobol": "ST", "morris": "mu_star", "regression": "SRC"}

// drivers says, for every metric, which factor matters most and by how much.
func drivers(metrics []SweepMetricRecord, rows []SensitivityRow) []string {
	var out []string
	for _, mt := range metrics {
		var best *SensitivityRow
		for k := range rows {
			r := &rows[k]
			if r.Metric != mt.Name || driverIndex[r.Method] != r.Index {
				continue
			}
			if best == nil || math.Abs(r.Value) > math.Abs(best.Value) {
				best = r
			}
		}
		if best != nil {
			out = append(out, fmt.Sprintf("For %s, %s matters most (%s %s %s, interval %s to %s).", mt.Name, best.Factor,
				best.Method, best.Index, plainNum(best.Value), plainNum(best.Low), plainNum(best.High)))
		}
	}
	return out
}

// plainNum writes x with three significant digits and no sign for positive numbers (an index or
// a factor's value, not a deviation).
func plainNum(x float64) string { return strconv.FormatFloat(x, 'g', 3, 64) }
