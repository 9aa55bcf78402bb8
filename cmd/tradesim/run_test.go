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

	"github.com/tradesim/tradesim/output"
)

// quickRun runs the quick scenario in-process with terminal as the answer to "is stderr a
// terminal?", and returns stdout and stderr.
func quickRun(t *testing.T, terminal bool, extra ...string) (dir, stdout, stderr string) {
	t.Helper()
	tmp := t.TempDir()
	scen := filepath.Join(tmp, "quick.yaml")
	if err := os.WriteFile(scen, []byte(quickScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(tmp, "res")
	var out, errOut bytes.Buffer
	opts := &runOptions{
		streams: streams{Out: &out, ErrOut: &errOut}, Scenario: scen, Dir: dir,
		Firms: 2, firmsSet: true, Format: "csv", Charts: "none", ChartSize: "slide",
		now:      func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) },
		terminal: func(io.Writer) bool { return terminal },
	}
	for _, e := range extra {
		if e == "quiet" {
			opts.Quiet = true
		}
	}
	if err := runRun(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	return dir, out.String(), errOut.String()
}

// TestRunProgress: a progress bar on a terminal's stderr, nothing when piped or quiet.
func TestRunProgress(t *testing.T) {
	_, stdout, stderr := quickRun(t, true)
	if !strings.Contains(stderr, "quick-tariff: replicates") {
		t.Errorf("on a terminal, stderr has no progress bar: %q", stderr)
	}
	if !strings.Contains(stdout, "Largest effects on output") {
		t.Errorf("stdout has no headline table:\n%s", stdout)
	}
	_, stdout, stderr = quickRun(t, false)
	if stderr != "" {
		t.Errorf("piped, stderr is not empty: %q", stderr)
	}
	if !strings.Contains(stdout, "Results in") {
		t.Errorf("piped, stdout has no summary screen:\n%s", stdout)
	}
	dir, stdout, stderr := quickRun(t, true, "quiet")
	if stdout != "" || stderr != "" {
		t.Errorf("--quiet on a terminal printed %q and %q", stdout, stderr)
	}
	m, err := output.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	// The manifest records the clock it was given.
	if got := m.StartedAt.Format(time.RFC3339); got != "2026-01-02T03:04:05Z" || m.WallSeconds != 0 {
		t.Errorf("manifest times %s, %v s", got, m.WallSeconds)
	}
	if err := m.Verify(dir); err != nil {
		t.Error(err)
	}
}
