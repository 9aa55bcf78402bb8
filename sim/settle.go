package sim

// accounts are the nominal and real totals of one month, the raw material of the metrics and of
// the accounting checks (sim/README.md §6.2). Money is in the world's currency per month.
type accounts struct {
	// By cell (region x sector), [R*S].
	out, priceIdx, emp, invSum []float64
	rev, useVal, wages, profit []float64 // receipts net of exporter fees; inputs used at delivered prices
	tariff, fee                []float64 // tariff revenue by importer and sector; fee revenue by exporter and sector
	exQ, imQ                   []float64 // export and import quantities (other regions only)
	ordered, got               []float64 // [links] each input a cell buys (ins), ordered and delivered by its firms
	// By region, [R].
	pur, cons, tariffR, feeR, ex, im []float64 // purchases of firms and final buyers at buyer prices; border values
	income, tariff0Q, emp0           []float64 // GDP by income; base-rate tariffs on real imports; base employment
	demand                           []float64 // orders reaching the region's firms, at base value added per unit (the stabiliser's demand gap)
	hhIncome                         []float64 // households' income: wages and profits (+ revenue under rebate)
	consB                            []float64 // [R*NumBuyers] spending of each final buyer at buyer prices
	hhGot                            []float64 // [R*S] quantity delivered to households (welfare)
	ordersIn, planned                []float64 // [R*S] orders reaching the cell's firms; output planned (orders and restocking within capacity)
	sold, finChg                     []float64 // [R*S] sales; change of the finished-goods stock (output - sales)
	used                             []float64 // [R*S] inputs used by the cell's firms (quantity)
	// By route, [R*R*S]: quantity received by buyers (for the check against what sellers shipped).
	recvQ []float64
}

func newAccounts(R, S, RRS, links int) accounts {
	f := func(n int) []float64 { return make([]float64, n) }
	RS := R * S
	return accounts{
		out: f(RS), priceIdx: f(RS), emp: f(RS), invSum: f(RS),
		rev: f(RS), useVal: f(RS), wages: f(RS), profit: f(RS),
		tariff: f(RS), fee: f(RS), exQ: f(RS), imQ: f(RS), ordered: f(links), got: f(links),
		pur: f(R), cons: f(R), tariffR: f(R), feeR: f(R), ex: f(R), im: f(R),
		income: f(R), tariff0Q: f(R), emp0: f(R), demand: f(R), recvQ: f(RRS), used: f(RS),
		hhIncome: f(R), consB: f(R * int(NumBuyers)), hhGot: f(RS), ordersIn: f(RS), planned: f(RS), sold: f(RS), finChg: f(RS),
	}
}

