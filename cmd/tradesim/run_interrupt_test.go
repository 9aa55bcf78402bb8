package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tradesim/tradesim/output"
)

// quickScenario is a small, short scenario for tests that run many times.
const quickScenario = `name: quick-tariff
title: A 30% US tariff on Chinese electronics (test scenario)
description: Small and short, for tests.
sources: ["assumption: test scenario"]
world: default
start: 2025-01
horizon: 12
seed: 3
replicates: 2
policies:
  - id: us-tariff
    type: tariff
    importer: USA
    exporter: CHN
    sectors: [ELEC]
    rate: 0.3
    start: 2025-03
`

// TestRunInterrupted kills `tradesim run` (SIGINT and SIGKILL, alternately) at random moments
// of a run, then checks the folder (a failed or interrupted run must never look finished, nor publish a non-finite value): a manifest is
// present only when every file it lists matches its hash; every file under a final name is
// complete, i.e. byte-identical to the same file of an uninterrupted run (results are
// deterministic); after SIGINT the run exits 130, says so, and removes the folder it created.
// TRADESIM_INTERRUPTS sets the number of kills (default 20, half of each; reliability.md asks
// 200 for a nightly run).
func TestRunInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("starts dozens of runs")
	}
	dir := t.TempDir()
	bin := buildTradesim(t, dir)
	scen := filepath.Join(dir, "quick.yaml")
	if err := os.WriteFile(scen, []byte(quickScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"run", scen, "--firms", "2", "--charts", "svg", "--quiet"}
	ref := filepath.Join(dir, "ref")
	start := time.Now()
	if out, err := exec.Command(bin, append(args, "-o", ref)...).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted run: %v\n%s", err, out)
	}
	dur := time.Since(start)
	m, err := output.ReadManifest(ref)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Verify(ref); err != nil {
		t.Fatalf("uninterrupted run: %v", err)
	}

	n := 20
	if s := os.Getenv("TRADESIM_INTERRUPTS"); s != "" {
		if n, err = strconv.Atoi(s); err != nil {
			t.Fatalf("TRADESIM_INTERRUPTS=%q: %v", s, err)
		}
	}
	rng := rand.New(rand.NewPCG(20251129, 5)) // a fixed schedule, so a failure can be replayed
	delays := make([]time.Duration, n)
	for i := range delays {
		delays[i] = time.Duration(rng.Float64() * 1.1 * float64(dur))
	}
	var mu sync.Mutex
	outcome := map[string]int{}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4) // runs wait on fsync more than on the CPU: overlap them
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			sig := os.Signal(syscall.SIGINT)
			if i%2 == 1 {
				sig = syscall.SIGKILL
			}
			out := filepath.Join(dir, fmt.Sprintf("kill%03d", i))
			cmd := exec.Command(bin, append(args, "-o", out)...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Error(err)
				return
			}
			time.Sleep(delays[i])
			cmd.Process.Signal(sig)
			cmd.Wait()
			code := cmd.ProcessState.ExitCode()
			name := fmt.Sprintf("run %d (%v after %v, exit %d)", i, sig, delays[i].Round(time.Millisecond), code)
			what := checkInterrupted(t, name, out, ref, sig == syscall.SIGINT, code, stderr.String())
			if sig == syscall.SIGKILL {
				// What the killed run left (its lock file, temporary and completed files) is
				// tradesim's: the next run into the folder removes it and finishes.
				if b, err := exec.Command(bin, append(args, "--force", "-o", out)...).CombinedOutput(); err != nil {
					t.Errorf("%s: the next run into the folder: %v\n%s", name, err, b)
				} else if m, err := output.ReadManifest(out); err != nil || m.Verify(out) != nil {
					t.Errorf("%s: the next run's folder does not verify: %v", name, err)
				}
			}
			mu.Lock()
			outcome[fmt.Sprintf("%v: %s", sig, what)]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	t.Logf("uninterrupted run %v; outcomes of %d kills: %v", dur.Round(time.Millisecond), n, outcome)
}

// checkInterrupted checks the folder of a killed run and says what state it found.
func checkInterrupted(t *testing.T, name, out, ref string, sigint bool, code int, stderr string) string {
	t.Helper()
	if _, err := os.Stat(out); os.IsNotExist(err) {
		if sigint && code == exitInterrupted && !strings.Contains(stderr, "interrupted") {
			t.Errorf("%s: stderr does not say the run was interrupted: %q", name, stderr)
		}
		return "no folder"
	}
	var final, temp []string
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		if strings.HasPrefix(d.Name(), ".") {
			temp = append(temp, rel)
		} else {
			final = append(final, rel)
		}
		return nil
	})
	complete := false
	if _, err := os.Stat(filepath.Join(out, output.ManifestName)); err == nil {
		m, err := output.ReadManifest(out)
		if err != nil {
			t.Errorf("%s: damaged manifest: %v", name, err)
			return "damaged manifest"
		}
		if err := m.Verify(out); err != nil {
			t.Errorf("%s: the manifest does not match the files: %v", name, err)
		}
		complete = true
	}
	for _, rel := range final {
		if rel == output.ManifestName {
			continue
		}
		got, err1 := os.ReadFile(filepath.Join(out, rel))
		want, err2 := os.ReadFile(filepath.Join(ref, rel))
		if err1 != nil || err2 != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %s under its final name is not the complete file (%d bytes, complete %d)", name, rel, len(got), len(want))
		}
	}
	switch {
	case sigint && code == exitInterrupted:
		// The run created the folder, so after an interrupt it removes it with the rest.
		t.Errorf("%s: an interrupted run left its folder, with files %v and temporary files %v", name, final, temp)
		return "exit 130, folder left"
	case code == 0:
		if !complete {
			t.Errorf("%s: exit 0 without a manifest", name)
		}
		return "finished"
	case complete:
		return "killed after the manifest"
	case len(final) > 0:
		return "killed while writing"
	}
	return "killed before writing"
}

// buildTradesim builds the real command (main with its signal handling; the testscript
// command runs Main without it), with the race detector when the test has it, so the build
// reuses the test's compiled packages. It builds once per test binary (a race build takes a
// minute on a busy machine); TestMain removes it after the tests. dir is unused.
func buildTradesim(t *testing.T, dir string) string {
	t.Helper()
	built.once.Do(func() {
		gobin, err := exec.LookPath("go") // go test puts its own GOROOT/bin first on PATH
		if err != nil {
			built.err = fmt.Errorf("cannot find the go command to build tradesim: %v", err)
			return
		}
		if built.dir, err = os.MkdirTemp("", "tradesim-test-bin-"); err != nil {
			built.err = err
			return
		}
		bin := filepath.Join(built.dir, "tradesim")
		args := []string{"build", "-o", bin}
		if raceEnabled {
			args = append(args, "-race")
		}
		if out, err := exec.Command(gobin, append(args, ".")...).CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		built.bin = bin
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

// built is the command buildTradesim built.
var built struct {
	once     sync.Once
	dir, bin string
	err      error
}

// removeBuilt deletes the built command (TestMain calls it after the tests).
func removeBuilt() {
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
}
