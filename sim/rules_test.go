package sim_test

import (
	"context"
	"math"
	"testing"

	"github.com/tradesim/tradesim/sim"
)

// tariffAt is the tariff in force on exporter o -> importer d, sector i in month t.
func tariffAt(m *sim.Metrics, t, o, d, i int) float64 {
	return m.Flow[sim.FlowTariffRate][m.FlowIndex(t, o, d, i)]
}

// TestRules: a tit-for-tat rule fires once, after its lag, only when its condition holds; a
// truce rule ends a policy (sim/README.md §4.1; scenarios/README.md, rules).
func TestRules(t *testing.T) {
	w := defaultWorld(t)
	x := ids{t, w}
	usa, chn, elec, agr := x.r("USA"), x.r("CHN"), x.s("ELEC"), x.s("AGR")
	const hike, lag, truce, horizon = 3, 2, 9, 14
	scenario := func(rate float64) *sim.Scenario {
		sc := baseScenario(horizon, 1)
		sc.Policies = []sim.Policy{{ID: "us-elec", Kind: sim.Tariff, Rate: rate, Exporters: []int{chn}, Importers: []int{usa},
			Sectors: []int{elec}, Start: sc.Start + hike, End: sim.Forever}}
		sc.Rules = []sim.Rule{
			{ID: "tit-for-tat", When: "tariff('USA','CHN','ELEC') > 0.5", Lag: lag, Once: true,
				Then: &sim.Policy{Kind: sim.Tariff, Rate: 0.25, Exporters: []int{usa}, Importers: []int{chn}, Sectors: []int{agr}}},
			{ID: "truce", When: "month >= " + itoa(truce), Lift: []int{0}, Once: true},
		}
		return sc
	}
	runRules := func(sc *sim.Scenario) *sim.Result {
		base := *sc
		base.Policies, base.Rules = nil, nil
		res, err := sim.Run(context.Background(), w, sc, &base, sim.Options{Firms: 3, Workers: 1, Check: true})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := runRules(scenario(0.6))
	m := res.Replicates[0].Scenario
	start := res.Start
	var tft []sim.FiredRule
	for _, f := range res.Fired[0] {
		if f.Rule == "tit-for-tat" {
			tft = append(tft, f)
		}
	}
	if len(tft) != 1 {
		t.Fatalf("tit-for-tat fired %d times, want once: %v", len(tft), res.Fired[0])
	}
	// The US tariff is in force from month hike; that month's state is read at the start of the
	// next, and the Chinese tariff follows lag months after the month the condition held.
	if want := start + hike; tft[0].Condition != want {
		t.Errorf("condition held in %v, want %v", tft[0].Condition, want)
	}
	if want := start + hike + lag; tft[0].Effective != want {
		t.Errorf("retaliation effective %v, want %v", tft[0].Effective, want)
	}
	base0 := w.Tariff0[w.TIndex(usa, chn, agr)]
	for tt := range horizon {
		want := base0
		if tt >= hike+lag {
			want += 0.25
		}
		if got := tariffAt(m, tt, usa, chn, agr); math.Abs(got-want) > 1e-12 {
			t.Errorf("Chinese tariff on US AGR in month %d is %v, want %v", tt, got, want)
		}
		wantUS := w.Tariff0[w.TIndex(chn, usa, elec)]
		if tt >= hike && tt < truce {
			wantUS += 0.6
		}
		if got := tariffAt(m, tt, chn, usa, elec); math.Abs(got-wantUS) > 1e-12 {
			t.Errorf("US tariff on Chinese ELEC in month %d is %v, want %v (truce from month %d)", tt, got, wantUS, truce)
		}
	}
	// With a 20-point hike the tariff in force (base plus hike) stays below 0.5: no firing.
	if w.Tariff0[w.TIndex(chn, usa, elec)]+0.2 >= 0.5 {
		t.Fatal("the base tariff is too high for the no-trigger case")
	}
	res = runRules(scenario(0.2))
	for _, f := range res.Fired[0] {
		if f.Rule == "tit-for-tat" {
			t.Errorf("tit-for-tat fired although the tariff stayed below 0.5: %+v", f)
		}
	}
	for tt := range horizon {
		if got := tariffAt(res.Replicates[0].Scenario, tt, usa, chn, agr); got != base0 {
			t.Errorf("Chinese tariff on US AGR moved to %v in month %d without a trigger", got, tt)
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// TestLicenceFee: a US licence on AI accelerators for China, capped at half the base flow with a
// 15% fee borne by the exporter, restores exports up to the cap (against a ban) and books the fee
// as US government revenue; the buyer's price does not carry the fee.
func TestLicenceFee(t *testing.T) {
	w := defaultWorld(t)
	x := ids{t, w}
	usa, chn, aic := x.r("USA"), x.r("CHN"), x.s("AIC")
	const horizon, limit, fee = 12, 0.5, 0.15
	ban := baseScenario(horizon, 1)
	ban.Name = "ban"
	ban.Policies = []sim.Policy{{ID: "ban", Kind: sim.ExportControl, Mode: sim.Ban, Exporters: []int{usa}, Importers: []int{chn},
		Sectors: []int{aic}, Start: ban.Start, End: sim.Forever}}
	lic := baseScenario(horizon, 1)
	lic.Name = "licence"
	lic.Policies = []sim.Policy{{ID: "h20", Kind: sim.ExportControl, Mode: sim.License, Approval: 1, Limit: limit, Fee: fee,
		FeeBorneBy: sim.FeeExporter, Exporters: []int{usa}, Importers: []int{chn}, Sectors: []int{aic}, Start: lic.Start, End: sim.Forever}}
	res, err := sim.Run(context.Background(), w, lic, ban, sim.Options{Firms: 4, Workers: 1, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	m, b := res.Replicates[0].Scenario, res.Replicates[0].Baseline
	base := 0.0
	for j := range w.S() {
		base += w.Z[w.ZIndex(usa, aic, chn, j)]
	}
	base = (base + w.FinalDemand(usa, aic, chn)) / 12
	if base == 0 {
		t.Fatal("the default world has no US AIC exports to China")
	}
	reached := false
	for tt := range horizon {
		k := m.FlowIndex(tt, usa, chn, aic)
		q := m.Flow[sim.FlowQuantity][k]
		if bq := b.Flow[sim.FlowQuantity][k]; bq != 0 {
			t.Errorf("month %d: the ban lets %v through", tt, bq)
		}
		if q > limit*base*(1+1e-9) {
			t.Errorf("month %d: licensed exports %.6g exceed the cap %.6g", tt, q, limit*base)
		}
		reached = reached || q >= 0.99*limit*base
		value := q * m.Flow[sim.FlowExportPrice][k]
		// The only fee in this scenario: US government revenue is 15% of the licensed value.
		if got := m.Region[sim.VarRegionExportFeeRevenue][m.RegionIndex(tt, usa)]; math.Abs(got-fee*value) > 1e-9*math.Max(1, value) {
			t.Errorf("month %d: US fee revenue %.9g, want 15%% of %.9g", tt, got, value)
		}
		if got := m.RS[sim.VarExportFeeRevenue][m.RSIndex(tt, usa, aic)]; math.Abs(got-fee*value) > 1e-9*math.Max(1, value) {
			t.Errorf("month %d: US AIC fee revenue %.9g, want 15%% of %.9g", tt, got, value)
		}
		if got := m.Region[sim.VarRegionExportFeeRevenue][m.RegionIndex(tt, chn)]; got != 0 {
			t.Errorf("month %d: China books %v of a US fee", tt, got)
		}
		// Producer currency pricing: the Chinese buyer pays the US price at e_USA / e_CHN.
		fx := m.Region[sim.VarExchangeRate][m.RegionIndex(tt, usa)] / m.Region[sim.VarExchangeRate][m.RegionIndex(tt, chn)]
		if bp, xp, tr := m.Flow[sim.FlowBuyerPrice][k], m.Flow[sim.FlowExportPrice][k], m.Flow[sim.FlowTariffRate][k]; math.Abs(bp-xp*fx*(1+tr)) > 1e-12 {
			t.Errorf("month %d: the buyer pays %v, want the exporter's price %v at the exchange rate plus tariff only", tt, bp, xp)
		}
	}
	if !reached {
		t.Error("licensed exports never reach the cap")
	}
}

// TestRecovery: a 6-month rare-earth ban on the US, EU and Japan, then 60 months more. The
// distance to base (root mean square of output and price deviations over every region-sector)
// shrinks after the ban: no spiral, no explosive or undamped oscillation (sim/README.md §6.8).
func TestRecovery(t *testing.T) {
	w := defaultWorld(t)
	x := ids{t, w}
	const start, months, after = 2, 6, 60
	horizon := start + months + after
	sc := baseScenario(horizon, 1)
	sc.Policies = []sim.Policy{{ID: "ree-ban", Kind: sim.ExportControl, Mode: sim.Ban, Exporters: []int{x.r("CHN")},
		Importers: []int{x.r("USA"), x.r("EU"), x.r("JPN")}, Sectors: []int{x.s("REE")}, Start: sc.Start + start, End: sc.Start + start + months - 1}}
	m, b := run(t, w, sc, 4)
	dist := make([]float64, horizon)
	for tt := range horizon {
		sum, n := 0.0, 0.0
		for r := range w.R() {
			for j := range w.S() {
				for _, v := range []sim.RSVar{sim.VarOutput, sim.VarPrice} {
					d := dev(m, b, v, tt, r, j)
					sum += d * d
					n++
				}
			}
		}
		dist[tt] = math.Sqrt(sum / n)
	}
	peak := 0.0
	for tt := range start + months + 3 {
		peak = max(peak, dist[tt])
	}
	window := func(from, to int) float64 {
		mx := 0.0
		for tt := from; tt < to; tt++ {
			mx = max(mx, dist[tt])
		}
		return mx
	}
	end := start + months
	y1, y3, y5 := window(end+6, end+18), window(end+24, end+36), window(end+48, end+60)
	t.Logf("distance to base: peak %.3f, year 1 %.3f, year 3 %.3f, year 5 %.3f", peak, y1, y3, y5)
	if peak < 1 {
		t.Fatalf("the ban barely moves the economy (peak distance %.3f%%); the test would prove nothing", peak)
	}
	if !(y1 < peak && y3 < y1 && y5 < y3) {
		t.Errorf("distance to base does not shrink: peak %.3f, then %.3f, %.3f, %.3f", peak, y1, y3, y5)
	}
	if y5 > peak/4 {
		t.Errorf("five years after the ban the distance %.3f is still above a quarter of its peak %.3f", y5, peak)
	}
}

// TestLeakage: with leakage, a share of the orders a US ban on AI accelerators for China denies
// reaches Chinese buyers through ROW at a premium: US exports to ROW and ROW's exports to China
// rise against the same ban without leakage, and the ROW -> China price carries the premium.
func TestLeakage(t *testing.T) {
	w := defaultWorld(t)
	x := ids{t, w}
	usa, chn, row, aic := x.r("USA"), x.r("CHN"), x.r(sim.LeakageRegion), x.s("AIC")
	ban := func(leak float64) *sim.Scenario {
		sc := baseScenario(6, 1)
		sc.Name = "ban"
		sc.Policies = []sim.Policy{{ID: "ban", Kind: sim.ExportControl, Mode: sim.Ban, Leakage: leak, Exporters: []int{usa},
			Importers: []int{chn}, Sectors: []int{aic}, Start: sc.Start + 1, End: sim.Forever}}
		return sc
	}
	res, err := sim.Run(context.Background(), w, ban(0.3), ban(0), sim.Options{Firms: 4, Workers: 1, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	m, b := res.Replicates[0].Scenario, res.Replicates[0].Baseline
	const tt = 3
	q := func(m *sim.Metrics, v sim.FlowVar, o, d int) float64 { return m.Flow[v][m.FlowIndex(tt, o, d, aic)] }
	if q(m, sim.FlowQuantity, usa, chn) != 0 || q(b, sim.FlowQuantity, usa, chn) != 0 {
		t.Fatal("the ban lets AIC through on the direct route")
	}
	extra := q(m, sim.FlowQuantity, usa, row) - q(b, sim.FlowQuantity, usa, row)
	resold := q(m, sim.FlowQuantity, row, chn) - q(b, sim.FlowQuantity, row, chn)
	if extra <= 0 || resold <= 0 {
		t.Errorf("leakage moves USA->ROW by %g and ROW->CHN by %g; want both up", extra, resold)
	}
	if p, p0 := q(m, sim.FlowExportPrice, row, chn), q(b, sim.FlowExportPrice, row, chn); p <= p0 {
		t.Errorf("ROW->CHN AIC price %v with leakage, %v without: want the premium", p, p0)
	}
}

// TestRuleReadsState: a rule's condition reads last month's state with deviations from the
// baseline path: it fires in the month after the first month in which every clause holds.
func TestRuleReadsState(t *testing.T) {
	w := defaultWorld(t)
	x := ids{t, w}
	usa, chn, ree, auto := x.r("USA"), x.r("CHN"), x.s("REE"), x.s("AUTO")
	sc := baseScenario(14, 1)
	sc.Rationing = sim.ContractsFirst // as the built-in rare-earth scenarios: see TestRareEarthBan
	sc.Policies = []sim.Policy{{ID: "ban", Kind: sim.ExportControl, Mode: sim.Ban, Exporters: []int{chn}, Importers: []int{usa},
		Sectors: []int{ree}, Start: sc.Start + 1, End: sim.Forever}}
	sc.Rules = []sim.Rule{{ID: "watch", Once: true, Lag: 1,
		When: "output_dev('USA','AUTO') < -5 && shortage('USA','AUTO') > 0.1 && price_dev('USA','REE') > 10 && imports('USA','CHN','REE') < 0.5",
		Then: &sim.Policy{Kind: sim.Tariff, Rate: 0.1, Exporters: []int{chn}, Importers: []int{usa}, Sectors: []int{x.s("AGR")}}}}
	base := *sc
	base.Policies, base.Rules = nil, nil
	res, err := sim.Run(context.Background(), w, sc, &base, sim.Options{Firms: 4, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	m, b := res.Replicates[0].Scenario, res.Replicates[0].Baseline
	holds := func(tt int) bool {
		return dev(m, b, sim.VarOutput, tt, usa, auto) < -5 && m.RS[sim.VarInputShortageRate][m.RSIndex(tt, usa, auto)] > 0.1 &&
			dev(m, b, sim.VarPrice, tt, usa, ree) > 10 && m.Flow[sim.FlowQuantity][m.FlowIndex(tt, chn, usa, ree)] < 0.5*b.Flow[sim.FlowQuantity][b.FlowIndex(tt, chn, usa, ree)]
	}
	first := -1
	for tt := range 13 {
		if holds(tt) {
			first = tt
			break
		}
	}
	if first < 0 {
		t.Fatal("the condition never holds in the recorded state: the test would prove nothing")
	}
	if len(res.Fired[0]) != 1 || res.Fired[0][0].Condition != res.Start+sim.Month(first) {
		t.Errorf("fired %v; want once, on the state of %v", res.Fired[0], res.Start+sim.Month(first))
	}
}
