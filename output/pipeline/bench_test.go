//go:build unix

package pipeline

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/tradesim/tradesim/scenarios"
	"github.com/tradesim/tradesim/scenarios/worlds"
)

var benchRuns = flag.Int("sweepruns", 100, "runs per sweep in BenchmarkSweep (the speed figures use 1000)")

// benchSweep is a sweep of the built-in tariff-escalation-2025 (36 months, 1 replicate a
// point, 30 firms), as issue 12's speed section asks.
func benchSweep(b *testing.B, runs int) *scenarios.Sweep {
	b.Helper()
	dir := b.TempDir()
	text := fmt.Sprintf(`name: bench
scenario: tariff-escalation-2025
design: lhs
samples: %d
replicates: 1
firms: 30
factors:
  - {path: 'policies[us-may].rate', name: rate, min: 0.05, max: 1}
  - {path: parameters.sigmaM.ELEC, name: sigmam_elec, min: 1, max: 8, scale: log}
metrics:
  - {variable: gdp_real, region: USA, stat: trough}
  - {variable: output, region: USA, sector: ELEC, stat: mean}
`, runs)
	path := filepath.Join(dir, "bench.yaml")
	if err := writeFile(path, text); err != nil {
		b.Fatal(err)
	}
	sw, err := scenarios.LoadSweep(path, scenarios.LoadOptions{ResolveWorld: worlds.Resolve})
	if err != nil {
		b.Fatal(err)
	}
	return sw
}

// BenchmarkSweep runs a whole sweep per iteration with 1 and 2 workers and reports runs per
// second, and the share of wall time spent outside sim.Run (loading each point, metrics,
// batches, runs.csv) as outside_share, measured with one worker.
// go test ./output/pipeline -run '^$' -bench Sweep -benchtime 1x -sweepruns 1000
// (Unix only: it reads the CPU time with getrusage.)
func BenchmarkSweep(b *testing.B) {
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			sw := benchSweep(b, *benchRuns)
			var engine atomic.Int64
			benchEngineHook = func(d time.Duration) { engine.Add(int64(d)) }
			defer func() { benchEngineHook = nil }()
			start, cpu0 := time.Now(), cpuTime()
			for range b.N {
				o := sweepOpts(filepath.Join(b.TempDir(), "s"))
				o.Workers = workers
				if _, err := RunSweep(context.Background(), sw, o); err != nil {
					b.Fatal(err)
				}
			}
			wall, cpu := time.Since(start), cpuTime()-cpu0
			runs := float64(b.N * sw.Runs())
			b.ReportMetric(runs/wall.Seconds(), "runs/s")
			// On a shared machine the wall clock measures the neighbours too; runs per CPU
			// second equal for 1 and 2 workers means the pool adds no contention of its own.
			b.ReportMetric(runs/cpu.Seconds(), "runs/cpu_s")
			if workers == 1 {
				b.ReportMetric(1-float64(engine.Load())/float64(wall), "outside_share")
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heap_sys_MB")
		})
	}
}

func writeFile(path, text string) error { return os.WriteFile(path, []byte(text), 0o644) }

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
