package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestPowByIsMathPow: powBy gives math.Pow's bits for the exponents and bases the engine meets
// (elasticities 0 to 50, prices near 1) and for the edge cases of both.
func TestPowByIsMathPow(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	ys := []float64{0, 1, -1, 0.5, -0.5, 2, -2, -3.8, -4, -6, -50, 50, 1.5, -0.75, -2.5, 0.3, -1e-9,
		math.Inf(1), math.Inf(-1), math.NaN(), 1 << 62, -(1 << 63), math.MaxFloat64}
	for range 200 {
		ys = append(ys, -50*rng.Float64(), 10*rng.NormFloat64(), -float64(rng.IntN(60)))
	}
	xs := []float64{0, math.Copysign(0, -1), 1, -1, -2, 2, 0.5, math.Inf(1), math.Inf(-1), math.NaN(),
		math.SmallestNonzeroFloat64, math.MaxFloat64, 1e-300, 1e300, math.Nextafter(1, 2), math.Nextafter(1, 0)}
	for range 1000 {
		xs = append(xs, 1+0.1*rng.NormFloat64(), math.Exp(5*rng.NormFloat64()), rng.Float64())
	}
	for _, y := range ys {
		p := newPowBy(y)
		for _, x := range xs {
			got, want := p.pow(x), math.Pow(x, y)
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("pow(%v, %v) = %v; math.Pow gives %v", x, y, got, want)
			}
		}
	}
}
