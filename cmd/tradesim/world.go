package main

import (
	"github.com/spf13/cobra"

	"github.com/tradesim/tradesim/scenarios/worlds"
)

// newWorldCmd groups the commands on world folders: the base data of a simulation.
func newWorldCmd(s streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "world",
		Short: "Show, check, export and import worlds (base input-output data)",
		Long: `A world is the base data of a simulation: annual flows between regions and sectors, base
tariffs, sector parameters and input criticality, in a folder of five files (world.yaml,
flows.csv, tariffs.csv, sectors.csv, criticality.csv). tradesim ships a default world (7 regions
x 13 sectors, 2024, USD billions; its SOURCES.md documents every figure). Export it to edit it,
or import your own input-output table with a mapping file.`,
		Example: `  tradesim world show
  tradesim world export my-world
  tradesim world check my-world
  tradesim world import --flows icio-long.csv --map icio2023 --currency "USD millions" -o my-world`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newWorldShowCmd(s), newWorldCheckCmd(s), newWorldExportCmd(s), newWorldImportCmd(s))
	return cmd
}

// resolveWorld loads the world a --world flag names ("default" or a folder); a bad folder is bad
// input.
func resolveWorld(ref string) (*worlds.Folder, error) {
	f, err := worlds.ResolveFolder(ref, "")
	if err != nil {
		return nil, badInput(err)
	}
	return f, nil
}
