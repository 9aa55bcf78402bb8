package scenarios

import (
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distmv"
	"gonum.org/v1/gonum/stat/samplemv"
)

// Plan is a sweep's runs: run k has the factor values X[k] (in factor order). U holds the
// same points on the unit scale of each factor's range (what the sensitivity estimators read);
// a grid's and a list's U are nil.
type Plan struct {
	X [][]float64
	U [][]float64
}

// Plan lays out every run of the sweep. It depends only on the sweep file (and the points
// CSV): the same file gives the same plan on every machine, so shards agree on it.
//
//   - grid: every combination of the factors' values, the last factor varying fastest.
//   - lhs: a Latin hypercube of Samples points (gonum's samplemv.LatinHypercube): each of the
//     Samples equal strata of every factor's range holds exactly one point.
//   - sobol: Saltelli's design (Saltelli et al. 2010, "Variance based sensitivity analysis of
//     model output", Computer Physics Communications 181): two matrices A and B of Samples
//     quasi-random points (Owen-scrambled Halton, gonum's samplemv.Halton, in 2k dimensions),
//     laid out point by point as A_j, B_j, then AB_j^(i) for every factor i (A_j with factor i
//     taken from B_j): Samples x (k + 2) runs.
//   - morris: Samples trajectories of k + 1 runs on a grid of Levels levels (Morris 1991,
//     "Factorial sampling plans for preliminary computational experiments", Technometrics 33),
//     each moving one factor at a time, in random order, by Delta = Levels / (2 (Levels - 1)).
//   - list: the points CSV's rows.
func (sw *Sweep) Plan() *Plan {
	k := len(sw.Factors)
	switch sw.Design {
	case DesignGrid:
		return &Plan{X: gridPoints(sw.Factors)}
	case DesignList:
		return &Plan{X: sw.Points}
	case DesignLHS:
		u := LatinHypercube(sw.Samples, k, sw.rng(1))
		return sw.scale(u)
	case DesignSobol:
		return sw.scale(SaltelliPoints(sw.Samples, k, sw.rng(2)))
	case DesignMorris:
		return sw.scale(MorrisPoints(sw.Samples, k, sw.Levels, sw.rng(3)))
	}
	return &Plan{}
}

// rng is the design's random source: a stream of the sweep seed of its own.
func (sw *Sweep) rng(stream uint64) *rand.PCG { return rand.NewPCG(sw.Seed, 0x5eed0000+stream) }

func (sw *Sweep) scale(u [][]float64) *Plan {
	x := make([][]float64, len(u))
	for r, row := range u {
		x[r] = make([]float64, len(row))
		for i, v := range row {
			x[r][i] = sw.Factors[i].Value(v)
		}
	}
	return &Plan{X: x, U: u}
}

func gridPoints(fs []Factor) [][]float64 {
	n := 1
	for _, f := range fs {
		n *= len(f.Values)
	}
	out := make([][]float64, n)
	for r := range n {
		row := make([]float64, len(fs))
		rest := r
		for i := len(fs) - 1; i >= 0; i-- {
			m := len(fs[i].Values)
			row[i] = fs[i].Values[rest%m]
			rest /= m
		}
		out[r] = row
	}
	return out
}

// LatinHypercube returns n points of the unit cube in k dimensions, one in each of the n strata
// of every dimension (gonum's samplemv.LatinHypercube).
func LatinHypercube(n, k int, src rand.Source) [][]float64 {
	m := mat.NewDense(n, k, nil)
	samplemv.LatinHypercube{Q: distmv.NewUnitUniform(k, nil), Src: src}.Sample(m)
	return rows(m)
}

// SaltelliPoints returns Saltelli's design on the unit cube: for each of n base points, A_j,
// B_j and the k points AB_j^(i); see Sweep.Plan.
func SaltelliPoints(n, k int, src rand.Source) [][]float64 {
	m := mat.NewDense(n, 2*k, nil)
	samplemv.Halton{Kind: samplemv.Owen, Q: distmv.NewUnitUniform(2*k, nil), Src: src}.Sample(m)
	out := make([][]float64, 0, n*(k+2))
	for j := range n {
		row := m.RawRowView(j)
		a, b := row[:k:k], row[k:]
		out = append(out, append([]float64(nil), a...), append([]float64(nil), b...))
		for i := range k {
			ab := append([]float64(nil), a...)
			ab[i] = b[i]
			out = append(out, ab)
		}
	}
	return out
}

// MorrisPoints returns r trajectories of k + 1 points each on a grid of p levels of the unit
// cube; see Sweep.Plan. Each trajectory starts at a random grid point and moves every factor
// once, in random order, by Delta up or down (down where up would leave the cube).
func MorrisPoints(r, k, p int, src rand.Source) [][]float64 {
	rng := rand.New(src)
	delta := MorrisDelta(p)
	step := 1 / float64(p-1)
	out := make([][]float64, 0, r*(k+1))
	for range r {
		x := make([]float64, k)
		for i := range x {
			x[i] = float64(rng.IntN(p)) * step
		}
		out = append(out, append([]float64(nil), x...))
		for _, i := range rng.Perm(k) {
			up := x[i]+delta <= 1+1e-12
			down := x[i]-delta >= -1e-12
			if up && (!down || rng.IntN(2) == 0) {
				x[i] += delta
			} else {
				x[i] -= delta
			}
			out = append(out, append([]float64(nil), x...))
		}
	}
	return out
}

// MorrisDelta is Morris's step for p levels: p / (2 (p - 1)).
func MorrisDelta(p int) float64 { return float64(p) / (2 * float64(p-1)) }

func rows(m *mat.Dense) [][]float64 {
	n, _ := m.Dims()
	out := make([][]float64, n)
	for i := range n {
		out[i] = append([]float64(nil), m.RawRowView(i)...)
	}
	return out
}

// RunSeed is the seed of run k: a SplitMix64 hash (Steele et al. 2014) of the sweep seed and
// the run id, never of the shard or the worker, so that run k gives the same result on any
// layout.
func (sw *Sweep) RunSeed(k int) uint64 {
	z := sw.Seed + (uint64(k)+1)*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
