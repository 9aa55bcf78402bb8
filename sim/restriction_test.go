package sim_test

import (
	"math"
	"testing"

	"pgregory.net/rapid"

	"github.com/tradesim/tradesim/sim"
)

// runMetrics is the scenario path of run.
func runMetrics(t testingT, w *sim.World, sc *sim.Scenario, firms int) *sim.Metrics {
	t.Helper()
	m, _ := run(t, w, sc, firms)
	return m
}

// maxRelDiff is the largest difference between two runs' metrics, relative to max(|x|, 1e-9).
func maxRelDiff(a, b *sim.Metrics) float64 {
	worst := 0.0
	cmp := func(xs, ys []float64) {
		for k := range xs {
			worst = max(worst, math.Abs(xs[k]-ys[k])/math.Max(math.Abs(xs[k]), 1e-9))
		}
	}
	for v := range a.RS {
		cmp(a.RS[v], b.RS[v])
	}
	for v := range a.Region {
		cmp(a.Region[v], b.Region[v])
	}
	for v := range a.Flow {
		cmp(a.Flow[v], b.Flow[v])
	}
	return worst
}

// restriction is a control of the given mode on route o -> d for sectors, from start to end.
func restriction(mode sim.ControlMode, o, d int, sectors []int, start, end sim.Month) sim.Policy {
	return sim.Policy{ID: "r", Kind: sim.ExportControl, Mode: mode, Exporters: []int{o}, Importers: []int{d},
		Sectors: sectors, Start: start, End: end}
}

// checkOneSemantics fails unless a ban, a quota of 0 and a licence with approval 0 (and a delay)
// give the same results to 1e-12 under every rationing rule (sim/README.md §6.5).
func checkOneSemantics(t testingT, w *sim.World, o, d int, sectors []int, horizon int, firms int) {
	t.Helper()
	for _, rr := range []sim.Rationing{sim.ContractsFirst, sim.Proportional, sim.DomesticFirst} {
		sc := baseScenario(horizon, 1)
		sc.Rationing = rr
		start, end := sc.Start+2, sc.Start+sim.Month(horizon/2)
		ban := restriction(sim.Ban, o, d, sectors, start, end)
		quota := restriction(sim.Quota, o, d, sectors, start, end)
		licence := restriction(sim.License, o, d, sectors, start, end)
		licence.Delay = 2
		sc.Policies = []sim.Policy{ban}
		mb := runMetrics(t, w, sc, firms)
		sc.Policies = []sim.Policy{quota}
		mq := runMetrics(t, w, sc, firms)
		sc.Policies = []sim.Policy{licence}
		ml := runMetrics(t, w, sc, firms)
		if e := maxRelDiff(mb, mq); e > 1e-12 {
			t.Fatalf("rationing %d: a ban and a quota of 0 differ by %g", rr, e)
		}
		if e := maxRelDiff(mb, ml); e > 1e-12 {
			t.Fatalf("rationing %d: a ban and a licence with approval 0 differ by %g", rr, e)
		}
	}
}

// TestOneRestrictionSemantics: on the default world, a Chinese ban on rare-earth exports to the
// US equals a quota of 0 and a licence with approval 0, to 1e-12, under every rationing rule.
func TestOneRestrictionSemantics(t *testing.T) {
	w := defaultWorld(t)
	x := ids{t, w}
	checkOneSemantics(t, w, x.r("CHN"), x.r("USA"), []int{x.s("REE")}, 24, 3)
}

// TestOneRestrictionSemanticsGenerated: the same on random worlds and routes.
func TestOneRestrictionSemanticsGenerated(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		w := sim.GenWorld(rt)
		o := rapid.IntRange(0, w.R()-1).Draw(rt, "exporter")
		d := rapid.IntRange(0, w.R()-1).Filter(func(d int) bool { return d != o }).Draw(rt, "importer")
		i := rapid.IntRange(0, w.S()-1).Draw(rt, "sector")
		checkOneSemantics(rt, w, o, d, []int{i}, 16, 2)
	})
}

// flowOver is the quantity shipped on route o -> d, sector i, summed over months [from, to).
func flowOver(m *sim.Metrics, o, d, i, from, to int) float64 {
	sum := 0.0
	for tt := from; tt < to; tt++ {
		sum += m.Flow[sim.FlowQuantity][m.FlowIndex(tt, o, d, i)]
	}
	return sum
}

