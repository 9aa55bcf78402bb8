package main

import (
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(cleanupM{m}, map[string]func(){
		"tradesim": func() { os.Exit(Main(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command-line scripts in testdata/script: each is a session an economist
// could type, with the exit codes and output it must give.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			// Scripts may read the repository's reference data beside the module (../shared).
			env.Setenv("TRADESIM_SHARED", sharedDir())
			return nil
		},
	})
}

func sharedDir() string {
	if d := os.Getenv("TRADESIM_SHARED"); d != "" {
		return d
	}
	return "../../../shared"
}

// cleanupM runs the tests, then removes what they left for one another (the built command).
type cleanupM struct{ m *testing.M }

func (c cleanupM) Run() int {
	code := c.m.Run()
	removeBuilt()
	return code
}
