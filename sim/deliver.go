package sim

// deliver is the buyers' side of delivery (sim/README.md §4.9). A unit ordered by a group brings
// sum_o (wP_o fP_o + wO_o fO_o) bf_o of goods, where f are the sellers' fill rates of each class
// and bf the border fill, and costs the same with the sellers' value fills times the buyer price
// mark-ups (1 + buyer fee)(1 + tariff). Released licence orders are delivered to the groups that
// placed them and, within a group, to its firms in proportion to their orders in the pipeline.
// Deliveries arrive in stock next month.
func (s *state) deliver(t int) {
	e := s.e
	R, S, K := e.R, e.S, s.K
	a := &s.acc
	clear(a.pur)
	clear(a.cons)
	clear(a.consB)
	clear(a.hhGot)
	clear(a.recvQ)
	bd := &s.bd
	hub, prem, leakFirst := e.hub, s.g.LeakagePremium, leakClassFirst(s.g.Rationing)
	domesticFirst := s.g.Rationing == DomesticFirst
	// What a unit ordered on each route brings, by importer and sector, origins in code order:
	// every group of the importer reads the same R entries in a row.
	for d := range R {
		for i := range S {
			rt0 := d*S + i
			tab := s.fillTab[rt0*R : rt0*R+R]
			for k, o := range e.rord {
				rt := rt0 + o*R*S
				c := o*S + i
				fr, vr := s.fP[c], s.vP[c]
				if domesticFirst && o != d {
					fr, vr = s.fO[c], s.vO[c]
				}
				tab[k] = routeFill{fill: fr, val: vr, bf: s.bf[rt], fee: s.fx[rt] * (1 + bd.feeBuyer[rt]), tariff: 1 + bd.tariff[rt], o: o, rt: rt}
			}
		}
	}
	// Group by group, then the firms of the cell whose groups those are (in group order: the
	// groups of a region's cells, then its final buyers'), so that the groups' fill rates are in
	// cache.
	for d := range R {
		for j := range e.UT {
			u := d*e.UT + j
			for gid := u * K; gid < (u+1)*K; gid++ {
				if s.gOn[gid] {
					s.deliverGroup(gid)
				}
			}
			if j < S {
				s.deliverFirms(d*S + j)
			}
		}
	}
	for d := range R {
		for b := range int(NumBuyers) {
			u := d*e.UT + S + b
			g0 := e.gAt[u*K]
			bb := d*int(NumBuyers) + b
			// Inputs not bought: nothing ordered, spent, got or carried over (fdDem and backlog stay 0).
			for kk, i := range e.uIns[e.uInsAt[u]:e.uInsAt[u+1]] {
				gi := g0 + kk
				q := s.fdDem[bb*S+i]
				spent := q * s.gVal[gi]
				a.cons[d] += spent
				a.consB[bb] += spent
				if Buyer(b) == Households {
					a.hhGot[d*S+i] += q * s.gFill[gi]
				}
				// A durable purchase that found no goods waits for next month (car buyers
				// waited in 2021); the rest of the unfilled purchases vanish. Orders approved
				// into a licence pipeline are not unfilled.
				unfilled := q * (1 - s.gFill[gi] - s.lfrac[gi])
				s.backlog[bb*S+i] = s.sp[i].Durable * max(0, unfilled)
			}
		}
	}
	// Released licence orders.
	for l := range s.lic {
		lp := &s.lic[l]
		slot := t % lp.slots
		if lp.tot[slot] == 0 {
			continue
		}
		rt, d, i := lp.rt, lp.d, lp.i
		c := lp.o*S + i
		fill, vfill := s.fP[c], s.vP[c]
		if domesticFirst {
			fill, vfill = s.fO[c], s.vO[c]
		}
		bf := s.bfRel[rt]
		mult := s.fx[rt] * (1 + bd.feeBuyer[rt]) * (1 + bd.tariff[rt])
		ring := lp.ring[slot*lp.nb : (slot+1)*lp.nb]
		for g, amt := range ring {
			if amt == 0 {
				continue
			}
			gid := d*e.UT*K + g
			a.recvQ[rt] += amt * bf * fill
			ring[g] = 0
			if j := g / K; j >= S {
				spent := amt * bf * vfill * mult
				a.cons[d] += spent
				a.consB[d*int(NumBuyers)+j-S] += spent
				if Buyer(j-S) == Households {
					a.hhGot[d*S+i] += amt * bf * fill
				}
				continue
			}
			// Firms of the group get the release in proportion to their pipeline orders (by size
			// if rounding has left none on record).
			cell := d*S + g/K
			ki := e.insPos(cell, i) // the group ordered i, so its cell buys it
			if ki < 0 {
				continue
			}
			pipe, size := 0.0, 0.0
			for f := cell * e.n; f < (cell+1)*e.n; f++ {
				if s.fg[f] == gid {
					lo, _ := e.firmIns(f, cell)
					pipe += s.onOrd[lo+ki]
					size += s.w[f]
				}
			}
			for f := cell * e.n; f < (cell+1)*e.n; f++ {
				lo, _ := e.firmIns(f, cell)
				k := lo + ki
				if s.fg[f] != gid {
					continue
				}
				part := s.w[f] / size
				if pipe > 0 {
					part = s.onOrd[k] / pipe
				}
				if part == 0 {
					continue
				}
				q := amt * part
				got := q * bf * fill
				s.arr[k] += got
				a.got[e.insAt[cell]+ki] += got
				a.ordered[e.insAt[cell]+ki] += q
				s.onOrd[k] = max(0, s.onOrd[k]-q)
				a.pur[d] += q * bf * vfill * mult
			}
			s.short[cell] = s.inputShortage(cell)
		}
		lp.tot[slot] = 0
	}
	// The sellers' side: what every route shipped, from the cells' fill rates.
	for rt := range s.delQ {
		c := rt/(R*S)*S + rt%S
		bf, br := s.bf[rt], s.bfRel[rt]
		s.delQ[rt] = (s.ordP[rt]*s.fP[c]+s.ordO[rt]*s.fO[c])*bf + (s.relP[rt]*s.fP[c]+s.relO[rt]*s.fO[c])*br
		s.delV[rt] = (s.ordP[rt]*s.vP[c]+s.ordO[rt]*s.vO[c])*bf + (s.relP[rt]*s.vP[c]+s.relO[rt]*s.vO[c])*br
	}
	if hub < 0 {
		return
	}
	clear(s.transV)
	for _, rt := range e.routes {
		q := s.leakOrd[rt]
		s.leakQ[rt], s.leakV[rt] = 0, 0
		if q == 0 {
			continue
		}
		o, d, i := rt/(R*S), rt/S%R, rt%S
		c := o*S + i
		fl, vl := s.fO[c], s.vO[c]
		if leakFirst {
			fl, vl = s.fP[c], s.vP[c]
		}
		lq, lv := q*fl, q*vl
		s.leakQ[rt], s.leakV[rt] = lq, lv
		oh, hd := (o*R+hub)*S+i, (hub*R+d)*S+i
		s.delQ[oh] += lq
		s.delV[oh] += lv
		s.transV[oh] += lv
		s.delQ[hd] += lq
		s.delV[hd] += lv * s.fx[oh] * (1 + prem) // the hub's traders resell in the hub's currency
	}
}