// TestTighterRestrictionShipsLess (sim/README.md §6.5): on random worlds, a lower licence approval, a
// lower quota, a higher exporter-borne fee and a higher tariff never raise the restricted flow
// (summed over the policy's months; a fee within a relative 1%, see below).
func TestTighterRestrictionShipsLess(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		w := sim.GenWorld(rt)
		o := rapid.IntRange(0, w.R()-1).Draw(rt, "exporter")
		d := rapid.IntRange(0, w.R()-1).Filter(func(d int) bool { return d != o }).Draw(rt, "importer")
		i := rapid.IntRange(0, w.S()-1).Draw(rt, "sector")
		const horizon = 14
		lo := rapid.Float64Range(0, 1).Draw(rt, "lo")
		hi := rapid.Float64Range(lo, 1).Draw(rt, "hi")
		sc := baseScenario(horizon, 1)
		// Exchange rates and slack discounts frozen: the invariant is about the border
		// instruments. On random worlds a region whose trade is one sector can see its currency
		// overshoot after a tariff, and an exporter whose sales are mostly the taxed route cuts
		// its price by more than a small tariff adds (kappaD up to 0.1), so that within a year
		// the taxed flow sums higher under the higher tariff; those channels are tested by
		// TestClosure, TestLernerSymmetry and the price tests.
		// The return speed is drawn as the built-in scenarios draw it: the pull back toward base
		// shares must not make a tighter restriction ship more.
		sc.Parameters = []sim.ParamSetting{{Key: "xi", Value: 0}, {Key: "xiD", Value: 0}, {Key: "kappaD.*", Value: 0},
			{Key: "return_speed", Value: rapid.Float64Range(1, 4).Draw(rt, "return_speed")}}
		start := sc.Start + 1
		flow := func(p sim.Policy) float64 {
			sc.Policies = []sim.Policy{p}
			return flowOver(runMetrics(rt, w, sc, 2), o, d, i, 1, horizon)
		}
		// A relative 1e-4: the exchange rate and incomes move every flow a little, so two nearly
		// equal restrictions can differ by that much the wrong way.
		tol := func(x float64) float64 { return 1e-4 * math.Max(1, math.Abs(x)) }
		lic := func(a float64) sim.Policy {
			p := restriction(sim.License, o, d, []int{i}, start, sim.Forever)
			p.Approval, p.Delay = a, 1
			return p
		}
		if a, b := flow(lic(lo)), flow(lic(hi)); a > b+tol(b) {
			rt.Fatalf("approval %.3f ships %.9g, more than approval %.3f: %.9g", lo, a, hi, b)
		}
		quota := func(l float64) sim.Policy {
			p := restriction(sim.Quota, o, d, []int{i}, start, sim.Forever)
			p.Limit = l
			return p
		}
		if a, b := flow(quota(lo)), flow(quota(hi)); a > b+tol(b) {
			rt.Fatalf("quota %.3f ships %.9g, more than quota %.3f: %.9g", lo, a, hi, b)
		}
		fee := func(f float64) sim.Policy {
			p := restriction(sim.License, o, d, []int{i}, start, sim.Forever)
			p.Approval, p.Fee, p.FeeBorneBy = 1, f*0.99, sim.FeeExporter
			return p
		}
		// An exporter-borne fee leaves the buyer's price alone: it acts by closing the route to
		// exporters it leaves below cost. It also lowers the exporting region's income, so its
		// currency falls and its firms, with less demand at home, cut prices (the slack
		// discount), which can raise the flow by parts in a thousand: a real effect, but not the
		// restriction's. The test allows it a relative 1%.
		a, b := flow(fee(hi)), flow(fee(lo))
		if a > b*(1+1e-2) {
			rt.Fatalf("fee %.3f ships %.9g, more than fee %.3f: %.9g", hi, a, lo, b)
		}
		tariff := func(r float64) sim.Policy {
			return sim.Policy{ID: "t", Kind: sim.Tariff, Rate: r, Exporters: []int{o}, Importers: []int{d},
				Sectors: []int{i}, Start: start, End: sim.Forever}
		}
		if a, b := flow(tariff(hi)), flow(tariff(lo)); a > b+tol(b) {
			rt.Fatalf("tariff %.3f ships %.9g, more than tariff %.3f: %.9g", hi, a, lo, b)
		}
	})
}

// TestFeeAboveMarginClosesRoute: a revenue share paid by the exporter closes the route once the
// exporter's price net of the fee is below its unit cost (90% on US AI chips for China), and not
// at 15% (Nvidia kept selling H20s under the August 2025 arrangement).
func TestFeeAboveMarginClosesRoute(t *testing.T) {
	w := defaultWorld(t)
	x := ids{t, w}
	usa, chn, aic := x.r("USA"), x.r("CHN"), x.s("AIC")
	sc := baseScenario(8, 1)
	shipped := func(fee float64) float64 {
		p := restriction(sim.License, usa, chn, []int{aic}, sc.Start+1, sim.Forever)
		p.Approval, p.Fee, p.FeeBorneBy = 1, fee, sim.FeeExporter
		sc.Policies = []sim.Policy{p}
		m := runMetrics(t, w, sc, 3)
		return m.Flow[sim.FlowQuantity][m.FlowIndex(6, usa, chn, aic)]
	}
	at15, at90 := shipped(0.15), shipped(0.90)
	t.Logf("US AI chips shipped to China in month 6: %.4g at a 15%% fee, %.4g at 90%%", at15, at90)
	if at90 != 0 {
		t.Errorf("a 90%% exporter-borne fee still ships %.4g: the exporter sells below cost", at90)
	}
	if at15 <= 0 {
		t.Errorf("a 15%% fee closed the route; Nvidia kept selling at 15%%")
	}
}

