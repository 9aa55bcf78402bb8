package main

import (
	"fmt"
	"runtime"

	"github.com/tradesim/tradesim/budget"
	"github.com/tradesim/tradesim/scenarios"
	"github.com/tradesim/tradesim/sim"
)

// checkRunFlags holds the command-line values to the limits a scenario file has (exit 2).
func checkRunFlags(opts *runOptions) error {
	switch {
	case opts.replicatesSet && opts.Replicates > scenarios.MaxReplicates:
		return badInputf("--replicates %d: at most %d replicates in one run (use a sweep for more runs)", opts.Replicates, scenarios.MaxReplicates)
	case opts.firmsSet && opts.Firms > scenarios.MaxFirms:
		return badInputf("--firms %d: at most %d firms per region-sector", opts.Firms, scenarios.MaxFirms)
	case opts.Workers > 4096:
		return badInputf("--workers %d: at most 4096", opts.Workers)
	}
	return nil
}

// runBudget estimates the memory and disk of the planned run and refuses it (exit 2, before
// anything is written) when the machine does not have the memory, unless --ignore-budget,
// which also drops the disk estimate (so the results folder's free-space check passes).
func runBudget(opts *runOptions, p *runPlan) (budget.Estimate, error) {
	l := p.loaded
	workers := opts.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	r := budget.Run{World: l.World, Horizon: l.Scenario.Horizon, Replicates: l.Scenario.Replicates, Firms: l.Firms,
		Workers: workers, Raw: opts.Raw, CSV: p.formats.CSV, Parquet: p.formats.Parquet, JSON: p.formats.JSON,
		ChartFormats: len(p.charts)}
	e := budget.Of(r)
	if opts.IgnoreBudget {
		e.Disk = 0
		return e, nil
	}
	return e, badInput(budget.Check(r, e))
}

// worldMemoryText says what a run on w needs in memory at the defaults (30 firms, 20
// replicates of 36 months, all cores), for `world check`.
func worldMemoryText(w *sim.World) string {
	workers := runtime.GOMAXPROCS(0)
	e := budget.Of(budget.Run{World: w, Horizon: 36, Replicates: scenarios.DefaultReplicates, Firms: sim.DefaultFirms,
		Workers: workers, CSV: true, Parquet: true, JSON: true, ChartFormats: 3})
	text := fmt.Sprintf("a run needs about %s of memory per worker at %d firms; %d replicates of 36 months on %d workers about %s in all",
		budget.Bytes(e.Memory.PerWorker), sim.DefaultFirms, scenarios.DefaultReplicates, e.Memory.Workers, budget.Bytes(e.Peak))
	if avail, _, ok := budget.Available(); ok {
		text += fmt.Sprintf(" (%s available)", budget.Bytes(avail))
		if e.Memory.PerWorker > avail {
			text += "; too much for this machine even with one worker: use fewer firms (--firms) or a smaller world"
		}
	}
	return text
}
