package validation

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// WriteReport writes VALIDATION.md: for each fact, its source, the model's figure (median and
// 5-95% band over replicates) and pass or fail.
func WriteReport(w io.Writer, outcomes []Outcome) error {
	var b strings.Builder
	pass := 0
	for _, o := range outcomes {
		if o.Pass {
			pass++
		}
	}
	b.WriteString("# The 2025 scenario library against the record\n\n")
	b.WriteString("Generated from real runs by `go test ./scenarios/validation -run TestValidation -update`;\n")
	b.WriteString("the test fails when this file differs from a fresh run, so it cannot go stale. Each run uses\n")
	b.WriteString("the built-in scenario as shipped (its seed, replicates and firms) against its own baseline.\n")
	b.WriteString("Figures are medians over replicates with the 5-95% band in brackets. A model deviation from\n")
	b.WriteString("its baseline (January 2025 policies held) is compared with a year-on-year change in the\n")
	b.WriteString("record; each band says why it is as wide as it is (package scenarios/validation).\n\n")
	fmt.Fprintf(&b, "**%d of %d facts pass.** Facts marked *required* are stylized facts the model must show; the\n", pass, len(outcomes))
	b.WriteString("test fails without them. The others are magnitudes, reported as they come out.\n\n")
	b.WriteString("| fact | scenario | record | model: median [p05, p95] | band | result |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, o := range outcomes {
		verdict := "fail"
		if o.Pass {
			verdict = "pass"
		}
		if o.Required {
			verdict += " (required)"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s [%s, %s] | %s to %s | %s |\n",
			o.ID, o.Scenario, cell(o.Record), num(o.Band.P50), num(o.Band.P05), num(o.Band.P95),
			num(o.Lo), num(o.Hi), verdict)
	}
	b.WriteString("\n## The facts\n")
	for _, o := range outcomes {
		verdict := "FAIL"
		if o.Pass {
			verdict = "PASS"
		}
		fmt.Fprintf(&b, "\n### %s: %s\n\n", o.ID, verdict)
		fmt.Fprintf(&b, "- Claim: %s.\n", o.Claim)
		fmt.Fprintf(&b, "- Record: %s.\n", o.Record)
		fmt.Fprintf(&b, "- Source: %s.\n", o.Source)
		fmt.Fprintf(&b, "- Model (%s, %d replicates, %d firms per region-sector): median %s, 5-95%% band [%s, %s], mean %s.\n",
			o.Scenario, o.Replicates, o.Firms, num(o.Band.P50), num(o.Band.P05), num(o.Band.P95), num(o.Band.Mean))
		fmt.Fprintf(&b, "- Measure: %s. Pass band: %s to %s.\n", o.Unit, num(o.Lo), num(o.Hi))
		fmt.Fprintf(&b, "- Why this band: %s\n", o.Why)
		if !o.Pass && o.Gap != "" {
			fmt.Fprintf(&b, "- What the model lacks: %s\n", o.Gap)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// num formats a figure with about 3 significant digits (more would claim a precision the model
// lacks), in plain notation.
func num(x float64) string {
	a := math.Abs(x)
	switch {
	case a >= 100:
		return strconv.FormatFloat(x, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(x, 'f', 1, 64)
	default:
		return strconv.FormatFloat(x, 'f', 2, 64)
	}
}

func cell(s string) string { return strings.ReplaceAll(s, "|", "/") }
