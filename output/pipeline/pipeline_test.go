package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tradesim/tradesim/output"
	"github.com/tradesim/tradesim/sim"
)

// TestStreamedEqualsInMemory: a run streamed through the spill store writes the same series,
// flows and summary bytes as the same run held in memory; the spill file is gone afterwards.
func TestStreamedEqualsInMemory(t *testing.T) {
	ctx := context.Background()
	reps, firms := 3, 2
	l, err := Load("h20-allowance", Overrides{Replicates: &reps, Firms: &firms})
	if err != nil {
		t.Fatal(err)
	}
	spill := t.TempDir()
	run, err := Simulate(ctx, l, RunOptions{Workers: 2, SpillDir: spill})
	if err != nil {
		t.Fatal(err)
	}
	if run.Store.Replicates() != reps || len(run.Fired) != reps {
		t.Fatalf("store has %d replicates and %d fired lists, want %d", run.Store.Replicates(), len(run.Fired), reps)
	}
	formats := output.Formats{CSV: true}
	fixed := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	streamed := filepath.Join(t.TempDir(), "streamed")
	folder, err := output.OpenResultsDir(streamed, output.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(ctx, run, WriteOptions{Folder: folder, Formats: formats, Raw: true, Version: "test", Started: fixed(), Now: fixed}); err != nil {
		t.Fatal(err)
	}
	if err := run.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(spill); len(left) != 0 {
		t.Errorf("the spill folder still holds %d files after Close", len(left))
	}

	res, err := sim.Run(ctx, l.World, l.Scenario, l.Baseline, sim.Options{Firms: l.Firms})
	if err != nil {
		t.Fatal(err)
	}
	tb, err := output.NewTables(ctx, res)
	if err != nil {
		t.Fatal(err)
	}
	memDir := filepath.Join(t.TempDir(), "memory")
	f, err := output.NewFolder(memDir)
	if err != nil {
		t.Fatal(err)
	}
	if err := tb.Write(ctx, f, formats, true); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"series.csv", "flows.csv", "summary.csv"} {
		a, err := os.ReadFile(filepath.Join(streamed, name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(memDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if string(a) != string(b) {
			t.Errorf("%s: streamed run differs from the run held in memory", name)
		}
	}
}
