package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/tradesim/tradesim/output"
	"github.com/tradesim/tradesim/output/pipeline"
	"github.com/tradesim/tradesim/scenarios"
)

// runOptions are the flags of `tradesim run`.
type runOptions struct {
	streams
	Scenario   string
	Dir        string
	Replicates int
	Seed       uint64
	Workers    int
	Firms      int
	Format     string
	Charts     string
	ChartSize  string
	Raw        bool
	Quiet      bool
	Force      bool
	Sets       []string

	IgnoreBudget bool

	replicatesSet, seedSet, firmsSet bool
	now                              func() time.Time
	terminal                         func(io.Writer) bool
}

func newRunCmd(s streams) *cobra.Command {
	opts := &runOptions{streams: s, now: time.Now, terminal: isTerminal}
	cmd := &cobra.Command{
		Use:   "run SCENARIO",
		Short: "Run a scenario and write its results folder: tables, summary, charts and manifest",
		Long: `Run a scenario against its baseline (the same scenario without its policies, or the
scenario its 'baseline' field names), replicate by replicate with common random numbers, and
write the results folder:

  DIR/series.csv    scenario,stat,replicate,step,date,region,sector,variable,value,baseline,deviation
  DIR/flows.csv     scenario,stat,replicate,step,date,exporter,importer,sector,quantity,export_price,
                    buyer_price,tariff_rate,baseline_quantity,baseline_buyer_price
  DIR/summary.csv   region,sector,variable,stat,mean,p05,p50,p95,month (and summary.json)
  DIR/*.parquet     the same tables as Parquet (zstd)
  DIR/charts/       fan charts, small multiples, flows, shortages, region panel
  DIR/manifest.json scenario, hashes, seed, replicates, version, times; written last

Band rows (replicate = mean, p05, p50, p95) summarise the replicates; deviation is the band
of the per-replicate deviations, so it is the band of the policy's effect. Add --raw for the
rows of every replicate. SCENARIO is a file or the name of a built-in (tradesim scenarios list).
--set PATH=VALUE changes one field of the scenario before it is checked, as if the file said
so: PATH is field names joined by dots, list entries picked by id or position in brackets
(policies[us-tariff].rate, policies[0].start, parameters.sigmaM.ELEC), and VALUE is YAML.
A folder without manifest.json is an unfinished run: an interrupted or failed run never
leaves one.`,
		Example: `  tradesim run h20-allowance
  tradesim run my-scenario.yaml -o results/tariffs --replicates 50 --seed 11
  tradesim run h20-allowance --firms 5 --replicates 5 --charts svg -o /tmp/quick
  tradesim run rare-earths.yaml --format parquet --charts none --raw --quiet
  tradesim run tariff-escalation-2025 --set policies[us-may].rate=0.5 --set horizon=24`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Scenario = args[0]
			f := cmd.Flags()
			opts.replicatesSet, opts.seedSet, opts.firmsSet = f.Changed("replicates"), f.Changed("seed"), f.Changed("firms")
			return runRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Dir, "output", "o", "", "results folder (default results/NAME)")
	f.IntVar(&opts.Replicates, "replicates", 0, "Monte Carlo replicates (default: the scenario's)")
	f.Uint64Var(&opts.Seed, "seed", 0, "root random seed (default: the scenario's)")
	f.IntVar(&opts.Workers, "workers", 0, "replicates run in parallel (default: all cores); results do not depend on it")
	f.IntVar(&opts.Firms, "firms", 0, "firms per region-sector (default: the scenario's, or 30)")
	f.StringVar(&opts.Format, "format", "csv,parquet,json", "table formats: a comma-separated list of csv, parquet, json")
	f.StringVar(&opts.Charts, "charts", "png,svg,pdf", "chart formats: a comma-separated list of png, svg, pdf, or none")
	f.StringVar(&opts.ChartSize, "chart-size", "slide", "chart size: slide (10 x 5.63 in) or page (6.5 x 4 in)")
	f.BoolVar(&opts.Raw, "raw", false, "also write the rows of every replicate")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "no progress bar and no summary screen")
	f.BoolVar(&opts.Force, "force", false, "replace the results of another run in the folder")
	f.StringArrayVar(&opts.Sets, "set", nil, "change a scenario field: PATH=VALUE, e.g. policies[us-tariff].rate=0.5 or parameters.sigmaM.ELEC=3 (repeatable)")
	f.BoolVar(&opts.IgnoreBudget, "ignore-budget", false, "run even when the estimated memory or disk space exceeds what the machine has available")
	registerRunCompletion(cmd)
	return cmd
}

