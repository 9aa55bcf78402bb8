package sim_test

import (
	"context"
	"math"
	"runtime"
	"testing"

	"pgregory.net/rapid"

	"github.com/tradesim/tradesim/sim"
)

// invarianceTol: scaling or relabelling changes only the rounding of float sums (1e-16), which
// the dynamics then amplify; sim/README.md §6.3 asks for 1e-9.
const invarianceTol = 1e-9

// invarianceMonths is the horizon of the relabelling property (exact, so it may be long).
const invarianceMonths = 36

// scaleWorld returns w with every flow multiplied by k.
func scaleWorld(w *sim.World, k float64) *sim.World {
	c := w.Clone()
	for i := range c.Z {
		c.Z[i] *= k
	}
	for i := range c.Y {
		c.Y[i] *= k
	}
	return c
}

// maxAbs is the largest |x| in xs, at least tiny.
func maxAbs(xs []float64) float64 {
	m := 1e-300
	for _, x := range xs {
		m = math.Max(m, math.Abs(x))
	}
	return m
}

// TestUnitInvariance: measuring the world in other units changes no percentage result (sim/README.md
// §6.3): levels scale, prices, rates and months do not move. With k = 1024 every operation of the
// engine scales exactly in floating point, so the results must match to the last bit: a single
// equation that is not homogeneous of degree 0 or 1 in the units fails it.
func TestUnitInvariance(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		w := sim.GenWorld(rt)
		sc := genScenario(rt, w, 36)
		base := baseScenario(36, 1)
		base.Seed = sc.Seed
		opts := sim.Options{Firms: rapid.IntRange(1, 3).Draw(rt, "firms"), Workers: 1}
		const k = 1024
		a, err := sim.Run(context.Background(), w, sc, base, opts)
		if err != nil {
			rt.Fatal(err)
		}
		b, err := sim.Run(context.Background(), scaleWorld(w, k), sc, base, opts)
		if err != nil {
			rt.Fatal(err)
		}
		cmp := func(name string, x, y []float64, v sim.Variable) {
			f := 1.0
			if v.Additive {
				f = k
			}
			for i := range x {
				if math.Abs(x[i]) < 1e-280 && math.Abs(y[i]/f) < 1e-280 {
					continue // near the subnormal range scaling by 1024 is no longer exact
				}
				if math.Float64bits(y[i]/f) != math.Float64bits(x[i]) {
					rt.Fatalf("%s[%d]: %.17g in units, %.17g in 1024ths", name, i, x[i], y[i]/f)
				}
			}
		}
		ma, mb := a.Replicates[0].Scenario, b.Replicates[0].Scenario
		for v := range ma.RS {
			cmp(sim.RSVars[v].Name, ma.RS[v], mb.RS[v], sim.RSVars[v])
		}
		for v := range ma.Region {
			cmp(sim.RegionVars[v].Name, ma.Region[v], mb.Region[v], sim.RegionVars[v])
		}
		for v := range ma.Flow {
			cmp(sim.FlowVars[v].Name, ma.Flow[v], mb.Flow[v], sim.FlowVars[v])
		}
	})
}

// TestUnitInvarianceThousands: the default world in millions instead of billions (x 1000) gives
// the same percentage deviations, to 1e-9, for 36 months of a rare-earth ban and a tariff.
// (1000 is not a power of two: the inputs differ by rounding, which the dynamics carry along.)
func TestUnitInvarianceThousands(t *testing.T) {
	w := defaultWorld(t)
	x := ids{t, w}
	sc := baseScenario(36, 1)
	sc.Policies = []sim.Policy{
		{ID: "ban", Kind: sim.ExportControl, Mode: sim.Ban, Exporters: []int{x.r("CHN")}, Importers: []int{x.r("USA")}, Sectors: []int{x.s("REE")}, Start: sc.Start + 2, End: sc.Start + 8},
		{ID: "tariff", Kind: sim.Tariff, Rate: 0.25, Exporters: []int{x.r("CHN")}, Importers: []int{x.r("USA")}, Sectors: []int{x.s("ELEC")}, Start: sc.Start + 1, End: sim.Forever},
	}
	m1, b1 := run(t, w, sc, 3)
	m2, b2 := run(t, scaleWorld(w, 1000), sc, 3)
	worst := 0.0
	check := func(name string, vars []sim.Variable, m1, b1, m2, b2 [][]float64) {
		for v := range vars {
			for k := range m1[v] {
				d1 := sim.Deviation(vars[v].Dev, m1[v][k], b1[v][k])
				d2 := sim.Deviation(vars[v].Dev, m2[v][k], b2[v][k])
				if vars[v].Dev == sim.DevDifference {
					d2 /= 1000 // a difference is a level
				}
				// Percentage deviations are compared in relative terms, floored at 1 point.
				e := math.Abs(d1-d2) / math.Max(1, math.Abs(d1))
				worst = max(worst, e)
				if e > invarianceTol {
					t.Fatalf("%s %s[%d]: deviation %.12g in billions, %.12g in millions", name, vars[v].Name, k, d1, d2)
				}
			}
		}
	}
	check("region-sector", sim.RSVars[:], m1.RS[:], b1.RS[:], m2.RS[:], b2.RS[:])
	check("region", sim.RegionVars[:], m1.Region[:], b1.Region[:], m2.Region[:], b2.Region[:])
	check("route", sim.FlowVars[:], m1.Flow[:], b1.Flow[:], m2.Flow[:], b2.Flow[:])
	t.Logf("largest relative difference of a percentage deviation: %.3g", worst)
}

