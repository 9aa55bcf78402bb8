package sim

import (
	"math"
	"math/rand/v2"
)

// state is the whole economy of one run as flat arrays (a struct of slices; inputs only where
// they are bought, sparse.go). A worker owns one state and resets it for each replicate and
// for the baseline and scenario runs of a replicate; after the first reset a month allocates
// nothing (but the border split, once, when a rule first restricts an input).
type state struct {
	e  *economy
	sp []SectorParams
	g  Globals

	// Firm constants of the replicate, [F].
	w     []float64 // size weight within its region-sector, sums to 1 (sim/README.md §3)
	fx0   []float64 // base output per month: w * X
	cap0  []float64 // base capacity: fx0 * (1 + slack)
	tauF  []float64 // stock-target factor: the firm holds tauF * tau_i months of use of input i
	lab   []float64 // labour per unit of output at base (base wage 1)
	c0    []float64 // base unit cost; the markup makes the base price 1
	fg    []int     // sourcing group of the firm: user type * K + speed class
	beta  []float64 // [UI*R] Armington weights: among import origins, and home's at the top nest
	betaM []float64 // [UI] the import composite's Armington weight at the top nest

	// Sourcing groups (user type x speed class), [GI] and [GI*R]: GI entries, one per group and
	// input its user type buys (UI: one per user type and input, FI: one per firm and input its
	// cell buys; layout in sparse.go). Buyers of one user type
	// with the same adjustment speed start from the same base shares and face the same targets,
	// so they hold the same origin shares: shares are kept once per group (exact, not an
	// approximation). Households are class 0 of user type S of their region.
	K, NG   int
	tauS    []float64 // [S] stock norm of each input sector, months of use (SectorParams.Tau)
	powEta  []powBy   // [S] x^-eta_j, the within-origin split (prices)
	powSigM []powBy   // [S] x^-sigmaM_i: among import origins (targets)
	powSigD []powBy   // [S] x^-sigmaD_i: home against the import composite (targets)
	pows    powCache  // exact powers of last month's prices (pow.go)
	gLam    []float64 // [GI] sourcing adjustment speed
	sh      []float64 // [GI*R] standing origin shares
	pin     []float64 // [GI] delivered price of the input at standing shares
	gDem    []float64 // [GI] orders of the group's members (quantity)
	// The split of a unit of orders under border rules, kept only for group inputs a rule has
	// restricted (splitSlot): R origins from splitAt[gi] * R (-1: none yet).
	splitAt []int32
	wP, wO  []float64 // share of a unit of orders placed on origin o, by rationing class
	wK      []float64 // share of a unit of orders that leaks through the hub region
	lfrac   []float64 // [GI] share of a unit of orders approved into a licence pipeline
	lmonths []float64 // [GI] licence months on order per unit of use: sum over routes of share approved x delay; nil without licence pipelines
	gFill   []float64 // [GI] quantity delivered per unit ordered (ordinary orders)
	gVal    []float64 // [GI] amount paid per unit ordered
	gOn     []bool    // [NG] the group has members (households: class 0 only)
	gLic    []bool    // [NG] the group placed licence orders this month
	fdDem   []float64 // [R*NumBuyers*S] final buyers' orders (quantity)
	backlog []float64 // [R*NumBuyers*S] durable purchases that found no goods, ordered again next month
	noise   []float64 // [R*S] log household demand shock, AR(1) (sim/README.md §5)
	pcg     *rand.PCG // the noise stream of the run, reseeded at reset
	rng     *rand.Rand

	// Firm state, [F].
	p       []float64 // price at the factory gate: pc * ps
	pc      []float64 // cost part of the price (sticky)
	cost    []float64 // unit cost at this month's prices (prices), own currency
	ps      []float64 // [R*S] scarcity part of the price (fast), common to a cell's firms
	capFac  []float64 // [R*S] share of capacity in use this month (capacity shocks)
	xP0     []float64 // producible output at base (the scarcity reference)
	cap     []float64 // capacity, output per month
	emp     []float64 // employment, base-year wage bill units
	vac     []float64 // vacancies posted this month (labour.go)
	fin     []float64 // finished-goods stock (quantity)
	xe      []float64 // expected orders: smoothed orders received
	ordRecv []float64 // orders received this month
	x       []float64 // output this month
	share   []float64 // share of its origin's orders (within-origin split by price)
	capPipe []float64 // [F*capRing] capacity under construction by arrival slot
	capTot  []float64 // capacity under construction
	capRing int

	// Firm inputs, [FI]: one entry per firm and input its cell buys (sparse.go).
	inv   []float64 // stock on hand (quantity); without licence pipelines it includes arr
	arr   []float64 // delivered this month, on hand from next month; nil without licence pipelines
	onOrd []float64 // approved under licence, not yet shipped; nil without licence pipelines
	dem   []float64 // orders placed this month (all origins)

	// Cells (origin region x sector), [R*S].
	pIdx       []float64 // origin price: share-weighted firm price
	totP, totO []float64 // orders reaching the cell's firms after the border, by class
	fP, fO     []float64 // quantity fill of the cell's orders, by class
	vP, vO     []float64 // value (price x fill) of the cell's orders, by class
	star       []float64 // [UI*R] Armington target shares
	short      []float64 // input shortage rate of the month (deliver; record writes it)

	// Routes, [R*R*S].
	bd         border
	q          []float64    // buyer price: origin price x (1 + buyer fee) x (1 + tariff)
	qe         []float64    // buyer price with the reliability penalty: q (1 + penalty * unfilled)
	pw         []float64    // qe^-sigmaM on import routes, qe^-sigmaD on domestic ones
	ordP, ordO []float64    // orders placed on the route this month, by class
	denied     []float64    // orders the border closed this month
	relP, relO []float64    // licence orders released this month, by class
	reqPrev    []float64    // orders buyers directed at the route last month (quota open shares)
	bf, bfRel  []float64    // border fill of ordinary and released orders
	unfilled   []float64    // unfilled share last month (reliability)
	fillTab    []routeFill  // [R*S*R] by importer, sector and origin in code order (deliver)
	ordTab     []routeOrder // [R*S*R] the same for order
	delQ, delV []float64    // delivered quantity and value at exporter prices (incl. buyer fee)
	// Leakage, by the route o -> d the orders were denied on: orders placed with o's firms through
	// the hub region, and what was delivered (quantity; value at o's prices).
	leakOrd, leakQ, leakV []float64
	transV                []float64 // value of leaked goods in transit on the route o -> hub
	licOf                 []int     // licence pipeline of the route, -1 if none
	lic                   []licPipe

	// Routes: the exchange-rate factor e_o / e_d that turns the exporter's price into the
	// buyer's currency (producer currency pricing, sim/README.md §4.4), [R*R*S].
	fx []float64

	// Regions, [R]: the macro state (labour.go, macro.go).
	ibar    []float64 // smoothed household income, local currency per month
	wage    []float64 // nominal wage index, base 1
	cpi     []float64 // consumer price index (household basket), base 1
	cpiPrev []float64 // last month's CPI
	demandA []float64 // demand stabiliser A_t, base 1
	demandI []float64 // its integral part, on the unemployment gap (macro.go)
	yGap    []float64 // smoothed demand gap, share of base (macro.go)
	uPrev   []float64 // unemployment rate last month and the month before
	uPrev2  []float64
	lnE     []float64 // log exchange rate, USD per unit of the region's currency
	fxStep  []float64 // this month's step of each currency before the numeraire is taken out
	tbBar   []float64 // trade balance share of GDP, smoothed over about a year
	tbBar2  []float64 // the same a month earlier
	pxBar   []float64 // export, import and GDP price indices smoothed over priceSmoothing months
	pmBar   []float64
	pyBar   []float64
	lf      []float64 // labour force, base-wage-bill units
	u0      []float64 // base unemployment rate
	uMin    []float64 // frictional floor of the unemployment rate
	jobF    []float64 // monthly job-finding rate

	// Accounting of the month (see record.go).
	acc accounts

	// Rules and policies of the current run.
	pols    []compiledPolicy
	rules   []compiledRule
	fired   []FiredRule
	ref     *Metrics // reference path for rule deviations: the baseline run, or nil for base
	start   Month
	metrics *Metrics
	cs      condState
	ev      *ConditionEval // evaluates rule conditions on cs; built once, reused by every run
	w0      *World
}

