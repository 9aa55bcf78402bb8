package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tradesim/tradesim/output"
	"github.com/tradesim/tradesim/scenarios"
	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/scenarios/worlds"
	"github.com/tradesim/tradesim/sim"
)

// Flag values: the names a flag accepts, for shell completion and for "did you mean" when a
// value is not one of them.

// chartKinds are the values of `plot --kind`.
var chartKinds = []string{"fan", "lines", "multiples"}

// seriesVariables are the values of --var: every variable of series.csv.
func seriesVariables() []string {
	var out []string
	for _, vs := range [][]sim.Variable{sim.RSVars[:], sim.RegionVars[:]} {
		for _, v := range vs {
			if !slices.Contains(out, v.Name) {
				out = append(out, v.Name)
			}
		}
	}
	return out
}

// unknownValue says that a flag's value is not one of valid: the nearest valid name when the
// value looks like a typo of it ("--region US: ... did you mean "USA"?"), else the list.
func unknownValue(flag, got, what string, valid []string) error {
	return fmt.Errorf("--%s %s: %s; %s", flag, got, what, diag.DidYouMean(got, valid))
}

// checkVariable refuses a --var that is not a tradesim variable.
func checkVariable(v string) error {
	if _, ok := output.VariableNamed(v); ok {
		return nil
	}
	return unknownValue("var", v, "not a tradesim variable", seriesVariables())
}

// completeWords completes a flag from a fixed list.
func completeWords(words ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return words, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeList completes a comma-separated list of words item by item.
func completeList(words ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		prefix := ""
		if i := strings.LastIndex(toComplete, ","); i >= 0 {
			prefix = toComplete[:i+1]
		}
		out := make([]string, len(words))
		for i, w := range words {
			out[i] = prefix + w
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

// completeCodes completes --region or --sector from the results folder the command names (its
// manifest's codes), or from the default world when there is none yet; with list, a
// comma-separated list is completed item by item.
func completeCodes(region, list bool) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		var codes []string
		for _, dir := range args {
			if m, err := output.ReadManifest(dir); err == nil && len(m.Regions) > 0 {
				codes = m.Sectors
				if region {
					codes = m.Regions
				}
				break
			}
		}
		if codes == nil {
			if w, err := defaultWorldCodes(region); err == nil {
				codes = w
			}
		}
		codes = append(slices.Clone(codes), output.All)
		prefix := ""
		if list {
			if i := strings.LastIndex(toComplete, ","); i >= 0 {
				prefix = toComplete[:i+1]
			}
		}
		out := make([]string, len(codes))
		for i, c := range codes {
			out[i] = prefix + c
		}
		dir := cobra.ShellCompDirectiveNoFileComp
		if list {
			dir |= cobra.ShellCompDirectiveNoSpace // room for ",NEXT"
		}
		return out, dir
	}
}

// defaultWorldCodes lists the default world's region or sector codes.
func defaultWorldCodes(region bool) ([]string, error) {
	w, err := worlds.Default()
	if err != nil {
		return nil, err
	}
	labels := w.Sectors
	if region {
		labels = w.Regions
	}
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = l.Code
	}
	return out, nil
}

// completeScenario completes a scenario argument: the built-in names, then files.
func completeScenario(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveDefault
	}
	return scenarios.BuiltinNames(), cobra.ShellCompDirectiveDefault
}

// completeBuiltin completes the name of a built-in scenario only.
func completeBuiltin(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return scenarios.BuiltinNames(), cobra.ShellCompDirectiveNoFileComp
}

// registerRunCompletion completes `tradesim run`: built-in scenario names (or a file), and the
// values of its list and size flags.
func registerRunCompletion(cmd *cobra.Command) {
	cmd.ValidArgsFunction = completeScenario
	cmd.RegisterFlagCompletionFunc("format", completeList("csv", "parquet", "json"))
	cmd.RegisterFlagCompletionFunc("charts", completeList(append(slices.Clone(output.ChartFormats), "none")...))
	cmd.RegisterFlagCompletionFunc("chart-size", completeWords("slide", "page"))
}