// routeFill is what a unit ordered on route rt from origin o brings under order's fast path: the
// seller's quantity and value fill of the class the order is in, the border fill, and the
// buyer's mark-ups: the exchange-rate factor times 1 + buyer fee, and 1 + tariff.
type routeFill struct {
	fill, val, bf, fee, tariff float64
	o, rt                      int
}

// deliverGroup sets what a unit ordered by sourcing group gid brings (gFill) and costs (gVal),
// input by input, and books what its orders bring on every route.
func (s *state) deliverGroup(gid int) {
	e := s.e
	R, S, K := e.R, e.S, s.K
	a := &s.acc
	bd := &s.bd
	hub, prem, leakFirst := e.hub, s.g.LeakagePremium, leakClassFirst(s.g.Rationing)
	u := gid / K
	d := u / e.UT
	g0 := e.gAt[gid]
	for kk, i := range e.uIns[e.uInsAt[u]:e.uInsAt[u+1]] { // the group's entries (sparse.go)
		gi := g0 + kk
		k := gi * R
		dem := s.gDem[gi]
		rt0 := d*S + i
		fill, val := 0.0, 0.0
		if !bd.restricted[d*S+i] {
			// No border rule on this input (order's fast path): a unit ordered goes to the
			// origins by the standing shares, in the class the rationing rule gives it.
			sh := s.sh[k : k+R]
			tab := s.fillTab[rt0*R : rt0*R+R]
			for j := range tab {
				x := &tab[j] // not a copy of the entry
				so := sh[x.o]
				g := so * x.fill * x.bf
				fill += g
				val += so * x.val * x.bf * x.fee * x.tariff
				a.recvQ[x.rt] += dem * g
			}
			s.gFill[gi], s.gVal[gi] = fill, val
			continue
		}
		w := int(s.splitAt[gi]) * R // order gave the entry its slot this month
		wP, wO, wK := s.wP[w:w+R], s.wO[w:w+R], s.wK[w:w+R]
		for _, o := range e.rord {
			rt := rt0 + o*R*S
			c := o*S + i
			bf := s.bf[rt]
			g := (wP[o]*s.fP[c] + wO[o]*s.fO[c]) * bf
			fill += g
			val += (wP[o]*s.vP[c] + wO[o]*s.vO[c]) * bf * s.fx[rt] * (1 + bd.feeBuyer[rt]) * (1 + bd.tariff[rt])
			a.recvQ[rt] += dem * g
			if wK[o] > 0 {
				// Leaked orders: made by o, bought by the hub's traders, resold to d at a
				// premium across the hub -> d border.
				fl, vl := s.fO[c], s.vO[c]
				if leakFirst {
					fl, vl = s.fP[c], s.vP[c]
				}
				hd := (hub*R+d)*S + i
				fill += wK[o] * fl
				val += wK[o] * vl * s.fx[rt] * (1 + prem) * (1 + bd.feeBuyer[hd]) * (1 + bd.tariff[hd])
				a.recvQ[hd] += dem * wK[o] * fl
				a.recvQ[(o*R+hub)*S+i] += dem * wK[o] * fl
			}
		}
		s.gFill[gi], s.gVal[gi] = fill, val
	}
}

