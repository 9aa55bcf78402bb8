package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/tradesim/tradesim/output"
	"github.com/tradesim/tradesim/scenarios"
	"github.com/tradesim/tradesim/sim"
)

// SweepOptions control a sweep; none of them changes a run's result.
type SweepOptions struct {
	Dir           string
	Workers       int // runs in parallel; 0 = all cores
	Shard, Shards int // this process runs the batches b with b % Shards == Shard; Shards 0 = 1
	Resume        bool
	// KeepSeries keeps, beside every batch, the monthly deviation path of every metric's
	// series in every run (series-NNNN.parquet).
	KeepSeries bool
	Charts     []string // chart formats for a complete sweep; none for no charts
	Size       output.Size
	Version    string
	Now        func() time.Time
	// Progress, if set, is called after each run with the runs this process has done (runs
	// found finished by --resume included) and the runs it holds.
	Progress func(done, total int)
}

// SweepResult says what a sweep did.
type SweepResult struct {
	Manifest *output.SweepManifest
	Ran      int      // runs run by this process
	Resumed  int      // runs found finished (--resume)
	Notes    []string // charts that could not be drawn, and why
}

// stateName is the file a sweep writes first: its manifest without files, so that --resume
// can tell that the folder holds this sweep (and which shard) before it has a manifest.
const stateName = "sweep.json"

// BatchSize is the number of runs per batch file for a plan of n runs: about a hundred files
// whatever the size (never one file per run), from 10 to 1,000 runs each. It depends on n
// only, so every shard layout and every resumed sweep cuts the same batches.
func BatchSize(n int) int { return min(1000, max(10, (n+99)/100)) }

// SweepManifest is the manifest of a sweep before it runs: what it is and how it is cut.
func SweepManifest(sw *scenarios.Sweep, o SweepOptions) *output.SweepManifest {
	runs := sw.Runs()
	bs := BatchSize(runs)
	m := &output.SweepManifest{
		Tool: "tradesim", Kind: "sweep", Version: o.Version,
		Sweep: sw.Name, Title: sw.Title, Source: sw.Path, SHA256: sw.SHA256, Scenario: sw.BaseRef, ScenarioSHA256: sw.Base.SHA256,
		Design: output.SweepDesign{
			Design: sw.Design, Samples: sw.Samples, Seed: sw.Seed, Replicates: sw.Replicates, Firms: sw.Firms,
		},
		Runs: runs, BatchSize: bs, Batches: (runs + bs - 1) / bs, Shard: o.Shard, Shards: max(1, o.Shards),
		Held: []int{}, Files: []output.FileRecord{}, KeepSeries: o.KeepSeries,
	}
	if sw.Design == scenarios.DesignMorris {
		m.Design.Levels = sw.Levels
	}
	for _, f := range sw.Factors {
		m.Design.Factors = append(m.Design.Factors, output.SweepFactor{Name: f.Name, Path: f.Path, Min: f.Min, Max: f.Max, Log: f.Log})
	}
	start := sw.Base.Scenario.Start
	for _, x := range sw.Metrics {
		m.Design.Metrics = append(m.Design.Metrics, output.SweepMetricRecord{
			Name: x.Name, Variable: x.Variable, Region: x.Region, Sector: x.Sector, Stat: x.Stat,
			From: (start + sim.Month(x.From)).String(), To: (start + sim.Month(x.To)).String(),
		})
	}
	return m
}

// RunColumnsOf is the runs table's columns for a sweep.
func RunColumnsOf(sw *scenarios.Sweep) output.RunColumns {
	return SweepManifest(sw, SweepOptions{}).Columns()
}

// shardBatches lists the batches of shard i of n.
func shardBatches(batches, i, n int) []int {
	var out []int
	for b := i; b < batches; b += n {
		out = append(out, b)
	}
	return out
}

// RunSweep runs the sweep's runs of one shard (all of them by default) on a worker pool and
// writes the sweep folder: plan.parquet, runs-NNNN.parquet one batch at a time, and when the
// folder holds every batch, runs.csv, sensitivity.csv and the charts; manifest.json last.
// A batch is written whole or not at all, so a killed sweep loses only the batches in flight,
// and --resume runs exactly the batches that are missing.
func RunSweep(ctx context.Context, sw *scenarios.Sweep, o SweepOptions) (*SweepResult, error) {
	if o.Shards == 0 {
		o.Shards = 1
	}
	if o.Shard < 0 || o.Shard >= o.Shards {
		return nil, fmt.Errorf("shard %d of %d does not exist (shards are numbered 0 to %d)", o.Shard, o.Shards, o.Shards-1)
	}
	started := o.Now()
	m := SweepManifest(sw, o)
	if err := prepareSweepFolder(o.Dir, m, o.Resume); err != nil {
		return nil, err
	}
	folder, err := output.NewFolder(o.Dir)
	if err != nil {
		return nil, err
	}
	plan := sw.Plan()
	if err := writeState(folder, m); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(o.Dir, "plan.parquet")); err != nil {
		if err := output.WritePlan(folder, m.Columns().Factors, plan.X, sw.RunSeed); err != nil {
			return nil, err
		}
	}
	if fr, err := output.HashFile(filepath.Join(o.Dir, "plan.parquet")); err == nil {
		m.PlanSHA256 = fr.SHA256
	} else {
		return nil, err
	}

	mine := shardBatches(m.Batches, o.Shard, o.Shards)
	res := &SweepResult{Manifest: m}
	var pending []int
	for _, b := range mine {
		if _, err := output.ReadRunsBatch(filepath.Join(o.Dir, output.BatchName(b)), m.Columns()); err == nil {
			res.Resumed += batchLen(m, b)
			continue
		}
		pending = append(pending, b)
	}
	total := 0
	for _, b := range mine {
		total += batchLen(m, b)
	}
	if o.Progress != nil {
		o.Progress(res.Resumed, total)
	}
	ran, err := runBatches(ctx, sw, plan, m, folder, pending, o, func(done int) {
		if o.Progress != nil {
			o.Progress(res.Resumed+done, total)
		}
	})
	res.Ran = ran
	if err != nil {
		return res, err
	}
	m.Held = mine
	if o.Shards == 1 {
		notes, err := finishSweep(ctx, folder, m, func(b int) string { return filepath.Join(o.Dir, output.BatchName(b)) }, o)
		if err != nil {
			return res, err
		}
		res.Notes = notes
	}
	finished := o.Now()
	m.StartedAt, m.FinishedAt, m.Wall = started.UTC(), finished.UTC(), finished.Sub(started).Seconds()
	if err := folder.WriteSweepManifest(m, sweepFiles(o.Dir, m)); err != nil {
		return res, err
	}
	return res, nil
}

// batchLen is the number of runs in batch b.
func batchLen(m *output.SweepManifest, b int) int {
	return min(m.Runs, (b+1)*m.BatchSize) - b*m.BatchSize
}
