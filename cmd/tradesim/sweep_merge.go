package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/tradesim/tradesim/output/pipeline"
)

type sweepMergeOptions struct {
	streams
	Dirs      []string
	Dir       string
	Charts    string
	ChartSize string
	now       func() time.Time
}

func newSweepMergeCmd(s streams) *cobra.Command {
	opts := &sweepMergeOptions{streams: s, now: time.Now}
	cmd := &cobra.Command{
		Use:   "merge SHARD_DIR... -o DIR",
		Short: "Join the folders of a sweep's shards into one sweep folder",
		Long: `Join the folders that tradesim sweep --shard i/n (or --shard-from-env) wrote. merge checks
that they are shards of one sweep and hold every batch of its plan exactly once; if runs are
missing it names them and writes nothing. Then it writes DIR as a sweep run in one process
would, byte for byte: plan, batches, runs.csv, sensitivity.csv, charts, manifest.`,
		Example: `  tradesim sweep merge sweeps/big/shard-* -o sweeps/big/all`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dirs = args
			return runSweepMerge(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Dir, "output", "o", "", "the merged sweep folder (required)")
	f.StringVar(&opts.Charts, "charts", "png,svg", "chart formats: a comma-separated list of png, svg, pdf, or none")
	f.StringVar(&opts.ChartSize, "chart-size", "slide", "chart size: slide (10 x 5.63 in) or page (6.5 x 4 in)")
	return cmd
}

func runSweepMerge(ctx context.Context, opts *sweepMergeOptions) error {
	if opts.Dir == "" {
		return badInputf("give the merged sweep folder with -o DIR")
	}
	charts, size, err := parseChartFlags(opts.Charts, opts.ChartSize)
	if err != nil {
		return err
	}
	res, err := pipeline.MergeSweep(ctx, opts.Dirs, pipeline.SweepOptions{Dir: opts.Dir, Charts: charts, Size: size, Version: version(), Now: opts.now})
	if err != nil {
		var in *pipeline.InputError
		if errors.As(err, &in) {
			return badInput(err)
		}
		return fmt.Errorf("merging into %s failed: %w", opts.Dir, err)
	}
	m := res.Manifest
	fmt.Fprintf(opts.Out, "Merged %d shard folders of sweep %s: %d runs in %d batches.\n", len(opts.Dirs), m.Sweep, m.Runs, m.Batches)
	for _, n := range res.Notes {
		fmt.Fprintf(opts.Out, "Note: %s\n", n)
	}
	fmt.Fprintf(opts.Out, "Results in %s.\n", opts.Dir)
	return nil
}

// fileExists reports whether path names an existing file.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
