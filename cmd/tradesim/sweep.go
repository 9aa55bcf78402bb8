package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/tradesim/tradesim/output"
	"github.com/tradesim/tradesim/output/pipeline"
	"github.com/tradesim/tradesim/scenarios"
	"github.com/tradesim/tradesim/scenarios/worlds"
)

// sweepOptions are the flags of `tradesim sweep`.
type sweepOptions struct {
	streams
	Sweep        string
	Dir          string
	Workers      int
	Shard        string
	ShardFromEnv bool
	Shards       int
	Resume       bool
	Keep         []string
	Charts       string
	ChartSize    string
	Quiet        bool

	now      func() time.Time
	terminal func(io.Writer) bool
	getenv   func(string) string
}

func newSweepCmd(s streams, getenv func(string) string) *cobra.Command {
	opts := &sweepOptions{streams: s, now: time.Now, terminal: isTerminal, getenv: getenv}
	cmd := &cobra.Command{
		Use:   "sweep SWEEP",
		Short: "Run a scenario many times with some fields varied; tables of every run, sensitivity and charts",
		Long: `Run the sweep file SWEEP: the base scenario once per point of its design, with its factors
set as --set would, each run with its own seed (derived from the sweep's seed and the run id),
on a pool of workers. The sweep folder gets:

  DIR/plan.parquet        run_id, one column per factor, seed
  DIR/runs-NNNN.parquet   one row per run: run_id, factors, one column per metric (in batches)
  DIR/runs.csv            the same rows as CSV, once every run is done
  DIR/series-NNNN.parquet with --keep series: run_id, metric, step, date, deviation
  DIR/sensitivity.csv     Morris, Sobol or regression indices of every factor for every metric
  DIR/charts/             dose-response (one factor), heatmap (two-factor grid), tornado
  DIR/manifest.json       what was run, which batches the folder holds; written last

Memory does not grow with the number of runs. A killed sweep keeps its finished batches:
run the same command with --resume to run only the missing ones; the tables are the same
bytes as those of a sweep that was never interrupted.

On a cluster, --shard i/n runs the batches of shard i of n (0-based) into its own folder;
--shard-from-env reads i and n from Slurm (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT) or
from a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, with n from --shards). Then
tradesim sweep merge joins the shard folders; tradesim sweep emit writes the job files.`,
		Example: `  tradesim sweep tariff-rate.yaml -o sweeps/tariff-rate
  tradesim sweep tariff-rate.yaml -o sweeps/tariff-rate --resume
  tradesim sweep big.yaml --shard 3/8 -o sweeps/big/shard-3
  tradesim sweep merge sweeps/big/shard-* -o sweeps/big/all`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Sweep = args[0]
			return runSweep(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Dir, "output", "o", "", "sweep folder (default sweeps/NAME)")
	f.IntVar(&opts.Workers, "workers", 0, "runs in parallel (default: all cores); results do not depend on it")
	f.StringVar(&opts.Shard, "shard", "", "run shard i of n (i/n, 0-based) of the plan")
	f.BoolVar(&opts.ShardFromEnv, "shard-from-env", false, "take the shard from SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_INDEX (with --shards)")
	f.IntVar(&opts.Shards, "shards", 0, "with --shard-from-env on Kubernetes: the number of shards (the Job's completions)")
	f.BoolVar(&opts.Resume, "resume", false, "finish an interrupted sweep in its folder: run only the missing batches")
	f.StringSliceVar(&opts.Keep, "keep", nil, "keep more of every run: series (the monthly deviation path of every metric's series, in series-NNNN.parquet)")
	f.StringVar(&opts.Charts, "charts", "png,svg", "chart formats: a comma-separated list of png, svg, pdf, or none")
	f.StringVar(&opts.ChartSize, "chart-size", "slide", "chart size: slide (10 x 5.63 in) or page (6.5 x 4 in)")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "no progress bar and no summary")
	cmd.AddCommand(newSweepMergeCmd(s), newSweepEmitCmd(s))
	return cmd
}

// parseChartFlags reads --charts and --chart-size.
func parseChartFlags(charts, size string) ([]string, output.Size, error) {
	formats, err := output.ParseChartFormats(charts)
	if err != nil {
		return nil, output.Size{}, badInputf("--charts: %w", err)
	}
	sz, err := output.ParseSize(size)
	if err != nil {
		return nil, output.Size{}, badInputf("--chart-size: %w", err)
	}
	return formats, sz, nil
}

// parseShard reads i/n.
func parseShard(s string) (int, int, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("--shard %s: write i/n with 0 <= i < n, e.g. --shard 0/4 for the first of 4 shards", s)
	}
	return i, n, nil
}

