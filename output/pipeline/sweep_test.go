package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/tradesim/tradesim/output"
	"github.com/tradesim/tradesim/scenarios"
	"github.com/tradesim/tradesim/scenarios/worlds"
)

func loadQuickSweep(t *testing.T, name string) *scenarios.Sweep {
	t.Helper()
	sw, err := scenarios.LoadSweep(filepath.Join("testdata", name), scenarios.LoadOptions{ResolveWorld: worlds.Resolve})
	if err != nil {
		t.Fatal(err)
	}
	return sw
}

func sweepOpts(dir string) SweepOptions {
	fixed := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	return SweepOptions{Dir: dir, Workers: 2, Version: "test", Now: fixed}
}

// tableFiles are the files whose bytes must not depend on how the sweep was run.
func tableFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		n := e.Name()
		if n == output.ManifestName || e.IsDir() || strings.HasPrefix(n, ".") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		out[n] = b
	}
	return out
}

func sameTables(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d table files, want %d", what, len(got), len(want))
	}
	for n, w := range want {
		if !bytes.Equal(got[n], w) {
			t.Errorf("%s: %s differs from the uninterrupted one-process sweep", what, n)
		}
	}
}

// TestSweepResume kills a sweep at about 10%, 50% and 90% of its runs (cancelling it, and
// leaving a half-written batch as a killed process would), resumes it, and checks that no run
// is lost or duplicated and that the tables are byte-identical to an uninterrupted sweep.
func TestSweepResume(t *testing.T) {
	sw := loadQuickSweep(t, "quick-lhs.yaml")
	ref := filepath.Join(t.TempDir(), "ref")
	if _, err := RunSweep(context.Background(), sw, sweepOpts(ref)); err != nil {
		t.Fatal(err)
	}
	want := tableFiles(t, ref)
	if len(want) < 5 {
		t.Fatalf("reference sweep wrote %d table files", len(want))
	}
	for _, share := range []float64{0.1, 0.5, 0.9} {
		dir := filepath.Join(t.TempDir(), "killed")
		ctx, cancel := context.WithCancel(context.Background())
		o := sweepOpts(dir)
		o.Progress = func(done, total int) {
			if float64(done) >= share*float64(total) {
				cancel()
			}
		}
		_, err := RunSweep(ctx, sw, o)
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("killed at %.0f%%: err = %v, want context.Canceled", 100*share, err)
		}
		if _, err := os.Stat(filepath.Join(dir, output.ManifestName)); err == nil {
			t.Fatalf("killed at %.0f%%: the folder has a manifest", 100*share)
		}
		// A killed process leaves its temporary file behind.
		os.WriteFile(filepath.Join(dir, ".runs-0009.parquet123"), []byte("partial"), 0o644)
		if _, err := RunSweep(context.Background(), sw, sweepOpts(dir)); err == nil {
			t.Fatal("a second sweep into an unfinished folder without --resume was accepted")
		}
		o = sweepOpts(dir)
		o.Resume = true
		res, err := RunSweep(context.Background(), sw, o)
		if err != nil {
			t.Fatalf("resume after %.0f%%: %v", 100*share, err)
		}
		// At 10% the first batch may still miss a run that a worker had not finished.
		if res.Ran+res.Resumed != sw.Runs() || (share > 0.2 && res.Resumed == 0) {
			t.Errorf("resume after %.0f%%: %d run and %d found done, want %d in all with some found done", 100*share, res.Ran, res.Resumed, sw.Runs())
		}
		sameTables(t, "resumed sweep", tableFiles(t, dir), want)
	}
}

// TestSweepShards: 1, 3 and 7 shards merged equal the one-process sweep, byte for byte; a
// missing shard makes merge fail naming its runs.
func TestSweepShards(t *testing.T) {
	sw := loadQuickSweep(t, "quick-lhs.yaml")
	ref := filepath.Join(t.TempDir(), "ref")
	if _, err := RunSweep(context.Background(), sw, sweepOpts(ref)); err != nil {
		t.Fatal(err)
	}
	want := tableFiles(t, ref)
	for _, n := range []int{1, 3, 7} {
		root := t.TempDir()
		var dirs []string
		for i := range n {
			d := filepath.Join(root, "shard", string(rune('a'+i)))
			o := sweepOpts(d)
			o.Shard, o.Shards = i, n
			if _, err := RunSweep(context.Background(), sw, o); err != nil {
				t.Fatalf("shard %d/%d: %v", i, n, err)
			}
			dirs = append(dirs, d)
		}
		merged := filepath.Join(root, "merged")
		if _, err := MergeSweep(context.Background(), dirs, sweepOpts(merged)); err != nil {
			t.Fatalf("merge of %d shards: %v", n, err)
		}
		sameTables(t, "merged shards", tableFiles(t, merged), want)
		if n == 3 {
			_, err := MergeSweep(context.Background(), []string{dirs[0], dirs[2]}, sweepOpts(filepath.Join(root, "partial")))
			var in *InputError
			if !errors.As(err, &in) || !strings.Contains(err.Error(), "runs 10-19, 40-49 are missing") {
				t.Errorf("merge without shard 1 of 3: %v, want the missing runs named", err)
			}
			if _, err := os.Stat(filepath.Join(root, "partial")); err == nil {
				t.Error("a failed merge created its folder")
			}
		}
	}
}