// licPipe is the approval pipeline of one route under licence: orders approved in month t ship
// in month t + delay (sim/README.md §4.7). Slots are indexed by month modulo the ring length.
type licPipe struct {
	rt, o, d, i int
	ring        []float64 // [slots * nb]: approved quantity by arrival slot and sourcing group of the region
	tot         []float64 // [slots]
	slots, nb   int
}

func newState(e *economy, w *World, pipeRoutes map[int]int) *state {
	R, S, F := e.R, e.S, e.F
	RRS := R * R * S
	f := func(n int) []float64 { return make([]float64, n) }
	s := &state{e: e, w0: w}
	s.sp = make([]SectorParams, S)
	s.tauS = make([]float64, S)
	s.powEta, s.powSigM, s.powSigD = make([]powBy, S), make([]powBy, S), make([]powBy, S)
	s.w, s.fx0, s.cap0, s.tauF, s.lab, s.c0 = f(F), f(F), f(F), f(F), f(F), f(F)
	UI, GI, FI := len(e.uIns), e.groupInputs(), e.firmInputs()
	s.fg, s.beta, s.betaM = make([]int, F), f(UI*R), f(UI)
	s.K, s.NG = e.K, e.NG
	s.gLam, s.pin, s.gDem, s.lfrac, s.gFill, s.gVal = f(GI), f(GI), f(GI), f(GI), f(GI), f(GI)
	s.sh = f(GI * R)
	s.fdDem, s.backlog = f(R*int(NumBuyers)*S), f(R*int(NumBuyers)*S)
	s.noise = f(R * S)
	s.pcg = rand.NewPCG(0, 0)
	s.rng = rand.New(s.pcg)
	s.gOn = make([]bool, e.NG)
	s.gLic = make([]bool, e.NG)
	s.p, s.cap, s.emp, s.xe, s.ordRecv, s.x, s.share, s.capTot = f(F), f(F), f(F), f(F), f(F), f(F), f(F), f(F)
	s.vac, s.pc, s.xP0, s.ps, s.cost, s.capFac = f(F), f(F), f(F), f(R*S), f(F), f(R*S)
	s.fin = f(F)
	s.inv, s.dem = f(FI), f(FI)
	s.pIdx, s.totP, s.totO, s.fP, s.fO, s.vP, s.vO = f(R*S), f(R*S), f(R*S), f(R*S), f(R*S), f(R*S), f(R*S)
	s.star, s.short = f(UI*R), f(R*S)
	s.pows = newPowCache(F, UI)
	s.bd = newBorder(RRS)
	s.q, s.qe, s.pw, s.ordP, s.ordO, s.denied = f(RRS), f(RRS), f(RRS), f(RRS), f(RRS), f(RRS)
	s.relP, s.relO, s.bf, s.bfRel, s.unfilled, s.delQ, s.delV = f(RRS), f(RRS), f(RRS), f(RRS), f(RRS), f(RRS), f(RRS)
	s.fillTab, s.ordTab = make([]routeFill, RRS), make([]routeOrder, RRS)
	s.fx, s.reqPrev = f(RRS), f(RRS)
	s.ibar, s.wage, s.cpi, s.cpiPrev, s.demandA = f(R), f(R), f(R), f(R), f(R)
	s.uPrev, s.uPrev2, s.lnE, s.tbBar, s.tbBar2 = f(R), f(R), f(R), f(R), f(R)
	s.demandI, s.yGap = f(R), f(R)
	s.lf, s.u0, s.uMin, s.jobF, s.fxStep = f(R), f(R), f(R), f(R), f(R)
	s.pxBar, s.pmBar, s.pyBar = f(R), f(R), f(R)
	s.leakOrd, s.leakQ, s.leakV, s.transV = f(RRS), f(RRS), f(RRS), f(RRS)
	s.acc = newAccounts(R, S, RRS, len(e.ins))
	s.licOf = make([]int, RRS)
	for k := range s.licOf {
		s.licOf[k] = -1
	}
	// Pipelines, in the canonical route order (not map order, not region-id order).
	for _, rt := range e.routes {
		d, ok := pipeRoutes[rt]
		if !ok {
			continue
		}
		nb := e.UT * s.K
		slots := d + 1
		s.licOf[rt] = len(s.lic)
		s.lic = append(s.lic, licPipe{
			rt: rt, o: rt / (R * S), d: rt / S % R, i: rt % S,
			ring: f(slots * nb), tot: f(slots), slots: slots, nb: nb,
		})
	}
	if len(s.lic) > 0 {
		// Deliveries wait in arr until next month only where licence releases add to them
		// (deliver); otherwise they join the stock at once, with the same rounding.
		s.arr, s.onOrd = f(FI), f(FI)
		s.lmonths = f(GI)
	}
	return s
}

