package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/google/renameio/v2"
	"github.com/spf13/cobra"

	"github.com/tradesim/tradesim/scenarios"
	"github.com/tradesim/tradesim/scenarios/diag"
)

func newScenariosCmd(s streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "scenarios",
		Short: "List, show and start scenarios",
		Long: `Built-in scenarios model 2025's trade measures with sources; run one by name
(tradesim run h20-allowance), print its file to start your own from it, or write a commented
starter scenario.

Exit status: 0 on success; 2 for an unknown built-in, a name that is not allowed, or a file
that exists or cannot be written.`,
		Example: `  tradesim scenarios list
  tradesim scenarios show h20-allowance > my-h20.yaml
  tradesim scenarios init my-tariff`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newScenariosListCmd(s), newScenariosShowCmd(s), newScenariosInitCmd(s))
	return cmd
}

func newScenariosListCmd(s streams) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the built-in scenarios with their titles",
		Long: `List the built-in scenarios, one a line, with their titles. Run one by name, or print it
with tradesim scenarios show NAME. Exit status: 0.`,
		Example: "  tradesim scenarios list\n  tradesim scenarios list | grep -i rare",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tw := tabwriter.NewWriter(s.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tTITLE")
			for _, b := range scenarios.Builtins() {
				fmt.Fprintf(tw, "%s\t%s\n", b.Name, b.Title)
			}
			return tw.Flush()
		},
	}
}

func newScenariosShowCmd(s streams) *cobra.Command {
	return &cobra.Command{
		Use:   "show NAME",
		Short: "Print a built-in scenario's file",
		Long: `Print the YAML file of a built-in scenario, with its description and sources. Save it to
start a scenario of your own from it (change its name).

Exit status: 0 on success; 2 when NAME is not a built-in (the nearest name is suggested).`,
		Example: `  tradesim scenarios show h20-allowance
  tradesim scenarios show h20-ban > my-ban.yaml`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeBuiltin,
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := scenarios.Builtin(args[0])
			if err != nil {
				return badInput(err)
			}
			_, err = s.Out.Write(data)
			return err
		},
	}
}

type scenariosInitOptions struct {
	Output string
	Force  bool
}

func newScenariosInitCmd(s streams) *cobra.Command {
	opts := &scenariosInitOptions{}
	cmd := &cobra.Command{
		Use:   "init NAME [-o FILE]",
		Short: "Write a commented starter scenario",
		Long: `Write a commented starter scenario called NAME to NAME.yaml (or FILE): a 25% US tariff on
Chinese electronics with a retaliation rule, on the default world, showing every section.
It validates as written; edit it, then check it with tradesim validate. An existing file is
never overwritten unless --force is given. A NAME ending in .yaml is the file to write, and the
scenario is called NAME without it.

Exit status: 0 when the file is written; 2 when NAME is not allowed (letters, digits, '.',
'_' and '-'), FILE exists without --force, or FILE's folder does not exist.`,
		Example: `  tradesim scenarios init my-tariff
  tradesim scenarios init chips-2026 -o scenarios/chips-2026.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScenariosInit(s, args[0], opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "file to write (default NAME.yaml)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite FILE if it exists")
	return cmd
}

func runScenariosInit(s streams, name string, opts *scenariosInitOptions) error {
	// "init my-tariff.yaml" means the file my-tariff.yaml, not my-tariff.yaml.yaml.
	if ext := filepath.Ext(name); (ext == ".yaml" || ext == ".yml") && opts.Output == "" {
		opts.Output, name = name, strings.TrimSuffix(filepath.Base(name), ext)
	}
	data, err := scenarios.Starter(name)
	if err != nil {
		return badInput(err)
	}
	path := opts.Output
	if path == "" {
		path = name + ".yaml"
	}
	if opts.Force {
		// Replace a regular file (or a link: the link itself, never its target) atomically; a
		// FIFO or a device is nothing to overwrite.
		if st, err := os.Lstat(path); err == nil && !st.Mode().IsRegular() && st.Mode()&fs.ModeSymlink == 0 {
			return badInput(diag.Diagnostic{File: path, Message: "is not a regular file; choose another file with -o"})
		}
		if err := renameio.WriteFile(path, data, 0o644); err != nil {
			return badInputf("cannot write the scenario: %w", err)
		}
		fmt.Fprintf(s.Out, "wrote %s; check it with: tradesim validate %s\n", path, path)
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return badInput(diag.Diagnostic{File: path, Message: "already exists; choose another file with -o, or give --force to overwrite it"})
	}
	if err != nil {
		return badInputf("cannot write the scenario: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	fmt.Fprintf(s.Out, "wrote %s; check it with: tradesim validate %s\n", path, path)
	return nil
}