// permuteRegions returns w with region r moved to perm[r], and sc with its ids mapped.
func permuteRegions(w *sim.World, sc *sim.Scenario, perm []int) (*sim.World, *sim.Scenario) {
	R, S := w.R(), w.S()
	c := w.Clone()
	for r := range R {
		c.Regions[perm[r]] = w.Regions[r]
	}
	for o := range R {
		for i := range S {
			for d := range R {
				for j := range S {
					c.Z[c.ZIndex(perm[o], i, perm[d], j)] = w.Z[w.ZIndex(o, i, d, j)]
				}
				for b := range sim.NumBuyers {
					c.Y[c.YIndex(perm[o], i, perm[d], b)] = w.Y[w.YIndex(o, i, d, b)]
				}
				c.Tariff0[c.TIndex(perm[o], perm[d], i)] = w.Tariff0[w.TIndex(o, d, i)]
			}
		}
	}
	mapIDs := func(xs []int) []int {
		out := make([]int, len(xs))
		for k, r := range xs {
			out[k] = perm[r]
		}
		return out
	}
	mapPolicy := func(p sim.Policy) sim.Policy {
		p.Exporters, p.Importers = mapIDs(p.Exporters), mapIDs(p.Importers)
		return p
	}
	s := *sc
	s.Policies = nil
	for _, p := range sc.Policies {
		s.Policies = append(s.Policies, mapPolicy(p))
	}
	s.Rules = nil
	for _, r := range sc.Rules {
		if r.Then != nil {
			p := mapPolicy(*r.Then)
			r.Then = &p
		}
		s.Rules = append(s.Rules, r)
	}
	return c, &s
}

// TestRegionRelabelling: listing the regions in another order permutes every result and changes
// nothing else, to the last bit (sim/README.md §6.3; KITE PR #8 is the bug this catches).
func TestRegionRelabelling(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		w := sim.GenWorld(rt)
		sc := genScenario(rt, w, invarianceMonths)
		perm := rapid.Permutation(identity(w.R())).Draw(rt, "perm")
		pw, psc := permuteRegions(w, sc, perm)
		opts := sim.Options{Firms: rapid.IntRange(1, 2).Draw(rt, "firms"), Workers: 1}
		base := baseScenario(invarianceMonths, 1)
		base.Seed = sc.Seed
		a, err := sim.Run(context.Background(), w, sc, base, opts)
		if err != nil {
			rt.Fatal(err)
		}
		b, err := sim.Run(context.Background(), pw, psc, base, opts)
		if err != nil {
			rt.Fatal(err)
		}
		ma, mb := a.Replicates[0].Scenario, b.Replicates[0].Scenario
		R, S := w.R(), w.S()
		// The engine sums over regions in the order of their codes, so relabelling changes no bit.
		same := func(name string, x, y float64) {
			if math.Float64bits(x) != math.Float64bits(y) {
				rt.Fatalf("%s: %.17g before relabelling, %.17g after", name, x, y)
			}
		}
		for tt := range invarianceMonths {
			for v := range ma.RS {
				for r := range R {
					for j := range S {
						same(sim.RSVars[v].Name, ma.RS[v][ma.RSIndex(tt, r, j)], mb.RS[v][mb.RSIndex(tt, perm[r], j)])
					}
				}
			}
			for v := range ma.Region {
				for r := range R {
					same(sim.RegionVars[v].Name, ma.Region[v][ma.RegionIndex(tt, r)], mb.Region[v][mb.RegionIndex(tt, perm[r])])
				}
			}
			for v := range ma.Flow {
				for o := range R {
					for d := range R {
						for i := range S {
							same(sim.FlowVars[v].Name, ma.Flow[v][ma.FlowIndex(tt, o, d, i)], mb.Flow[v][mb.FlowIndex(tt, perm[o], perm[d], i)])
						}
					}
				}
			}
		}
	})
}