// shardFromEnv reads the shard of a Slurm array task or a Kubernetes Indexed Job.
func shardFromEnv(getenv func(string) string, shards int) (int, int, error) {
	if id := getenv("SLURM_ARRAY_TASK_ID"); id != "" {
		i, err1 := strconv.Atoi(id)
		n, err2 := strconv.Atoi(getenv("SLURM_ARRAY_TASK_COUNT"))
		if lo := getenv("SLURM_ARRAY_TASK_MIN"); lo != "" {
			if m, err := strconv.Atoi(lo); err == nil {
				i -= m // arrays numbered from 1 (--array=1-8) give shard 0 to 7
			}
		}
		if err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
			return 0, 0, fmt.Errorf("--shard-from-env: SLURM_ARRAY_TASK_ID=%q and SLURM_ARRAY_TASK_COUNT=%q do not name a shard; submit with sbatch --array=0-N", id, getenv("SLURM_ARRAY_TASK_COUNT"))
		}
		return i, n, nil
	}
	if id := getenv("JOB_COMPLETION_INDEX"); id != "" {
		i, err := strconv.Atoi(id)
		if err != nil || shards < 1 || i < 0 || i >= shards {
			return 0, 0, fmt.Errorf("--shard-from-env: JOB_COMPLETION_INDEX=%q with --shards %d does not name a shard; give --shards the Job's completions", id, shards)
		}
		return i, shards, nil
	}
	return 0, 0, errors.New("--shard-from-env: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set; run inside a Slurm array or a Kubernetes Indexed Job, or give --shard i/n")
}

func runSweep(ctx context.Context, opts *sweepOptions) error {
	charts, size, err := parseChartFlags(opts.Charts, opts.ChartSize)
	if err != nil {
		return err
	}
	if opts.Workers < 0 {
		return badInputf("--workers %d: give 0 (all cores) or more", opts.Workers)
	}
	shard, shards := 0, 1
	switch {
	case opts.Shard != "" && opts.ShardFromEnv:
		return badInputf("give --shard or --shard-from-env, not both")
	case opts.Shard != "":
		if shard, shards, err = parseShard(opts.Shard); err != nil {
			return badInput(err)
		}
	case opts.ShardFromEnv:
		if shard, shards, err = shardFromEnv(opts.getenv, opts.Shards); err != nil {
			return badInput(err)
		}
	}
	keepSeries := false
	for _, k := range opts.Keep {
		if k != "series" {
			return badInputf("--keep %s: the only thing to keep is series (--keep series)", k)
		}
		keepSeries = true
	}
	sw, err := scenarios.LoadSweep(opts.Sweep, scenarios.LoadOptions{ResolveWorld: worlds.Resolve})
	if err != nil {
		return badInput(err)
	}
	dir := opts.Dir
	if dir == "" {
		dir = filepath.Join("sweeps", sw.Name)
	}
	so := pipeline.SweepOptions{Dir: dir, Workers: opts.Workers, Shard: shard, Shards: shards, Resume: opts.Resume, KeepSeries: keepSeries,
		Charts: charts, Size: size, Version: version(), Now: opts.now}
	var bar *progressbar.ProgressBar
	if !opts.Quiet && opts.terminal(opts.ErrOut) {
		so.Progress = func(done, total int) {
			if bar == nil {
				bar = progressbar.NewOptions(total,
					progressbar.OptionSetWriter(opts.ErrOut),
					progressbar.OptionSetDescription(sw.Name+": runs"),
					progressbar.OptionShowCount(),
					progressbar.OptionSetElapsedTime(true),
					progressbar.OptionSetPredictTime(true),
					progressbar.OptionThrottle(200*time.Millisecond),
					progressbar.OptionClearOnFinish(),
				)
			}
			bar.Set(done)
		}
	}
	res, err := pipeline.RunSweep(ctx, sw, so)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		var in *pipeline.InputError
		switch {
		case errors.As(err, &in):
			return badInput(err)
		case ctx.Err() != nil:
			return fmt.Errorf("interrupted; the finished batches are kept in %s: run the same command with --resume to finish: %w", dir, ctx.Err())
		}
		return fmt.Errorf("the sweep %s stopped; the finished batches are kept in %s (--resume finishes it): %w", sw.Name, dir, err)
	}
	if opts.Quiet {
		return nil
	}
	m := res.Manifest
	what := fmt.Sprintf("all %d runs", m.Runs)
	if m.Shards > 1 {
		what = fmt.Sprintf("shard %d of %d (%d of %d batches)", m.Shard, m.Shards, len(m.Held), m.Batches)
	}
	fmt.Fprintf(opts.Out, "Sweep %s: %s of design %s; %d run now, %d found done.\n", sw.Name, what, sw.Design, res.Ran, res.Resumed)
	for _, n := range res.Notes {
		fmt.Fprintf(opts.Out, "Note: %s\n", n)
	}
	if m.Complete {
		fmt.Fprintf(opts.Out, "Results in %s: runs.csv (one row per run), runs-*.parquet, plan.parquet", dir)
		if sens := filepath.Join(dir, "sensitivity.csv"); fileExists(sens) {
			fmt.Fprint(opts.Out, ", sensitivity.csv")
		}
		fmt.Fprintln(opts.Out, ".")
	} else {
		fmt.Fprintf(opts.Out, "Shard folder %s; join the shards with tradesim sweep merge.\n", dir)
	}
	return nil
}
