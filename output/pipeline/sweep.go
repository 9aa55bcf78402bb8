package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
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

// prepareSweepFolder checks that dir can take this sweep: it is new or empty, or (with resume)
// it holds this very sweep and shard, unfinished or finished.
func prepareSweepFolder(dir string, m *output.SweepManifest, resume bool) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return &InputError{fmt.Errorf("cannot use %s as the sweep folder: %w", dir, err)}
	case len(entries) == 0:
		return nil
	}
	b, err := os.ReadFile(filepath.Join(dir, stateName))
	if err != nil {
		if _, merr := os.Stat(filepath.Join(dir, output.ManifestName)); merr == nil {
			return &InputError{fmt.Errorf("%s holds the results of a run, not of a sweep; choose another folder with -o", dir)}
		}
		return &InputError{fmt.Errorf("%s is not empty and holds no tradesim sweep; choose another folder with -o", dir)}
	}
	var prev output.SweepManifest
	if err := json.Unmarshal(b, &prev); err != nil {
		return &InputError{fmt.Errorf("%s: %s is unreadable (%v); choose another folder with -o", dir, stateName, err)}
	}
	if !resume {
		return &InputError{fmt.Errorf("%s holds a sweep already (%s); pass --resume to finish it, or choose another folder with -o", dir, prev.Sweep)}
	}
	if prev.SHA256 == m.SHA256 && prev.ScenarioSHA256 != m.ScenarioSHA256 {
		return &InputError{fmt.Errorf("%s holds this sweep run on another version of its base scenario %s (SHA-256 %.12s, now %.12s); restore that file, or start again in another folder", dir, m.Scenario, prev.ScenarioSHA256, m.ScenarioSHA256)}
	}
	if prev.SHA256 == m.SHA256 && prev.Version != m.Version {
		return &InputError{fmt.Errorf("%s holds this sweep run by tradesim %s; this is %s, whose results may differ: finish it with that version, or start again in another folder", dir, prev.Version, m.Version)}
	}
	same := prev.SHA256 == m.SHA256 && prev.Shard == m.Shard && prev.Shards == m.Shards && prev.Runs == m.Runs
	if same && prev.KeepSeries != m.KeepSeries {
		return &InputError{fmt.Errorf("%s holds a sweep run with keep_series %v; --resume it with the same --keep", dir, prev.KeepSeries)}
	}
	if !same {
		return &InputError{fmt.Errorf("%s holds another sweep or shard (%s, shard %d of %d, sweep file SHA-256 %.12s); --resume needs the same sweep file and --shard", dir, prev.Sweep, prev.Shard, prev.Shards, prev.SHA256)}
	}
	return nil
}

// InputError marks a sweep that cannot start because of its input (the folder, the shard):
// exit code 2.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

func writeState(f *output.Folder, m *output.SweepManifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return f.WriteFile(stateName, func(w io.Writer) error { _, err := w.Write(append(b, '\n')); return err })
}

// sweepFiles lists the files of a sweep folder that its manifest records.
func sweepFiles(dir string, m *output.SweepManifest) []string {
	files := []string{"plan.parquet", stateName}
	for _, b := range m.Held {
		files = append(files, output.BatchName(b))
		if m.KeepSeries {
			files = append(files, output.SeriesBatchName(b))
		}
	}
	for _, extra := range []string{"runs.csv", "sensitivity.csv"} {
		if _, err := os.Stat(filepath.Join(dir, extra)); err == nil && m.Complete {
			files = append(files, extra)
		}
	}
	if m.Complete {
		charts, _ := os.ReadDir(filepath.Join(dir, "charts"))
		for _, c := range charts {
			if !strings.HasPrefix(c.Name(), ".") {
				files = append(files, "charts/"+c.Name())
			}
		}
	}
	slices.Sort(files)
	return files
}

