//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestRunFullDisk writes results onto a full file system (a 16 MB tmpfs, mounted when the test
// may mount, skipped otherwise): the free-space check refuses the run before it simulates
// (exit 2); with --ignore-budget the write fails on the full disk and exits 1; either way the
// previous run it would replace stays whole, the user's files stay as they were and nothing of
// the failed run is left.
func TestRunFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("builds tradesim and mounts a file system")
	}
	dir, bin, _ := folderFixture(t)
	mnt := filepath.Join(dir, "mnt")
	os.Mkdir(mnt, 0o755)
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=16m"); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v): the full-disk test needs root or CAP_SYS_ADMIN", err)
	}
	t.Cleanup(func() { syscall.Unmount(mnt, syscall.MNT_DETACH) })

	short := strings.Replace(quickScenario, "horizon: 12", "horizon: 6", 1)
	long := strings.Replace(quickScenario, "horizon: 12", "horizon: 36", 1)
	for name, text := range map[string]string{"short.yaml": short, "long.yaml": long} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mine := filepath.Join(mnt, "mine.txt")
	if err := os.WriteFile(mine, []byte("the user's file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	prev := filepath.Join(mnt, "run")
	run := func(args ...string) (int, string) {
		cmd := exec.Command(bin, append([]string{"run", "--firms", "2", "--charts", "none", "--format", "csv", "--quiet"}, args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		cmd.Run()
		return cmd.ProcessState.ExitCode(), stderr.String()
	}
	if code, msg := run(filepath.Join(dir, "short.yaml"), "-o", prev); code != 0 {
		t.Fatalf("the previous run: exit %d\n%s", code, msg)
	}
	intact := func(when string) {
		t.Helper()
		if seed := verifiedRun(t, when, prev); seed != 3 {
			t.Errorf("%s: the previous run is gone", when)
		}
		if b, err := os.ReadFile(mine); err != nil || string(b) != "the user's file\n" {
			t.Errorf("%s: the user's file changed: %q %v", when, b, err)
		}
		entries, _ := os.ReadDir(mnt)
		if len(entries) != 2 {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Errorf("%s: the disk holds %v; want only mine.txt and run", when, names)
		}
	}
	code, msg := run(filepath.Join(dir, "long.yaml"), "--force", "-o", prev)
	if code != exitBadInput || !strings.Contains(msg, "the results need about") || !strings.Contains(msg, "free") {
		t.Errorf("a run that cannot fit: exit %d, %q; want exit 2 naming the space it needs", code, msg)
	}
	intact("after the refused run")
	code, msg = run(filepath.Join(dir, "long.yaml"), "--force", "--ignore-budget", "-o", prev)
	if code != exitRunFailed || !strings.Contains(msg, "no space left on device") {
		t.Errorf("a run onto a full disk: exit %d, %q; want exit 1 saying the disk is full", code, msg)
	}
	intact("after the run that filled the disk")
}
