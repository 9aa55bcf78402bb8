package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tradesim/tradesim/output"
)

// folderFixture builds tradesim and writes the quick scenario into a temporary folder.
func folderFixture(t *testing.T) (dir, bin, scen string) {
	t.Helper()
	dir = t.TempDir()
	bin = buildTradesim(t, dir)
	scen = filepath.Join(dir, "quick.yaml")
	if err := os.WriteFile(scen, []byte(quickScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, bin, scen
}

// verifiedRun checks that dir holds a finished run whose files match its manifest and
// nothing else but the lock file a killed run may leave; it returns the manifest's seed.
func verifiedRun(t *testing.T, name, dir string) uint64 {
	t.Helper()
	m, err := output.ReadManifest(dir)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return 0
	}
	if err := m.Verify(dir); err != nil {
		t.Errorf("%s: the manifest does not match the files: %v", name, err)
	}
	listed := map[string]bool{output.ManifestName: true, ".tradesim-lock": true}
	for _, f := range m.Files {
		listed[f.Path] = true
	}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if !listed[filepath.ToSlash(rel)] {
			t.Errorf("%s: %s is not part of the run", name, rel)
		}
		return nil
	})
	return m.Seed
}

// TestRunConcurrent starts a second run into a folder while a first one holds it: the second
// exits 2 naming the lock and its holder, the first finishes and its manifest verifies. The
// same with --force into a folder that holds a previous run.
func TestRunConcurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("starts several runs")
	}
	dir, bin, scen := folderFixture(t)
	args := []string{"run", scen, "--firms", "2", "--charts", "svg", "--quiet"}
	for _, force := range []bool{false, true} {
		out := filepath.Join(dir, fmt.Sprintf("out-%v", force))
		extra := []string{"-o", out}
		if force {
			if b, err := exec.Command(bin, append(args, "--seed", "1", "-o", out)...).CombinedOutput(); err != nil {
				t.Fatalf("previous run: %v\n%s", err, b)
			}
			extra = append(extra, "--force")
		}
		// The first run is made long (many replicates), so that it still holds the folder
		// when the second, started as soon as the first has locked, reaches the lock.
		first := exec.Command(bin, append(append(args, "--replicates", "40"), extra...)...)
		var firstErr bytes.Buffer
		first.Stderr = &firstErr
		if err := first.Start(); err != nil {
			t.Fatal(err)
		}
		// Start the second once the first holds the folder.
		for deadline := time.Now().Add(time.Minute); ; time.Sleep(5 * time.Millisecond) {
			if _, err := os.Stat(filepath.Join(out, ".tradesim-lock")); err == nil {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the first run never locked the folder")
			}
		}
		second := exec.Command(bin, append(args, extra...)...)
		var secondErr bytes.Buffer
		second.Stderr = &secondErr
		second.Run()
		if err := first.Wait(); err != nil {
			t.Fatalf("force=%v: the first run failed: %v\n%s", force, err, firstErr.String())
		}
		if code := second.ProcessState.ExitCode(); code != exitBadInput {
			t.Errorf("force=%v: the second run exited %d; want %d", force, code, exitBadInput)
		}
		want := "it is locked by another run that is still writing it (tradesim run " + scen + ")"
		if !strings.Contains(secondErr.String(), want) {
			t.Errorf("force=%v: the second run says %q; want %q", force, secondErr.String(), want)
		}
		if seed := verifiedRun(t, fmt.Sprintf("force=%v", force), out); seed != 3 {
			t.Errorf("force=%v: the folder holds the run with seed %d; want the first run's, 3", force, seed)
		}
		if _, err := os.Stat(filepath.Join(out, ".tradesim-lock")); !os.IsNotExist(err) {
			t.Errorf("force=%v: a finished run left its lock file: %v", force, err)
		}
	}
}

