package output

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/tradesim/tradesim/sim"
)

// SensitivityColumns are the columns of sensitivity.csv.
var SensitivityColumns = []string{"metric", "factor", "method", "index", "value", "ci_low", "ci_high"}

// SensitivityRow is one index of one factor for one metric, with its 95% bootstrap interval.
type SensitivityRow struct {
	Metric, Factor, Method, Index string
	Value, Low, High              float64
}

func (r *SensitivityRow) appendCSV(b []byte) []byte {
	for i, s := range []string{r.Metric, r.Factor, r.Method, r.Index} {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSVString(b, s)
	}
	for _, x := range []float64{r.Value, r.Low, r.High} {
		b = appendFloat(append(b, ','), x)
	}
	return append(b, '\n')
}

// Bootstrap settings: resamples, and the seed of their stream (fixed, so indices are
// reproducible). 500 resamples put the 2.5% and 97.5% quantiles within about 0.01 of their
// limits for the intervals the tests see (assumption; Efron & Tibshirani 1993 suggest 1,000
// for intervals, 200 for standard errors).
const (
	bootstrapResamples = 500
	bootstrapSeed      = 0x5eed
)

// Sobol indices estimated from Saltelli's design (Saltelli et al. 2010): y holds, for each of n
// base points j, f(A_j), f(B_j), then f(AB_j^(i)) for the k factors. With V the variance of
// f(A) and f(B) together, Jansen's (1999) estimators are
//
//	S1_i = (V - 1/(2n) sum_j (f(B_j) - f(AB_j^(i)))^2) / V
//	ST_i = 1/(2n) sum_j (f(A_j) - f(AB_j^(i)))^2 / V
//
// (Saltelli et al. 2010, table 2, rows b and f). The intervals resample the n base points.
type SobolIndices struct {
	S1, ST                 []float64
	S1Low, S1High          []float64
	STLow, STHigh          []float64
	BaseSamples, Variables int
}

// Sobol estimates first- and total-order indices of k factors from y (n(k+2) values).
func Sobol(y []float64, k int) (*SobolIndices, error) {
	if k < 1 || len(y) == 0 || len(y)%(k+2) != 0 {
		return nil, fmt.Errorf("output: Saltelli's design with %d factors has a multiple of %d runs; got %d", k, k+2, len(y))
	}
	n := len(y) / (k + 2)
	s := &SobolIndices{BaseSamples: n, Variables: k}
	idx := make([]int, n)
	for j := range idx {
		idx[j] = j
	}
	s.S1, s.ST = make([]float64, k), make([]float64, k)
	jansen(y, k, idx, s.S1, s.ST)
	rng := rand.New(rand.NewPCG(bootstrapSeed, uint64(n)))
	s1s, sts := make([][]float64, k), make([][]float64, k)
	b1, bt := make([]float64, k), make([]float64, k)
	for range bootstrapResamples {
		for j := range idx {
			idx[j] = rng.IntN(n)
		}
		jansen(y, k, idx, b1, bt)
		for i := range k {
			s1s[i], sts[i] = append(s1s[i], b1[i]), append(sts[i], bt[i])
		}
	}
	s.S1Low, s.S1High = interval(s1s)
	s.STLow, s.STHigh = interval(sts)
	return s, nil
}

// jansen computes the indices on the base points idx (with repeats for a bootstrap resample).
func jansen(y []float64, k int, idx []int, s1, st []float64) {
	n := float64(len(idx))
	var sum, sum2 float64
	for _, j := range idx {
		a, b := y[j*(k+2)], y[j*(k+2)+1]
		sum += a + b
		sum2 += a*a + b*b
	}
	mean := sum / (2 * n)
	v := sum2/(2*n) - mean*mean
	for i := range k {
		var d1, dt float64
		for _, j := range idx {
			a, b, ab := y[j*(k+2)], y[j*(k+2)+1], y[j*(k+2)+2+i]
			d1 += (b - ab) * (b - ab)
			dt += (a - ab) * (a - ab)
		}
		if v <= 0 {
			s1[i], st[i] = 0, 0 // the metric does not vary: no factor explains anything
			continue
		}
		s1[i] = (v - d1/(2*n)) / v
		st[i] = dt / (2 * n) / v
	}
}