// TestAIChipBanBounded: under a permanent US ban on AI accelerators for China, China's own
// accelerator output grows but never beyond capmax times its base capacity; after a 6-month ban
// is lifted, the gap to the baseline closes (within a quarter of its peak 36 months later, with
// buyers returning to US chips at the built-ins' middle return speed).
func TestAIChipBanBounded(t *testing.T) {
	w := defaultWorld(t)
	x := ids{t, w}
	usa, chn, aic := x.r("USA"), x.r("CHN"), x.s("AIC")
	const horizon = 60
	sc := baseScenario(horizon, 1)
	ban := restriction(sim.Ban, usa, chn, []int{aic}, sc.Start+1, sim.Forever)
	sc.Policies = []sim.Policy{ban}
	m, b := run(t, w, sc, 3)
	capmax := w.Params[aic].Capmax * (1 + math.Max(w.Params[aic].Slack, 1e-6))
	peak := 0.0
	for tt := range horizon {
		k := m.RSIndex(tt, chn, aic)
		ratio := m.RS[sim.VarOutput][k] / b.RS[sim.VarOutput][k]
		peak = max(peak, ratio)
		if ratio > capmax*(1+1e-9) {
			t.Fatalf("month %d: China's AI-chip output is %.3f times base, above capmax %.3f", tt, ratio, capmax)
		}
	}
	t.Logf("permanent ban: China's AI-chip output peaks at %.2f times base (capmax %.2f x capacity)", peak, w.Params[aic].Capmax)
	if peak <= 1 {
		t.Errorf("China's AI-chip output does not grow under a ban (peak %.3f times base)", peak)
	}
	ban.End = sc.Start + 6
	sc.Policies = []sim.Policy{ban}
	// Chinese buyers return to US chips at the built-in scenarios' middle return speed (they
	// draw 1 to 4); at the default of 1 the gap is 2.1% of a 3.2% peak after 36 months.
	sc.Parameters = []sim.ParamSetting{{Key: "return_speed", Value: 2.5}}
	m, b = run(t, w, sc, 3)
	gap := func(tt int) float64 { return math.Abs(dev(m, b, sim.VarOutput, tt, chn, aic)) }
	top := 0.0
	for tt := 1; tt <= 12; tt++ {
		top = max(top, gap(tt))
	}
	late := gap(6 + 36)
	t.Logf("6-month ban: China's AI-chip output gap peaks at %.1f%%, %.1f%% 36 months after the lifting", top, late)
	if late > top/4 {
		t.Errorf("36 months after a 6-month ban China's AI-chip output is still %.1f%% off, more than a quarter of its peak %.1f%%", late, top)
	}
}

// TestCriticalInputEmbargo (sim/README.md §6.9): a permanent Chinese ban on rare earths for the US.
// US car output falls once its magnet stocks run out; the price of US cars rises (the user's
// output price, not only the input's) within the car ceiling; the shortage spreads to other US
// users of magnets (machinery, defence); rare-earth prices outside China rise within their
// ceiling.
func TestCriticalInputEmbargo(t *testing.T) {
	w := defaultWorld(t)
	x := ids{t, w}
	usa, chn, jpn := x.r("USA"), x.r("CHN"), x.r("JPN")
	ree, auto, eqp, def := x.s("REE"), x.s("AUTO"), x.s("EQP"), x.s("DEF")
	const horizon = 12
	sc := baseScenario(horizon, 1)
	sc.Policies = []sim.Policy{restriction(sim.Ban, chn, usa, []int{ree}, sc.Start+2, sim.Forever)}
	m, b := run(t, w, sc, 5)
	end := horizon - 1
	autoOut, autoPrice := dev(m, b, sim.VarOutput, end, usa, auto), dev(m, b, sim.VarPrice, end, usa, auto)
	t.Logf("after 10 months: US car output %+.1f%%, US car price %+.1f%%, US machinery %+.1f%%, US defence %+.1f%%, Japanese rare-earth price %+.1f%%",
		autoOut, autoPrice, dev(m, b, sim.VarOutput, end, usa, eqp), dev(m, b, sim.VarOutput, end, usa, def), dev(m, b, sim.VarPrice, end, jpn, ree))
	if dev(m, b, sim.VarOutput, 2, usa, auto) < -5 {
		t.Errorf("US car output falls %.1f%% in the ban's first month, before its magnet stocks run out", dev(m, b, sim.VarOutput, 2, usa, auto))
	}
	if autoOut > -5 {
		t.Errorf("US car output %+.1f%% after 10 months of a magnet embargo, want a fall", autoOut)
	}
	if autoPrice <= 1 {
		t.Errorf("US car price %+.2f%%: a car short of magnets should cost more", autoPrice)
	}
	if ceiling := 100 * (w.Params[auto].Pmax*1.5 - 1); autoPrice > ceiling {
		t.Errorf("US car price %+.1f%% beyond its ceiling", autoPrice)
	}
	for _, j := range []int{eqp, def} {
		if d := dev(m, b, sim.VarOutput, end, usa, j); d > -1 {
			t.Errorf("US %s output %+.2f%%: the magnet shortage should spread to it", w.Sectors[j].Code, d)
		}
	}
	p := m.RS[sim.VarPrice][m.RSIndex(end, jpn, ree)]
	if p <= b.RS[sim.VarPrice][b.RSIndex(end, jpn, ree)]*1.01 || p > w.Params[ree].Pmax*1.5 {
		t.Errorf("Japanese rare-earth price index %.3f: want a rise within the ceiling %.2f", p, w.Params[ree].Pmax)
	}
}

