package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSweepProgress: on a terminal the sweep shows a progress bar with the runs done and the
// time left on stderr; piped, nothing.
func TestSweepProgress(t *testing.T) {
	tmp := t.TempDir()
	files := map[string]string{
		"quick.yaml": quickScenario,
		"rate.yaml": `name: rate
scenario: quick.yaml
design: grid
factors: [{path: 'policies[us-tariff].rate', values: [0.1, 0.5, 1]}]
metrics: [{variable: gdp_real, region: USA, stat: trough}]
`,
	}
	for n, text := range files {
		if err := os.WriteFile(filepath.Join(tmp, n), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, terminal := range []bool{true, false} {
		var out, errOut bytes.Buffer
		opts := &sweepOptions{
			streams: streams{Out: &out, ErrOut: &errOut}, Sweep: filepath.Join(tmp, "rate.yaml"),
			Dir: filepath.Join(tmp, "out", map[bool]string{true: "t", false: "p"}[terminal]), Charts: "none", ChartSize: "slide",
			now:      func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) },
			terminal: func(io.Writer) bool { return terminal },
			getenv:   func(string) string { return "" },
		}
		if err := runSweep(context.Background(), opts); err != nil {
			t.Fatal(err)
		}
		switch {
		case terminal && !strings.Contains(errOut.String(), "rate: runs"):
			t.Errorf("on a terminal, stderr has no progress bar: %q", errOut.String())
		case !terminal && errOut.Len() != 0:
			t.Errorf("piped, stderr is not empty: %q", errOut.String())
		}
		if !strings.Contains(out.String(), "Sweep rate: all 3 runs of design grid") {
			t.Errorf("stdout: %q", out.String())
		}
	}
}