// interval returns the 2.5% and 97.5% quantiles of each factor's bootstrap sample.
func interval(samples [][]float64) (lo, hi []float64) {
	lo, hi = make([]float64, len(samples)), make([]float64, len(samples))
	for i, xs := range samples {
		slices.Sort(xs)
		lo[i], hi[i] = sim.Quantile(0.025, xs), sim.Quantile(0.975, xs)
	}
	return lo, hi
}

// MorrisIndices are Morris's elementary-effect statistics (Morris 1991) with mu* of Campolongo,
// Cariboni & Saltelli (2007, "An effective screening design for sensitivity analysis of large
// models", Environmental Modelling & Software 22): mu* is the mean of |EE|, sigma the standard
// deviation of EE (n - 1 in the denominator), both over trajectories. An elementary effect is
// (f(x') - f(x)) / (u'_i - u_i) on the unit scale of factor i's range, so effects compare across
// factors of any unit. The interval of mu* resamples trajectories.
type MorrisIndices struct {
	MuStar, Sigma         []float64
	MuStarLow, MuStarHigh []float64
	SigmaLow, SigmaHigh   []float64
}

// Morris computes the indices from r trajectories of k + 1 points: u on the unit scale (in
// run order, as MorrisPoints lays them out) and y the metric of each point.
func Morris(u [][]float64, y []float64, k int) (*MorrisIndices, error) {
	if k < 1 || len(y) == 0 || len(y)%(k+1) != 0 || len(u) != len(y) {
		return nil, fmt.Errorf("output: Morris trajectories of %d factors have a multiple of %d runs; got %d", k, k+1, len(y))
	}
	r := len(y) / (k + 1)
	ee := make([][]float64, k) // [factor][trajectory]
	for i := range ee {
		ee[i] = make([]float64, r)
	}
	for t := range r {
		for s := 1; s <= k; s++ {
			a, b := t*(k+1)+s-1, t*(k+1)+s
			i := -1
			for c := range k {
				if u[a][c] != u[b][c] {
					i = c
				}
			}
			if i < 0 {
				return nil, fmt.Errorf("output: Morris trajectory %d step %d moves no factor", t, s)
			}
			ee[i][t] = (y[b] - y[a]) / (u[b][i] - u[a][i])
		}
	}
	m := &MorrisIndices{MuStar: make([]float64, k), Sigma: make([]float64, k)}
	idx := make([]int, r)
	for t := range idx {
		idx[t] = t
	}
	morrisStats(ee, idx, m.MuStar, m.Sigma)
	rng := rand.New(rand.NewPCG(bootstrapSeed, uint64(r)))
	mus, sds := make([][]float64, k), make([][]float64, k)
	bm, bs := make([]float64, k), make([]float64, k)
	for range bootstrapResamples {
		for t := range idx {
			idx[t] = rng.IntN(r)
		}
		morrisStats(ee, idx, bm, bs)
		for i := range k {
			mus[i], sds[i] = append(mus[i], bm[i]), append(sds[i], bs[i])
		}
	}
	m.MuStarLow, m.MuStarHigh = interval(mus)
	m.SigmaLow, m.SigmaHigh = interval(sds)
	return m, nil
}

func morrisStats(ee [][]float64, idx []int, mu, sd []float64) {
	n := float64(len(idx))
	for i, e := range ee {
		var abs, sum float64
		for _, t := range idx {
			abs += math.Abs(e[t])
			sum += e[t]
		}
		mean := sum / n
		var ss float64
		for _, t := range idx {
			ss += (e[t] - mean) * (e[t] - mean)
		}
		mu[i] = abs / n
		if n > 1 {
			sd[i] = math.Sqrt(ss / (n - 1))
		} else {
			sd[i] = 0
		}
	}
}