// runBatches runs the runs of the pending batches on a worker pool and writes each batch when
// its last run is done; it returns the number of runs done.
func runBatches(ctx context.Context, sw *scenarios.Sweep, plan *scenarios.Plan, m *output.SweepManifest, folder *output.Folder,
	pending []int, o SweepOptions, progress func(done int)) (int, error) {
	if len(pending) == 0 {
		return 0, nil
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		k       int
		metrics []float64
		series  [][]float64
		err     error
	}
	jobs := make(chan int)
	results := make(chan result, workers)
	loader := NewLoader()
	go func() {
		defer close(jobs)
		for _, b := range pending {
			for k := b * m.BatchSize; k < b*m.BatchSize+batchLen(m, b); k++ {
				select {
				case jobs <- k:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	done := make(chan struct{})
	for range workers {
		go func() {
			defer func() { done <- struct{}{} }()
			pr := &pointRunner{sw: sw, loader: loader, keep: o.KeepSeries}
			for k := range jobs {
				xs, series, err := pr.run(ctx, k, plan.X[k])
				select {
				case results <- result{k, xs, series, err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		for range workers {
			<-done
		}
		close(results)
	}()
	cols := m.Columns()
	batches := map[int][]output.RunRow{}
	kept := map[int][]output.KeptRow{}
	start := sw.Base.Scenario.Start
	ran := 0
	var firstErr error
	for r := range results {
		if firstErr != nil {
			continue
		}
		if r.err != nil {
			firstErr = r.err
			cancel()
			continue
		}
		b := r.k / m.BatchSize
		batches[b] = append(batches[b], output.RunRow{ID: int64(r.k), Factors: plan.X[r.k], Metrics: r.metrics})
		for j, path := range r.series {
			for t, d := range path {
				kept[b] = append(kept[b], output.KeptRow{RunID: int64(r.k), Metric: sw.Metrics[j].Name, Step: int64(t + 1), Date: (start + sim.Month(t)).String(), Deviation: d})
			}
		}
		ran++
		if len(batches[b]) == batchLen(m, b) {
			rows := batches[b]
			slices.SortFunc(rows, func(a, b output.RunRow) int { return int(a.ID - b.ID) })
			// The series first: the runs file marks the batch done.
			if o.KeepSeries {
				ks := kept[b]
				slices.SortStableFunc(ks, func(a, b output.KeptRow) int { return int(a.RunID - b.RunID) })
				if err := output.WriteSeriesBatch(folder, output.SeriesBatchName(b), ks); err != nil {
					firstErr = err
					cancel()
					continue
				}
				delete(kept, b)
			}
			if err := output.WriteRunsBatch(folder, output.BatchName(b), cols, rows); err != nil {
				firstErr = err
				cancel()
				continue
			}
			delete(batches, b)
		}
		progress(ran)
	}
	if firstErr == nil {
		firstErr = parent.Err()
	}
	return ran, firstErr
}

// benchEngineHook, set by BenchmarkSweep only, receives the time each run spends in sim.Run.
var benchEngineHook func(time.Duration)

// pointRunner runs the points of a sweep, one at a time, for one worker.
type pointRunner struct {
	sw     *scenarios.Sweep
	loader *Loader
	reader *output.MetricReader
	vals   [][]float64 // by metric, by replicate
	keep   bool
	paths  [][]float64 // by metric: the sum over replicates of the deviation path (keep)
	buf    []float64
}

// run runs point x as run k: the base scenario with the factors set, run k's seed, the sweep's
// replicates and firms, one replicate at a time; the metrics are the mean over replicates (summed
// in replicate order) and, with more than one, their 5th and 95th percentiles (sim.Quantile).
func (pr *pointRunner) run(ctx context.Context, k int, x []float64) ([]float64, [][]float64, error) {
	sw := pr.sw
	sets := make([]scenarios.Set, len(x))
	for i, v := range x {
		sets[i] = sw.Factors[i].Set(v)
	}
	l, err := sw.LoadPoint(sets, pr.loader.resolve)
	if err != nil {
		return nil, nil, fmt.Errorf("run %d (%s): the scenario is invalid at this point:\n%w", k, pointText(sw, x), err)
	}
	seed := sw.RunSeed(k)
	for _, sc := range []*sim.Scenario{l.Scenario, l.Baseline} {
		sc.Seed, sc.Replicates = seed, sw.Replicates
	}
	if pr.reader == nil {
		ms := make([]output.SweepMetric, len(sw.Metrics))
		for i, m := range sw.Metrics {
			ms[i] = output.SweepMetric{Name: m.Name, Key: output.Key{Region: m.Region, Sector: m.Sector, Variable: m.Variable}, Stat: m.Stat, From: m.From, To: m.To}
		}
		if pr.reader, err = output.NewMetricReader(l.World.RegionCodes(), l.World.SectorCodes(), ms); err != nil {
			return nil, nil, err
		}
		pr.vals = make([][]float64, len(ms))
	}
	for j := range pr.vals {
		pr.vals[j] = pr.vals[j][:0]
	}
	var paths [][]float64
	if pr.keep {
		paths = make([][]float64, len(pr.vals))
	}
	began := time.Now()
	_, err = sim.Run(ctx, l.World, l.Scenario, l.Baseline, sim.Options{Workers: 1, Firms: sw.Firms,
		OnReplicate: func(rep sim.Replicate, _ []sim.FiredRule) error {
			pr.reader.Read(&rep, pr.vals)
			for j := range paths {
				pr.buf = pr.reader.Deviations(&rep, j, pr.buf[:0])
				if paths[j] == nil {
					paths[j] = make([]float64, len(pr.buf))
				}
				for t, d := range pr.buf {
					paths[j][t] += d
				}
			}
			return nil
		}})
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, context.Cause(ctx)
		}
		return nil, nil, fmt.Errorf("run %d (%s) failed: %w", k, pointText(sw, x), err)
	}
	if benchEngineHook != nil {
		benchEngineHook(time.Since(began))
	}
	out := make([]float64, 0, 3*len(pr.vals))
	for _, xs := range pr.vals {
		var sum float64
		for _, x := range xs {
			sum += x
		}
		out = append(out, sum/float64(len(xs)))
		if sw.Replicates > 1 {
			b := sim.NewBand(xs)
			out = append(out, b.P05, b.P95)
		}
	}
	for _, p := range paths {
		for t := range p {
			p[t] /= float64(sw.Replicates)
		}
	}
	return out, paths, nil
}

// pointText names a point's factor values for messages.
func pointText(sw *scenarios.Sweep, x []float64) string {
	parts := make([]string, len(x))
	for i, v := range x {
		parts[i] = sw.Factors[i].Path + " = " + sw.Factors[i].Set(v).Value
	}
	return strings.Join(parts, ", ")
}
