package sim_test

import (
	"context"
	"testing"

	"github.com/tradesim/tradesim/scenarios/worlds"
	"github.com/tradesim/tradesim/sim"
)

// defaultWorld loads the embedded default world (7 regions x 13 sectors, 2024).
func defaultWorld(t *testing.T) *sim.World {
	t.Helper()
	w, err := defaultWorldErr()
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func defaultWorldErr() (*sim.World, error) { return worlds.Default() }

// ids resolves region or sector codes of w; a typo fails the test.
type ids struct {
	t *testing.T
	w *sim.World
}

func (x ids) r(code string) int {
	r, ok := x.w.RegionIndex(code)
	if !ok {
		x.t.Fatalf("no region %s", code)
	}
	return r
}

func (x ids) s(code string) int {
	s, ok := x.w.SectorIndex(code)
	if !ok {
		x.t.Fatalf("no sector %s", code)
	}
	return s
}

// testingT is what the helpers need of *testing.T and *rapid.T.
type testingT interface {
	Helper()
	Fatal(...any)
	Fatalf(string, ...any)
}

// run runs sc against its policy-free baseline with the engine's checks on and returns the two
// paths of replicate 0.
func run(t testingT, w *sim.World, sc *sim.Scenario, firms int) (m, b *sim.Metrics) {
	t.Helper()
	base := *sc
	base.Name, base.Policies, base.Rules = "baseline", nil, nil
	res, err := sim.Run(context.Background(), w, sc, &base, sim.Options{Firms: firms, Workers: 1, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	return res.Replicates[0].Scenario, res.Replicates[0].Baseline
}

// dev is the percent deviation of a region-sector metric in month t.
func dev(m, b *sim.Metrics, v sim.RSVar, t, r, s int) float64 {
	k := m.RSIndex(t, r, s)
	return sim.Deviation(sim.DevPercent, m.RS[v][k], b.RS[v][k])
}

// flowDev is the percent deviation of a route metric in month t.
func flowDev(m, b *sim.Metrics, v sim.FlowVar, t, o, d, i int) float64 {
	k := m.FlowIndex(t, o, d, i)
	return sim.Deviation(sim.DevPercent, m.Flow[v][k], b.Flow[v][k])
}

// TestTariffPassThroughAndDiversion: a 25-point US tariff on Chinese ELEC reaches US buyers'
// price of Chinese ELEC in full on impact (Amiti, Redding & Weinstein 2019), cuts imports from
// China and raises imports from every other origin over 12 months (sim/README.md §6.9).
func TestTariffPassThroughAndDiversion(t *testing.T) {
	w := defaultWorld(t)
	x := ids{t, w}
	usa, chn, elec := x.r("USA"), x.r("CHN"), x.s("ELEC")
	sc := baseScenario(14, 1)
	start := 1
	sc.Policies = []sim.Policy{{ID: "us-elec", Kind: sim.Tariff, Rate: 0.25, Exporters: []int{chn}, Importers: []int{usa},
		Sectors: []int{elec}, Start: sc.Start + sim.Month(start), End: sim.Forever}}
	m, b := run(t, w, sc, 5)
	t0 := w.Tariff0[w.TIndex(chn, usa, elec)]
	passThrough := flowDev(m, b, sim.FlowBuyerPrice, start, chn, usa, elec) / 100 * (1 + t0) / 0.25
	if passThrough < 0.9 {
		t.Errorf("pass-through on impact %.3f, want >= 0.9", passThrough)
	}
	k := m.FlowIndex(start, chn, usa, elec)
	if d := sim.Deviation(sim.DevPoints, m.Flow[sim.FlowTariffRate][k], b.Flow[sim.FlowTariffRate][k]); d < 25-1e-9 || d > 25+1e-9 {
		t.Errorf("tariff rate deviation %v points, want 25", d)
	}
	end := start + 12
	if d := flowDev(m, b, sim.FlowQuantity, end, chn, usa, elec); d > -10 {
		t.Errorf("US imports of Chinese ELEC after 12 months %.2f%%, want a fall of more than 10%%", d)
	}
	for o := range w.R() {
		if o == chn || o == usa || b.Flow[sim.FlowQuantity][b.FlowIndex(end, o, usa, elec)] == 0 {
			continue
		}
		if d := flowDev(m, b, sim.FlowQuantity, end, o, usa, elec); d <= 0 {
			t.Errorf("US imports of ELEC from %s after 12 months %.3f%%, want a rise (diversion)", w.Regions[o].Code, d)
		}
	}
}

// TestRareEarthBan: a Chinese ban on rare-earth exports to the US (sim/README.md §6.9). US AUTO runs
// on its stock for about its inventory cover, then cuts output; the firms with the thinnest
// stocks stop first; the shortage spreads to users of US AUTO; rare-earth prices outside China
// rise; lifting the ban brings output back toward base.
func TestRareEarthBan(t *testing.T) {
	w := defaultWorld(t)
	x := ids{t, w}
	usa, chn, ree, auto := x.r("USA"), x.r("CHN"), x.s("REE"), x.s("AUTO")
	const start, months, horizon, firms = 2, 8, 60, 8
	sc := baseScenario(horizon, 1)
	// Magnet makers outside China serve their contracted customers first (loyal-first), as the
	// built-in rare-earth scenarios assume: US buyers turned away by China wait at the back.
	sc.Rationing = sim.ContractsFirst
	sc.Policies = []sim.Policy{{ID: "ree-ban", Kind: sim.ExportControl, Mode: sim.Ban, Exporters: []int{chn},
		Importers: []int{usa}, Sectors: []int{ree}, Start: sc.Start + start, End: sc.Start + start + months - 1}}
	m, b := run(t, w, sc, firms)

	// Runs on stock: output holds in the month the ban starts (deliveries shipped before it
	// arrive) and while the stock of rare earths lasts (cover tau_REE, under a month here).
	cover := w.Params[ree].Tau
	for tt := start; tt <= start+int(cover); tt++ {
		if d := dev(m, b, sim.VarOutput, tt, usa, auto); d < -1 {
			t.Errorf("US AUTO output %.2f%% in month %d, within its %.2f months of stock; want it held", d, tt, cover)
		}
	}
	worst, worstAt := 0.0, 0
	for tt := start; tt < start+months; tt++ {
		if d := dev(m, b, sim.VarOutput, tt, usa, auto); d < worst {
			worst, worstAt = d, tt
		}
	}
	if worst > -5 {
		t.Errorf("US AUTO output falls at most %.2f%% during the ban; want a cut of more than 5%%", worst)
	}
	// Spreads downstream: the largest foreign user of US AUTO parts that needs them (phi > 0)
	// sees shortages.
	user, most := -1, 0.0
	for d := range w.R() {
		if d == usa {
			continue
		}
		if z := w.Z[w.ZIndex(usa, auto, d, auto)]; z > most {
			user, most = d, z
		}
	}
	spread := 0.0
	for tt := start; tt < start+months; tt++ {
		spread = max(spread, m.RS[sim.VarInputShortageRate][m.RSIndex(tt, user, auto)])
	}
	if w.Criticality[auto*w.S()+auto] > 0 && spread <= 0 {
		t.Errorf("%s AUTO, the largest user of US AUTO parts, sees no shortage during the ban", w.Regions[user].Code)
	}
	// Rare-earth prices outside China rise; none falls.
	rise := 0.0
	for r := range w.R() {
		if r == chn {
			continue
		}
		d := dev(m, b, sim.VarPrice, start+months-1, r, ree)
		if d < -1e-9 {
			t.Errorf("%s REE price falls %.3f%% under a Chinese ban", w.Regions[r].Code, d)
		}
		rise = max(rise, d)
	}
	if rise < 5 {
		t.Errorf("REE prices outside China rise at most %.2f%%, want more than 5%%", rise)
	}
	// Lifting the ban: output returns toward base and keeps converging.
	end := start + months
	for _, tt := range []int{end + 12, horizon - 1} {
		if d := dev(m, b, sim.VarOutput, tt, usa, auto); d < worst/2 {
			t.Errorf("US AUTO %.2f%% in month %d after the ban (worst %.2f%% in month %d); want it back toward base", d, tt, worst, worstAt)
		}
	}
	if a, z := dev(m, b, sim.VarOutput, end+12, usa, auto), dev(m, b, sim.VarOutput, horizon-1, usa, auto); -z > -a+1e-9 {
		t.Errorf("US AUTO deviation grows again after the ban: %.3f%% then %.3f%%", a, z)
	}

	// Thinnest stocks first: firms of US AUTO ranked by stock target; the lower half by stock
	// must hit the shortage no later, on average, than the upper half.
	tau, out, err := sim.FirmTrace(w, sc, firms, usa, auto)
	if err != nil {
		t.Fatal(err)
	}
	first := make([]int, firms)
	for k := range firms {
		first[k] = horizon
		for tt := range out {
			if out[tt][k] < 0.99 {
				first[k] = tt
				break
			}
		}
	}
	var thin, thick, nThin, nThick float64
	lowest, highest := 0, 0
	for k := range firms {
		if tau[k] < tau[lowest] {
			lowest = k
		}
		if tau[k] > tau[highest] {
			highest = k
		}
	}
	med := median(tau)
	for k := range firms {
		if tau[k] <= med {
			thin += float64(first[k])
			nThin++
		} else {
			thick += float64(first[k])
			nThick++
		}
	}
	t.Logf("worst %.2f%% at %d; spread %.3f; rise %.2f%%; stock targets %.2f; first month below 99%% %v", worst, worstAt, spread, rise, tau, first)
	if first[lowest] > first[highest] || thin/nThin > thick/nThick {
		t.Errorf("firms with thin stocks do not stop first: stock targets %.2f, first month below 99%% %v", tau, first)
	}
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
