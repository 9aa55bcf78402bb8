package build

import "math"

// constraint asks that a weighted sum of cells equal a target (sum kind), that the cells in num
// make up share of the cells in den (share kind, num a subset of den), or that the cells in num
// exceed those in rest by target (difference kind: a trade balance).
type constraint struct {
	name   string
	cells  []int
	weight []float64 // nil means all 1
	target float64

	share   bool
	diff    bool
	num     []int
	rest    []int // den minus num
	shareOf float64
}

// fit runs iterative proportional fitting (generalised RAS, Bacharach 1970) over x: each
// constraint in turn scales its cells by the factor that meets it exactly. Multiplicative updates
// keep every cell non-negative and keep zero cells zero. It stops when the largest relative
// deviation is below tol or after maxSweeps, and returns the sweeps used and that deviation.
func fit(x []float64, cs []constraint, tol float64, maxSweeps int) (int, float64) {
	dev := math.Inf(1)
	sweep := 0
	for sweep < maxSweeps {
		sweep++
		for k := range cs {
			applyConstraint(x, &cs[k])
		}
		dev = maxDeviation(x, cs)
		if dev < tol {
			break
		}
	}
	return sweep, dev
}

func sumCells(x []float64, cells []int, weight []float64) float64 {
	var s float64
	for n, k := range cells {
		if weight == nil {
			s += x[k]
		} else {
			s += float64(x[k] * weight[n]) // no FMA: the same bits on every platform
		}
	}
	return s
}

func scaleCells(x []float64, cells []int, f float64) {
	for _, k := range cells {
		x[k] *= f
	}
}

func applyConstraint(x []float64, c *constraint) {
	if c.diff {
		// Keep the total a + b and move it so that a - b = target; a balance larger than the
		// total cannot be met this sweep and is left to the other constraints.
		a, b := sumCells(x, c.num, nil), sumCells(x, c.rest, nil)
		tot := a + b
		if a <= 0 || b <= 0 || math.Abs(c.target) >= tot {
			return
		}
		scaleCells(x, c.num, (tot+c.target)/2/a)
		scaleCells(x, c.rest, (tot-c.target)/2/b)
		return
	}
	if !c.share {
		if s := sumCells(x, c.cells, c.weight); s > 0 {
			scaleCells(x, c.cells, c.target/s)
		}
		return
	}
	a, b := sumCells(x, c.num, nil), sumCells(x, c.rest, nil)
	if a <= 0 || b <= 0 {
		return
	}
	tot := a + b
	scaleCells(x, c.num, c.shareOf*tot/a)
	scaleCells(x, c.rest, (1-c.shareOf)*tot/b)
}

// deviation is a constraint's relative miss.
func deviation(x []float64, c *constraint) float64 {
	if c.diff {
		a, b := sumCells(x, c.num, nil), sumCells(x, c.rest, nil)
		return math.Abs(a-b-c.target) / math.Max(a+b, 1e-12)
	}
	if !c.share {
		s := sumCells(x, c.cells, c.weight)
		return math.Abs(s-c.target) / math.Max(c.target, 1e-12)
	}
	a, b := sumCells(x, c.num, nil), sumCells(x, c.rest, nil)
	if a+b == 0 {
		return 0
	}
	return math.Abs(a/(a+b) - c.shareOf)
}

func maxDeviation(x []float64, cs []constraint) float64 {
	var m float64
	for k := range cs {
		m = math.Max(m, deviation(x, &cs[k]))
	}
	return m
}
