package output

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/tradesim/tradesim/sim"
)

// TestBandIsNewBand: band gives sim.NewBand's bits and sorted sample for samples of every size
// around the insertion threshold, with ties, zeros of both signs, NaN and infinities.
func TestBandIsNewBand(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	negZero := math.Copysign(0, -1)
	pools := map[string][]float64{
		"continuous": nil,
		"ties":       {1, 1, 2, 2, 2, 3},
		"zeros":      {0, 0, 1.5, -2},
		"signed":     {0, negZero, 0, 1},
		"nan":        {math.NaN(), 1, 2},
		"inf":        {math.Inf(1), math.Inf(-1), 1},
	}
	for name, pool := range pools {
		for n := 0; n <= 2*smallSample+3; n++ {
			for range 20 {
				xs := make([]float64, n)
				for i := range xs {
					if pool == nil {
						xs[i] = r.NormFloat64()
					} else {
						xs[i] = pool[r.IntN(len(pool))]
					}
				}
				ys := slices.Clone(xs)
				got, want := band(xs), sim.NewBand(ys)
				for k := range sim.NumBandStats {
					if g, w := got.At(k), want.At(k); math.Float64bits(g) != math.Float64bits(w) && !(math.IsNaN(g) && math.IsNaN(w)) {
						t.Fatalf("%s, n = %d: %s = %v, sim.NewBand says %v (sample %v)", name, n, sim.BandStats[k], g, w, ys)
					}
				}
				for i := range xs {
					if math.Float64bits(xs[i]) != math.Float64bits(ys[i]) {
						t.Fatalf("%s, n = %d: sorted sample %v, sim.NewBand's %v", name, n, xs, ys)
					}
				}
			}
		}
	}
}
