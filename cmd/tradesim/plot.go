package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tradesim/tradesim/output"
	"github.com/tradesim/tradesim/scenarios/diag"
)

// plotOptions are the flags of `tradesim plot`.
type plotOptions struct {
	streams
	Dir       string
	Variable  string
	Region    string
	Sector    string
	Kind      string
	File      string
	ChartSize string
}

func newPlotCmd(s streams) *cobra.Command {
	opts := &plotOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "plot RESULTS_DIR -o FILE",
		Short: "Draw a chart from a results folder without re-running",
		Long: `Draw one chart from the saved results of 'tradesim run' (series.csv, or series.parquet
when there is no CSV), as PNG (300 dpi), SVG or PDF after FILE's extension.

Kinds:
  fan        median deviation with its 5-95% band for one region and sector
             (default: the series of the variable that deviates most)
  lines      median deviations of the variable: one line per region (sector --sector,
             default ALL), or, with --region and no --sector, one line per sector
  multiples  one panel per sector, one line per region (--region: a comma-separated list)

Variables are the names of series.csv's variable column (output, price, employment, exports,
imports, inventory_months, shortage_rate, tariff_revenue, export_fee_revenue, profit,
gdp_real, cpi, consumption_real, unemployment_rate, trade_balance). Policy periods come from
the folder's manifest.`,
		Example: `  tradesim plot results/h20-allowance --var output --region CHN --sector AIC -o chn_aic.png
  tradesim plot results/h20-allowance --kind lines --var gdp_real -o gdp.svg
  tradesim plot results/h20-allowance --kind lines --var price --region USA -o us_prices.pdf
  tradesim plot results/h20-allowance --kind multiples --var employment --region USA,CHN -o jobs.png --size page`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			return runPlot(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Variable, "var", "output", "variable to draw")
	f.StringVar(&opts.Region, "region", "", "region code, or ALL (multiples: a comma-separated list)")
	f.StringVar(&opts.Sector, "sector", "", "sector code, or ALL")
	f.StringVar(&opts.Kind, "kind", "fan", "chart kind: fan, lines or multiples")
	f.StringVarP(&opts.File, "output", "o", "", "chart file: NAME.png, NAME.svg or NAME.pdf (required)")
	f.StringVar(&opts.ChartSize, "size", "slide", "chart size: slide (10 x 5.63 in) or page (6.5 x 4 in)")
	cmd.RegisterFlagCompletionFunc("var", completeWords(seriesVariables()...))
	cmd.RegisterFlagCompletionFunc("region", completeCodes(true, true))
	cmd.RegisterFlagCompletionFunc("sector", completeCodes(false, false))
	cmd.RegisterFlagCompletionFunc("kind", completeWords(chartKinds...))
	cmd.RegisterFlagCompletionFunc("size", completeWords("slide", "page"))
	return cmd
}

// chartFormat is the chart format of a file name, from its extension.
func chartFormat(file string) (string, error) {
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(file)), ".")
	if !slices.Contains(output.ChartFormats, ext) {
		return "", fmt.Errorf("-o %s: the file name must end in .png, .svg or .pdf (the chart's format)", file)
	}
	return ext, nil
}

