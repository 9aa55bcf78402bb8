package main

import (
	"fmt"
	"path/filepath"

	"github.com/google/renameio/v2"
	"github.com/spf13/cobra"

	"github.com/tradesim/tradesim/scenarios/worlds"
)

type worldExportOptions struct {
	World string
	Force bool
}

func newWorldExportCmd(s streams) *cobra.Command {
	opts := worldExportOptions{World: worlds.DefaultName}
	cmd := &cobra.Command{
		Use:   "export DIR",
		Short: "Write a world (the default one unless --world) as editable files",
		Long: `Write the world's five files into DIR (created if needed), ready to edit and to use from a
scenario with "world: DIR". The default world also brings its targets.csv and SOURCES.md, so
that "tradesim world check DIR" measures the calibration targets again after your edits.
A DIR that holds files already is refused unless --force is given.`,
		Example: `  tradesim world export my-world
  tradesim world export --world my-world --force my-world-copy`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := resolveWorld(opts.World)
			if err != nil {
				return err
			}
			dir := args[0]
			if err := worlds.WriteDir(f, dir, opts.Force); err != nil {
				return badInput(err)
			}
			n := len(worlds.Files)
			if opts.World == worlds.DefaultName {
				for _, name := range []string{worlds.TargetsFile, "SOURCES.md"} {
					data, err := worlds.DefaultFile(name)
					if err != nil {
						return err
					}
					if err := renameio.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
						return fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
					}
					n++
				}
			}
			_, err = fmt.Fprintf(s.Out, "wrote world %q to %s (%d files)\n", f.World.Name, dir, n)
			return err
		},
	}
	cmd.Flags().StringVar(&opts.World, "world", opts.World, `"default" or a world folder`)
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite files in a non-empty DIR")
	return cmd
}