// settle books the month (sim/README.md §4.10). Every money value is in the currency of the region it
// belongs to: a seller's receipts in its own, a buyer's payments in its own (deliver applied
// the exchange-rate factor). Profits are receipts less inputs used (at this month's delivered
// prices) less wages; GDP by income = wages + profits + tariff and fee revenue; households'
// income is wages and profits, plus the revenue when it is rebated, smoothed for next month's
// budget. Expected orders, reliability, consumer prices, the unemployment rate and the smoothed
// trade balance (the exchange rates' signal) update.
func (s *state) settle() {
	e := s.e
	R, S, n := e.R, e.S, e.n
	a := &s.acc
	g := &s.g
	// useVal, invSum, ordered and got were summed in deliver's pass over the firms.
	for _, v := range [][]float64{a.out, a.priceIdx, a.emp, a.rev, a.wages, a.tariff, a.fee,
		a.exQ, a.imQ, a.tariffR, a.feeR, a.ex, a.im, a.income, a.tariff0Q, a.hhIncome} {
		clear(v)
	}
	for c := range R * S {
		d := c / S
		wage := s.wage[d]
		var out, pidx, emp, wages float64
		for f := c * n; f < (c+1)*n; f++ {
			out += s.x[f]
			pidx += s.w[f] * s.p[f]
			emp += s.emp[f]
			wages += wage * s.emp[f]
			s.xe[f] = g.OrderSmoothing*s.ordRecv[f] + (1-g.OrderSmoothing)*s.xe[f]
		}
		a.out[c], a.priceIdx[c], a.emp[c] = out, pidx, emp
		a.wages[c] = wages
	}
	bd := &s.bd
	for _, rt := range e.routes {
		o, d, i := rt/(R*S), rt/S%R, rt%S
		v, q := s.delV[rt], s.delQ[rt]
		fb, fe, t := bd.feeBuyer[rt], bd.feeExp[rt], bd.tariff[rt]
		// Leaked goods in transit to the hub pay neither fee nor the hub's tariff.
		tr := s.transV[rt]
		v -= tr
		border := v*(1+fb) + tr // value at the border: exporter price plus a buyer-borne fee
		a.rev[o*S+i] += v*(1-fe) + tr
		a.fee[o*S+i] += v * (fb + fe)
		a.feeR[o] += v * (fb + fe)
		fx := s.fx[rt] // the exporter's currency into the importer's
		a.tariff[d*S+i] += t * v * (1 + fb) * fx
		a.tariffR[d] += t * v * (1 + fb) * fx
		a.tariff0Q[d] += e.t0[rt] * q
		if o != d {
			a.exQ[o*S+i] += q
			a.imQ[d*S+i] += q
			a.ex[o] += border
			a.im[d] += border * fx
		}
		req := s.ordP[rt] + s.ordO[rt] + s.denied[rt] + s.relP[rt] + s.relO[rt]
		s.reqPrev[rt] = req
		if req > 0 {
			s.unfilled[rt] = max(0, 1-q/req)
		} else {
			s.unfilled[rt] = 0
		}
	}
	if e.hub >= 0 {
		// The hub's traders bought the leaked goods at the maker's price: their margin is the premium.
		for _, rt := range e.routes {
			if v := s.leakV[rt]; v != 0 {
				oh := (rt/(R*S)*R+e.hub)*S + rt%S
				a.rev[e.hub*S+rt%S] -= v * s.fx[oh]
			}
		}
	}
	for c := range R * S {
		a.profit[c] = a.rev[c] - a.useVal[c] - a.wages[c]
		a.income[c/S] += a.rev[c] - a.useVal[c]
	}
	for d := range R {
		a.hhIncome[d] = a.income[d]
		a.income[d] += a.tariffR[d] + a.feeR[d]
		if g.Revenue == RevenueRebate {
			a.hhIncome[d] += a.tariffR[d] + a.feeR[d]
		}
		// Ybar_t = rho Ybar_t-1 + (1 - rho) Y_t-1 (sim/README.md §3): this month's income is next month's.
		s.ibar[d] = g.Rho*s.ibar[d] + (1-g.Rho)*a.hhIncome[d]
		// Laspeyres consumer price index: the base household basket at this month's buyer prices.
		cpi := 0.0
		for _, o := range e.rord {
			for i := range S {
				rt := (o*R+d)*S + i
				cpi += e.yH0[rt] * s.q[rt]
			}
		}
		s.cpiPrev[d] = s.cpi[d]
		if e.cpiW[d] > 0 {
			s.cpi[d] = cpi / e.cpiW[d]
		}
		// The trade balance as a share of GDP, smoothed over about a year (the exchange rate's
		// signal, sim/README.md §4.4).
		// The exchange rate's signal (sim/README.md §4.4): the trade balance over GDP, with the
		// quantities of this month valued at export, import and GDP prices smoothed over
		// priceSmoothing months. In the long run it is the nominal trade-balance share; on
		// impact it sees quantities only, so an exchange-rate move does not feed back through
		// its own valuation of this month's imports (a J-curve that made the closure cycle).
		xq, mq, gdp, dem := 0.0, 0.0, a.tariff0Q[d], 0.0
		for j := range S {
			c := d*S + j
			xq += a.exQ[c]
			mq += a.imQ[c]
			gdp += e.va[c] * a.out[c]
			dem += e.va[c] * a.ordersIn[c]
		}
		a.demand[d] = dem
		if xq > 0 {
			s.pxBar[d] += (a.ex[d]/xq - s.pxBar[d]) / priceSmoothing
		}
		if mq > 0 {
			s.pmBar[d] += (a.im[d]/mq - s.pmBar[d]) / priceSmoothing
		}
		if gdp > 0 {
			s.pyBar[d] += (a.income[d]/gdp - s.pyBar[d]) / priceSmoothing
		}
		s.tbBar2[d] = s.tbBar[d]
		if gdp > 0 && s.pyBar[d] > 0 {
			tb := (xq*s.pxBar[d] - mq*s.pmBar[d]) / (gdp * s.pyBar[d])
			s.tbBar[d] += (tb - s.tbBar[d]) / g.TbSmoothing
		}
		emp := 0.0
		for j := range S {
			emp += a.emp[d*S+j]
		}
		s.uPrev2[d] = s.uPrev[d]
		s.uPrev[d] = 1 - emp/s.lf[d]
	}
}

// priceSmoothing is the months over which the exchange rate's signal smooths trade and GDP
// prices (our choice: about a year, the horizon over which trade prices are re-set; Gopinath
// and Rigobon 2008 find a median import price life of 10.6 months).
const priceSmoothing = 12

// invest is capacity dynamics (sim/README.md §4.11): when smoothed orders exceed capacity plus what is
// already being built, a firm starts new capacity of at most g x base capacity a month, arriving
// after L months, never beyond capmax x base capacity, and only while its labour and critical
// inputs can run the capacity it has (a plant short of magnets does not build more plants). Idle capacity above the base capacity depreciates at the depreciation rate;
// base capacity is maintained (our choice: a temporary slump does not destroy plants).
func (s *state) invest(t int) {
	e := s.e
	n, S := e.n, e.S
	ring := s.capRing
	for f := range s.cap {
		sp := &s.sp[f/n%S]
		need := s.xe[f] * (1 + max(sp.Slack, minSlack))
		room := sp.Capmax*s.cap0[f] - s.cap[f] - s.capTot[f] // capacity never beyond capmax x base
		// New capacity only while labour and critical inputs can run the capacity there is.
		runnable := s.producible(f, f/n) >= s.cap[f]*(1-1e-9)
		if sp.G > 0 && s.xe[f] > (s.cap[f]+s.capTot[f])*(1+1e-9) && room > 0 && runnable {
			add := min(need-s.cap[f]-s.capTot[f], sp.G*s.cap0[f], room)
			slot := (t + buildMonths(sp.L)) % ring
			s.capPipe[f*ring+slot] += add
			s.capTot[f] += add
		} else if s.cap[f] > s.cap0[f] {
			if idle := s.cap[f] - max(s.cap0[f], need); idle > 0 {
				s.cap[f] -= s.g.Depreciation * idle
			}
		}
	}
}