// TestSweepSensitivity: designs morris and sobol write sensitivity.csv with both indices of
// every factor for every metric, and a tornado chart per metric; a one-factor grid writes a
// dose-response chart.
func TestSweepSensitivity(t *testing.T) {
	for _, c := range []struct {
		file   string
		rows   int // indices: metrics x factors x 2
		charts []string
	}{
		{"quick-morris.yaml", 2 * 3 * 2, []string{"tornado_gdp_real_usa_all_trough.svg", "tornado_output_usa_elec_end.svg"}},
		{"quick-sobol.yaml", 1 * 2 * 2, []string{"tornado_gdp_real_usa_all_trough.svg"}},
		{"quick-dose.yaml", 0, []string{"dose_gdp_real_usa_all_trough.svg"}},
	} {
		sw := loadQuickSweep(t, c.file)
		dir := filepath.Join(t.TempDir(), "s")
		o := sweepOpts(dir)
		o.Charts, o.Size = []string{"svg"}, output.SizeSlide
		if _, err := RunSweep(context.Background(), sw, o); err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "sensitivity.csv"))
		if c.rows == 0 {
			if err == nil {
				t.Errorf("%s: a grid wrote sensitivity.csv", c.file)
			}
		} else {
			lines := strings.Split(strings.TrimSpace(string(b)), "\n")
			if err != nil || lines[0] != "metric,factor,method,index,value,ci_low,ci_high" || len(lines) != c.rows+1 {
				t.Errorf("%s: sensitivity.csv has %d lines (%v), want a header and %d rows", c.file, len(lines), err, c.rows)
			}
		}
		for _, ch := range c.charts {
			if _, err := os.Stat(filepath.Join(dir, "charts", ch)); err != nil {
				t.Errorf("%s: %v", c.file, err)
			}
		}
		m, err := output.ReadSweepManifest(dir)
		if err != nil || !m.Complete || len(m.Files) == 0 {
			t.Errorf("%s: manifest %+v, %v", c.file, m, err)
		} else if err := (&output.Manifest{Files: m.Files}).Verify(dir); err != nil {
			t.Errorf("%s: the manifest's hashes do not match the files: %v", c.file, err)
		}
	}
}

// TestSweepReplicates: with several replicates a point, each metric has its mean and its 5th
// and 95th percentiles over the replicates, in that order, and p05 <= mean <= p95.
func TestSweepReplicates(t *testing.T) {
	sw := loadQuickSweep(t, "quick-dose-reps.yaml")
	dir := filepath.Join(t.TempDir(), "s")
	o := sweepOpts(dir)
	o.Charts, o.Size = []string{"svg"}, output.SizeSlide
	if _, err := RunSweep(context.Background(), sw, o); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "runs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if lines[0] != "run_id,rate,gdp_real_usa_all_trough,gdp_real_usa_all_trough_p05,gdp_real_usa_all_trough_p95" || len(lines) != 7 {
		t.Fatalf("runs.csv:\n%s", b)
	}
	spread := false
	for _, l := range lines[1:] {
		var id int
		var rate, mean, lo, hi float64
		if _, err := fmt.Sscanf(strings.ReplaceAll(l, ",", " "), "%d %g %g %g %g", &id, &rate, &mean, &lo, &hi); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		if !(lo <= mean && mean <= hi) {
			t.Errorf("run %d: p05 %g, mean %g, p95 %g out of order", id, lo, mean, hi)
		}
		spread = spread || hi > lo
	}
	if !spread {
		t.Error("no point has a spread over its replicates")
	}
	if _, err := os.Stat(filepath.Join(dir, "charts", "dose_gdp_real_usa_all_trough.svg")); err != nil {
		t.Error(err)
	}
}

// TestSweepKeepSeries: --keep series writes, beside every batch, the monthly deviation path of
// every metric's series in every run; its last month's value is the metric "end".
func TestSweepKeepSeries(t *testing.T) {
	sw := loadQuickSweep(t, "quick-lhs.yaml")
	dir := filepath.Join(t.TempDir(), "s")
	o := sweepOpts(dir)
	o.KeepSeries = true
	if _, err := RunSweep(context.Background(), sw, o); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, output.SeriesBatchName(3)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	rows, err := parquet.Read[output.KeptRow](f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	steps := sw.Base.Scenario.Horizon
	if len(rows) != 10*len(sw.Metrics)*steps || rows[0].RunID != 30 || rows[0].Date != "2025-01" {
		t.Fatalf("%d rows starting %+v; want %d from run 30", len(rows), rows[0], 10*len(sw.Metrics)*steps)
	}
	runs, err := output.ReadRunsBatch(filepath.Join(dir, output.BatchName(3)), RunColumnsOf(sw))
	if err != nil {
		t.Fatal(err)
	}
	// metric 1 is output USA ELEC at the end: the kept path's last month.
	last := rows[2*steps-1]
	if last.Metric != sw.Metrics[1].Name || last.Deviation != runs[0].Metrics[1] {
		t.Errorf("kept %s month %d = %g; the runs table says %g", last.Metric, last.Step, last.Deviation, runs[0].Metrics[1])
	}
}