// deliverFirms takes from the stocks of the firms of cell c the inputs they used for this
// month's output (produce), and delivers to them: ordinary orders, and this month's licence
// orders into the pipeline position. The pass also sums the cell's inputs used and stock left,
// and its orders due and deliveries by input (shortage rate).
func (s *state) deliverFirms(c int) {
	e := s.e
	S := e.S
	a := &s.acc
	d := c / S
	spent := 0.0
	c0, m := e.insAt[c], e.insAt[c+1]-e.insAt[c] // the cell's inputs (sparse.go)
	cOrd, cGot := a.ordered[c0:c0+m], a.got[c0:c0+m]
	clear(cOrd) // here rather than in one sweep: the entries are used at once
	clear(cGot)
	ain := e.ain[c0 : c0+m]
	var used, useVal, stock float64
	for f := c * e.n; f < (c+1)*e.n; f++ {
		gid := s.fg[f]
		g := e.gAt[gid]
		fill, val, lf, pin := s.gFill[g:g+m], s.gVal[g:g+m], s.lfrac[g:g+m], s.pin[g:g+m]
		lo, _ := e.firmIns(f, c)
		dem, inv := s.dem[lo:lo+m], s.inv[lo:lo+m]
		x, res := s.x[f], residue*s.fx0[f]
		if s.arr == nil {
			// No licence pipeline: deliveries join the stock now, after the month's use (order
			// used to add them next month, before anything read the stock: the same sums).
			for k, q := range dem {
				u := inputUse(ain[k], x, inv[k], res)
				left := inv[k] - u
				used += u
				useVal += u * pin[k] // inputs used at this month's delivered prices
				stock += left
				g := q * fill[k]
				inv[k] = left + g
				spent += q * val[k]
				cOrd[k] += q
				cGot[k] += g
			}
			continue
		}
		for k, ak := range ain {
			u := inputUse(ak, x, inv[k], res)
			inv[k] -= u
			used += u
			useVal += u * pin[k]
			stock += inv[k]
		}
		arr := s.arr[lo : lo+m]
		if s.gLic[gid] {
			onOrd := s.onOrd[lo : lo+m]
			for k, q := range dem {
				onOrd[k] += q * lf[k] // approved licence orders join the pipeline position
			}
			for k, q := range dem {
				g := q * fill[k]
				arr[k] = g // order moved last month's deliveries into stock
				spent += q * val[k]
				cOrd[k] += q * (1 - lf[k]) // orders due this month: not those into the pipeline
				cGot[k] += g
			}
			continue
		}
		for k, q := range dem { // the same with no licence orders (lf = 0)
			g := q * fill[k]
			arr[k] = g
			spent += q * val[k]
			cOrd[k] += q
			cGot[k] += g
		}
	}
	a.pur[d] += spent
	a.used[c], a.useVal[c], a.invSum[c] = used, useVal, stock
	s.short[c] = s.inputShortage(c) // while the cell's orders are in cache
}
