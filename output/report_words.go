package output

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// The summary paragraph of a brief, in words generated from the results: each sentence names
// a direction (falls, rises), the median, its 5–95% band and when.

// moveSentence says how series k moves at its larger extreme: "Output of USA AUTO falls 4.1%
// (2.3–6.0%) at its trough in 2025-06". ok is false when it does not move.
func moveSentence(subject string, e Extremes, k Key) (string, bool) {
	r, ok := e.Larger(k)
	if !ok || math.Abs(r.P50) < negligible {
		return "", false
	}
	v, _ := VariableNamed(k.Variable)
	verb, at := "rises", "peak"
	if r.Stat == StatTrough {
		verb, at = "falls", "trough"
	}
	lo, hi := math.Abs(r.P05), math.Abs(r.P95)
	if lo > hi {
		lo, hi = hi, lo
	}
	s := fmt.Sprintf("%s %s %s (%s–%s)", subject, verb, devText(math.Abs(r.P50), v.Dev, differenceUnit(v), false),
		magnitude(lo), devText(hi, v.Dev, differenceUnit(v), false))
	if r.Month != "" {
		s += fmt.Sprintf(" at its %s in %s", at, r.Month)
	}
	return s, true
}

// summarySentences writes the summary paragraph of a run's brief.
func summarySentences(b *SeriesBands, rows []SummaryRow, e Extremes, regions []string, ws []PolicyWindow) []string {
	out := []string{fmt.Sprintf("Against the baseline (%s), from %s, in medians over %d replicates with 5–95%% bands in brackets:",
		BaselineText(b.Scenario, b.Baseline), periodText(b.Start, b.Steps), b.Replicates)}
	var outputs []Key
	for _, k := range b.Keys {
		if k.Variable == "output" && k.Region != All && k.Sector != All {
			outputs = append(outputs, k)
		}
	}
	slices.SortStableFunc(outputs, func(x, y Key) int { return cmp.Compare(e.Move(y), e.Move(x)) })
	var parts []string
	for _, k := range outputs[:min(3, len(outputs))] {
		if s, ok := moveSentence(k.Region+" "+k.Sector+" output", e, k); ok {
			parts = append(parts, s)
		}
	}
	if len(parts) > 0 {
		out = append(out, joinClauses(parts)+".")
	} else {
		out = append(out, "no sector's output moves by as much as a thousandth of a percent.")
	}
	for _, name := range []string{"welfare", "gdp_real", "cpi", "unemployment_rate"} {
		if s := regionExtremes(name, e, regions); s != "" {
			out = append(out, s)
		}
	}
	var short []Key
	for _, k := range b.Keys {
		if k.Variable == "shortage_rate" && k.Region != All && k.Sector != All && e.Peak[k].P50 >= ShortageThreshold {
			short = append(short, k)
		}
	}
	slices.SortStableFunc(short, func(x, y Key) int { return cmp.Compare(e.Peak[y].P50, e.Peak[x].P50) })
	if len(short) > 0 {
		s, _ := moveSentence("the share of orders left unfilled in "+short[0].Region+" "+short[0].Sector, Extremes{Peak: e.Peak, Trough: map[Key]SummaryRow{}}, short[0])
		more := ""
		if len(short) > 1 {
			more = fmt.Sprintf("; %d region-sectors in all are short of supply by %g points or more", len(short), ShortageThreshold)
		}
		out = append(out, "Supply runs short: "+s+more+".")
	}
	for _, w := range ws {
		if strings.HasPrefix(w.Note, "rule ") {
			out = append(out, fmt.Sprintf("The %s (%s) came into force in %s: %s.", strings.ReplaceAll(w.Type, "_", " "), w.ID, w.Start, w.Note))
		}
	}
	return out
}

// regionExtremes says which region's variable falls most and which rises most: "Real GDP falls
// most in CHN: 0.08% (0.07–0.08%) at its trough in 2027-12; it rises most in TWN: …".
func regionExtremes(name string, e Extremes, regions []string) string {
	var fall, rise string
	var bestFall, bestRise float64
	for _, r := range regions {
		k := Key{r, All, name}
		if t, ok := e.Trough[k]; ok && -t.P50 > bestFall && -t.P50 >= negligible {
			fall, bestFall = r, -t.P50
		}
		if p, ok := e.Peak[k]; ok && p.P50 > bestRise && p.P50 >= negligible {
			rise, bestRise = r, p.P50
		}
	}
	pretty := PrettyVariable(name)
	v, _ := VariableNamed(name)
	troughOnly := Extremes{Trough: e.Trough, Peak: map[Key]SummaryRow{}}
	peakOnly := Extremes{Peak: e.Peak, Trough: map[Key]SummaryRow{}}
	var parts []string
	if fall != "" && fall == rise { // one region dips and overshoots: say both, in order
		f, _ := moveSentence("it", troughOnly, Key{fall, All, name})
		r, _ := moveSentence("it", peakOnly, Key{rise, All, name})
		if e.Peak[Key{rise, All, name}].Month < e.Trough[Key{fall, All, name}].Month {
			f, r = r, f
		}
		return fmt.Sprintf("%s moves most in %s: %s, and %s.", pretty, fall, f, strings.TrimPrefix(r, "it "))
	}
	if fall != "" {
		s, _ := moveSentence("", troughOnly, Key{fall, All, name})
		parts = append(parts, fmt.Sprintf("%s falls most in %s:%s", pretty, fall, strings.TrimPrefix(s, " falls")))
	}
	if rise != "" {
		s, _ := moveSentence("", peakOnly, Key{rise, All, name})
		subject := "it"
		if fall == "" {
			subject = pretty
		}
		parts = append(parts, fmt.Sprintf("%s rises most in %s:%s", subject, rise, strings.TrimPrefix(s, " rises")))
	}
	if len(parts) == 0 {
		if v.Name == "" {
			return ""
		}
		return fmt.Sprintf("%s barely moves in any region (less than %s).", pretty, devText(negligible, v.Dev, differenceUnit(v), false))
	}
	return strings.Join(parts, "; ") + "."
}

// joinClauses joins clauses as "a; b; and c", capitalising the first.
func joinClauses(parts []string) string {
	s := strings.Join(parts, "; ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
