package sim_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/tradesim/tradesim/sim"
)

// benchScenario is a 36-month scenario on the default world with a tariff and a rare-earth ban,
// so that the step does the work of a shock (rationing, redirection), not only of the base.
func benchScenario(b *testing.B, w *sim.World) *sim.Scenario {
	b.Helper()
	usa, _ := w.RegionIndex("USA")
	chn, _ := w.RegionIndex("CHN")
	ree, _ := w.SectorIndex("REE")
	elec, _ := w.SectorIndex("ELEC")
	sc := baseScenario(36, 20)
	sc.Policies = []sim.Policy{
		{ID: "tariff", Kind: sim.Tariff, Rate: 0.25, Exporters: []int{chn}, Importers: []int{usa}, Sectors: []int{elec}, Start: sc.Start + 2, End: sim.Forever},
		{ID: "ban", Kind: sim.ExportControl, Mode: sim.Ban, Exporters: []int{chn}, Importers: []int{usa}, Sectors: []int{ree}, Start: sc.Start + 3, End: sc.Start + 9},
	}
	return sc
}

// BenchmarkStep times one month of the default world (7 regions x 13 sectors) at 10, 30 and 100
// firms per region-sector. firm-inputs/s counts firm x input-sector pairs per second; each pair
// updates its shares, orders and deliveries over the 7 origins (firm-input-origins/s).
func BenchmarkStep(b *testing.B) {
	w, err := defaultWorldErr()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10, 30, 100} {
		b.Run(fmt.Sprintf("firms=%d", n), func(b *testing.B) {
			step, firms, err := sim.Stepper(w, benchScenario(b, w), n)
			if err != nil {
				b.Fatal(err)
			}
			for t := range 40 { // warm up past the first shock months
				if err := step(t); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			t := 40
			cpu0 := cpuSeconds()
			for b.Loop() {
				if err := step(t); err != nil {
					b.Fatal(err)
				}
				t++
			}
			per := b.Elapsed().Seconds() / float64(b.N)
			pairs := float64(firms * w.S())
			b.ReportMetric(pairs/per, "firm-inputs/s")
			b.ReportMetric(pairs*float64(w.R())/per, "firm-input-origins/s")
			if cpu := (cpuSeconds() - cpu0) / float64(b.N); cpu > 0 {
				// On a shared machine wall time stretches; CPU time per step does not.
				b.ReportMetric(pairs/cpu, "firm-inputs/cpu-s")
			}
		})
	}
}

// BenchmarkRun times a whole run: 36 months x 20 replicates plus their baselines on the default
// world with 30 firms per region-sector and 2 workers; it reports wall seconds per run and the
// peak heap in use (sampled every millisecond).
func BenchmarkRun(b *testing.B) {
	w, err := defaultWorldErr()
	if err != nil {
		b.Fatal(err)
	}
	sc := benchScenario(b, w)
	base := *sc
	base.Policies = nil
	var peak uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
	}()
	b.ReportAllocs()
	cpu0 := cpuSeconds()
	for b.Loop() {
		if _, err := sim.Run(context.Background(), w, sc, &base, sim.Options{Firms: 30, Workers: 2}); err != nil {
			b.Fatal(err)
		}
	}
	close(stop)
	<-done
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/run")
	b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s/run")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}
