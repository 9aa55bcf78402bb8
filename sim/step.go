package sim

import "math"

// step advances the state by one month, t steps after the start, in sim/README.md §4's order. Each
// stage is a method below; the order is fixed and no stage reads what a later one writes in the
// same month, except where the comment says so.
func (s *state) step(t int) error {
	m := s.start + Month(t)
	if err := s.policy(t, m); err != nil { // §4.1
		return err
	}
	s.arrive(t)  // last month's deliveries and finished capacity become usable
	s.labour()   // §4.3: wages, layoffs and hires
	s.macro()    // §3, §4.4: demand stabiliser and exchange rates
	s.prices()   // §4.5
	s.targets()  // §4.3: Armington targets
	s.order(t)   // §4.3: sourcing and orders; border rules known in advance
	s.border(t)  // §4.4
	s.produce()  // §4.5 and the sellers' side of §4.6
	s.deliver(t) // §4.6: buyers' side
	s.settle()   // §4.7: stocks, labour, income
	s.invest(t)  // §4.8
	s.record(t)  // §4.9
	return nil
}

// arrive brings capacity whose time to build has passed into use. (Last month's deliveries join
// the stock in order's pass over the firms: production uses stock held at the start of the
// month, and this month's deliveries arrive for next month, sim/README.md §4.2.)
func (s *state) arrive(t int) {
	ring := s.capRing
	slot := t % ring
	for f := range s.cap {
		k := f*ring + slot
		if v := s.capPipe[k]; v != 0 {
			s.cap[f] += v
			s.capTot[f] -= v
			s.capPipe[k] = 0
		}
	}
}

// prices sets every firm's price (sim/README.md §4.5) as a cost part times a scarcity part, p = pc ps.
// The cost part follows unit cost at last month's delivered input prices and this month's wage,
// c / c0 (the markup calibrated per firm so that p = 1 at base: (1 + mu_f) / z_f = 1 / c0_f), at
// the sticky speed kappa: pc += kappa (c / c0 - pc). The scarcity part reads last month's orders
// against what the firm can make now, its producible output xP = min(capacity, labour limit,
// input limit) (producible), relative to the same ratio at base:
//
//	rho = (orders / xP) / (orders0 / xP0)
//	S   = 1 + kappaS (rho - 1) if rho >= 1, else 1 + kappaD (rho - 1), clamped to [1 - kappaD, pmax]
//	ps += scarcitySpeed (S - ps)
//
// so a premium appears where output is physically short (cars without magnets), not only where
// orders exceed machines, it never exceeds the sector's ceiling pmax, and it moves fast both up
// and down: an auction-like premium vanishes when the queue does. Then the
// within-origin split omega_f p_f^-eta (omega_f = w_f, so base shares are the firm sizes) and the
// buyer price of every route: exporters price to every destination at their own price, so a
// tariff reaches the buyer in full on impact (Amiti, Redding & Weinstein 2019; Fajgelbaum et al. 2020).
func (s *state) prices() {
	e := s.e
	R, S, n := e.R, e.S, e.n
	for c := range R * S {
		d, j := c/S, c%S
		sp := &s.sp[j]
		pe := s.powEta[j]
		wage := s.wage[d]
		lo := c * n
		a := e.ain[e.insAt[c]:e.insAt[c+1]]
		ps := s.scarcity(c, sp)
		num, den := 0.0, 0.0
		for f := lo; f < lo+n; f++ {
			g := e.gAt[s.fg[f]]
			pin := s.pin[g : g+len(a)] // the group's inputs are the cell's (sparse.go)
			cost := wage * s.lab[f]
			for k, ak := range a {
				cost += ak * pin[k]
			}
			s.cost[f] = cost
			s.pc[f] += sp.Kappa * (cost/s.c0[f] - s.pc[f])
			s.p[f] = s.pc[f] * ps
			wt := s.w[f]
			if p := s.p[f]; sp.Eta != 0 && p != 1 {
				if p != s.pows.p[f] { // the power of last month's price is kept (powCache)
					s.pows.p[f], s.pows.pEta[f] = p, pe.pow(p) // math.Pow(p, -eta), bit for bit
				}
				wt *= s.pows.pEta[f]
			}
			s.share[f] = wt
			den += wt
		}
		for f := lo; f < lo+n; f++ {
			s.share[f] /= den
			num += s.share[f] * s.p[f]
		}
		s.pIdx[c] = num
	}
	pen := s.g.Penalty
	for rt := range s.q {
		o, d, i := rt/(R*S), rt/S%R, rt%S
		// Producer currency pricing: the buyer pays the exporter's price in the buyer's
		// currency, e_o / e_d, plus the buyer-borne fee or export tax and the tariff.
		q := s.pIdx[o*S+i] * s.fx[rt] * (1 + s.bd.feeBuyer[rt]) * (1 + s.bd.tariff[rt])
		s.q[rt] = q
		// Reliability: buyers see a supplier that failed a share u of their orders last month
		// as 1 + penalty * u times dearer (sim/README.md §4.6). Imports are weighed among themselves
		// with sigmaM, home against the import composite with sigmaD (targets).
		qe := q * (1 + pen*s.unfilled[rt])
		if qe == s.qe[rt] {
			continue // pw is last month's power of the same price (powCache)
		}
		s.qe[rt] = qe
		switch {
		case o == d:
			s.pw[rt] = s.powSigD[i].pow(qe) // math.Pow(., -sigmaD), bit for bit
		case s.sp[i].SigmaM == 0:
			s.pw[rt] = 1
		default:
			s.pw[rt] = s.powSigM[i].pow(qe) // math.Pow(., -sigmaM), bit for bit
		}
	}
}

