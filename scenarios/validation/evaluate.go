package validation

import (
	"context"
	"fmt"

	"github.com/tradesim/tradesim/output/pipeline"
	"github.com/tradesim/tradesim/sim"
)

// Outcome is a fact evaluated on a real run.
type Outcome struct {
	Fact
	Band       sim.Band // of the figure over replicates
	Replicates int
	Firms      int
	Pass       bool // Lo <= median <= Hi
}

// Evaluate runs every scenario the facts name once, with the scenario file's own replicates,
// firms and seed, and evaluates each fact on its run.
func Evaluate(ctx context.Context, facts []Fact, workers int) ([]Outcome, error) {
	runs := map[string]*run{}
	out := make([]Outcome, 0, len(facts))
	for _, f := range facts {
		r, ok := runs[f.Scenario]
		if !ok {
			var err error
			if r, err = runScenario(ctx, f.Scenario, workers); err != nil {
				return nil, err
			}
			runs[f.Scenario] = r
		}
		xs, err := f.measure(r)
		if err != nil {
			return nil, fmt.Errorf("fact %s: %w", f.ID, err)
		}
		b := sim.NewBand(xs)
		out = append(out, Outcome{
			Fact: f, Band: b, Replicates: len(xs), Firms: r.res.Firms,
			Pass: b.P50 >= f.Lo && b.P50 <= f.Hi,
		})
	}
	return out, nil
}

func runScenario(ctx context.Context, name string, workers int) (*run, error) {
	l, err := pipeline.Load(name, pipeline.Overrides{})
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", name, err)
	}
	res, err := sim.Run(ctx, l.World, l.Scenario, l.Baseline, sim.Options{Workers: workers, Firms: l.Firms})
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", name, err)
	}
	return &run{world: l.World, res: res}, nil
}