// reset calibrates the state to the base of the world under the replicate's parameters and firm
// draws: every firm in steady state, every price 1 (sim/README.md §6.1).
func (s *state) reset(st settings, fd *firmDraws) {
	e := s.e
	R, S, n := e.R, e.S, e.n
	copy(s.sp, st.sp)
	s.g = st.g
	for i := range S {
		s.tauS[i] = s.sp[i].Tau
		s.powEta[i] = newPowBy(-s.sp[i].Eta)
		s.powSigM[i], s.powSigD[i] = newPowBy(-s.sp[i].SigmaM), newPowBy(-s.sp[i].SigmaD)
	}
	// Firms.
	for c := range R * S {
		d, j := c/S, c%S
		sp := &s.sp[j]
		inputCost := 0.0
		ins, ain := e.ins[e.insAt[c]:e.insAt[c+1]], e.ain[e.insAt[c]:e.insAt[c+1]]
		pin0 := e.pin0[e.uInsAt[d*e.UT+j]:] // the firm user type's entries are the cell's
		for k := range ins {
			inputCost += ain[k] * pin0[k]
		}
		labUnit := sp.ThetaL * e.va[c] // labour per unit of output at wage 1
		for k := range n {
			f := c*n + k
			s.w[f] = fd.w[f]
			s.fx0[f] = fd.w[f] * e.x0[c]
			s.cap0[f] = s.fx0[f] * (1 + math.Max(sp.Slack, minSlack))
			s.tauF[f] = fd.tau[f]
			s.lab[f] = labUnit * fd.lab[f]
			s.c0[f] = inputCost + s.lab[f]
			s.p[f], s.pc[f] = 1, 1
			s.cost[f] = s.c0[f]
			s.cap[f] = s.cap0[f]
			s.emp[f] = s.fx0[f] * s.lab[f]
			s.xe[f] = s.fx0[f]
			s.ordRecv[f] = s.fx0[f]
			s.x[f] = s.fx0[f]
			s.fin[f] = sp.TauF * s.fx0[f] // tauF months of sales in finished goods
			s.share[f] = s.w[f]
			s.capTot[f] = 0
			lo, _ := e.firmIns(f, c)
			for k, i := range ins {
				use := ain[k] * s.fx0[f]
				// Users hold tau_i months of input i (the input's sector sets the norm: CLEPA's
				// 3-4 weeks of magnets is tau of REE), scaled by the firm's factor.
				s.inv[lo+k] = s.sp[i].Tau * s.tauF[f] * use
				if s.arr == nil {
					s.inv[lo+k] += use // base deliveries, on hand next month
					continue
				}
				s.arr[lo+k] = use
				s.onOrd[lo+k] = 0
			}
		}
	}
	for c := range R * S {
		s.ps[c], s.capFac[c] = 1, 1
		for f := c * n; f < (c+1)*n; f++ {
			s.xP0[f] = s.sellable(f, c)
		}
	}
	// Capacity pipeline ring: long enough for the longest time to build.
	ring := 1
	for j := range S {
		ring = max(ring, buildMonths(s.sp[j].L)+1)
	}
	if len(s.capPipe) < e.F*ring {
		s.capPipe = make([]float64, e.F*ring)
	}
	s.capRing = ring
	clear(s.capPipe[:e.F*ring])
	// Sourcing groups: speeds and shares.
	K := s.K
	for c := range R * S {
		d, j := c/S, c%S
		u := d*e.UT + j
		// Speed factors of the classes, normalised to an output-weighted mean of 1 in the cell.
		var mean float64
		for f := c * n; f < (c+1)*n; f++ {
			s.fg[f] = u*K + fd.cls[f]
			mean += s.w[f] * speedFactor(fd.cls[f], K)
		}
		for g := range K {
			fac := speedFactor(g, K) / mean
			lo := e.gAt[u*K+g]
			for k, i := range e.uIns[e.uInsAt[u]:e.uInsAt[u+1]] {
				s.gLam[lo+k] = math.Min(1, s.sp[i].Lambda*fac) // the input's sector sets the speed
			}
		}
	}
	for d := range R {
		for b := range int(NumBuyers) {
			u := d*e.UT + S + b
			for g := range K {
				lo := e.gAt[u*K+g]
				for k, i := range e.uIns[e.uInsAt[u]:e.uInsAt[u+1]] {
					s.gLam[lo+k] = s.sp[i].Lambda
				}
			}
		}
	}
	clear(s.gOn)
	for f := range e.F {
		s.gOn[s.fg[f]] = true
	}
	for d := range R {
		for b := range int(NumBuyers) {
			s.gOn[(d*e.UT+S+b)*K] = true // final buyers are class 0 of their user type
		}
	}
	for gid := range s.NG {
		u := gid / K
		lo, m := e.gAt[gid], e.uInsAt[u+1]-e.uInsAt[u]
		copy(s.pin[lo:lo+m], e.pin0[e.uInsAt[u]:e.uInsAt[u+1]])
		copy(s.sh[lo*R:(lo+m)*R], e.s0[e.uInsAt[u]*R:e.uInsAt[u+1]*R])
	}
	// Nested Armington weights (sim/README.md §4.6), calibrated so that the targets equal the base
	// shares at base buyer prices q0 = 1 + t0: among import origins beta_o = s0_o|M q0_o^sigmaM
	// (s0_o|M the base share of o within imports); at the top, home beta_d = s0_d q0_d^sigmaD and
	// the import composite betaM = (1 - s0_d) PM0^sigmaD, with PM0 = sum_o s0_o|M q0_o.
	for u := range e.U {
		d := u / e.UT
		for ui := e.uInsAt[u]; ui < e.uInsAt[u+1]; ui++ {
			i := e.uIns[ui]
			k := ui * R // the entries of beta and e.s0
			s0 := e.s0[k : k+R]
			sD, sM := s.sp[i].SigmaD, s.sp[i].SigmaM
			home := s0[d]
			imp := 1 - home
			pm := 0.0
			for _, o := range e.rord { // code order: relabelling-exact
				if o == d {
					continue
				}
				q0 := 1 + e.t0[(o*R+d)*S+i]
				within := 0.0
				if imp > 0 {
					within = s0[o] / imp
				}
				s.beta[k+o] = within * math.Pow(q0, sM)
				pm += within * q0
			}
			s.beta[k+d] = home * math.Pow(1+e.t0[(d*R+d)*S+i], sD)
			s.betaM[ui] = 0
			if imp > 0 {
				s.betaM[ui] = imp * math.Pow(pm, sD)
			}
		}
	}
	for c := range R * S {
		s.pIdx[c] = 1
	}
	s.pows.forget()
	for rt := range s.qe {
		s.qe[rt] = math.NaN() // prices recompute every route's power in the first month
	}
	if R == 1 {
		for k := range s.star {
			s.star[k] = 1 // one region: targets leaves the home share at 1
		}
	}
	for rt := range s.unfilled {
		s.unfilled[rt] = 0
	}
	for r := range R {
		s.ibar[r] = s.incomeBase(r)
		s.wage[r], s.cpi[r], s.cpiPrev[r], s.demandA[r] = 1, 1, 1, 1
		s.demandI[r], s.yGap[r] = 1, 0
		s.acc.demand[r] = e.vaBase[r] // last month's demand, read by the first month's stabiliser
		s.lnE[r] = 0
		s.tbBar[r], s.tbBar2[r] = e.tb0[r], e.tb0[r]
		s.pxBar[r], s.pmBar[r], s.pyBar[r] = 1, 1, 1
		e0 := 0.0
		for k := r * S * n; k < (r+1)*S*n; k++ {
			e0 += s.emp[k]
		}
		s.acc.emp0[r] = e0
		lab := labourOf(s.w0, r)
		s.u0[r], s.uMin[r], s.jobF[r] = lab.Unemployment, lab.Floor, lab.JobFinding
		s.lf[r] = e0 / (1 - s.u0[r])
		s.uPrev[r], s.uPrev2[r] = s.u0[r], s.u0[r]
	}
	clear(s.backlog)
	for rt := range s.fx {
		s.fx[rt] = 1
		s.reqPrev[rt] = e.flow0[rt]
	}
	for l := range s.lic {
		clear(s.lic[l].ring)
		clear(s.lic[l].tot)
	}
	clear(s.lmonths)
	s.fired = s.fired[:0]
	// Both runs of a replicate draw the same shocks (common random numbers).
	s.pcg.Seed(fd.seed, streamKey(fd.rep, streamNoise, ""))
	clear(s.noise)
}

// speedClasses is the number of sourcing-speed classes of firms: three (slow, median, fast)
// when a region-sector has three firms or more.
func speedClasses(n int) int { return min(n, 3) }

// speedFactor is the sourcing speed of class g of K relative to the sector's lambda before
// normalisation: exp(speedSD * z_g), z_g the mean of a standard normal within the g-th of K
// equal-probability bands (for K = 3: -1.09, 0, 1.09).
func speedFactor(g, K int) float64 {
	z := [3][3]float64{{0}, {-0.7979, 0.7979}, {-1.0911, 0, 1.0911}}
	return math.Exp(speedSD * z[K-1][g])
}

// minSlack is the least spare capacity at base (share of base output). With none at all, base
// orders equal capacity and a rounding error of 1e-16 would bind the constraint and start a
// shortage; 1e-6 is economically invisible and keeps the base a strict steady state.
const minSlack = 1e-6

// buildMonths is the time to build L rounded to whole months, at least one.
func buildMonths(L float64) int { return max(1, int(math.Round(L))) }
