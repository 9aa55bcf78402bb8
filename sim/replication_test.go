package sim_test

import (
	"context"
	"math"
	"testing"

	"pgregory.net/rapid"

	"github.com/tradesim/tradesim/sim"
)

// replicationTol is sim/README.md §6.1's bound: the baseline holds every series at base to 1e-9.
const replicationTol = 1e-9

// baseScenario is a scenario without policies on w: the zero shock.
func baseScenario(horizon, replicates int) *sim.Scenario {
	return &sim.Scenario{Name: "base", Start: sim.NewMonth(2025, 1), Horizon: horizon, Seed: 7, Replicates: replicates}
}

// relErr is |x - y| relative to max(|y|, floor); floor keeps zero series comparable.
func relErr(x, y, floor float64) float64 {
	return math.Abs(x-y) / math.Max(math.Abs(y), floor)
}

// checkSteady fails unless every metric of m equals its value in month 0 in every month and the
// month-0 values equal the world's base values where the world fixes them.
// tb is what checkSteady needs of *testing.T and *rapid.T.
type tb interface {
	Helper()
	Fatalf(format string, args ...any)
}

func checkSteady(t tb, w *sim.World, m *sim.Metrics) {
	t.Helper()
	R, S := w.R(), w.S()
	for r := range R {
		for j := range S {
			x := w.Output(r, j) / 12
			if e := relErr(m.RS[sim.VarOutput][m.RSIndex(0, r, j)], x, 1); e > replicationTol {
				t.Fatalf("output of %d,%d in month 0 is off base by %g", r, j, e)
			}
			if e := relErr(m.RS[sim.VarPrice][m.RSIndex(0, r, j)], 1, 1); e > replicationTol {
				t.Fatalf("price of %d,%d in month 0 is off 1 by %g", r, j, e)
			}
			va := w.ValueAdded(r, j) / 12
			if va > 0 && m.RS[sim.VarProfit][m.RSIndex(0, r, j)] > va*(1+replicationTol) {
				t.Fatalf("profit above value added in %d,%d", r, j)
			}
		}
	}
	for o := range R {
		for d := range R {
			for i := range S {
				base := w.FinalDemand(o, i, d)
				for j := range S {
					base += w.Z[w.ZIndex(o, i, d, j)]
				}
				k := m.FlowIndex(0, o, d, i)
				if e := relErr(m.Flow[sim.FlowQuantity][k], base/12, 1e-12); e > replicationTol {
					t.Fatalf("flow %d->%d %d in month 0 is off base by %g", o, d, i, e)
				}
				if e := relErr(m.Flow[sim.FlowTariffRate][k], w.Tariff0[w.TIndex(o, d, i)], 1); e > replicationTol {
					t.Fatalf("tariff %d->%d %d is off base", o, d, i)
				}
			}
		}
	}
	for t0 := 1; t0 < m.Steps; t0++ {
		for v := range m.RS {
			for r := range R {
				for j := range S {
					x, y := m.RS[v][m.RSIndex(t0, r, j)], m.RS[v][m.RSIndex(0, r, j)]
					floor := 1e-6
					if sim.RSVars[v].Dev == sim.DevPoints {
						floor = 1 // a rate (share) is judged in absolute terms
					}
					if e := relErr(x, y, floor); e > replicationTol {
						t.Fatalf("%s of %d,%d drifts in month %d: %.17g vs %.17g (rel %g)", sim.RSVars[v].Name, r, j, t0, x, y, e)
					}
				}
			}
		}
		for v := range m.Region {
			for r := range R {
				x, y := m.Region[v][m.RegionIndex(t0, r)], m.Region[v][m.RegionIndex(0, r)]
				floor := 1e-6
				switch {
				case sim.RegionVars[v].Dev == sim.DevPoints:
					floor = 1 // a rate (share) is judged in absolute terms
				case sim.RegionVars[v].Dev == sim.DevDifference:
					floor = math.Abs(m.Region[sim.VarGDPReal][m.RegionIndex(0, r)]) // a balance near zero is judged against GDP
				}
				if e := relErr(x, y, floor); e > replicationTol {
					t.Fatalf("%s of %d drifts in month %d: %.17g vs %.17g", sim.RegionVars[v].Name, r, t0, x, y)
				}
			}
		}
		for v := range m.Flow {
			for k := range R * R * S {
				x, y := m.Flow[v][t0*R*R*S+k], m.Flow[v][k]
				if e := relErr(x, y, 1e-9); e > replicationTol {
					t.Fatalf("%s of route %d drifts in month %d: %.17g vs %.17g", sim.FlowVars[v].Name, k, t0, x, y)
				}
			}
		}
	}
}

func TestReplicationGenerated(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		w := sim.GenWorld(rt)
		sc := baseScenario(120, 1)
		sc.Seed = rapid.Uint64().Draw(rt, "seed")
		res, err := sim.Run(context.Background(), w, sc, sc, sim.Options{Firms: rapid.IntRange(1, 4).Draw(rt, "firms"), Workers: 1, Check: true})
		if err != nil {
			rt.Fatal(err)
		}
		checkSteady(rt, w, res.Replicates[0].Baseline)
		checkSteady(rt, w, res.Replicates[0].Scenario)
	})
}

// TestReplicationDefault: on the default world (7 regions x 13 sectors), the baseline with no
// policy holds every metric at base for 120 months, with the accounting checks on, in two
// replicates with different firm draws.
func TestReplicationDefault(t *testing.T) {
	w := defaultWorld(t)
	sc := baseScenario(120, 2)
	res, err := sim.Run(context.Background(), w, sc, sc, sim.Options{Firms: 3, Workers: 2, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Replicates {
		checkSteady(t, w, r.Baseline)
		checkSteady(t, w, r.Scenario)
	}
}
