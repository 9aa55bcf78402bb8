package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/tradesim/tradesim/scenarios/worlds"
)

func newWorldCheckCmd(s streams) *cobra.Command {
	var strict bool
	cmd := &cobra.Command{
		Use:   "check FOLDER...",
		Short: "Check world folders: formats, codes, balance; exit 0 if all are valid, 2 if not",
		Long: `Check each world folder strictly: every file present with its columns, known region and sector
codes, finite non-negative values, no duplicate rows, every sector's parameters with a source,
criticality in [0, 1], positive output and value added in every region-sector. Problems are
printed as FILE:LINE:COL: message, all at once. If the folder holds a targets.csv (as an export
of the default world does), each target is measured and a miss is reported as a warning; with
--strict-targets a miss makes the folder invalid (exit 2), as the default world's tests do.`,
		Example: `  tradesim world export my-world && tradesim world check my-world
  tradesim world check --strict-targets my-world`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			bad := 0
			for _, dir := range args {
				if err := checkWorldFolder(s, dir, strict); err != nil {
					fmt.Fprintln(s.ErrOut, err)
					bad++
				}
			}
			if bad > 0 {
				return badInputf("%d of %d world folders are invalid", bad, len(args))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&strict, "strict-targets", false, "treat a missed calibration target in targets.csv as an error")
	return cmd
}

func checkWorldFolder(s streams, dir string, strict bool) error {
	f, err := worlds.LoadFolder(dir)
	if err != nil {
		return err
	}
	w := f.World
	fmt.Fprintf(s.Out, "%s: valid world %q, %d regions x %d sectors, base year %d, digest %.12s\n",
		dir, w.Name, w.R(), w.S(), w.BaseYear, worlds.Digest(w))
	fmt.Fprintf(s.Out, "%s: %s\n", dir, worldMemoryText(w))
	data, err := os.ReadFile(filepath.Join(dir, worlds.TargetsFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(dir, worlds.TargetsFile), err)
	}
	ts, err := worlds.ReadTargets(data, filepath.Join(dir, worlds.TargetsFile), w)
	if err != nil {
		return err
	}
	missed := 0
	for _, t := range ts {
		if !t.Met(w) {
			missed++
			fmt.Fprintf(s.ErrOut, "%s:%d: %starget %s: %s is %.6g, want %.6g within %s\n",
				filepath.Join(dir, worlds.TargetsFile), t.Line, warning(strict), t.ID, t.Quantity.Text, t.Quantity.Eval(w), t.Value, t.TolText)
		}
	}
	fmt.Fprintf(s.Out, "%s: %d of %d calibration targets met\n", dir, len(ts)-missed, len(ts))
	if missed > 0 && strict {
		return fmt.Errorf("%s: %d calibration targets missed", dir, missed)
	}
	return nil
}

func warning(strict bool) string {
	if strict {
		return ""
	}
	return "warning: "
}