// TestFractionalLicenceDelay: a licence with approval 1 and delay 0.5 ships half of the
// approved orders in the month they are placed and the other half the next month: in its first
// month the route carries about half of what a licence with delay 0 carries. Buyers then order
// ahead to cover the delay (their target stock position adds the use the pipeline covers), so
// the route carries a little more for a few months, and over the first year as much as without
// the delay.
func TestFractionalLicenceDelay(t *testing.T) {
	w := defaultWorld(t)
	x := ids{t, w}
	usa, chn, aic := x.r("USA"), x.r("CHN"), x.s("AIC")
	sc := baseScenario(14, 1)
	shipped := func(delay float64) *sim.Metrics {
		p := restriction(sim.License, usa, chn, []int{aic}, sc.Start+2, sim.Forever)
		p.Approval, p.Delay = 1, delay
		sc.Policies = []sim.Policy{p}
		return runMetrics(t, w, sc, 3)
	}
	now, half := shipped(0), shipped(0.5)
	q := func(m *sim.Metrics, tt int) float64 { return m.Flow[sim.FlowQuantity][m.FlowIndex(tt, usa, chn, aic)] }
	if r := q(half, 2) / q(now, 2); r < 0.45 || r > 0.55 {
		t.Errorf("first month under a half-month delay ships %.3f of the no-delay flow, want about half", r)
	}
	if r := q(half, 12) / q(now, 12); r < 0.98 || r > 1.02 {
		t.Errorf("eleventh month under a half-month delay ships %.3f of the no-delay flow, want about the same", r)
	}
	sumNow, sumHalf := 0.0, 0.0
	for tt := 2; tt < 14; tt++ {
		sumNow += q(now, tt)
		sumHalf += q(half, tt)
	}
	if r := sumHalf / sumNow; r < 0.98 || r > 1.02 {
		t.Errorf("a year under a half-month delay ships %.3f of the no-delay flow, want about the same", r)
	}
}

// TestLicenceDelayKeepsStocks: a routine licence (approval 1, one month's delay) on every
// Chinese rare-earth export to the EU costs EU car makers no output once the pipeline has
// filled: they order ahead by the delay, so they hold their stock target on hand. (Counting
// orders in the pipeline toward the stock target without adding the use they cover left car
// makers whose target is under a month short of magnets for as long as the delay lasted: 2-3%
// less output, and buyers moving to Japanese cars.)
func TestLicenceDelayKeepsStocks(t *testing.T) {
	w := defaultWorld(t)
	x := ids{t, w}
	chn, eu, ree, auto := x.r("CHN"), x.r("EU"), x.s("REE"), x.s("AUTO")
	sc := baseScenario(24, 1)
	p := restriction(sim.License, chn, eu, []int{ree}, sc.Start+2, sim.Forever)
	p.Approval, p.Delay = 1, 1
	sc.Policies = []sim.Policy{p}
	m, b := run(t, w, sc, 30)
	worst := 0.0
	for tt := 12; tt < 24; tt++ {
		worst = min(worst, dev(m, b, sim.VarOutput, tt, eu, auto))
	}
	t.Logf("EU car output under a routine one-month licence, months 12-23: worst %+.2f%%", worst)
	if worst < -0.1 { // without the lead time in the target: -0.23% here, 2-3% in the 2025 scenario
		t.Errorf("EU car output %+.2f%% a year into a routine licence with approval 1: stocks should have been rebuilt", worst)
	}
}
