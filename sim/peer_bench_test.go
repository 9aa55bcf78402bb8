package sim_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/tradesim/tradesim/sim"
)

// leontiefWorld is a one-region world of n sectors with a random input-output network in the
// style of PyMacroIO's tests (Pichler et al. 2022): each sector buys from a share density of the
// others, intermediate use is about 40% of output, value added and final demand positive;
// sector 0 is the key supplier (everybody buys from it, critically).
func leontiefWorld(n int, density float64, seed uint64) *sim.World {
	rng := rand.New(rand.NewPCG(seed, 7))
	sectors := make([]sim.Label, n)
	for i := range sectors {
		sectors[i] = sim.Label{Code: fmt.Sprintf("S%d", i)}
	}
	w := sim.NewWorld("leontief", []sim.Label{{Code: "HOME"}}, sectors)
	w.BaseYear, w.Currency = 2024, "USD billions"
	for j := range n {
		buys := 0.0
		for i := range n {
			if i == 0 || (i != j && rng.Float64() < density) {
				z := rng.Float64()
				w.Z[w.ZIndex(0, i, 0, j)] = z
				buys += z
			}
		}
		w.Y[w.YIndex(0, j, 0, sim.Households)] = 1.5 * buys // final demand keeps value added positive
	}
	for i := range n {
		w.Params[i] = sim.SectorParams{SigmaD: 2, SigmaM: 4, Eta: 6, Lambda: 0.1, Tau: 1, Kappa: 0.2, KappaS: 1,
			Slack: 0.05, G: 0.01, L: 12, ThetaL: 0.6, TauF: 0.5, KappaD: 0.05, Pmax: 3, Capmax: 1.5}
		w.Criticality[0*n+i] = 1 // nobody runs without the key supplier
	}
	return w
}

// BenchmarkPeerLeontief is the standard experiment of dynamic input-output models, rerunnable:
// a one-region random network of N sectors (density 0.3), the key supplier loses half its
// capacity for 3 months; it reports the time of one simulated month (ms-per-month, and its CPU
// time cpu-ms-per-month) for N = 91, 500, 1000 and 2000 at 1 and 30 firms per sector, and the
// heap the world and the engine hold (heap-MB: world, calibrated economy, engine state and a
// 120-month record). Compare with PyMacroIO on the same network by exporting the world
// (tradesim world export) and running its model on it.
func BenchmarkPeerLeontief(b *testing.B) {
	for _, n := range []int{91, 500, 1000, 2000} {
		for _, firms := range []int{1, 30} {
			b.Run(fmt.Sprintf("N=%d/firms=%d", n, firms), func(b *testing.B) {
				heap0 := heapInUse()
				w := leontiefWorld(n, 0.3, 1)
				if err := w.Check(); err != nil {
					b.Fatal(err)
				}
				sc := baseScenario(120, 1) // the Stepper runs month t % 120: the shock comes back every ten years
				sc.Policies = []sim.Policy{{ID: "fire", Kind: sim.CapacityShock, Regions: []int{0}, Sectors: []int{0},
					Share: 0.5, Start: sc.Start + 1, End: sc.Start + 3}}
				step, _, err := sim.Stepper(w, sc, firms)
				if err != nil {
					b.Fatal(err)
				}
				heap := heapInUse() - heap0
				b.ReportAllocs()
				b.ResetTimer()
				t := 0
				cpu0 := cpuSeconds()
				for b.Loop() {
					if err := step(t); err != nil {
						b.Fatal(err)
					}
					t++
				}
				b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms-per-month")
				if cpu := cpuSeconds() - cpu0; cpu > 0 {
					b.ReportMetric(cpu*1000/float64(b.N), "cpu-ms-per-month") // a shared machine stretches wall time, not CPU time
				}
				b.ReportMetric(float64(heap)/1e6, "heap-MB")
				runtime.KeepAlive(w)
			})
		}
	}
}

// heapInUse is the heap held by live objects after a collection, in bytes.
func heapInUse() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}
