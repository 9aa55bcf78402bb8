package output

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// stagingPrefix is the name, beside dir, of the folders in which a run that replaces dir's
// previous run writes its results before swapping them in.
func stagingPrefix(dir string) string {
	return "." + filepath.Base(filepath.Clean(dir)) + ".tradesim-"
}

// stage sets up a replacement of the previous run: the new results go to a staging folder
// beside the target, swapped with it when the manifest is written. When that cannot be done
// (the target is a symbolic link, holds the working folder, its parent is not writable or is
// another file system), the run writes in place and removes the previous run's files just
// before writing its first file.
func (f *Folder) stage() {
	target := filepath.Clean(f.target)
	st, err := os.Lstat(target)
	if err != nil || !st.IsDir() {
		return
	}
	if abs, err := filepath.Abs(target); err == nil {
		if wd, err := os.Getwd(); err == nil && (wd == abs || strings.HasPrefix(wd, abs+string(filepath.Separator))) {
			return
		}
	}
	dir := filepath.Join(filepath.Dir(target), stagingPrefix(target)+strconv.FormatUint(rand.Uint64(), 36))
	if err := os.Mkdir(dir, st.Mode().Perm()); err != nil {
		return
	}
	if sst, err := os.Stat(dir); err != nil || !sameDevice(st, sst) {
		os.Remove(dir)
		return
	}
	f.stagingDir, f.Dir = dir, dir
}

// removePrevious deletes the previous run's manifest, then its files, in place (the fallback
// when no staging folder could be made). The files were checked when the folder was opened:
// regular files inside it matching the manifest, with no symbolic link on the way.
func (f *Folder) removePrevious() error {
	m := f.previous
	f.previous = nil
	if err := os.Remove(filepath.Join(f.target, ManifestName)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("output: cannot remove the previous manifest: %w", err)
	}
	for _, fr := range m.Files {
		p, err := m.localPath(f.target, fr.Path)
		if err != nil || !noLinkBetween(f.target, fr.Path) {
			continue
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("output: cannot remove %s of the previous run: %w", p, err)
		}
	}
	return nil
}

// commit makes a staged run the folder's contents: one atomic swap of the staging folder with
// the target (or, where the system cannot swap, two renames), then the previous run, now in
// the staging folder, is deleted.
func (f *Folder) commit() error {
	if f.stagingDir == "" {
		return nil
	}
	target := filepath.Clean(f.target)
	if err := exchange(f.stagingDir, target); err != nil {
		old := f.stagingDir + "-old"
		if err := os.Rename(target, old); err != nil {
			return fmt.Errorf("output: cannot replace %s: %w", target, err)
		}
		if err := os.Rename(f.stagingDir, target); err != nil {
			os.Rename(old, target)
			return fmt.Errorf("output: cannot replace %s: %w", target, err)
		}
		f.stagingDir = old
	}
	syncDir(filepath.Dir(target))
	// The staging folder now holds the previous run and the lock file: all of it tradesim's
	// (checked when the folder was opened). RemoveAll never follows a symbolic link.
	os.RemoveAll(f.stagingDir)
	f.stagingDir, f.Dir = "", f.target
	if f.lockFile != nil {
		f.lockFile.Close()
		f.lockFile = nil
	}
	return nil
}