func runPlot(ctx context.Context, opts *plotOptions) error {
	if opts.File == "" {
		return badInputf("give the chart file with -o FILE.png, FILE.svg or FILE.pdf")
	}
	format, err := chartFormat(opts.File)
	if err != nil {
		return badInput(err)
	}
	if err := output.CheckChartFile(opts.File, format); err != nil {
		return badInput(err)
	}
	size, err := output.ParseSize(opts.ChartSize)
	if err != nil {
		return badInputf("--size: %w", err)
	}
	if err := checkVariable(opts.Variable); err != nil {
		return badInput(err)
	}
	run, err := output.LoadRun(opts.Dir)
	if err != nil {
		return badInput(err)
	}
	fig, err := plotFigure(run, opts, size)
	if err != nil {
		return badInput(err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	dir, base := filepath.Split(opts.File)
	if dir == "" {
		dir = "."
	}
	folder, err := output.NewFolder(dir)
	if err != nil {
		return err
	}
	if err := folder.WriteFile(base, func(w io.Writer) error { return fig.WriteTo(w, format, false) }); err != nil {
		return err
	}
	_, err = fmt.Fprintf(opts.Out, "%s: %s\n", opts.File, fig.Title)
	return err
}

// plotFigure builds the chart the flags ask for.
func plotFigure(run *output.LoadedRun, opts *plotOptions, size output.Size) (*output.Figure, error) {
	b := run.Bands
	meta := run.Meta(size)
	v := opts.Variable
	regions, sectors := codesOf(b)
	switch opts.Kind {
	case "fan":
		if err := checkCode("region", opts.Region, regions); err != nil {
			return nil, err
		}
		if err := checkCode("sector", opts.Sector, sectors); err != nil {
			return nil, err
		}
		k, err := pickSeries(b, v, opts.Region, opts.Sector)
		if err != nil {
			return nil, err
		}
		return output.FanChart(b, k, meta)
	case "lines":
		if err := checkCode("region", opts.Region, regions); err != nil {
			return nil, err
		}
		if err := checkCode("sector", opts.Sector, sectors); err != nil {
			return nil, err
		}
		var keys []output.Key
		if opts.Region != "" && opts.Sector == "" {
			for _, s := range sectors {
				keys = appendIfFound(b, keys, output.Key{Region: opts.Region, Sector: s, Variable: v})
			}
		} else {
			sec := cmp.Or(opts.Sector, output.All)
			for _, r := range regions {
				keys = appendIfFound(b, keys, output.Key{Region: r, Sector: sec, Variable: v})
			}
		}
		if len(keys) == 0 && opts.Region != "" && opts.Sector == "" {
			return nil, fmt.Errorf("%s is reported by region only (sector ALL), so there is no line per sector; drop --region for one line per region", v)
		}
		if len(keys) == 0 {
			return nil, missingSeries(b, output.Key{Region: opts.Region, Sector: cmp.Or(opts.Sector, output.All), Variable: v})
		}
		return output.LinesChart(b, keys, meta)
	case "multiples":
		rs := regions
		if opts.Region != "" {
			rs = strings.Split(opts.Region, ",")
			for _, r := range rs {
				if err := checkCode("region", r, regions); err != nil {
					return nil, err
				}
			}
		}
		return output.MultiplesChart(b, v, rs, sectors, meta)
	}
	return nil, unknownValue("kind", opts.Kind, "not a chart kind", chartKinds)
}

// checkCode refuses a --region or --sector code the results do not have ("" and ALL pass).
func checkCode(flag, code string, valid []string) error {
	if code == "" || code == output.All || slices.Contains(valid, code) {
		return nil
	}
	if s := diag.Suggest(code, valid); s != "" {
		return fmt.Errorf("--%s %s: the results have no %s %s; did you mean %q? (valid: %s, ALL)", flag, code, flag, code, s, strings.Join(valid, ", "))
	}
	return fmt.Errorf("--%s %s: the results have no %s %s; valid: %s, ALL", flag, code, flag, code, strings.Join(valid, ", "))
}

// missingSeries says why the results have no series k (an empty region or sector: any), in
// terms of the flag to change: an unknown code, a variable reported by region only, or a
// total (ALL) of a variable that is not additive.
func missingSeries(b *output.SeriesBands, k output.Key) error {
	regions, sectors := codesOf(b)
	if err := checkCode("region", k.Region, regions); err != nil {
		return err
	}
	if err := checkCode("sector", k.Sector, sectors); err != nil {
		return err
	}
	has := func(ok func(output.Key) bool) bool {
		return slices.ContainsFunc(b.Keys, func(x output.Key) bool { return x.Variable == k.Variable && ok(x) })
	}
	switch {
	case k.Sector != "" && k.Sector != output.All && !has(func(x output.Key) bool { return x.Sector != output.All }):
		return fmt.Errorf("%s is reported by region only (sector ALL); drop --sector %s", k.Variable, k.Sector)
	case k.Region == output.All && !has(func(x output.Key) bool { return x.Region == output.All }):
		return fmt.Errorf("%s is not additive, so it has no world total (region ALL); give --region, one of %s", k.Variable, strings.Join(regions, ", "))
	case k.Sector == output.All && !has(func(x output.Key) bool { return x.Sector == output.All }):
		return fmt.Errorf("%s is not additive, so it has no total over sectors (sector ALL); give --sector, one of %s", k.Variable, strings.Join(sectors, ", "))
	}
	return fmt.Errorf("the results have no %s series for region %s and sector %s", k.Variable, cmp.Or(k.Region, "any"), cmp.Or(k.Sector, "any"))
}

func appendIfFound(b *output.SeriesBands, keys []output.Key, k output.Key) []output.Key {
	if _, ok := b.Find(k); ok {
		return append(keys, k)
	}
	return keys
}

// codesOf lists the region and sector codes of the results (not ALL), in table order.
func codesOf(b *output.SeriesBands) (regions, sectors []string) {
	for _, k := range b.Keys {
		if k.Region != output.All && !slices.Contains(regions, k.Region) {
			regions = append(regions, k.Region)
		}
		if k.Sector != output.All && !slices.Contains(sectors, k.Sector) {
			sectors = append(sectors, k.Sector)
		}
	}
	return regions, sectors
}

// pickSeries finds the series of variable v for region and sector; an empty region or sector
// means the one whose median deviation peaks highest (in magnitude). Aggregates (ALL) are
// chosen only when asked for, or when the variable has no other series (gdp_real, cpi).
func pickSeries(b *output.SeriesBands, v, region, sector string) (output.Key, error) {
	best, bestPeak := output.Key{}, -1.0
	for _, aggregates := range []bool{false, true} {
		for i, k := range b.Keys {
			if k.Variable != v || (region != "" && k.Region != region) || (sector != "" && k.Sector != sector) {
				continue
			}
			if !aggregates && (region == "" && k.Region == output.All || sector == "" && k.Sector == output.All) {
				continue
			}
			var peak float64
			for _, band := range b.Dev[i] {
				peak = math.Max(peak, math.Abs(band.P50))
			}
			if peak > bestPeak {
				best, bestPeak = k, peak
			}
		}
		if bestPeak >= 0 {
			break
		}
	}
	if bestPeak < 0 {
		return best, missingSeries(b, output.Key{Region: region, Sector: sector, Variable: v})
	}
	return best, nil
}