// scarcitySpeed is the share of the gap to the target scarcity mark-up closed in a month (our
// choice: half, fast against the cost part's kappa, so premiums rise within a quarter and vanish
// when the queue does; version 1's slow premium echoed for years after a policy ended).
const scarcitySpeed = 0.5

// scarcity moves cell c's scarcity mark-up toward its target and returns it. The market is the
// cell: its firms' orders against their producible output, so every seller of the cell charges
// the same premium (a premium per firm sent orders to the firm with the lowest premium, beyond
// what it could make, while others idled: a shortage that never cleared).
func (s *state) scarcity(c int, sp *SectorParams) float64 {
	n := s.e.n
	orders, xp, orders0, xp0 := 0.0, 0.0, 0.0, 0.0
	for f := c * n; f < (c+1)*n; f++ {
		orders += s.ordRecv[f]
		xp += s.sellable(f, c)
		orders0 += s.fx0[f]
		xp0 += s.xP0[f]
	}
	sc := 1.0
	switch {
	case xp > residue*xp0: // a producible output of 1e-308 is nothing to sell, not a ratio of 1e308
		rho := (orders / xp) / (orders0 / xp0)
		if math.Abs(rho-1) < 1e-9 {
			rho = 1 // rounding, not scarcity: keeps the base a steady state to the last bits
		}
		if rho >= 1 {
			sc = 1 + sp.KappaS*(rho-1)
		} else {
			sc = 1 + sp.KappaD*(rho-1)
		}
	case orders > residue*orders0:
		sc = sp.Pmax // orders and nothing to sell: the ceiling
	}
	sc = min(sp.Pmax, max(1-sp.KappaD, sc))
	s.ps[c] += scarcitySpeed * (sc - s.ps[c])
	return s.ps[c]
}

// producible is what firm f of cell c can make this month (sim/README.md §4.5): the least of its
// capacity, its labour at normal hours plus overtime, and the limit its stocks of critical inputs
// set, (1 - phi) capacity + phi stock / a (stock on hand plus last month's deliveries).
func (s *state) producible(f, c int) float64 {
	e := s.e
	cp := s.cap[f] * s.capFac[c]
	x := min(cp, s.emp[f]/s.lab[f]*(1+s.g.Overtime))
	lo, _ := e.firmIns(f, c)
	for _, ci := range e.crit[e.critAt[c]:e.critAt[c+1]] {
		stock := s.inv[lo+ci.k] // inv + arr when arr is kept apart
		if s.arr != nil {
			stock += s.arr[lo+ci.k]
		}
		if lim := (1-ci.phi)*cp + ci.phi*stock*ci.invA; lim < x {
			x = lim
		}
	}
	return x
}

