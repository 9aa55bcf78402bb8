package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// profiler is the hidden developer flags --cpuprofile FILE and --memprofile FILE of every
// command: a CPU profile of the whole command, and a heap profile (allocations and memory in
// use) written when it ends, for `go tool pprof`. README.md (Development) says how to use them.
type profiler struct {
	cpuPath, memPath string
	cpu              *os.File
}

// register adds the flags to root, hidden from help, and starts the CPU profile before any
// command runs.
func (p *profiler) register(root *cobra.Command) {
	pf := root.PersistentFlags()
	pf.StringVar(&p.cpuPath, "cpuprofile", "", "write a CPU profile of the command to FILE (developers)")
	pf.StringVar(&p.memPath, "memprofile", "", "write a heap profile to FILE when the command ends (developers)")
	_ = pf.MarkHidden("cpuprofile")
	_ = pf.MarkHidden("memprofile")
	root.PersistentPreRunE = func(*cobra.Command, []string) error { return p.start() }
}

func (p *profiler) start() error {
	if p.memPath != "" {
		// Fail before the command runs, not after, when the file cannot be written.
		f, err := os.Create(p.memPath)
		if err != nil {
			return badInputf("--memprofile: %w", err)
		}
		f.Close()
	}
	if p.cpuPath == "" {
		return nil
	}
	f, err := os.Create(p.cpuPath)
	if err != nil {
		return badInputf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	p.cpu = f
	return nil
}

// stop ends the CPU profile and writes the heap profile; it is safe to call when neither
// was started.
func (p *profiler) stop() error {
	var errs []error
	if p.cpu != nil {
		pprof.StopCPUProfile()
		errs = append(errs, p.cpu.Close())
		p.cpu = nil
	}
	if p.memPath != "" {
		path := p.memPath
		p.memPath = ""
		f, err := os.Create(path)
		if err != nil {
			return errors.Join(append(errs, fmt.Errorf("--memprofile: %w", err))...)
		}
		runtime.GC() // the in-use figures are as of the last collection
		errs = append(errs, pprof.Lookup("heap").WriteTo(f, 0), f.Close())
	}
	return errors.Join(errs...)
}
