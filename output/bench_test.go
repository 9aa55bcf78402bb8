package output

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/tradesim/tradesim/sim"
)

// defaultSizedResult is a run the size of the default world's: 7 regions, 13 sectors, 36
// months, n replicates, filled with smooth values (the content does not matter here).
func defaultSizedResult(n int) *sim.Result {
	R, S, T := 7, 13, 36
	res := &sim.Result{Scenario: "bench", Start: sim.NewMonth(2025, 1), Steps: T}
	for r := range R {
		res.Regions = append(res.Regions, string(rune('A'+r))+"RG")
	}
	for s := range S {
		res.Sectors = append(res.Sectors, string(rune('A'+s))+"SC")
	}
	for k := range n {
		rep := sim.Replicate{Index: k, Scenario: sim.NewMetrics(T, R, S), Baseline: sim.NewMetrics(T, R, S)}
		for _, m := range []*sim.Metrics{rep.Scenario, rep.Baseline} {
			f := 1.0
			if m == rep.Scenario {
				f = 0.97 + 0.001*float64(k)
			}
			for v := range m.RS {
				for i := range m.RS[v] {
					m.RS[v][i] = f * (1 + float64(i%97)/97)
				}
			}
			for v := range m.Region {
				for i := range m.Region[v] {
					m.Region[v][i] = f * (10 + float64(i%13))
				}
			}
			for v := range m.Flow {
				for i := range m.Flow[v] {
					m.Flow[v][i] = f * (0.1 + float64(i%31)/31)
				}
			}
		}
		res.Replicates = append(res.Replicates, rep)
	}
	return res
}

// BenchmarkTables measures bands, summary and writing every table of a default-sized run, per
// format; it reports rows per second of series and flows together.
func BenchmarkTables(b *testing.B) {
	res := defaultSizedResult(20)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		f    Formats
	}{{"csv", Formats{CSV: true}}, {"parquet", Formats{Parquet: true}}, {"all", Formats{CSV: true, Parquet: true, JSON: true}}} {
		b.Run(c.name, func(b *testing.B) {
			rows := 0
			for b.Loop() {
				tb, err := NewTables(ctx, res)
				if err != nil {
					b.Fatal(err)
				}
				f, err := NewFolder(b.TempDir())
				if err != nil {
					b.Fatal(err)
				}
				if err := tb.Write(ctx, f, c.f, false); err != nil {
					b.Fatal(err)
				}
				rows += len(tb.Bands.Keys)*res.Steps*4 + 7*6*13*res.Steps*4
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkBands measures the bands and summary rows of a default-sized run (one pass over the
// store: three bands per series and month, six path statistics per series), at 20 and 200
// replicates.
func BenchmarkBands(b *testing.B) {
	for _, n := range []int{20, 200} {
		b.Run(fmt.Sprintf("replicates=%d", n), func(b *testing.B) {
			st, err := StoreResult(defaultSizedResult(n))
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := NewTablesFrom(context.Background(), st); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCharts measures drawing the chart pack of a default-sized run at slide size, in
// each format (the figures are built once; each iteration draws and encodes every one).
func BenchmarkCharts(b *testing.B) {
	res := defaultSizedResult(20)
	tb, err := NewTables(context.Background(), res)
	if err != nil {
		b.Fatal(err)
	}
	meta := ChartMeta{Scenario: "bench", Baseline: tb.Bands.Baseline, Version: "bench", Replicates: 20, Size: SizeSlide,
		Windows: []PolicyWindow{{ID: "bench-control", Type: "export_control", Exporters: []string{"ARG"}, Importers: []string{"BRG"}, Sectors: []string{"ASC"}, Start: "2025-04", End: "2026-06"}}}
	figs, _ := DefaultPack(PackInput{Bands: tb.Bands, Summary: tb.Summary, Store: tb.Store, Regions: res.Regions, Sectors: res.Sectors, Meta: meta})
	for _, format := range ChartFormats {
		b.Run(format, func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				for _, f := range figs {
					buf.Reset()
					if err := f.WriteTo(&buf, format, false); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
