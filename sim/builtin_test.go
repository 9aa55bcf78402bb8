package sim_test

import (
	"context"
	"testing"

	"github.com/tradesim/tradesim/scenarios"
	"github.com/tradesim/tradesim/scenarios/worlds"
	"github.com/tradesim/tradesim/sim"
)

// TestBuiltinScenarios runs every built-in scenario (one replicate, a few firms) with the
// accounting checks on: every identity of sim/README.md §6.2 holds in every month of the 2025
// scenario library, with its parameters, uncertainty, policies and rules; and the scenario
// moves something.
func TestBuiltinScenarios(t *testing.T) {
	for _, name := range scenarios.BuiltinNames() {
		t.Run(name, func(t *testing.T) {
			l, err := scenarios.Load(name, scenarios.LoadOptions{ResolveWorld: worlds.Resolve})
			if err != nil {
				t.Fatal(err)
			}
			sc := *l.Scenario
			sc.Replicates = 1
			res, err := sim.Run(context.Background(), l.World, &sc, l.Baseline, sim.Options{Firms: 3, Workers: 1, Check: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(sc.Policies) == 0 && len(sc.Rules) == 0 {
				return
			}
			m, b := res.Replicates[0].Scenario, res.Replicates[0].Baseline
			moved := false
			for v := range m.Flow {
				for k := range m.Flow[v] {
					moved = moved || m.Flow[v][k] != b.Flow[v][k]
				}
			}
			if !moved && l.BaselineName == "" {
				t.Errorf("scenario %s has policies but no flow differs from its baseline", name)
			}
		})
	}
}