// TestRunInterruptedReplacing kills `tradesim run --force` at random moments while it replaces
// a previous run: the folder always holds one whole run, the previous (seed 1) or the new
// (seed 3), whose files match its manifest. Without --force the run is refused before it
// simulates and the previous run is untouched. TRADESIM_INTERRUPTS sets the number of kills.
func TestRunInterruptedReplacing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts dozens of runs")
	}
	dir, bin, scen := folderFixture(t)
	args := []string{"run", scen, "--firms", "2", "--charts", "svg", "--quiet"}
	prev := filepath.Join(dir, "prev")
	if b, err := exec.Command(bin, append(args, "--seed", "1", "-o", prev)...).CombinedOutput(); err != nil {
		t.Fatalf("previous run: %v\n%s", err, b)
	}
	timing := filepath.Join(dir, "timing")
	if err := os.CopyFS(timing, os.DirFS(prev)); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if b, err := exec.Command(bin, append(args, "--force", "-o", timing)...).CombinedOutput(); err != nil {
		t.Fatalf("timing run: %v\n%s", err, b)
	}
	dur := time.Since(start)
	n := 12
	if raceEnabled {
		n = 6 // the race detector makes every run several times slower
	}
	if s := os.Getenv("TRADESIM_INTERRUPTS"); s != "" {
		fmt.Sscan(s, &n)
	}
	rng := rand.New(rand.NewPCG(20261130, 11))
	outcome := map[string]int{}
	for i := range n {
		out := filepath.Join(dir, fmt.Sprintf("kill%03d", i))
		if err := os.CopyFS(out, os.DirFS(prev)); err != nil {
			t.Fatal(err)
		}
		force := i%3 != 2
		sig := os.Signal(syscall.SIGINT)
		if i%2 == 1 {
			sig = syscall.SIGKILL
		}
		extra := []string{"-o", out}
		if force {
			extra = append(extra, "--force")
		}
		cmd := exec.Command(bin, append(args, extra...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.Float64() * 1.3 * float64(dur))
		time.Sleep(delay)
		cmd.Process.Signal(sig)
		cmd.Wait()
		code := cmd.ProcessState.ExitCode()
		name := fmt.Sprintf("kill %d (force %v, %v after %v, exit %d)", i, force, sig, delay.Round(time.Millisecond), code)
		seed := verifiedRun(t, name, out)
		switch {
		case !force && code == 0:
			t.Errorf("%s: a run without --force into a previous run succeeded", name)
		case !force && code > 0 && code != exitBadInput && code != exitInterrupted:
			t.Errorf("%s: a run without --force into a previous run exited %d; want 2\n%s", name, code, stderr.String())
		case !force && seed != 1:
			t.Errorf("%s: a refused run changed the previous run", name)
		case code == 0 && seed != 3:
			t.Errorf("%s: exit 0 but the folder holds the run with seed %d", name, seed)
		case sig == syscall.SIGINT && code == exitInterrupted && seed != 1:
			t.Errorf("%s: an interrupted run did not leave the previous run", name)
		}
		outcome[fmt.Sprintf("force=%v seed=%d", force, seed)]++
		// Whatever a SIGKILL left (a lock file, temporary files, a staging folder), the next run
		// into the folder removes it and works.
		if sig != syscall.SIGKILL {
			continue
		}
		if b, err := exec.Command(bin, append(args, "--force", "-o", out)...).CombinedOutput(); err != nil {
			t.Errorf("%s: the next run into the folder: %v\n%s", name, err, b)
		}
		if _, err := os.Stat(filepath.Join(out, ".tradesim-lock")); !os.IsNotExist(err) {
			t.Errorf("%s: the next run left a lock file", name)
		}
		if m, _ := filepath.Glob(filepath.Join(dir, ".kill*")); len(m) > 0 {
			t.Errorf("%s: staging folders left after the next run: %v", name, m)
		}
	}
	t.Logf("run %v; outcomes: %v", dur.Round(time.Millisecond), outcome)
}
