package sim

import "math"

// order is the sourcing stage (sim/README.md §4.6).
//
//  1. Every sourcing group moves its origin shares toward the Armington targets,
//     s += lambda (s* - s), and prices its input at the new shares.
//  2. Every firm orders for expected output x^e = min(smoothed orders, capacity) plus a share
//     1/stock_close of the gap between its stock target tau_i z_f a x^e (tau of the input's
//     sector times the firm's factor) and its stock position (stock
//     on hand after this month's use plus approved licence orders in the pipeline); households
//     order budget * base spending share / price for each sector (Cobb-Douglas).
//  3. Each group's orders are split across origins. Orders a border rule closes (a ban; the
//     unapproved part of a licence) go at once to the fully open origins in proportion to their
//     shares; approved licence orders enter the route's pipeline. Each part is tagged with the
//     class a rationing seller serves first (see Rationing).
func (s *state) order(t int) {
	e := s.e
	R, S, K := e.R, e.S, s.K
	clear(s.ordP)
	clear(s.ordO)
	clear(s.denied)
	clear(s.gDem)
	clear(s.leakOrd)
	hub := e.hub
	// Firms' order quantities (2.) come first: they do not depend on the shares. Last month's
	// deliveries (arr, which deliver overwrites) join the stock on hand. Without licence
	// pipelines nothing is on order (onOrd is zero), and the pass skips reading it: x - 0 is x.
	invK := 1 / s.g.StockClose
	taus := s.tauS
	pipes := len(s.lic) > 0
	for c := range R * S {
		a := e.a[c*S : c*S+S]
		ins := e.ins[e.insAt[c]:e.insAt[c+1]] // inputs not bought keep dem 0 and their stock 0
		for f := c * e.n; f < (c+1)*e.n; f++ {
			xplan := min(s.xe[f], s.cap[f])
			tau := s.tauF[f]
			gd := s.gDem[s.fg[f]*S : s.fg[f]*S+S]
			inv, arr, dem := s.inv[f*S:f*S+S], s.arr[f*S:f*S+S], s.dem[f*S:f*S+S]
			gd, arr, dem = gd[:len(a)], arr[:len(a)], dem[:len(a)]
			taus := taus[:len(a)]
			inv = inv[:len(a)]
			if pipes {
				onOrd := s.onOrd[f*S : f*S+S]
				for _, i := range ins {
					ai := a[i]
					inv[i] += arr[i] // last month's deliveries are on hand now
					use := ai * xplan
					gap := taus[i]*tau*use - (inv[i] - use) - onOrd[i]
					q := use + gap*invK
					if q < 0 { // max(0, q) as a predictable branch
						q = 0
					}
					dem[i] = q
					gd[i] += q
				}
				continue
			}
			for _, i := range ins {
				ai := a[i]
				inv[i] += arr[i] // last month's deliveries are on hand now
				use := ai * xplan
				gap := taus[i]*tau*use - (inv[i] - use)
				q := use + gap*invK
				if q < 0 { // max(0, q) as a predictable branch
					q = 0
				}
				dem[i] = q
				gd[i] += q
			}
		}
	}
	if sd := s.g.NoiseSD; sd > 0 {
		// eps_t = rho eps_t-1 + sd sqrt(1 - rho^2) N(0,1): stationary SD sd; the demand multiplier
		// exp(eps - sd^2/2) has mean 1. Drawn in region-code order (relabelling-exact).
		rho := s.g.NoiseAR
		for _, d := range e.rord {
			for i := range S {
				k := d*S + i
				s.noise[k] = rho*s.noise[k] + sd*math.Sqrt(1-rho*rho)*s.rng.NormFloat64()
			}
		}
	}
	// Then, group by group: 1. the shares move toward the targets and price the input; 2.
	// households order at that price; 3. the orders are split across origins and placed.
	clear(s.gLic)
	bd := &s.bd
	rationing := s.g.Rationing
	// Each route's buyer price and where its orders go in the fast path, by importer and
	// sector, origins in code order: every group of the importer reads the same R entries.
	for d := range R {
		for i := range S {
			rt0 := d*S + i
			tab := s.ordTab[rt0*R : rt0*R+R]
			for k, o := range e.rord {
				rt := rt0 + o*R*S
				dst := &s.ordP[rt]
				if rationing == DomesticFirst && o != d {
					dst = &s.ordO[rt]
				}
				tab[k] = routeOrder{q: s.q[rt], o: o, orders: dst}
			}
		}
	}
	for gid := range s.NG {
		if !s.gOn[gid] {
			continue // no member: nobody orders through this group
		}
		u := gid / K
		d := u / e.UT
		buyer := Buyer(u%e.UT - S) // a final buyer when u%UT >= S
		final := buyer >= 0
		fdk := (d*int(NumBuyers) + int(buyer)) * S
		var budget float64
		if buyer == Households {
			budget = s.householdBudget(d)
		}
		// Only the inputs the user type buys: lfrac and fdDem of the others stay 0.
		for _, i := range e.uIns[e.uInsAt[u]:e.uInsAt[u+1]] {
			k := (gid*S + i) * R
			sh := s.sh[k : k+R]
			rt0 := d*S + i // route o -> d, sector i is rt0 + o*R*S
			// 1. s += lambda (s* - s); pin = sum_o s q.
			st := s.star[(u*S+i)*R : (u*S+i)*R+R]
			lam := s.gLam[gid*S+i]
			pin := 0.0
			tab := s.ordTab[rt0*R : rt0*R+R]
			// A share moving back toward its base share (the target lies on the base side) covers
			// the distance to the base share return_speed times faster: a buyer returns to the
			// suppliers it used before the policy faster than it qualifies new ones, whichever
			// side it left them on; the shares are then renormalised (doc.go).
			s0 := e.s0[(u*S+i)*R : (u*S+i)*R+R]
			back, fast := false, min(1, lam*s.g.ReturnSpeed)-lam
			for j := range tab {
				x := &tab[j] // not a copy of the entry
				gap := st[x.o] - sh[x.o]
				step := lam * gap
				if toBase := s0[x.o] - sh[x.o]; fast > 0 && gap*toBase > 0 {
					if math.Abs(toBase) < math.Abs(gap) {
						step += fast * toBase
					} else {
						step += fast * gap
					}
					back = true
				}
				sh[x.o] += step
			}
			if back {
				sum := 0.0
				for _, o := range e.rord {
					sum += sh[o]
				}
				for _, o := range e.rord {
					sh[o] /= sum
				}
			}
			for j := range tab {
				x := &tab[j]
				pin += sh[x.o] * x.q
			}
			s.pin[gid*S+i] = pin
			// 2. Final buyers (sim/README.md §3): households spend budget x base share / price
			// (Cobb-Douglas); government buys its base real basket; investment its base real
			// basket times the demand stabiliser.
			if final {
				q := 0.0
				switch buyer {
				case Households:
					if pin > 0 {
						q = budget * e.alphaH[d*S+i] / pin
						if sd := s.g.NoiseSD; sd > 0 {
							q *= math.Exp(s.noise[d*S+i] - sd*sd/2)
						}
					}
				case Government:
					q = e.fdQ0[fdk+i]
				case Investment:
					q = s.demandA[d] * e.fdQ0[fdk+i]
				}
				q += s.backlog[fdk+i] // purchases that waited for goods last month (durable)
				s.fdDem[fdk+i] = q
				s.gDem[gid*S+i] = q
			}
			// 3. Split and place.
			dem := s.gDem[gid*S+i]
			if !bd.restricted[d*S+i] {
				// Fast path: no border rule on any origin of this input: orders follow the shares
				// (deliver reads the shares themselves; wP, wO, wL and wK are not written).
				s.lfrac[gid*S+i] = 0
				for j := range tab {
					x := &tab[j]
					*x.orders += dem * sh[x.o]
				}
				continue
			}
			wP, wO, wL, wK := s.wP[k:k+R], s.wO[k:k+R], s.wL[k:k+R], s.wK[k:k+R]
			closed, openMass := 0.0, 0.0
			for _, o := range e.rord {
				rt := rt0 + o*R*S
				op := bd.open[rt]
				wK[o] = 0
				if l := bd.leak[rt]; l > 0 && op < 1 && hub >= 0 && o != hub && d != hub {
					// A share of the denied orders reaches the buyer through the hub region.
					wK[o] = sh[o] * (1 - op) * l
				}
				closed += sh[o]*(1-op) - wK[o]
				if op == 1 && !bd.licence[rt] {
					openMass += sh[o]
				}
			}
			redirect := 0.0
			if openMass > 0 {
				redirect = closed / openMass
			}
			lf := 0.0
			for _, o := range e.rord {
				rt := rt0 + o*R*S
				op := bd.open[rt]
				own := sh[o] * op
				var extra float64
				if op == 1 && !bd.licence[rt] {
					extra = sh[o] * redirect
				}
				s.denied[rt] += dem * sh[o] * (1 - op)
				s.leakOrd[rt] += dem * wK[o]
				wL[o] = 0
				if bd.licence[rt] && own > 0 {
					wL[o] = own
					lf += own
					if dem > 0 {
						s.pipeline(t, rt, gid-d*e.UT*K, dem*own)
					}
					own = 0
				}
				var p, q float64
				switch rationing {
				case DomesticFirst:
					if o == d {
						p = own + extra
					} else {
						q = own + extra
					}
				case ContractsFirst:
					p, q = own, extra
				default:
					p = own + extra
				}
				wP[o], wO[o] = p, q
				s.ordP[rt] += dem * p
				s.ordO[rt] += dem * q
			}
			s.lfrac[gid*S+i] = lf
			if lf > 0 {
				s.gLic[gid] = true
			}
		}
	}
}