// sellable is what firm f of cell c can sell this month: what it can make (producible) plus
// its finished-goods stock (sim/README.md §4.5).
func (s *state) sellable(f, c int) float64 { return s.producible(f, c) + s.fin[f] }

// inputUse is what a firm making x uses of an input with coefficient a and stock on hand
// stock: a x, or the stock where it falls short (min as a predictable branch: stock usually
// suffices), and the whole stock where a rounding residue (below res a) would be left.
func inputUse(a, x, stock, res float64) float64 {
	u := a * x
	if stock < u {
		u = stock
	}
	if stock-u < res*a {
		u = stock
	}
	return u
}

// targets computes the nested Armington target shares for every user type, input and origin
// (Armington 1969; the two-level nest of GTAP, Hertel ed. 1997, ch. 2): among import origins
// s*_o|M = beta_o qe_o^-sigmaM / sum, with the import composite's price PM = sum_o s*_o|M qe_o
// (the quantity-weighted price of the import mix); at the top, the home share
// s*_H = beta_H qe_H^-sigmaD / (beta_H qe_H^-sigmaD + betaM PM^-sigmaD) and s*_o = (1 - s*_H)
// s*_o|M. qe is the buyer price with the reliability penalty. Shares are quantity shares.
func (s *state) targets() {
	e := s.e
	R, S := e.R, e.S
	if R == 1 {
		return // no import origin: every target is home's, 1 (reset)
	}
	for u := range e.U {
		d := u / e.UT
		for ui := e.uInsAt[u]; ui < e.uInsAt[u+1]; ui++ {
			i := e.uIns[ui]
			k := ui * R // beta and star of (u, i) (sparse.go)
			sum, pm := 0.0, 0.0
			for _, o := range e.rord {
				if o == d {
					continue
				}
				v := s.beta[k+o] * s.pw[(o*R+d)*S+i]
				s.star[k+o] = v
				sum += v
			}
			if sum > 0 {
				for _, o := range e.rord {
					if o != d {
						s.star[k+o] /= sum
						pm += s.star[k+o] * s.qe[(o*R+d)*S+i]
					}
				}
			}
			home := 1.0
			if bm := s.betaM[ui]; bm > 0 && sum > 0 {
				vh := s.beta[k+d] * s.pw[(d*R+d)*S+i]
				if pm != s.pows.pm[ui] { // the power of last month's price is kept (powCache)
					s.pows.pm[ui], s.pows.pmSig[ui] = pm, s.powSigD[i].pow(pm)
				}
				vm := bm * s.pows.pmSig[ui]
				home = vh / (vh + vm)
			} else if sum > 0 && s.beta[k+d] == 0 {
				home = 0
			}
			for _, o := range e.rord {
				if o == d {
					s.star[k+o] = home
				} else {
					s.star[k+o] *= 1 - home
				}
			}
		}
	}
}

// border applies the month's controls to the orders on every route (sim/README.md §4.7): a quota
// ships at most Q, rationed across buyers in proportion to their orders; licence orders approved
// delay months ago are released, capped by the licence limit. Then it sums the orders that
// reach each origin's firms.
func (s *state) border(t int) {
	e := s.e
	R, S := e.R, e.S
	clear(s.totP)
	clear(s.totO)
	clear(s.relP)
	clear(s.relO)
	for _, rt := range e.routes {
		tot := s.ordP[rt] + s.ordO[rt]
		bf := 1.0
		if qu := s.bd.quota[rt]; tot > qu {
			bf = qu / tot
		}
		s.bf[rt] = bf
		s.bfRel[rt] = 1
		c := rt/(R*S)*S + rt%S
		s.totP[c] += s.ordP[rt] * bf
		s.totO[c] += s.ordO[rt] * bf
	}
	if e.hub >= 0 {
		first := leakClassFirst(s.g.Rationing)
		for _, rt := range e.routes {
			q := s.leakOrd[rt]
			if q == 0 {
				continue
			}
			c := rt/(R*S)*S + rt%S
			if first {
				s.totP[c] += q
			} else {
				s.totO[c] += q
			}
		}
	}
	for l := range s.lic {
		lp := &s.lic[l]
		rel := lp.tot[t%lp.slots]
		if rel == 0 {
			continue
		}
		rt := lp.rt
		bf := 1.0
		if cp := s.bd.licCap[rt]; rel > cp {
			bf = cp / rel
		}
		s.bfRel[rt] = bf
		c := lp.o*S + lp.i
		if s.g.Rationing == DomesticFirst {
			s.relO[rt] = rel
			s.totO[c] += rel * bf
		} else {
			s.relP[rt] = rel
			s.totP[c] += rel * bf
		}
	}
}

