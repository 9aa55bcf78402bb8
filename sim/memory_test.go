package sim_test

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tradesim/tradesim/sim"
)

// denseWorld is a world of R regions and S sectors where every region sells every sector to
// every other (the largest engine state for its size).
func denseWorld(R, S int) *sim.World {
	regions := make([]sim.Label, R)
	for r := range regions {
		regions[r] = sim.Label{Code: fmt.Sprintf("R%02d", r)}
	}
	sectors := make([]sim.Label, S)
	for i := range sectors {
		sectors[i] = sim.Label{Code: fmt.Sprintf("S%02d", i)}
	}
	w := sim.NewWorld("dense", regions, sectors)
	w.BaseYear, w.Currency = 2024, "USD billions"
	for o := range R {
		for i := range S {
			for d := range R {
				for j := range S {
					v := 1.0
					if o == d {
						v = 5
					}
					w.Z[w.ZIndex(o, i, d, j)] = v
				}
				y := 2.0 * float64(R*S)
				if o == d {
					y *= 5
				}
				w.Y[w.YIndex(o, i, d, sim.Households)] = y
			}
		}
	}
	for i := range w.Params {
		w.Params[i] = sim.SectorParams{SigmaD: 2, SigmaM: 4, Eta: 6, Lambda: 0.1, Tau: 1.5, Kappa: 0.1, KappaS: 1,
			Slack: 0.1, G: 0.02, L: 12, ThetaL: 0.55, TauF: 0.5, KappaD: 0.05, Pmax: 3, Capmax: 1.5}
	}
	return w
}

// peakHeap runs f and returns the largest heap in use while it ran, above the heap before.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	f()
	close(stop)
	<-done
	if p := peak.Load(); p > before {
		return p - before
	}
	return 0
}

// TestMemoryEstimate: the estimate of EstimateMemory is within a factor of 2 of the heap a
// run uses (its peak, sampled every millisecond, with the collector kept close to the live
// heap), on worlds large enough for the engine's state to dominate. When the engine's state
// grows or shrinks, this fails until the coefficients in memory.go are measured again.
func TestMemoryEstimate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs worlds of 400 region-sectors")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(20))
	// Dense worlds, and a one-region random network of 600 sectors at density 0.3, where the
	// engine stores only the links (the dense layout of version 2 took more than twice the
	// estimate, and failed).
	for _, c := range [][4]int{{20, 20, 5, 12}, {24, 10, 10, 24}, {12, 12, 30, 36}, {1, 600, 10, 12}} {
		R, S, n, h := c[0], c[1], c[2], c[3]
		w := denseWorld(R, S)
		if R == 1 {
			w = leontiefWorld(S, 0.3, 1)
		}
		sc := &sim.Scenario{Name: "t", Start: sim.NewMonth(2025, 1), Horizon: h, Seed: 1, Replicates: 2}
		got := peakHeap(func() {
			if _, err := sim.Run(context.Background(), w, sc, sc, sim.Options{Firms: n, Workers: 1}); err != nil {
				t.Fatal(err)
			}
		})
		e := sim.EstimateMemory(w, h, 2, n, 1)
		est := e.Total - sim.MemoryFixedBytes
		ratio := float64(est) / float64(got)
		t.Logf("%d regions x %d sectors, %d firms, %d months, 2 replicates: peak heap %.1f MB, estimate %.1f MB (state %.1f, shared %.1f, results %.1f); ratio %.2f",
			R, S, n, h, float64(got)/1e6, float64(est)/1e6, float64(e.PerWorker)/1e6, float64(e.Shared-sim.MemoryFixedBytes)/1e6, float64(e.Results)/1e6, ratio)
		if ratio < 0.5 || ratio > 2 {
			t.Errorf("%dx%d: the estimate is %.2f times the measured heap; measure the coefficients in memory.go again", R, S, ratio)
		}
	}
}
