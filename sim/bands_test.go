package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestQuantileMatchesType7(t *testing.T) {
	// Reference values computed with Python 3's statistics.quantiles(x, n=20,
	// method="inclusive") (Hyndman & Fan type 7, as R's and NumPy's default) and
	// statistics.mean, x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3].
	xs := []float64{3, 1, 4, 1, 5, 9, 2, 6, 5, 3}
	b := NewBand(xs)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"mean", b.Mean, 3.9},
		{"p05", b.P05, 1},
		{"p50", b.P50, 3.5},
		{"p95", b.P95, 7.65},
	} {
		// 1e-12: the values are exact up to one rounding of the interpolation.
		if math.Abs(c.got-c.want) > 1e-12 {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestBandEdgeCases(t *testing.T) {
	one := NewBand([]float64{2.5})
	if one != (Band{2.5, 2.5, 2.5, 2.5}) {
		t.Errorf("band of one value = %+v, want all 2.5", one)
	}
	two := NewBand([]float64{10, 0})
	// type 7 with n = 2: Q(p) = 0 + p*10.
	if two.P05 != 0.5 || two.P50 != 5 || math.Abs(two.P95-9.5) > 1e-12 || two.Mean != 5 {
		t.Errorf("band of {0, 10} = %+v", two)
	}
	empty := NewBand(nil)
	if !math.IsNaN(empty.Mean) || !math.IsNaN(empty.P50) {
		t.Errorf("band of nothing = %+v, want NaN", empty)
	}
	for k, name := range BandStats {
		if got := two.At(k); got != []float64{two.Mean, two.P05, two.P50, two.P95}[k] {
			t.Errorf("At(%d) (%s) = %v", k, name, got)
		}
	}
}

// TestBandProperties: the band is ordered, lies within the sample and does not depend on the
// order of the replicates (the mean is summed after sorting).
func TestBandProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for trial := range 200 {
		n := 1 + rng.IntN(60)
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(6)-3))
		}
		ys := append([]float64(nil), xs...)
		rng.Shuffle(len(ys), func(i, j int) { ys[i], ys[j] = ys[j], ys[i] })
		b, c := NewBand(xs), NewBand(ys)
		if b != c {
			t.Fatalf("trial %d: band depends on order: %+v vs %+v", trial, b, c)
		}
		if !(xs[0] <= b.P05 && b.P05 <= b.P50 && b.P50 <= b.P95 && b.P95 <= xs[n-1]) {
			t.Fatalf("trial %d: band %+v not ordered within [%v, %v]", trial, b, xs[0], xs[n-1])
		}
		if !(b.Mean >= xs[0] && b.Mean <= xs[n-1]) {
			t.Fatalf("trial %d: mean %v outside the sample", trial, b.Mean)
		}
	}
}