// residue is the share of a firm's base flow below which a quantity left by subtracting nearly
// equal numbers is taken as zero: otherwise a stock of 1e-17 would let a firm produce 1e-17 and
// the average price of nothing would be noise.
const residue = 1e-12

// restock is the output firm f plans beyond its orders to close a share closeK (1/stock_close)
// of the gap between its finished-goods target, tauF months of expected sales, and its stock.
// produce plans it and labour hires for it.
func (s *state) restock(f int, tauF, closeK float64) float64 {
	return (tauF*s.xe[f] - s.fin[f]) * closeK
}

// produce sets every firm's output x = min(capacity, orders, labour limit, input limit) (sim/README.md
// §4.8), the labour limit being employment at normal hours times 1 + overtime, and
// the input limit is the minimum over inputs with phi > 0 of (1 - phi) cap + phi inv / a, capped at
// capacity (Pichler et al. 2022 with a continuous criticality). A seller short of its orders
// serves the first class in full before the second, each class in proportion (§4.6). Inputs
// used are a x, or the stock on hand where a non-critical share runs without the input; they
// leave the stock in deliver's pass over the firms (deliverFirms), which reads and writes the
// stocks once for use and deliveries.
func (s *state) produce() {
	e := s.e
	R, S, n := e.R, e.S, e.n
	over := 1 + s.g.Overtime
	closeK := 1 / s.g.StockClose
	for c := range R * S {
		a := e.ain[e.insAt[c]:e.insAt[c+1]]
		m := len(a)
		crit := e.crit[e.critAt[c]:e.critAt[c+1]]
		tp, to := s.totP[c], s.totO[c]
		tauF := s.sp[c%S].TauF
		var fp, fo, vp, vo, planned, sold, finChg float64
		for f := c * n; f < (c+1)*n; f++ {
			sh := s.share[f]
			op, oo := sh*tp, sh*to
			s.ordRecv[f] = op + oo
			cp := s.cap[f] * s.capFac[c] // capacity in use (capacity shocks)
			// Make to order plus a share 1/stock_close of the gap to the finished-goods target
			// tauF months of expected sales; labour: the employed at normal hours plus
			// overtime (sim/README.md §4.8).
			plan := min(cp, max(0, op+oo+s.restock(f, tauF, closeK)))
			planned += plan
			x := min(plan, s.emp[f]/s.lab[f]*over)
			lo, _ := e.firmIns(f, c)
			inv := s.inv[lo : lo+m]
			for _, ci := range crit {
				lim := (1-ci.phi)*cp + ci.phi*inv[ci.k]*ci.invA
				if lim < x {
					x = lim
				}
			}
			if x < residue*s.fx0[f] {
				x = 0 // a rounding residue of stock or orders is no production
			}
			s.x[f] = x
			// Sales come from this month's output and the finished-goods stock.
			avail := x + s.fin[f]
			fillP, fillO := 1.0, 1.0
			if op > 0 {
				fillP = min(1, avail/op)
			}
			if oo > 0 {
				fillO = min(1, max(0, avail-fillP*op)/oo)
			}
			sales := fillP*op + fillO*oo
			if avail-sales < residue*s.fx0[f] {
				sales = avail // a rounding residue of stock is sold with the rest
			}
			sold += sales
			finChg += x - sales
			s.fin[f] = avail - sales
			fp += sh * fillP
			fo += sh * fillO
			vp += sh * fillP * s.p[f]
			vo += sh * fillO * s.p[f]
		}
		s.fP[c], s.fO[c], s.vP[c], s.vO[c] = fp, fo, vp, vo
		s.acc.ordersIn[c], s.acc.planned[c] = tp+to, planned
		s.acc.sold[c], s.acc.finChg[c] = sold, finChg
	}
}
