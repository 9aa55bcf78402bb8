package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/tradesim/tradesim/scenarios"
	"github.com/tradesim/tradesim/scenarios/worlds"
)

func newValidateCmd(s streams) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check scenario files (and world folders); exit 0 if all are valid, 2 if not",
		Long: `Check each scenario file strictly against its world: unknown or duplicate fields, wrong
types, values out of range, dates outside the horizon, unknown region, sector and policy codes
(with the nearest valid name), rule conditions that do not compile, and its baseline. Every
problem is printed on stderr as FILE:LINE:COL: field: message, all at once; valid files print
"FILE: ok" on stdout. A built-in scenario's name is accepted too. A folder is checked as a
world folder (as tradesim world check does, without its calibration targets). Sweep files are
not supported yet.

Exit status: 0 when every file is valid; 2 when any is not, or the command is misused.`,
		Example: `  tradesim scenarios init my-tariff && tradesim validate my-tariff.yaml
  tradesim validate scenarios/*.yaml h20-allowance

  A file with a typo in a region code prints, and exits 2:
  my-tariff.yaml:38:15: policies[0].exporter: unknown region "CHA" in world "default"; did you mean "CHN"?`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			bad := 0
			for _, ref := range args {
				if err := validateOne(s, ref); err != nil {
					fmt.Fprintln(s.ErrOut, err)
					bad++
				}
			}
			if bad > 0 {
				return badInputf("%d of %d files are invalid", bad, len(args))
			}
			return nil
		},
	}
}

// validateOne checks one scenario file, built-in or world folder, printing "REF: ok ..." when it
// is valid and returning its problems otherwise.
func validateOne(s streams, ref string) error {
	if st, err := os.Stat(ref); err == nil && st.IsDir() {
		w, err := worlds.Load(ref)
		if err != nil {
			return err
		}
		fmt.Fprintf(s.Out, "%s: ok (world folder %q, %d regions x %d sectors)\n", ref, w.Name, w.R(), w.S())
		return nil
	}
	l, err := scenarios.Load(ref, scenarios.LoadOptions{ResolveWorld: worlds.Resolve})
	if err != nil {
		return err
	}
	baseline := "the scenario without its policies and rules"
	if l.BaselineName != "" {
		baseline = l.BaselineName
	}
	sc := l.Scenario
	fmt.Fprintf(s.Out, "%s: ok: scenario %q on world %s, %s to %s, %s, %s; baseline: %s\n",
		ref, l.Name, l.WorldRef, sc.Start, sc.End(), count(len(sc.Policies), "policy", "policies"),
		count(len(sc.Rules), "rule", "rules"), baseline)
	for _, n := range l.Notes {
		n.Message = "note: " + n.Message
		fmt.Fprintln(s.Out, n)
	}
	if len(sc.Policies) == 0 && len(sc.Rules) == 0 && l.BaselineName == "" {
		// Valid, but most likely not what was meant (every policy commented out).
		fmt.Fprintf(s.Out, "%s: note: with no policies and no rules the scenario equals its baseline: every deviation will be zero\n", ref)
	}
	return nil
}

// count writes n with the singular or plural noun.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
