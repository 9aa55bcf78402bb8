//go:build unix

package worlds

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// copySmall copies testdata/small into a fresh folder and returns it.
func copySmall(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range Files {
		data, err := os.ReadFile(filepath.Join("testdata/small", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLoadRefusesNonRegular: a world file that is a named pipe (which would block the reader), a
// folder, or a link leading outside the world folder is refused with its name; a link that stays
// inside the folder is read.
func TestLoadRefusesNonRegular(t *testing.T) {
	t.Run("fifo", func(t *testing.T) {
		dir := copySmall(t)
		p := filepath.Join(dir, FlowsFile)
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skipf("cannot make a named pipe here: %v", err)
		}
		_, err := Load(dir) // must return, not block on the pipe
		want := p + ": not a regular file (a named pipe); a world file must be a plain file"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want %q", err, want)
		}
	})
	t.Run("folder", func(t *testing.T) {
		dir := copySmall(t)
		p := filepath.Join(dir, TariffsFile)
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir(p, 0o755); err != nil {
			t.Fatal(err)
		}
		_, err := Load(dir)
		if err == nil || !strings.Contains(err.Error(), "not a regular file (a folder)") {
			t.Errorf("err = %v, want a refusal of the folder", err)
		}
	})
	t.Run("link outside", func(t *testing.T) {
		dir := copySmall(t)
		outside := filepath.Join(t.TempDir(), "secret.csv")
		if err := os.WriteFile(outside, []byte("input,user,phi\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, CriticalityFile)
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(outside, p); err != nil {
			t.Skipf("cannot make a link here: %v", err)
		}
		_, err := Load(dir)
		want := p + ": the file is a link that leads outside the world folder; copy the file itself into the folder"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want %q", err, want)
		}
	})
	t.Run("link inside", func(t *testing.T) {
		dir := copySmall(t)
		p := filepath.Join(dir, CriticalityFile)
		if err := os.Rename(p, filepath.Join(dir, "phi.csv")); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("phi.csv", p); err != nil {
			t.Skipf("cannot make a link here: %v", err)
		}
		if _, err := Load(dir); err != nil {
			t.Errorf("a link inside the folder: %v", err)
		}
	})
}
