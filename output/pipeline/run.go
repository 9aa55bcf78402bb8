package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"github.com/tradesim/tradesim/output"
	"github.com/tradesim/tradesim/scenarios"
	"github.com/tradesim/tradesim/sim"
)

// RunOptions control how a scenario runs; none of them changes a result.
type RunOptions struct {
	Workers int // replicates in parallel; 0 = all cores
	// Progress, if set, is called after each replicate with the number done and the total.
	Progress func(done, total int)
	// SpillDir is the folder of the temporary file the replicates are spilled to ("" = the
	// system's temporary folder, $TMPDIR). It is removed when the run is closed. `tradesim run`
	// spills beside its results folder (SpillDirFor): on the disk the results go to, never in
	// a /tmp that may be memory (tmpfs).
	SpillDir string
}

// Run is a finished run: its header, its replicates in a store, and the rules that fired.
type Run struct {
	Loaded *scenarios.Loaded
	Header *sim.Result // Replicates and Fired are nil: the replicates are in Store
	Store  *output.Store
	Fired  [][]sim.FiredRule // by replicate: a few entries each, kept for the policy windows
}

// Close removes the replicates' spill file.
func (r *Run) Close() error { return r.Store.Close() }

// Simulate runs a loaded scenario against its baseline, streaming every replicate into a spill
// store, so that memory does not grow with the replicates.
func Simulate(ctx context.Context, l *scenarios.Loaded, o RunOptions) (*Run, error) {
	var st *output.Store
	run := &Run{Loaded: l}
	var serr error
	opts := sim.Options{Workers: o.Workers, Firms: l.Firms, Progress: o.Progress,
		OnReplicate: func(rep sim.Replicate, fired []sim.FiredRule) error {
			if st == nil {
				return errors.New("pipeline: the store is not open")
			}
			run.Fired = append(run.Fired, fired)
			return st.Add(&rep)
		},
	}
	// The store needs the run's header (regions, sectors, months) before the first replicate:
	// it is the world's and the scenario's, as sim.Run reports them.
	header := &sim.Result{
		Scenario: l.Scenario.Name, Regions: l.World.RegionCodes(), Sectors: l.World.SectorCodes(),
		Start: l.Scenario.Start, Steps: l.Scenario.Horizon, Seed: l.Scenario.Seed,
	}
	st, serr = output.NewStore(header, o.SpillDir)
	if serr != nil && o.SpillDir != "" {
		st, serr = output.NewStore(header, "") // a folder we cannot write to: the system's
	}
	if serr != nil {
		return nil, serr
	}
	res, err := sim.Run(ctx, l.World, l.Scenario, l.Baseline, opts)
	if err != nil {
		st.Close()
		return nil, err
	}
	st.Header = res
	run.Header, run.Store = res, st
	return run, nil
}

// SpillDirFor is where a run spills its replicates beside the folder dir: the nearest folder
// of dir's path that exists. `tradesim run` passes the results folder's parent, so that the
// spill is on the results' disk and never inside the results folder itself.
func SpillDirFor(dir string) string {
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}
