package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tradesim/tradesim/output"
)

// reportOptions are the flags of `tradesim report`.
type reportOptions struct {
	streams
	Dir    string
	File   string
	Format string
}

func newReportCmd(s streams) *cobra.Command {
	opts := &reportOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "report RESULTS_DIR [-o brief.html] [--format html|md]",
		Short: "Write a brief from a results folder: summary, policy timeline, tables, charts, methods",
		Long: `Write a brief from the folder of a finished run or comparison, ready to send after
checking: a summary paragraph in words with 5-95% bands, the policy timeline with the rules
that fired, headline tables by region (welfare, real GDP, CPI, unemployment, trade balance:
those the run reports), the largest sector effects, shortages, annual averages and Q4/Q4
changes, the chart pack, a methods box and, in an appendix, the scenario file with its SHA-256.

--format html (default) writes one self-contained file: CSS and SVG charts inline, no script
and no URL of any kind, so it opens offline, prints on A4 or Letter and reads on a phone.
--format md writes Markdown and the charts as SVG files in a folder beside it (brief_charts/
for brief.md).

A comparison folder (tradesim compare) gets the comparison tables and its charts. A finished
sweep folder (tradesim sweep) gets what was swept, which factor matters most for each metric,
the sensitivity table and the sweep's SVG charts (tornado, heatmap, dose-response). The folder
must hold a finished run, comparison or sweep: a folder without manifest.json, an unfinished
sweep, or files that do not match the manifest are refused (exit 2).`,
		Example: `  tradesim run h20-allowance && tradesim report results/h20-allowance -o brief.html
  tradesim report results/h20-allowance -o brief.md --format md
  tradesim report results/h20-compare -o comparison.html`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			return runReport(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.File, "output", "o", "", "brief file (default: brief.html or brief.md in the current folder)")
	f.StringVar(&opts.Format, "format", "", "html or md (default: from the file's extension, else html)")
	cmd.RegisterFlagCompletionFunc("format", completeWords("html", "md"))
	return cmd
}

// reportFormat settles the format and the file from the flags.
func reportFormat(opts *reportOptions) (format, file string, err error) {
	format = strings.ToLower(strings.TrimSpace(opts.Format))
	file = opts.File
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(file), "."))
	if format == "" {
		switch ext {
		case "md", "markdown":
			format = "md"
		default:
			format = "html"
		}
	}
	switch format {
	case "html", "md":
	default:
		return "", "", unknownValue("format", opts.Format, "give html or md", []string{"html", "md"})
	}
	if file == "" {
		file = "brief." + format
	}
	return format, file, nil
}

func runReport(ctx context.Context, opts *reportOptions) error {
	format, file, err := reportFormat(opts)
	if err != nil {
		return badInput(err)
	}
	br, err := loadBrief(opts.Dir)
	if err != nil {
		return badInput(err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	dir, base := filepath.Split(file)
	if dir == "" {
		dir = "."
	}
	folder, err := output.NewFolder(dir)
	if err != nil {
		return err
	}
	switch format {
	case "html":
		err = folder.WriteFile(base, br.WriteHTML)
	case "md":
		chartDir := strings.TrimSuffix(base, filepath.Ext(base)) + "_charts"
		for _, s := range br.Sections {
			for _, c := range s.Charts {
				if err := folder.WriteFile(chartDir+"/"+c.Name+".svg", func(w io.Writer) error { _, err := w.Write(c.SVG); return err }); err != nil {
					return err
				}
			}
		}
		err = folder.WriteFile(base, func(w io.Writer) error { return br.WriteMarkdown(w, chartDir) })
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(opts.Out, "%s: brief of %s (%s)\n", file, opts.Dir, br.Title)
	return err
}

// loadBrief reads a results folder and builds its brief: a run's, a comparison's or a sweep's.
func loadBrief(dir string) (*output.Brief, error) {
	if sm, err := output.ReadSweepManifest(dir); err == nil {
		// A sweep folder: the appendix shows the sweep file if it is still the one that ran.
		text := ""
		if b, err := os.ReadFile(sm.Source); err == nil && sha256Hex(b) == sm.SHA256 {
			text = string(b)
		}
		return output.LoadSweepBrief(dir, text)
	}
	m, err := output.ReadManifest(dir)
	if err == nil && len(m.Compared) > 0 {
		return output.LoadCompareBrief(dir)
	}
	run, err := output.LoadRun(dir)
	if err != nil {
		return nil, err
	}
	return output.NewRunBrief(run, scenarioFacts(run.Manifest))
}

// sha256Hex is the hex SHA-256 of b.
func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// scenarioText finds the scenario file a run recorded (a built-in, or the file at its path)
// and says whether it is the one the run used.
func scenarioText(m *output.Manifest) (text, note string) {
	var b []byte
	var err error
	where := m.ScenarioSource
	if name, ok := strings.CutPrefix(m.ScenarioSource, "builtin:"); ok {
		b, err = builtinScenario(name)
		where = "the built-in scenario " + name
	} else {
		b, err = os.ReadFile(m.ScenarioSource)
	}
	switch {
	case err != nil:
		return "", fmt.Sprintf("The scenario file (%s) could not be read for this brief; the run's manifest.json holds the scenario as parsed.", where)
	case sha256Hex(b) != m.ScenarioSHA256:
		return string(b), fmt.Sprintf("The file below is %s as it is now; it has changed since the run (its SHA-256 is %s), so the run's manifest.json is the record of what ran.", where, sha256Hex(b))
	}
	return string(b), fmt.Sprintf("The file below is %s; its SHA-256 matches the run's.", where)
}
