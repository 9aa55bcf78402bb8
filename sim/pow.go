package sim

import "math"

// powBy raises numbers to one fixed power y, giving exactly math.Pow(x, y), bit for bit: it is
// math.Pow's own algorithm (Go 1.26, math/pow.go) with the work that depends on y alone (the
// special cases of y and the split of |y| into integer and fraction) done once. The step raises
// every firm's price to -eta and every route's price to -sigma each month.
type powBy struct {
	y       float64
	yf      float64 // fractional part of |y|, in (-0.5, 0.5]
	yi      int64   // integer part of |y|, rounded as math.Pow rounds it
	general bool    // y is a special case of math.Pow: leave it to math.Pow
}

func newPowBy(y float64) powBy {
	p := powBy{y: y}
	if y == 0 || y == 1 || y == 0.5 || y == -0.5 || math.IsNaN(y) || math.IsInf(y, 0) {
		p.general = true
		return p
	}
	yi, yf := math.Modf(math.Abs(y))
	if yi >= 1<<63 {
		p.general = true
		return p
	}
	if yf != 0 && yf > 0.5 {
		yf--
		yi++
	}
	p.yi, p.yf = int64(yi), yf
	return p
}

// powCache keeps the exact powers of last month's prices with their arguments, so that a price
// that did not change is not raised to its power again: in a run near its steady state (a
// baseline; the months after a policy ends) most prices repeat to the last bit. The route
// powers pw are kept the same way, with their arguments qe (prices). reset forgets every
// argument (NaN equals nothing): the exponents can change between replicates.
type powCache struct {
	p, pEta   []float64 // [F] a firm's price and p^-eta
	pm, pmSig []float64 // [UI] a user type's import composite price PM and PM^-sigmaD (targets)
}

func newPowCache(F, UI int) powCache {
	return powCache{p: make([]float64, F), pEta: make([]float64, F), pm: make([]float64, UI), pmSig: make([]float64, UI)}
}

// forget makes every entry miss.
func (c *powCache) forget() {
	for _, v := range [][]float64{c.p, c.pm} {
		for k := range v {
			v[k] = math.NaN()
		}
	}
}

// pow returns math.Pow(x, p.y).
func (p powBy) pow(x float64) float64 {
	if p.general || !(x > 0) || x == 1 || x > math.MaxFloat64 {
		return math.Pow(x, p.y) // zero, negative, one, infinite, NaN or a special y
	}
	a1 := 1.0
	ae := 0
	if p.yf != 0 {
		a1 = math.Exp(p.yf * math.Log(x))
	}
	x1, xe := math.Frexp(x)
	for i := p.yi; i != 0; i >>= 1 {
		if xe < -1<<12 || 1<<12 < xe {
			ae += xe
			break
		}
		if i&1 == 1 {
			a1 *= x1
			ae += xe
		}
		x1 *= x1
		xe <<= 1
		if x1 < .5 {
			x1 += x1
			xe--
		}
	}
	if p.y < 0 {
		a1 = 1 / a1
		ae = -ae
	}
	return math.Ldexp(a1, ae)
}
