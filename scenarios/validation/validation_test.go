package validation

import (
	"bytes"
	"context"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite scenarios/VALIDATION.md from fresh runs")

const reportPath = "../VALIDATION.md"

// TestValidation runs the built-in 2025 scenarios, checks the required stylized facts, and checks
// that VALIDATION.md is what these runs give (determinism makes that exact).
func TestValidation(t *testing.T) {
	outcomes, err := Evaluate(context.Background(), Facts, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range outcomes {
		t.Logf("%-30s %-26s median %8.3g [%8.3g, %8.3g] band [%g, %g] pass=%v", o.ID, o.Scenario, o.Band.P50, o.Band.P05, o.Band.P95, o.Lo, o.Hi, o.Pass)
		if o.Required && !o.Pass {
			t.Errorf("required fact %s fails: %s; model median %.4g outside [%g, %g] (%s)", o.ID, o.Claim, o.Band.P50, o.Lo, o.Hi, o.Unit)
		}
	}
	var buf bytes.Buffer
	if err := WriteReport(&buf, outcomes); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(reportPath, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(reportPath)
	if err != nil {
		t.Fatalf("%v: run go test ./scenarios/validation -run TestValidation -update", err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Errorf("%s is stale: run go test ./scenarios/validation -run TestValidation -update and review the diff", reportPath)
	}
}