// WriteSensitivity writes sensitivity.csv.
func WriteSensitivity(f *Folder, rows []SensitivityRow) error {
	return f.WriteFile("sensitivity.csv", func(w io.Writer) error {
		b := []byte(strings.Join(SensitivityColumns, ",") + "\n")
		for i := range rows {
			b = rows[i].appendCSV(b)
		}
		_, err := w.Write(b)
		return err
	})
}

// SRCIndices are standardized regression coefficients: the least-squares fit of the metric on
// the factors, each coefficient times the factor's standard deviation over the metric's
// (Saltelli et al. 2008, "Global Sensitivity Analysis: The Primer", section 1.2.5). For a
// model close to linear (R2 near 1) SRC_i^2 is the share of the variance factor i explains;
// the sign says the direction. The intervals resample the runs.
type SRCIndices struct {
	SRC, Low, High []float64
	R2             float64
}

// SRC fits y on the columns of x (one row per run) and returns the standardized coefficients.
func SRC(x [][]float64, y []float64) (*SRCIndices, error) {
	n := len(y)
	if n == 0 || len(x) != n {
		return nil, fmt.Errorf("output: %d runs and %d metric values", len(x), n)
	}
	k := len(x[0])
	if n <= k+1 {
		return nil, fmt.Errorf("output: %d runs cannot fit %d factors; give more samples", n, k)
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	s := &SRCIndices{}
	var ok bool
	s.SRC, s.R2, ok = srcFit(x, y, idx)
	if !ok {
		return nil, fmt.Errorf("output: the factors are collinear or constant over the runs; no regression")
	}
	rng := rand.New(rand.NewPCG(bootstrapSeed, uint64(n)))
	boot := make([][]float64, k)
	for range bootstrapResamples {
		for i := range idx {
			idx[i] = rng.IntN(n)
		}
		b, _, ok := srcFit(x, y, idx)
		if !ok {
			continue // a resample without spread in some factor: leave it out
		}
		for i := range k {
			boot[i] = append(boot[i], b[i])
		}
	}
	s.Low, s.High = interval(boot)
	return s, nil
}

// srcFit is one least-squares fit on the rows idx (QR, gonum's mat.Dense.Solve).
func srcFit(x [][]float64, y []float64, idx []int) ([]float64, float64, bool) {
	n, k := len(idx), len(x[0])
	a := mat.NewDense(n, k+1, nil)
	b := mat.NewVecDense(n, nil)
	for r, i := range idx {
		a.Set(r, 0, 1)
		for c := range k {
			a.Set(r, c+1, x[i][c])
		}
		b.SetVec(r, y[i])
	}
	var beta mat.VecDense
	if err := beta.SolveVec(a, b); err != nil {
		return nil, 0, false
	}
	sy := stdDev(idx, func(i int) float64 { return y[i] })
	if sy == 0 {
		return make([]float64, k), 0, true // the metric does not vary
	}
	out := make([]float64, k)
	for c := range k {
		sx := stdDev(idx, func(i int) float64 { return x[i][c] })
		if sx == 0 {
			return nil, 0, false
		}
		out[c] = beta.AtVec(c+1) * sx / sy
	}
	var fit mat.VecDense
	fit.MulVec(a, &beta)
	var ssr, sst float64
	mean := 0.0
	for r := range n {
		mean += b.AtVec(r)
	}
	mean /= float64(n)
	for r := range n {
		ssr += (b.AtVec(r) - fit.AtVec(r)) * (b.AtVec(r) - fit.AtVec(r))
		sst += (b.AtVec(r) - mean) * (b.AtVec(r) - mean)
	}
	return out, 1 - ssr/sst, true
}

func stdDev(idx []int, at func(int) float64) float64 {
	var sum, sum2 float64
	for _, i := range idx {
		v := at(i)
		sum += v
		sum2 += v * v
	}
	n := float64(len(idx))
	v := sum2/n - (sum/n)*(sum/n)
	if v <= 1e-300 {
		return 0
	}
	return math.Sqrt(v)
}
