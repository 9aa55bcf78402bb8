package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestSlurmSweep submits the array script that tradesim sweep emit slurm prints to a real Slurm
// cluster (one node: .ci/setup-slurm.sh starts it), waits for every task, merges the shards and
// compares the tables with the same sweep run in one process: they must be the same bytes.
// Without Slurm it skips, saying how to get it; with CI=true it fails instead.
func TestSlurmSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no cluster")
	}
	missing := func(why string) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s; .ci/setup-slurm.sh should have started a one-node cluster", why)
		}
		t.Skipf("%s: run .ci/setup-slurm.sh as root (Debian's slurm-wlm and munge) to run this test", why)
	}
	if _, err := exec.LookPath("sbatch"); err != nil {
		missing("sbatch is not installed")
	}
	if out, err := exec.Command("sinfo", "-h", "-o", "%t").Output(); err != nil || len(bytes.TrimSpace(out)) == 0 {
		missing("no Slurm controller answers sinfo")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	dir := t.TempDir()
	bin := buildTradesim(t, dir)
	for name, text := range map[string]string{
		"quick.yaml": `name: quick-tariff
start: 2025-01
horizon: 6
seed: 3
replicates: 1
firms: 2
policies:
  - {id: us-tariff, type: tariff, importer: USA, exporter: CHN, sectors: [ELEC], rate: 0.3, start: 2025-02}
`,
		"rate.yaml": `name: rate
scenario: quick.yaml
design: grid
seed: 11
factors:
  - {path: 'policies[us-tariff].rate', name: rate, min: 0.05, max: 1, steps: 30}
metrics:
  - {variable: gdp_real, region: USA, stat: trough}
  - {variable: output, region: USA, sector: ELEC, stat: mean}
`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(name string, args ...string) []byte {
		t.Helper()
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return out
	}
	script := run(bin, "sweep", "emit", "slurm", "rate.yaml", "-o", "out", "--shards", "3", "--cpus", "1", "--tradesim", bin)
	if err := os.WriteFile(filepath.Join(dir, "job.sbatch"), script, 0o644); err != nil {
		t.Fatal(err)
	}
	out := run("sbatch", "--wait", "--chdir="+dir, filepath.Join(dir, "job.sbatch"))
	t.Logf("sbatch: %s", bytes.TrimSpace(out))
	run(bin, "sweep", "merge", "out/shard-0", "out/shard-1", "out/shard-2", "-o", "out/all", "--charts", "none")
	run(bin, "sweep", "rate.yaml", "-o", "local", "--charts", "none", "-q")
	for _, f := range []string{"runs.csv", "plan.parquet", "runs-0000.parquet", "runs-0001.parquet", "runs-0002.parquet"} {
		a, err := os.ReadFile(filepath.Join(dir, "out", "all", f))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "local", f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s of the Slurm array differs from the one-process sweep", f)
		}
	}
}
