package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/tradesim/tradesim/output"
)

// TestSweepKilled kills a real tradesim process (SIGKILL: no clean-up) when about 10%, 50% and
// 90% of a sweep's batches are written, finishes it with --resume, and checks that runs.csv
// and every batch are the bytes of a sweep that was never killed: no run lost, none twice.
func TestSweepKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds and kills a tradesim process")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	dir := t.TempDir()
	bin := buildTradesim(t, dir)
	files := map[string]string{
		"quick.yaml": quickScenario,
		"big.yaml": `name: big
scenario: quick.yaml
design: lhs
samples: 100
seed: 4
factors:
  - {path: 'policies[us-tariff].rate', name: rate, min: 0.05, max: 1}
  - {path: parameters.sigmaM.ELEC, name: sigmam_elec, min: 1, max: 8, scale: log}
metrics:
  - {variable: gdp_real, region: USA, stat: trough}
`,
	}
	for n, text := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sweep := func(out string, extra ...string) *exec.Cmd {
		cmd := exec.CommandContext(ctx, bin, append([]string{"sweep", "big.yaml", "-o", out, "--charts", "none", "-q", "--workers", "2"}, extra...)...)
		cmd.Dir = dir
		return cmd
	}
	if out, err := sweep("ref").CombinedOutput(); err != nil {
		t.Fatalf("reference sweep: %v\n%s", err, out)
	}
	want, err := os.ReadFile(filepath.Join(dir, "ref", "runs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	const batches = 10 // 100 runs in batches of 10
	for _, share := range []float64{0.1, 0.5, 0.9} {
		out := "killed-" + string(rune('0'+int(share*10)))
		cmd := sweep(out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		target := int(share * batches)
		for {
			got, _ := filepath.Glob(filepath.Join(dir, out, "runs-*.parquet"))
			if len(got) >= target {
				break
			}
			if cmd.ProcessState != nil || ctx.Err() != nil {
				t.Fatalf("the sweep ended before %d batches", target)
			}
			time.Sleep(2 * time.Millisecond)
		}
		cmd.Process.Kill()
		cmd.Wait()
		if _, err := os.Stat(filepath.Join(dir, out, "manifest.json")); err == nil {
			t.Logf("killed at %.0f%%: the sweep had finished already", 100*share)
		}
		if res, err := sweep(out, "--resume").CombinedOutput(); err != nil {
			t.Fatalf("resume after a kill at %.0f%%: %v\n%s", 100*share, err, res)
		}
		got, err := os.ReadFile(filepath.Join(dir, out, "runs.csv"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("killed at %.0f%% and resumed: runs.csv differs from the sweep never killed", 100*share)
		}
		for b := range batches {
			name := output.BatchName(b)
			x, _ := os.ReadFile(filepath.Join(dir, "ref", name))
			y, _ := os.ReadFile(filepath.Join(dir, out, name))
			if !bytes.Equal(x, y) {
				t.Errorf("killed at %.0f%% and resumed: %s differs", 100*share, name)
			}
		}
	}
}