func identity(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// sameBits fails unless a and b hold bit-identical metrics for every replicate.
func sameBits(t *testing.T, what string, a, b []sim.Replicate) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%s: %d vs %d replicates", what, len(a), len(b))
	}
	eq := func(x, y []float64) bool {
		for i := range x {
			if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
				return false
			}
		}
		return len(x) == len(y)
	}
	for r := range a {
		if a[r].Index != b[r].Index || !eq(a[r].Draws, b[r].Draws) {
			t.Fatalf("%s: replicate %d index or draws differ", what, r)
		}
		for _, pair := range [][2]*sim.Metrics{{a[r].Scenario, b[r].Scenario}, {a[r].Baseline, b[r].Baseline}} {
			x, y := pair[0], pair[1]
			for v := range x.RS {
				if !eq(x.RS[v], y.RS[v]) {
					t.Fatalf("%s: replicate %d %s differs", what, r, sim.RSVars[v].Name)
				}
			}
			for v := range x.Region {
				if !eq(x.Region[v], y.Region[v]) {
					t.Fatalf("%s: replicate %d %s differs", what, r, sim.RegionVars[v].Name)
				}
			}
			for v := range x.Flow {
				if !eq(x.Flow[v], y.Flow[v]) {
					t.Fatalf("%s: replicate %d %s differs", what, r, sim.FlowVars[v].Name)
				}
			}
		}
	}
}

// TestDeterminism: byte-identical results with 1, 2 and 8 workers and GOMAXPROCS 1 and 2, and
// replicate r the same alone and inside a batch (sim/README.md §6.4).
func TestDeterminism(t *testing.T) {
	w := defaultWorld(t)
	x := ids{t, w}
	sc := baseScenario(18, 5)
	sc.Policies = []sim.Policy{{ID: "ban", Kind: sim.ExportControl, Mode: sim.Ban, Exporters: []int{x.r("CHN")},
		Importers: []int{x.r("USA")}, Sectors: []int{x.s("REE")}, Start: sc.Start + 1, End: sc.Start + 6}}
	sc.Uncertainty = []sim.Uncertain{{Key: "sigmaM.*", Dist: sim.DistLognormal, SD: 0.3}, {Key: "tau.REE", Dist: sim.DistUniform, Min: 0.5, Max: 1.5}}
	sc.Rules = []sim.Rule{{ID: "retaliate", When: "output_dev('USA','AUTO') < -2", Lag: 1, Once: true,
		Then: &sim.Policy{Kind: sim.Tariff, Rate: 0.5, Exporters: []int{x.r("CHN")}, Importers: []int{x.r("USA")}, Sectors: []int{x.s("ELEC")}}}}
	base := *sc
	base.Policies, base.Rules = nil, nil
	runWith := func(workers, procs, first, n int) *sim.Result {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		s := *sc
		s.Replicates = n
		res, err := sim.Run(context.Background(), w, &s, &base, sim.Options{Firms: 3, Workers: workers, FirstReplicate: first})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	ref := runWith(1, 1, 0, 5)
	for _, c := range []struct{ workers, procs int }{{2, 1}, {8, 1}, {1, 2}, {2, 2}, {8, 2}} {
		got := runWith(c.workers, c.procs, 0, 5)
		sameBits(t, "workers/GOMAXPROCS", ref.Replicates, got.Replicates)
		for r := range ref.Fired {
			if len(ref.Fired[r]) != len(got.Fired[r]) {
				t.Fatalf("replicate %d: rules fired differ with %d workers", r, c.workers)
			}
		}
	}
	alone := runWith(2, 2, 4, 1)
	sameBits(t, "replicate 4 alone", ref.Replicates[4:5], alone.Replicates)
	if alone.Replicates[0].Index != 4 {
		t.Errorf("replicate index %d, want 4", alone.Replicates[0].Index)
	}
	// The draws differ across replicates: the test is not comparing copies.
	if ref.Replicates[0].Draws[0] == ref.Replicates[1].Draws[0] {
		t.Error("replicates 0 and 1 drew the same multiplier")
	}
}
