package sim

import (
	"math"
	"slices"
	"strings"
)

// economy is what the engine derives once per Run from a world: dense base flows, input
// coefficients and base shares. It does not depend on behavioural parameters, so every
// replicate of a run shares it read-only.
//
// Index conventions (used throughout the engine):
//   - cell c = r*S + j is region r, sector j;
//   - route rt = (o*R+d)*S + i is exporter o -> importer d, sector i (World.TIndex);
//   - user u = d*UT + j is buyer type j in region d (UT = S + NumBuyers user types a region):
//     j < S is the firms of sector j, j = S + b is final buyer b (households, government,
//     investment);
//   - firm f = c*n + k, the k-th of the n firms of cell c; buyer b = f for firms and
//     F + d for the households of region d.
type economy struct {
	R, S, n int
	F, U    int // firms, user types (R * UT)
	UT      int // user types a region: S firm sectors and NumBuyers final buyers

	x0     []float64 // [RS] base gross output per month (World.Output / 12)
	va     []float64 // [RS] base value added per unit of output: 1 - sum_o,i Z(1+t0) / X
	s0     []float64 // [UI*R] base quantity share of origin o in user u's purchases of input i (by entry of uIns)
	pin0   []float64 // [UI] base delivered price of input i for user u: sum_o s0 (1 + t0) (by entry of uIns)
	t0     []float64 // [RRS] base tariff
	flow0  []float64 // [RRS] base route quantity per month (intermediate + final)
	yH0    []float64 // [RRS] base household purchases per month, route o->d sector i (CPI weights)
	fdQ0   []float64 // [R*NumBuyers*S] base quantity bought by final buyer b of region d, sector i
	alphaH []float64 // [R*S] household base spending share of sector i at buyer prices
	bBase  []float64 // [R*NumBuyers] final buyers' base spending per month at buyer prices
	vaBase []float64 // [R] base value added per month (wages and profits)
	tBase  []float64 // [R] base tariff revenue per month
	cpiW   []float64 // [R] base household basket at base buyer prices (the CPI denominator)
	tb0    []float64 // [R] base trade balance as a share of base nominal GDP
	open0  []float64 // [R] base openness: (exports + imports) / 2 over base GDP
	gdp0   []float64 // [R] base nominal GDP per month: value added + base tariff revenue
	useSum []float64 // [RS] sum_i a[c,i]: inputs per unit of output, for inventory cover
	// Critical inputs of each cell (phi > 0 and a > 0), for the production limit:
	// crit[critAt[c]:critAt[c+1]].
	crit   []critInput
	critAt []int
	// Inputs each cell buys (a > 0), in sector order: ins[insAt[c]:insAt[c+1]]. Passes over a
	// firm's inputs visit only these, so their cost grows with the links of the network, not
	// with S^2 (a term for an input not bought is an exact zero, so results do not change).
	ins   []int
	insAt []int
	ain   []float64 // input coefficient a of each entry of ins: quantity of input i (all origins) per unit of output of cell c
	// Inputs each user type buys at base, the same way: uIns[uInsAt[u]:uInsAt[u+1]]. A firm
	// user type buys what its cell buys (uIns of d*UT+j is ins of d*S+j).
	uIns   []int
	uInsAt []int
	// Sparse storage (sim/sparse.go): K speed classes, NG = U*K sourcing groups; group gid =
	// u*K+g keeps its inputs at gAt[gid] .. gAt[gid]+len(uIns of u) of every per-group array.
	K, NG int
	gAt   []int
	// num is the region whose currency is the numeraire (NumeraireRegion).
	num int
	// hub is the region through which denied orders leak (the region coded ROW), or -1.
	hub int
	// rord lists the region ids in the order of their codes, and routes every route in that
	// order of exporter and importer (then sector). Every sum over regions runs in this order,
	// so listing the regions in another order changes no bit of any result (sim/README.md §6.3).
	rord, routes []int
}

// critInput is an input that can limit a cell's production: (1 - phi) cap + phi stock / a.
type critInput struct {
	k         int     // position of the input in the cell's ins (and in its firms' input arrays)
	phi, invA float64 // criticality and 1 / a
}

