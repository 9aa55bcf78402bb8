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
	clear(s.leakOrd)
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
	// Group by group (orderGroup): 1. the shares move toward the targets and price the input;
	// 2. households order at that price; 3. the orders are split across origins and placed.
	clear(s.gLic)
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
	// Cell by cell, the firms' orders and then the cell's groups' (in group order: the groups of
	// a region's cells, then its final buyers'), so that the groups' orders are in cache.
	for d := range R {
		for j := range e.UT {
			u := d*e.UT + j
			if j < S {
				s.orderFirms(d*S + j)
			}
			for gid := u * K; gid < (u+1)*K; gid++ {
				if s.gOn[gid] { // a group with no member orders nothing
					s.orderGroup(t, gid)
				}
			}
		}
	}
}

// orderFirms sets the orders of the firms of cell c (2. above), and sums them by group. Firms'
// order quantities do not depend on the shares. Last month's deliveries (arr, which deliver
// overwrites) join the stock on hand. Without licence pipelines nothing is on order and deliver
// has put the deliveries in stock already.
func (s *state) orderFirms(c int) {
	e := s.e
	S, K := e.S, s.K
	invK := 1 / s.g.StockClose
	taus := s.tauS
	pipes := len(s.lic) > 0
	// Only the inputs the cell buys (sparse.go): the group's entries are the cell's.
	ins, a := e.ins[e.insAt[c]:e.insAt[c+1]], e.ain[e.insAt[c]:e.insAt[c+1]]
	m := len(a)
	ins = ins[:m]
	u := c/S*e.UT + c%S
	clear(s.gDem[e.gAt[u*K]:e.gAt[u*K+K]]) // the cell's groups; final buyers' are set in orderGroup
	for f := c * e.n; f < (c+1)*e.n; f++ {
		xplan := min(s.xe[f], s.cap[f])
		tau := s.tauF[f]
		g := e.gAt[s.fg[f]]
		gd := s.gDem[g : g+m]
		lo, _ := e.firmIns(f, c)
		inv, dem := s.inv[lo:lo+m], s.dem[lo:lo+m]
		if pipes {
			// Orders approved under licence count toward the stock position, and the target
			// position adds the use they cover while they wait: lmonths months of use (last
			// month's licensed share times the delay), an order-up-to level with the lead time
			// in it. Without that, a firm whose stock target is under the delay holds less on hand
			// than it uses, for as long as the delay lasts.
			arr, onOrd, lm := s.arr[lo:lo+m], s.onOrd[lo:lo+m], s.lmonths[g:g+m]
			for k, ai := range a {
				inv[k] += arr[k] // last month's deliveries are on hand now
				use := ai * xplan
				gap := (taus[ins[k]]*tau+lm[k])*use - (inv[k] - use) - onOrd[k]
				q := use + gap*invK
				if q < 0 { // max(0, q) as a predictable branch
					q = 0
				}
				dem[k] = q
				gd[k] += q
			}
			continue
		}
		for k, ai := range a { // last month's deliveries are in inv already (deliver)
			use := ai * xplan
			gap := taus[ins[k]]*tau*use - (inv[k] - use)
			q := use + gap*invK
			if q < 0 { // max(0, q) as a predictable branch
				q = 0
			}
			dem[k] = q
			gd[k] += q
		}
	}
}

