package output

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/tradesim/tradesim/scenarios"
)

// ishigami is Ishigami & Homma's (1990) test function with a = 7, b = 0.1 on [-pi, pi]^3.
func ishigami(x []float64) float64 {
	return math.Sin(x[0]) + 7*math.Pow(math.Sin(x[1]), 2) + 0.1*math.Pow(x[2], 4)*math.Sin(x[0])
}

// TestSobolIshigami: Jansen's estimators on Saltelli's design with N = 2^13 recover the
// Ishigami function's analytical indices, S1 = 0.314, 0.442, 0.000 and ST = 0.558, 0.442, 0.244
// (Saltelli et al. 2008, "Global Sensitivity Analysis: The Primer", section 4.6), within 0.02,
// and each interval holds its estimate.
func TestSobolIshigami(t *testing.T) {
	const n, k = 1 << 13, 3
	u := scenarios.SaltelliPoints(n, k, rand.NewPCG(1, 2))
	y := make([]float64, len(u))
	x := make([]float64, k)
	for r, p := range u {
		for i := range k {
			x[i] = -math.Pi + 2*math.Pi*p[i]
		}
		y[r] = ishigami(x)
	}
	s, err := Sobol(y, k)
	if err != nil {
		t.Fatal(err)
	}
	wantS1, wantST := []float64{0.314, 0.442, 0.000}, []float64{0.558, 0.442, 0.244}
	for i := range k {
		if math.Abs(s.S1[i]-wantS1[i]) > 0.02 || math.Abs(s.ST[i]-wantST[i]) > 0.02 {
			t.Errorf("x%d: S1 %.3f (want %.3f), ST %.3f (want %.3f)", i+1, s.S1[i], wantS1[i], s.ST[i], wantST[i])
		}
		if !(s.S1Low[i] <= s.S1[i] && s.S1[i] <= s.S1High[i] && s.STLow[i] <= s.ST[i] && s.ST[i] <= s.STHigh[i]) {
			t.Errorf("x%d: intervals [%g, %g] and [%g, %g] miss their estimates", i+1, s.S1Low[i], s.S1High[i], s.STLow[i], s.STHigh[i])
		}
	}
	if _, err := Sobol(y[:len(y)-1], k); err == nil {
		t.Error("a truncated design was accepted")
	}
}

// TestMorrisRanking: on f(u) = 10 u1 + 5 u2^2 + u3 + 0 u4 + 4 u1 u5 (a test function of our own
// with a known order), mu* ranks u1 first, then u2 and u5, then u3, and u4 last at exactly 0;
// sigma is 0 for the linear u3 and u4 and positive for u2 and u5, which act non-linearly or
// through an interaction.
func TestMorrisRanking(t *testing.T) {
	const r, k, p = 40, 5, 4
	u := scenarios.MorrisPoints(r, k, p, rand.NewPCG(7, 7))
	y := make([]float64, len(u))
	for i, x := range u {
		y[i] = 10*x[0] + 5*x[1]*x[1] + x[2] + 0*x[3] + 4*x[0]*x[4]
	}
	m, err := Morris(u, y, k)
	if err != nil {
		t.Fatal(err)
	}
	mu := m.MuStar
	if !(mu[0] > mu[1] && mu[0] > mu[4] && mu[1] > mu[2] && mu[4] > mu[2] && mu[2] > mu[3]) || mu[3] != 0 {
		t.Errorf("mu* = %v: want u1 > u2, u5 > u3 > u4 = 0", mu)
	}
	if math.Abs(mu[2]-1) > 1e-9 || m.Sigma[2] > 1e-9 || m.Sigma[3] != 0 || m.Sigma[1] <= 0 || m.Sigma[4] <= 0 {
		t.Errorf("mu*(u3) = %g (want 1), sigma = %v (want 0 for u3 and u4, > 0 for u2 and u5)", mu[2], m.Sigma)
	}
}

// TestSRCLinear: on y = 3 x1 - x2 + 0 x3 (x a Latin hypercube of 400 points) the fit is exact,
// so SRC_i = beta_i sd(x_i) / sd(y) with the sample's own standard deviations, to 1e-9, and
// R2 = 1; the coefficients are near 3/sqrt(10), -1/sqrt(10) and 0 (independent uniform inputs),
// within 0.05 (the sample correlation of two columns of 400 points is about 0.05).
func TestSRCLinear(t *testing.T) {
	x := scenarios.LatinHypercube(400, 3, rand.NewPCG(9, 9))
	y := make([]float64, len(x))
	for i, p := range x {
		y[i] = 3*p[0] - p[1]
	}
	s, err := SRC(x, y)
	if err != nil {
		t.Fatal(err)
	}
	all := make([]int, len(x))
	for i := range all {
		all[i] = i
	}
	sy := stdDev(all, func(i int) float64 { return y[i] })
	beta := []float64{3, -1, 0}
	approx := []float64{3 / math.Sqrt(10), -1 / math.Sqrt(10), 0}
	for i, b := range beta {
		exact := b * stdDev(all, func(r int) float64 { return x[r][i] }) / sy
		if math.Abs(s.SRC[i]-exact) > 1e-9 || math.Abs(s.SRC[i]-approx[i]) > 0.05 {
			t.Errorf("x%d: SRC %.6f, want %.6f (about %.4f)", i+1, s.SRC[i], exact, approx[i])
		}
		if !(s.Low[i] <= s.SRC[i]+1e-9 && s.SRC[i] <= s.High[i]+1e-9) {
			t.Errorf("x%d: interval [%g, %g] misses %g", i+1, s.Low[i], s.High[i], s.SRC[i])
		}
	}
	if math.Abs(s.R2-1) > 1e-9 {
		t.Errorf("R2 = %g, want 1", s.R2)
	}
	if _, err := SRC(x[:3], y[:3]); err == nil {
		t.Error("3 runs fitted 3 factors")
	}
}
