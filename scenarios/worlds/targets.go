package worlds

import (
	"math"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/sim"
)

// TargetsFile is the calibration-targets file of a world folder (optional; the default world has
// one and its tests check every row).
const TargetsFile = "targets.csv"

// A Target is one published figure a world is calibrated to (a row of targets.csv):
//
//	id,use,quantity,value,tolerance,description,source
//
// use is "fit" (the generator imposes it while balancing), "input" (it sizes the economy, such as
// GDP) or "check" (it follows from documented assumptions and is only verified). tolerance is
// either a percentage of value ("10%") or an absolute amount in the quantity's unit ("0.05").
type Target struct {
	ID          string
	Use         string
	Quantity    Quantity
	Value       float64
	Tol         float64 // absolute tolerance in the quantity's unit
	TolText     string
	Description string
	Source      string
	Line        int
}

// Gap is the measured value minus the target value.
func (t Target) Gap(w *sim.World) float64 { return t.Quantity.Eval(w) - t.Value }

// Met reports whether w meets t within its tolerance.
func (t Target) Met(w *sim.World) bool { return math.Abs(t.Gap(w)) <= t.Tol }

var targetColumns = []string{"id", "use", "quantity", "value", "tolerance", "description", "source"}

// ReadTargets parses a targets file against the codes of w.
func ReadTargets(data []byte, file string, w *sim.World) ([]Target, error) {
	var l diag.List
	t := readTable(fstest.MapFS{TargetsFile: {Data: data}}, TargetsFile, file, targetColumns, nil, &l)
	if t == nil {
		return nil, l.Err()
	}
	var out []Target
	seen := map[string]int{}
	for _, r := range t.rows {
		get := func(c string) (string, int, int) { v, line, col, _ := t.field(r, c); return v, line, col }
		id, line, col := get("id")
		if prev, dup := seen[id]; dup {
			l.Addf(file, line, col, "id", "target %q is defined twice (first at line %d)", id, prev)
			continue
		}
		seen[id] = line
		tg := Target{ID: id, Line: line}
		use, ul, uc := get("use")
		if !contains([]string{"fit", "input", "check"}, use) {
			l.Addf(file, ul, uc, "use", "use %q must be fit, input or check", use)
			continue
		}
		tg.Use = use
		qs, ql, qc := get("quantity")
		q, err := ParseQuantity(qs, w)
		if err != nil {
			l.Addf(file, ql, qc, "quantity", "%v", err)
			continue
		}
		tg.Quantity = q
		vs, vl, vc := get("value")
		v, err := strconv.ParseFloat(vs, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			l.Addf(file, vl, vc, "value", "%q is not a finite number", vs)
			continue
		}
		tg.Value = v
		ts, tl, tc := get("tolerance")
		tg.TolText = ts
		if p, ok := strings.CutSuffix(ts, "%"); ok {
			x, err := strconv.ParseFloat(p, 64)
			if err != nil || !(x >= 0) {
				l.Addf(file, tl, tc, "tolerance", "%q is not a percentage such as 10%%", ts)
				continue
			}
			tg.Tol = math.Abs(v) * x / 100
		} else {
			x, err := strconv.ParseFloat(ts, 64)
			if err != nil || !(x >= 0) {
				l.Addf(file, tl, tc, "tolerance", "%q is neither a percentage (10%%) nor an amount (0.05)", ts)
				continue
			}
			tg.Tol = x
		}
		tg.Description, _, _ = get("description")
		tg.Source, _, _ = get("source")
		if tg.Source == "" {
			l.Addf(file, line, col, "source", "target %q has no source", id)
			continue
		}
		out = append(out, tg)
	}
	if err := l.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