// newEconomy compiles w (already checked) for n firms per region-sector.
func newEconomy(w *World, n int) *economy {
	R, S := w.R(), w.S()
	UT := S + int(NumBuyers)
	e := &economy{R: R, S: S, n: n, F: R * S * n, U: R * UT, UT: UT}
	e.x0 = make([]float64, R*S)
	e.va = make([]float64, R*S)
	e.t0 = append([]float64(nil), w.Tariff0...)
	e.flow0 = make([]float64, R*R*S)
	e.yH0 = make([]float64, R*R*S)
	e.fdQ0 = make([]float64, R*int(NumBuyers)*S)
	e.alphaH = make([]float64, R*S)
	e.bBase = make([]float64, R*int(NumBuyers))
	e.vaBase = make([]float64, R)
	e.tBase = make([]float64, R)
	e.cpiW = make([]float64, R)
	e.tb0 = make([]float64, R)
	e.open0 = make([]float64, R)
	e.gdp0 = make([]float64, R)
	e.useSum = make([]float64, R*S)

	e.rord = make([]int, R)
	for r := range e.rord {
		e.rord[r] = r
	}
	slices.SortStableFunc(e.rord, func(x, y int) int { return strings.Compare(w.Regions[x].Code, w.Regions[y].Code) })
	for _, o := range e.rord {
		for _, d := range e.rord {
			for i := range S {
				e.routes = append(e.routes, (o*R+d)*S+i)
			}
		}
	}
	const months = 12 // base data are annual flows; one step is a month (sim/README.md §1)
	for o := range R {
		for i := range S {
			x := 0.0 // World.Output, summed in code order
			for _, d := range e.rord {
				for j := range S {
					x += w.Z[w.ZIndex(o, i, d, j)]
				}
				x += w.FinalDemand(o, i, d)
			}
			e.x0[o*S+i] = x / months
		}
	}
	// What each user type buys at base, gathered user by user and laid out in user order below.
	type userLinks struct {
		ins      []int
		s0, pin0 []float64
	}
	links := make([]userLinks, e.U)
	// Intermediate users: coefficients and origin shares.
	e.insAt = make([]int, R*S+1)
	for d := range R {
		for j := range S {
			c, u := d*S+j, d*UT+j
			ul := &links[u]
			cost := 0.0
			for i := range S {
				tot := 0.0
				for _, o := range e.rord {
					tot += w.Z[w.ZIndex(o, i, d, j)]
				}
				if tot <= 0 {
					continue
				}
				a := tot / months / e.x0[c]
				if a == 0 {
					continue // bought in amounts below the floating-point range: not an input
				}
				e.ins, e.ain = append(e.ins, i), append(e.ain, a)
				e.useSum[c] += a
				p := 0.0
				for _, o := range e.rord {
					p += w.Z[w.ZIndex(o, i, d, j)] / tot * (1 + e.t0[w.TIndex(o, d, i)])
				}
				for o := range R {
					ul.s0 = append(ul.s0, w.Z[w.ZIndex(o, i, d, j)]/tot)
				}
				ul.ins, ul.pin0 = append(ul.ins, i), append(ul.pin0, p)
				cost += a * p
			}
			e.va[c] = 1 - cost
			e.insAt[c+1] = len(e.ins)
		}
	}
	// Final buyers (sim/README.md §3): households (Cobb-Douglas across sectors at base shares),
	// government and investment (base real baskets), each with its own origin shares.
	for d := range R {
		for b := range NumBuyers {
			u := d*UT + S + int(b)
			bb := d*int(NumBuyers) + int(b)
			for i := range S {
				tot, val := 0.0, 0.0
				for _, o := range e.rord {
					y := w.Y[w.YIndex(o, i, d, b)]
					tot += y
					val += y * (1 + e.t0[w.TIndex(o, d, i)])
				}
				e.bBase[bb] += val / months
				e.fdQ0[bb*S+i] = tot / months
				if b == Households {
					e.alphaH[d*S+i] = val / months // budget share filled in below
				}
				if tot <= 0 {
					continue
				}
				ul := &links[u]
				for o := range R {
					ul.s0 = append(ul.s0, w.Y[w.YIndex(o, i, d, b)]/tot)
				}
				ul.ins, ul.pin0 = append(ul.ins, i), append(ul.pin0, val/tot)
			}
		}
		hh := e.bBase[d*int(NumBuyers)]
		for i := range S {
			if hh > 0 {
				e.alphaH[d*S+i] /= hh
			}
		}
		e.cpiW[d] = hh
	}
	for _, o := range e.rord {
		for _, d := range e.rord {
			for i := range S {
				rt := (o*R+d)*S + i
				f := 0.0
				for j := range S {
					f += w.Z[w.ZIndex(o, i, d, j)]
				}
				e.yH0[rt] = w.Y[w.YIndex(o, i, d, Households)] / months
				e.flow0[rt] = (f + w.FinalDemand(o, i, d)) / months
				e.tBase[d] += e.t0[rt] * e.flow0[rt]
			}
		}
	}
	e.hub, _ = w.RegionIndex(LeakageRegion)
	var ok bool
	if e.num, ok = w.RegionIndex(NumeraireRegion); !ok {
		e.num = e.rord[0]
	}
	e.uInsAt = make([]int, e.U+1)
	for u := range e.U {
		e.uIns = append(e.uIns, links[u].ins...)
		e.s0 = append(e.s0, links[u].s0...)
		e.pin0 = append(e.pin0, links[u].pin0...)
		e.uInsAt[u+1] = len(e.uIns)
	}
	e.critAt = make([]int, R*S+1)
	for c := range R * S {
		j := c % S
		for k, i := range e.ins[e.insAt[c]:e.insAt[c+1]] {
			if phi := w.Criticality[i*S+j]; phi > 0 {
				e.crit = append(e.crit, critInput{k: k, phi: phi, invA: 1 / e.ain[e.insAt[c]+k]})
			}
		}
		e.critAt[c+1] = len(e.crit)
	}
	e.groups(n)
	for d := range R {
		for j := range S {
			e.vaBase[d] += e.va[d*S+j] * e.x0[d*S+j]
		}
		e.gdp0[d] = e.vaBase[d] + e.tBase[d]
	}
	// Base trade balance and openness: exports at exporters' prices less imports at border values (base
	// prices 1, no fees), as a share of base GDP.
	for _, rt := range e.routes {
		o, d := rt/(R*S), rt/S%R
		if o != d {
			e.tb0[o] += e.flow0[rt] / e.gdp0[o]
			e.tb0[d] -= e.flow0[rt] / e.gdp0[d]
			e.open0[o] += e.flow0[rt] / e.gdp0[o] / 2
			e.open0[d] += e.flow0[rt] / e.gdp0[d] / 2
		}
	}
	return e
}

// LeakageRegion is the code of the region through which a policy's leakage reaches the buyer
// (sim/README.md §4.7: chip smuggling and transshipment run through third countries). A world without
// it has no leakage.
const LeakageRegion = "ROW"

// finite reports whether x is neither NaN nor infinite.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
