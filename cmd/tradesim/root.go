package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes (README.md).
const (
	exitOK          = 0
	exitRunFailed   = 1
	exitBadInput    = 2
	exitInterrupted = 130
)

// streams are the standard streams a command reads and writes; tests pass buffers.
type streams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
}

// inputError marks an error caused by bad input (usage, an invalid file): exit code 2.
type inputError struct{ err error }

func (e *inputError) Error() string { return e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

// badInput marks err as the user's input being wrong; nil stays nil.
func badInput(err error) error {
	if err == nil {
		return nil
	}
	return &inputError{err}
}

// badInputf formats a bad-input error.
func badInputf(format string, args ...any) error { return badInput(fmt.Errorf(format, args...)) }

// newRootCmd assembles the command tree explicitly: one constructor per command, no init().
// The profiler's hidden flags (--cpuprofile, --memprofile) apply to every command; Main stops
// it when the command ends.
func newRootCmd(s streams, prof *profiler) *cobra.Command {
	root := &cobra.Command{
		Use:   "tradesim",
		Short: "What-if trade-scenario simulator: tariffs, export controls and retaliation, month by month",
		Long: `tradesim simulates what tariffs, chip export allowances and rare-earth export limits do to
output, prices, jobs, trade flows and shortages in every sector and region, month by month, with
Monte Carlo bands against a baseline that shares the same random draws.

Start with a built-in scenario:
  tradesim scenarios list
  tradesim scenarios show h20-allowance
  tradesim validate my-scenario.yaml`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.ErrOut)
	prof.register(root)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return badInputf("%w (see '%s --help')", err, c.CommandPath())
	})
	root.AddCommand(
		newVersionCmd(s),
		newWorldCmd(s),
		newRunCmd(s),
		newPlotCmd(s),
		newCompareCmd(s),
		newReportCmd(s),
		newValidateCmd(s),
		newScenariosCmd(s),
		newSchemaCmd(s),
		newSweepCmd(s, os.Getenv),
	)
	return root
}

// Main runs tradesim with args and returns the process exit code.
//
// A panic in the command is a failure of the run, not bad input: it exits 1 with the stack
// (Go's own crash exit code, 2, is the one for bad input here). A fatal error of the Go
// runtime, such as running out of memory, still exits 2; the memory budget checked before a
// run is there to prevent it.
func Main(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(errOut, "tradesim: internal error (please report it): %s\n%s", terminalText(fmt.Sprint(r)), debug.Stack())
			code = exitRunFailed
		}
	}()
	out = &safeWriter{w: out}
	var prof profiler
	root := newRootCmd(streams{In: in, Out: out, ErrOut: errOut}, &prof)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if perr := prof.stop(); perr != nil {
		fmt.Fprintf(errOut, "tradesim: writing the profile: %s\n", errorText(perr))
	}
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(errOut, "tradesim: %s\n", errorText(err))
	return exitCode(ctx, err)
}

func exitCode(ctx context.Context, err error) int {
	var in *inputError
	switch {
	case errors.As(err, &in):
		return exitBadInput
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		return exitInterrupted
	case strings.HasPrefix(err.Error(), "unknown command"),
		strings.HasPrefix(err.Error(), "accepts "),
		strings.HasPrefix(err.Error(), "requires "):
		// cobra's own usage errors
		return exitBadInput
	}
	return exitRunFailed
}
