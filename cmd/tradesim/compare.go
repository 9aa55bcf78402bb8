package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tradesim/tradesim/output"
)

// compareOptions are the flags of `tradesim compare`.
type compareOptions struct {
	streams
	Dirs      []string
	OutDir    string
	Variable  string
	Region    string
	Sector    string
	Charts    string
	ChartSize string
	Force     bool
	// RegionSet says the user gave --region; without it a variable with no world total is
	// drawn for the region where it moves most.
	RegionSet bool
	now       func() time.Time
}

func newCompareCmd(s streams) *cobra.Command {
	opts := &compareOptions{streams: s, now: time.Now}
	cmd := &cobra.Command{
		Use:   "compare RESULTS_DIR... -o DIR",
		Short: "Compare the results of several runs: overlaid lines, bars by sector, one table",
		Long: `Compare finished runs (folders written by 'tradesim run'), each against its own baseline.
Writes into DIR:

  comparison.csv    scenario,region,sector,variable,stat,mean,p05,p50,p95,month: every run's summary
  charts/compare_lines_VAR_REGION_SECTOR.*  the variable's median deviation and 5-95% band,
                    one colour per scenario
  charts/compare_bars_VAR_REGION.*          by sector, one bar per scenario: the change over
                    the horizon (cumulative_pct) for levels, the mean deviation for rates and
                    prices, with 5-95% whiskers; for variables reported by region only (gdp_real,
                    cpi, unemployment_rate, ...) compare_bars_VAR_by_region.*, one group per region
  manifest.json     the inputs with their manifests' hashes and baselines, and every file's hash;
                    written last

Runs keep the order given (runs along a tariff rate draw in that order). The screen says whether
the runs share a baseline; when they do not, each chart's subtitle names every run's baseline.
A variable with no world total (cpi, prices, rates) is drawn for the region where it moves
most unless --region names one.`,
		Example: `  tradesim compare results/h20-ban results/h20-allowance -o results/h20-compare
  tradesim compare results/a results/b --var price --region USA --sector AUTO -o cmp --charts svg
  tradesim compare results/a results/b --var gdp_real --region USA -o cmp-gdp`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dirs = args
			opts.RegionSet = cmd.Flags().Changed("region")
			return runCompare(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.OutDir, "output", "o", "", "folder for the comparison (required)")
	f.StringVar(&opts.Variable, "var", "output", "variable to compare")
	f.StringVar(&opts.Region, "region", output.All, "region of the lines and bars (ALL: the world, for additive variables)")
	f.StringVar(&opts.Sector, "sector", output.All, "sector of the lines (ALL: all sectors, for additive variables)")
	f.StringVar(&opts.Charts, "charts", "png,svg,pdf", "chart formats: a comma-separated list of png, svg, pdf, or none")
	f.StringVar(&opts.ChartSize, "chart-size", "slide", "chart size: slide or page")
	f.BoolVar(&opts.Force, "force", false, "replace a previous comparison in the folder")
	cmd.RegisterFlagCompletionFunc("var", completeWords(seriesVariables()...))
	cmd.RegisterFlagCompletionFunc("region", completeCodes(true, false))
	cmd.RegisterFlagCompletionFunc("sector", completeCodes(false, false))
	cmd.RegisterFlagCompletionFunc("charts", completeList(append(slices.Clone(output.ChartFormats), "none")...))
	cmd.RegisterFlagCompletionFunc("chart-size", completeWords("slide", "page"))
	return cmd
}

func runCompare(ctx context.Context, opts *compareOptions) error {
	if opts.OutDir == "" {
		return badInputf("give the comparison folder with -o DIR")
	}
	formats, err := output.ParseChartFormats(opts.Charts)
	if err != nil {
		return badInputf("--charts: %w", err)
	}
	size, err := output.ParseSize(opts.ChartSize)
	if err != nil {
		return badInputf("--chart-size: %w", err)
	}
	if err := checkVariable(opts.Variable); err != nil {
		return badInput(err)
	}
	started := opts.now()
	var loaded []*output.LoadedRun
	var runs []output.CompareRun
	names := map[string]int{}
	for _, d := range opts.Dirs {
		r, err := output.LoadRun(d)
		if err != nil {
			return badInput(err)
		}
		loaded = append(loaded, r)
		names[r.Bands.Scenario]++
	}
	for _, r := range loaded {
		name := r.Bands.Scenario
		if names[name] > 1 { // the same scenario twice (other seeds, other flags): name the folder too
			name += " (" + filepath.Base(filepath.Clean(r.Dir)) + ")"
		}
		runs = append(runs, output.CompareRun{Name: name, Bands: r.Bands, Summary: r.Summary})
	}
	key := output.Key{Region: opts.Region, Sector: opts.Sector, Variable: opts.Variable}
	var notes []string
	if _, ok := loaded[0].Bands.Find(key); !ok && !opts.RegionSet && key.Region == output.All {
		if r, ok := regionMovingMost(loaded[0], key); ok {
			notes = append(notes, fmt.Sprintf("%s has no world total; the lines show %s, where it moves most under %s (give --region to choose).", opts.Variable, r, runs[0].Name))
			key.Region = r
		}
	}
	for _, r := range loaded {
		if _, ok := r.Bands.Find(key); !ok {
			return badInputf("%s: %w", r.Dir, missingSeries(r.Bands, key))
		}
	}
	meta := output.ChartMeta{Version: version(), Size: size}
	var scen, parts []string
	for i, r := range loaded {
		m := r.Manifest
		scen = append(scen, m.ScenarioName)
		parts = append(parts, fmt.Sprintf("%s (%d replicates, baseline: %s, tradesim %s)", runs[i].Name, m.Replicates, output.BaselineText(m.ScenarioName, m.Baseline), m.Version))
	}
	meta.SourceLine = "Source: " + strings.Join(parts, "; ") + "."
	var compared []output.ComparedRun
	for i, r := range loaded {
		compared = append(compared, output.ComparedRun{Scenario: runs[i].Name, Baseline: r.Manifest.Baseline})
	}
	baselines := output.BaselineCheck(compared)
	sameBaseline := strings.HasPrefix(baselines, "All runs share")
	var figs []*output.Figure
	if len(formats) > 0 {
		lines, err := output.CompareLinesChart(runs, key, meta)
		if err != nil {
			return badInput(err)
		}
		bars, err := output.CompareBarsChart(runs, opts.Variable, opts.Region, meta)
		if err != nil {
			return badInput(err)
		}
		figs = append(figs, lines, bars)
		if !sameBaseline {
			for _, f := range figs {
				f.Subtitle += ". Baselines differ: " + baselineList(compared)
			}
		}
	}
	folder, err := output.OpenResultsDir(opts.OutDir, output.OpenOptions{Force: opts.Force, Holder: "tradesim compare"})
	if err != nil {
		return badInput(err)
	}
	err = writeComparison(ctx, folder, runs, figs, formats, loaded, started, opts.now)
	if err != nil {
		folder.Rollback()
		return fmt.Errorf("writing the comparison to %s failed; nothing of it was kept: %w", opts.OutDir, err)
	}
	fmt.Fprintf(opts.Out, "Compared %s.\n%s\n", strings.Join(scen, ", "), baselines)
	for _, n := range notes {
		fmt.Fprintln(opts.Out, n)
	}
	fmt.Fprintf(opts.Out, "Results in %s:\n", opts.OutDir)
	for _, f := range folder.Files() {
		fmt.Fprintf(opts.Out, "  %s\n", f.Path)
	}
	return nil
}

func writeComparison(ctx context.Context, folder *output.Folder, runs []output.CompareRun, figs []*output.Figure,
	formats []string, loaded []*output.LoadedRun, started time.Time, now func() time.Time) error {
	if err := output.WriteComparison(folder, runs); err != nil {
		return err
	}
	if err := output.WriteCharts(ctx, folder, figs, formats); err != nil {
		return err
	}
	m := &output.Manifest{Tool: "tradesim", Version: version(), ScenarioName: "comparison", Charts: formats, Formats: []string{"csv"}}
	for i, r := range loaded {
		m.Compared = append(m.Compared, output.ComparedRun{Dir: r.Dir, Scenario: runs[i].Name, ManifestSHA256: r.ManifestSHA256,
			Baseline: r.Manifest.Baseline, Replicates: r.Manifest.Replicates, Version: r.Manifest.Version})
	}
	finished := now()
	m.StartedAt, m.FinishedAt, m.WallSeconds = started.UTC(), finished.UTC(), finished.Sub(started).Seconds()
	if m.Charts == nil {
		m.Charts = []string{}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return folder.WriteManifest(m)
}

// regionMovingMost is the region where the variable of k moves most (by the larger of its
// median trough and peak) in a run.
func regionMovingMost(r *output.LoadedRun, k output.Key) (string, bool) {
	e := output.NewExtremes(r.Summary)
	best, found := 0.0, ""
	for _, reg := range r.Manifest.Regions {
		kk := output.Key{Region: reg, Sector: k.Sector, Variable: k.Variable}
		if _, ok := r.Bands.Find(kk); !ok {
			continue
		}
		if m := e.Move(kk); found == "" || m > best {
			best, found = m, reg
		}
	}
	return found, found != ""
}

// baselineList names each run's baseline: "a: h20-ban; b: the scenario without its policies".
func baselineList(runs []output.ComparedRun) string {
	var parts []string
	for _, r := range runs {
		parts = append(parts, r.Scenario+" against "+output.BaselineText(r.Scenario, r.Baseline))
	}
	return strings.Join(parts, "; ")
}
