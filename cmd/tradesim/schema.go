package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tradesim/tradesim/scenarios"
)

func newSchemaCmd(s streams) *cobra.Command {
	return &cobra.Command{
		Use:   "schema [scenario|sweep]",
		Short: "Print the JSON Schema of scenario or sweep files, for editors",
		Long: `Print the JSON Schema (draft-07) of scenario files (or of sweep files: tradesim schema
sweep), generated from the same Go types
that tradesim's parser fills. Editors use it to complete and check files as you type: with
VS Code's YAML extension, save it and add to a scenario's first line
  # yaml-language-server: $schema=scenario.schema.json
The schema checks field names, types, required fields, allowed words and ranges; tradesim
validate also checks codes against the world, dates against the horizon and fields that
depend on a policy's type and mode.

Exit status: 0; 2 for a kind of file that has no schema.`,
		Example: `  tradesim schema > scenario.schema.json
  sed -i '1i # yaml-language-server: $schema=scenario.schema.json' my-tariff.yaml
  tradesim schema sweep > sweep.schema.json`,
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: scenarios.SchemaKinds,
		RunE: func(cmd *cobra.Command, args []string) error {
			kind := "scenario"
			if len(args) == 1 {
				kind = args[0]
			}
			if !slices.Contains(scenarios.SchemaKinds, kind) {
				return badInputf("unknown file kind %q; schemas exist for: %s", kind, strings.Join(scenarios.SchemaKinds, ", "))
			}
			out, err := scenarios.Schema(kind)
			if err != nil {
				return err
			}
			_, err = s.Out.Write(out)
			return err
		},
	}
}
