package output

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeRun writes a small finished run into f: files name -> content, then the manifest.
func writeTestRun(t *testing.T, f *Folder, files map[string]string) {
	t.Helper()
	for name, content := range files {
		if err := f.WriteFile(name, func(w io.Writer) error { _, err := io.WriteString(w, content); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.WriteManifest(&Manifest{Tool: "tradesim", ScenarioName: "t"}); err != nil {
		t.Fatal(err)
	}
}

func mustWrite(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// listDir lists the entries under dir (slash paths; directories end in /).
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if info.IsDir() {
			rel += "/"
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	return out
}

func openErr(t *testing.T, dir string, opts OpenOptions, want string) {
	t.Helper()
	f, err := OpenResultsDir(dir, opts)
	if err == nil {
		f.Rollback()
		t.Fatalf("OpenResultsDir(%s) succeeded; want an error with %q", dir, want)
	}
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("OpenResultsDir(%s): %v; want %q", dir, err, want)
	}
}

func TestOpenResultsDirNewAndEmpty(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "results", "a")
	f, err := OpenResultsDir(dir, OpenOptions{Holder: "test"})
	if err != nil {
		t.Fatal(err)
	}
	writeTestRun(t, f, map[string]string{"series.csv": "x\n", "charts/a.svg": "<svg/>"})
	if got, want := strings.Join(listDir(t, dir), " "), "charts/ charts/a.svg manifest.json series.csv"; got != want {
		t.Errorf("folder holds %s; want %s (no lock file left)", got, want)
	}
	// An empty folder (only empty subfolders) is fine; a failed run removes only its files.
	empty := filepath.Join(root, "empty")
	os.MkdirAll(filepath.Join(empty, "charts"), 0o755)
	f, err = OpenResultsDir(empty, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f.WriteFile("series.csv", func(w io.Writer) error { return nil })
	f.Rollback()
	if got := listDir(t, empty); len(got) != 1 || got[0] != "charts/" {
		t.Errorf("after a rollback the folder holds %v; want only charts/", got)
	}
	// A failed run into a new folder removes the folders it made.
	f, err = OpenResultsDir(filepath.Join(root, "new", "deep"), OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f.Rollback()
	if _, err := os.Stat(filepath.Join(root, "new")); !os.IsNotExist(err) {
		t.Errorf("a rolled back run left the folders it made: %v", err)
	}
}

func TestOpenResultsDirRefusesUserFiles(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "mine")
	mustWrite(t, filepath.Join(dir, "series.csv"), "my own table\n")
	mustWrite(t, filepath.Join(dir, "notes.txt"), "notes\n")
	for _, force := range []bool{false, true} {
		openErr(t, dir, OpenOptions{Force: force}, "it holds files that are not a finished tradesim run, which the results would overwrite; choose a new or empty folder with -o")
		openErr(t, dir, OpenOptions{Force: force}, "(notes.txt, series.csv)")
	}
	if mustRead(t, filepath.Join(dir, "series.csv")) != "my own table\n" || len(listDir(t, dir)) != 2 {
		t.Errorf("a refused folder changed: %v", listDir(t, dir))
	}
	openErr(t, "/", OpenOptions{Force: true}, "it is the root of the file system")
	openErr(t, filepath.Join(dir, "notes.txt"), OpenOptions{}, "it is a file, not a folder")
	// A manifest that is not tradesim's does not make a folder a run.
	other := filepath.Join(root, "other")
	mustWrite(t, filepath.Join(other, ManifestName), `{"tool":"npm"}`)
	openErr(t, other, OpenOptions{Force: true}, "manifest.json is not a tradesim manifest")
}

func TestOpenResultsDirForce(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "run")
	f, err := OpenResultsDir(dir, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	writeTestRun(t, f, map[string]string{"series.csv": "old\n", "flows.csv": "old flows\n", "charts/a.svg": "<svg/>"})
	openErr(t, dir, OpenOptions{}, "it holds the results of another run (manifest.json); choose another folder with -o, or pass --force")

	// A failed replacement leaves the previous run intact.
	f, err = OpenResultsDir(dir, OpenOptions{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if f.Dir == dir {
		t.Errorf("a replacement writes in place; want a staging folder beside %s", dir)
	}
	f.WriteFile("series.csv", func(w io.Writer) error { _, err := io.WriteString(w, "new\n"); return err })
	f.Rollback()
	m, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Verify(dir); err != nil {
		t.Errorf("a failed replacement damaged the previous run: %v", err)
	}
	if got := listDir(t, root); strings.Join(got, " ") != "run/ run/charts/ run/charts/a.svg run/flows.csv run/manifest.json run/series.csv" {
		t.Errorf("after a failed replacement: %v", got)
	}

	// A successful one replaces it whole: files the new run does not write are gone.
	f, err = OpenResultsDir(dir, OpenOptions{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	writeTestRun(t, f, map[string]string{"series.csv": "new\n"})
	if got := strings.Join(listDir(t, root), " "); got != "run/ run/manifest.json run/series.csv" {
		t.Errorf("after a replacement: %s", got)
	}

	// Files the manifest does not list, edited files and links are refused, even with --force.
	mustWrite(t, filepath.Join(dir, "mine.txt"), "mine")
	openErr(t, dir, OpenOptions{Force: true}, "besides a previous run it holds files its manifest does not list, which --force would delete; move them out first (mine.txt)")
	os.Remove(filepath.Join(dir, "mine.txt"))
	mustWrite(t, filepath.Join(dir, "series.csv"), "edited by hand\n")
	openErr(t, dir, OpenOptions{Force: true}, "files of the previous run were changed or removed since it finished")
	if mustRead(t, filepath.Join(dir, "series.csv")) != "edited by hand\n" {
		t.Error("an edited file was touched")
	}
}

// A crafted manifest listing a file behind a symbolic link: --force deletes nothing outside.
func TestOpenResultsDirForceNeverFollowsLinks(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	mustWrite(t, filepath.Join(outside, "precious.txt"), "precious")
	h, _ := HashFile(filepath.Join(outside, "precious.txt"))
	dir := filepath.Join(root, "run")
	os.MkdirAll(dir, 0o755)
	if err := os.Symlink(outside, filepath.Join(dir, "lnk")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	mustWrite(t, filepath.Join(dir, ManifestName), `{"tool":"tradesim","files":[{"path":"lnk/precious.txt","sha256":"`+h.SHA256+`","bytes":8}]}`)
	openErr(t, dir, OpenOptions{Force: true}, "(lnk)")
	if mustRead(t, filepath.Join(outside, "precious.txt")) != "precious" {
		t.Fatal("a file outside the folder was changed")
	}
	// A link as the folder itself is followed (the user chose it), but never replaced.
	target := filepath.Join(root, "real")
	f, _ := OpenResultsDir(target, OpenOptions{})
	writeTestRun(t, f, map[string]string{"series.csv": "old\n"})
	link := filepath.Join(root, "link")
	os.Symlink(target, link)
	f, err := OpenResultsDir(link, OpenOptions{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	writeTestRun(t, f, map[string]string{"series.csv": "new\n"})
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if mustRead(t, filepath.Join(target, "series.csv")) != "new\n" {
		t.Error("the run behind the link was not replaced")
	}
}

func TestOpenResultsDirLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	f, err := OpenResultsDir(dir, OpenOptions{Holder: "tradesim run first.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = OpenResultsDir(dir, OpenOptions{Force: true})
	var busy *BusyError
	if !errors.As(err, &busy) || !strings.Contains(err.Error(), "locked by another run that is still writing it (tradesim run first.yaml)") {
		t.Fatalf("second open: %v; want a BusyError naming the holder", err)
	}
	writeTestRun(t, f, map[string]string{"series.csv": "x"})
	f, err = OpenResultsDir(dir, OpenOptions{Force: true})
	if err != nil {
		t.Fatalf("after the first run finished: %v", err)
	}
	f.Rollback()
}

// What a killed run leaves (its lock file listing placed files, temporary files, a staging
// folder) is removed by the next run; a user's file of the same name is not.
func TestOpenResultsDirCleansStale(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "run")
	mustWrite(t, filepath.Join(dir, "series.csv"), "partial run\n")
	mustWrite(t, filepath.Join(dir, "flows.csv"), "user's own, same name\n")
	h, _ := HashFile(filepath.Join(dir, "series.csv"))
	mustWrite(t, filepath.Join(dir, lockName), "tradesim run x (pid 1)\nplaced series.csv "+h.SHA256+"\nplaced flows.csv 00\nplaced ../outside 00\n")
	mustWrite(t, filepath.Join(dir, "charts", ".a.svg123456"), "half")
	mustWrite(t, filepath.Join(root, ".run.tradesim-abc", "series.csv"), "staged")
	openErr(t, dir, OpenOptions{}, "(flows.csv)")
	if got := strings.Join(listDir(t, root), " "); got != "run/ run/charts/ run/flows.csv" {
		t.Errorf("after cleaning: %s", got)
	}
	os.Remove(filepath.Join(dir, "flows.csv"))
	f, err := OpenResultsDir(dir, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f.Rollback()
}

func TestOpenResultsDirFreeSpace(t *testing.T) {
	if _, ok := freeBytes(t.TempDir()); !ok {
		t.Skip("this system does not report free space")
	}
	dir := filepath.Join(t.TempDir(), "run")
	openErr(t, dir, OpenOptions{NeedBytes: 1 << 62}, "the results need about 4611.7 PB but its file system has")
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a refused run left its folder: %v", err)
	}
}

// The working folder cannot be swapped: a replacement there writes in place.
func TestOpenResultsDirForceInPlace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	f, err := OpenResultsDir(dir, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	writeTestRun(t, f, map[string]string{"series.csv": "old\n", "flows.csv": "old\n"})
	t.Chdir(dir)
	f, err = OpenResultsDir(".", OpenOptions{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if f.Dir != "." {
		t.Errorf("writing to %s; want in place", f.Dir)
	}
	writeTestRun(t, f, map[string]string{"series.csv": "new\n"})
	if got := strings.Join(listDir(t, dir), " "); got != "manifest.json series.csv" {
		t.Errorf("after replacing in place: %s", got)
	}
}