// orderGroup moves the shares of sourcing group gid and places its orders (1. and 3. above;
// 2. for final buyers).
func (s *state) orderGroup(t, gid int) {
	e := s.e
	R, S, K := e.R, e.S, s.K
	hub, bd, rationing := e.hub, &s.bd, s.g.Rationing
	pipes := len(s.lic) > 0
	u := gid / K
	d := u / e.UT
	buyer := Buyer(u%e.UT - S) // a final buyer when u%UT >= S
	final := buyer >= 0
	fdk := (d*int(NumBuyers) + int(buyer)) * S
	var budget float64
	if buyer == Households {
		budget = s.householdBudget(d)
	}
	// Only the inputs the user type buys: fdDem of the others stays 0.
	g0 := e.gAt[gid]
	for kk, i := range e.uIns[e.uInsAt[u]:e.uInsAt[u+1]] {
		gi := g0 + kk // the group's entry for input i (sparse.go)
		k := gi * R
		sh := s.sh[k : k+R]
		rt0 := d*S + i // route o -> d, sector i is rt0 + o*R*S
		// 1. s += lambda (s* - s); pin = sum_o s q.
		pin := 0.0
		tab := s.ordTab[rt0*R : rt0*R+R]
		back := false
		if R > 1 { // one region: the share and its target are exactly 1 (base shares, targets) and stay so
			back = s.moveShares(sh, tab, e.uInsAt[u]+kk, gi)
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
		if !final && !bd.restricted[d*S+i] {
			// Firms' orders are known (dem): price and place them in one pass (the fast
			// path of 3. below).
			dem := s.gDem[gi]
			for j := range tab {
				x := &tab[j]
				so := sh[x.o]
				pin += so * x.q
				*x.orders += dem * so
			}
			s.pin[gi] = pin
			if pipes { // without licence pipelines lfrac and lmonths stay 0
				s.lfrac[gi], s.lmonths[gi] = 0, 0
			}
			continue
		}
		for j := range tab {
			x := &tab[j]
			pin += sh[x.o] * x.q
		}
		s.pin[gi] = pin
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
			s.gDem[gi] = q
		}
		// 3. Split and place.
		dem := s.gDem[gi]
		if !bd.restricted[d*S+i] {
			// Fast path: no border rule on any origin of this input: orders follow the shares
			// (deliver reads the shares themselves; wP, wO and wK are not written).
			if pipes { // without licence pipelines lfrac and lmonths stay 0
				s.lfrac[gi], s.lmonths[gi] = 0, 0
			}
			for j := range tab {
				x := &tab[j]
				*x.orders += dem * sh[x.o]
			}
			continue
		}
		w := s.splitSlot(gi)
		wP, wO, wK := s.wP[w:w+R], s.wO[w:w+R], s.wK[w:w+R]
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
		lf, lm := 0.0, 0.0
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
			if bd.licence[rt] && own > 0 {
				lf += own
				lm += own * bd.delay[rt]
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
		s.lfrac[gi] = lf
		if s.lmonths != nil {
			s.lmonths[gi] = lm
		}
		if lf > 0 {
			s.gLic[gid] = true
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

// moveShares moves the standing shares sh of group entry gi (user type entry ui) toward their
// targets, s += lambda (s* - s), origins in the order of tab, and says whether a share moved
// back toward its base share faster. A share moving back toward its base share (the target lies
// on the base side) covers the distance to the base share return_speed times faster: a buyer
// returns to the suppliers it used before the policy faster than it qualifies new ones,
// whichever side it left them on; the shares are then renormalised (doc.go).
func (s *state) moveShares(sh []float64, tab []routeOrder, ui, gi int) (back bool) {
	R := s.e.R
	st := s.star[ui*R : ui*R+R]
	lam := s.gLam[gi]
	if fast := min(1, lam*s.g.ReturnSpeed) - lam; fast > 0 {
		s0 := s.e.s0[ui*R : ui*R+R]
		for j := range tab {
			x := &tab[j] // not a copy of the entry
			gap := st[x.o] - sh[x.o]
			step := lam * gap
			if toBase := s0[x.o] - sh[x.o]; gap*toBase > 0 {
				if math.Abs(toBase) < math.Abs(gap) {
					step += fast * toBase
				} else {
					step += fast * gap
				}
				back = true
			}
			sh[x.o] += step
		}
		return back
	}
	for j := range tab { // return_speed 1: every share moves at lambda (step = lam gap, as above)
		x := &tab[j]
		sh[x.o] += lam * (st[x.o] - sh[x.o])
	}
	return false
}
