//go:build unix

package pipeline

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/tradesim/tradesim/output"
)

// BenchmarkWrite measures everything `tradesim run h20-allowance` does after the simulation:
// the bands and summary, the tables (CSV, Parquet, summary.json), the chart pack in each
// format and the manifest. tables is --charts none; png, svg and pdf are one chart format each
// with the tables; all is the default run. cpu_ms/op is the CPU time of all goroutines
// (Unix only: getrusage).
// go test ./output/pipeline -run '^$' -bench Write -count 6
func BenchmarkWrite(b *testing.B) {
	// tradesim run h20-allowance as it ships (20 replicates, 30 firms), simulated once.
	l, err := Load("h20-allowance", Overrides{})
	if err != nil {
		b.Fatal(err)
	}
	run, err := Simulate(context.Background(), l, RunOptions{SpillDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer run.Close()
	fixed := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	all := output.Formats{CSV: true, Parquet: true, JSON: true}
	for _, c := range []struct {
		name   string
		charts []string
	}{{"tables", nil}, {"png", []string{"png"}}, {"svg", []string{"svg"}}, {"pdf", []string{"pdf"}}, {"all", []string{"png", "svg", "pdf"}}} {
		b.Run(c.name, func(b *testing.B) {
			cpu0 := cpuTime()
			for b.Loop() {
				folder, err := output.OpenResultsDir(filepath.Join(b.TempDir(), "r"), output.OpenOptions{})
				if err != nil {
					b.Fatal(err)
				}
				o := WriteOptions{Folder: folder, Formats: all, Charts: c.charts, Size: output.SizeSlide, Version: "bench", Started: fixed(), Now: fixed}
				if _, err := Write(context.Background(), run, o); err != nil {
					b.Fatal(err)
				}
			}
			// Charts are drawn on every core: CPU time, not the wall clock, is the cost.
			b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(b.N), "cpu_ms/op")
		})
	}
}