// isTerminal reports whether w is a terminal (progress bars only there).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// runPlan is a validated run: everything checked before anything is written.
type runPlan struct {
	loaded  *scenarios.Loaded
	formats output.Formats
	charts  []string
	size    output.Size
	dir     string
	folder  *output.Folder // opened and locked before the run; WriteManifest or Rollback releases it
}

// planRun validates the flags, the scenario and the folder. Every error is bad input.
func planRun(opts *runOptions) (*runPlan, error) {
	p := &runPlan{}
	var err error
	if p.formats, err = output.ParseFormats(opts.Format); err != nil {
		return nil, badInputf("--format: %w", err)
	}
	if p.charts, err = output.ParseChartFormats(opts.Charts); err != nil {
		return nil, badInputf("--charts: %w", err)
	}
	if p.size, err = output.ParseSize(opts.ChartSize); err != nil {
		return nil, badInputf("--chart-size: %w", err)
	}
	switch {
	case opts.replicatesSet && opts.Replicates < 1:
		return nil, badInputf("--replicates %d: give at least 1 replicate", opts.Replicates)
	case opts.firmsSet && opts.Firms < 1:
		return nil, badInputf("--firms %d: give at least 1 firm per region-sector", opts.Firms)
	case opts.Workers < 0:
		return nil, badInputf("--workers %d: give 0 (all cores) or more", opts.Workers)
	}
	if err := checkRunFlags(opts); err != nil {
		return nil, err
	}
	var o pipeline.Overrides
	if opts.replicatesSet {
		o.Replicates = &opts.Replicates
	}
	if opts.seedSet {
		o.Seed = &opts.Seed
	}
	if opts.firmsSet {
		o.Firms = &opts.Firms
	}
	for _, arg := range opts.Sets {
		set, err := scenarios.ParseSet(arg)
		if err != nil {
			return nil, badInput(err)
		}
		o.Sets = append(o.Sets, set)
	}
	l, err := pipeline.Load(opts.Scenario, o)
	if err != nil {
		return nil, badInput(err)
	}
	p.loaded = l
	p.dir = opts.Dir
	if p.dir == "" {
		p.dir = filepath.Join("results", l.Name)
	}
	est, err := runBudget(opts, p)
	if err != nil {
		return nil, err
	}
	if p.folder, err = output.OpenResultsDir(p.dir, output.OpenOptions{Force: opts.Force, NeedBytes: est.Disk, Holder: "tradesim run " + opts.Scenario}); err != nil {
		return nil, badInput(err)
	}
	return p, nil
}

func runRun(ctx context.Context, opts *runOptions) error {
	p, err := planRun(opts)
	if err != nil {
		return err
	}
	l := p.loaded
	started := opts.now()

	var bar *progressbar.ProgressBar
	ro := pipeline.RunOptions{Workers: opts.Workers, SpillDir: pipeline.SpillDirFor(filepath.Dir(filepath.Clean(p.dir)))}
	if !opts.Quiet && opts.terminal(opts.ErrOut) {
		bar = progressbar.NewOptions(l.Scenario.Replicates,
			progressbar.OptionSetWriter(opts.ErrOut),
			progressbar.OptionSetDescription(l.Name+": replicates"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
		ro.Progress = func(done, _ int) { bar.Set(done) }
	}
	run, err := pipeline.Simulate(ctx, l, ro)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		p.folder.Rollback()
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted before any result was written: %w", err)
		}
		return fmt.Errorf("the run of %s failed, nothing was written: %w", l.Name, err)
	}
	defer run.Close()

	w, err := pipeline.Write(ctx, run, pipeline.WriteOptions{
		Folder: p.folder, Formats: p.formats, Charts: p.charts, Size: p.size, Raw: opts.Raw,
		Version: version(), Workers: opts.Workers, Started: started, Now: opts.now,
	})
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted while writing %s; nothing of this run was kept: %w", p.dir, ctx.Err())
		}
		return fmt.Errorf("writing the results of %s to %s failed; nothing of this run was kept: %w", l.Name, p.dir, err)
	}
	if opts.Quiet {
		return nil
	}
	return printRunScreen(opts.Out, p, w.Tables, w.Folder, w.Notes)
}