// householdBudget is the households' nominal spending of the month in region d (sim/README.md §3):
// C_t = A_t C0 ((1 - m) CPI_t-1 + m Ybar_t / Y0). The part not tied to this year's income is
// real (indexed to last month's CPI), so a price level alone has no real effect.
func (s *state) householdBudget(d int) float64 {
	e := s.e
	m := s.g.M
	return s.demandA[d] * e.bBase[d*int(NumBuyers)] * ((1-m)*s.cpi[d] + m*s.ibar[d]/s.incomeBase(d))
}

// incomeBase is the households' base income per month, Y0: value added (wages and profits),
// plus the base tariff revenue when revenue is rebated.
func (s *state) incomeBase(d int) float64 {
	y := s.e.vaBase[d]
	if s.g.Revenue == RevenueRebate {
		y += s.e.tBase[d]
	}
	return y
}

// leakClassFirst says whether leaked orders are in the class a rationing seller serves first:
// yes under proportional rationing (one class); no otherwise (they are foreign, and diverted).
func leakClassFirst(r Rationing) bool { return r == Proportional }

// pipeline books approved licence orders q of local group g (index within its region) on route
// rt, to ship after the route's delay.
func (s *state) pipeline(t, rt, g int, q float64) {
	lp := &s.lic[s.licOf[rt]]
	// A fractional delay d ships the share 1 - frac(d) after floor(d) months and the rest a
	// month later.
	d := s.bd.delay[rt]
	lo := int(d)
	late := q * (d - float64(lo))
	slot := (t + lo) % lp.slots
	lp.ring[slot*lp.nb+g] += q - late
	lp.tot[slot] += q - late
	if late > 0 {
		slot = (t + lo + 1) % lp.slots
		lp.ring[slot*lp.nb+g] += late
		lp.tot[slot] += late
	}
}

// routeOrder is a route as order's group pass reads it: the buyer price, the origin, and the
// orders (of the class the rationing rule gives them) that the fast path adds to.
type routeOrder struct {
	q      float64
	o      int
	orders *float64
}
