package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// OpenOptions say how OpenResultsDir may use a folder.
type OpenOptions struct {
	// Force allows replacing a previous tradesim run (a folder with its manifest.json whose
	// files all match it). It never allows writing over anything else.
	Force bool
	// NeedBytes is the estimated size of the results; the folder is refused when its file
	// system has less room. 0 skips the check.
	NeedBytes int64
	// Holder says who holds the folder while the run writes it (shown to a concurrent run),
	// for example "tradesim run quick.yaml". Empty: the process's command line.
	Holder string
}

// RefusedError says why a results folder cannot be used. Nothing was written and no user file
// was touched: commands report it as bad input (exit 2), before any simulation.
type RefusedError struct {
	Dir    string
	Reason string
	Files  []string // the files that would be lost, a few of them
	More   int      // how many more such files there are
}

func (e *RefusedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "cannot write results to %s: %s", Quote(e.Dir), e.Reason)
	if len(e.Files) > 0 {
		b.WriteString(" (")
		for i, f := range e.Files {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(Quote(f))
		}
		if e.More > 0 {
			fmt.Fprintf(&b, " and %d more", e.More)
		}
		b.WriteString(")")
	}
	return b.String()
}

// BusyError says another process holds the results folder.
type BusyError struct {
	Dir, Holder string
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("cannot write results to %s: it is locked by another run that is still writing it (%s); wait for it to finish, or choose another folder with -o",
		Quote(e.Dir), e.Holder)
}

// lockName is the file a run keeps in its results folder while it writes: who holds the folder
// (first line) and, one per line, every file the run has renamed into place ("placed PATH
// SHA256"). A run that finishes or fails removes it; one killed with SIGKILL leaves it, and the
// next run into the folder removes the files it lists (when no manifest says they are a
// finished run) with the renameio temporary files the killed run left.
const lockName = ".tradesim-lock"

// maxListed is how many files a refusal names.
const maxListed = 8

// OpenResultsDir opens dir to receive the results of one run, under the rules every command
// that writes a results folder shares:
//
//   - dir is new, empty, or holds only what an interrupted tradesim run left (removed now);
//   - or, with opts.Force, dir holds a finished tradesim run whose files all match its manifest,
//     and nothing else: the new run replaces it whole when WriteManifest commits (it is written
//     beside the folder and swapped in), so a failed or killed run leaves the previous one intact;
//   - anything else (a user's files, a manifest that is not tradesim's, a previous run's file
//     edited since, a symbolic link) is refused with a RefusedError naming the files, before any
//     work, and nothing is touched;
//   - the folder is locked until WriteManifest or Rollback (or the process ends): a second run
//     into it gets a BusyError naming the holder;
//   - the folder must be writable and its file system must have opts.NeedBytes free.
//
// The caller writes with Create/WriteFile, then WriteManifest (success) or Rollback (failure),
// which also release the lock.
func OpenResultsDir(dir string, opts OpenOptions) (*Folder, error) {
	if dir == "" {
		return nil, &RefusedError{Dir: dir, Reason: "no folder given"}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, &RefusedError{Dir: dir, Reason: err.Error()}
	}
	if filepath.Dir(abs) == abs {
		return nil, &RefusedError{Dir: dir, Reason: "it is the root of the file system; choose a folder of its own with -o"}
	}
	if st, err := os.Lstat(dir); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		if st, err = os.Stat(dir); err != nil || !st.IsDir() {
			return nil, &RefusedError{Dir: dir, Reason: "it is a symbolic link that does not lead to a folder"}
		}
	} else if err == nil && !st.IsDir() {
		return nil, &RefusedError{Dir: dir, Reason: "it is a file, not a folder; choose a results folder with -o"}
	}
	f := &Folder{Dir: dir, target: dir}
	if err := f.mkdir(dir); err != nil {
		return nil, &RefusedError{Dir: dir, Reason: "cannot create it: " + errorText(err)}
	}
	lk, holder, err := lockDir(dir)
	if err != nil || lk == nil {
		// Never remove a folder another run holds, even one this call created.
		f.made = nil
		if err != nil {
			return nil, &RefusedError{Dir: dir, Reason: "cannot lock it: " + errorText(err)}
		}
		return nil, &BusyError{Dir: dir, Holder: holder}
	}
	f.lock = lk
	if err := f.prepare(opts); err != nil {
		f.Rollback()
		return nil, err
	}
	return f, nil
}

// prepare runs with the lock held: it writes the lock file, cleans what an interrupted run
// left, checks the contents and the free space, and sets up the staging folder for a
// replacement.
func (f *Folder) prepare(opts OpenOptions) error {
	stale := readLockFile(filepath.Join(f.target, lockName))
	holder := opts.Holder
	if holder == "" {
		holder = strings.Join(os.Args, " ")
	}
	if err := f.writeLockFile(Cut(holder, 200)); err != nil {
		return &RefusedError{Dir: f.target, Reason: "it is not writable: " + errorText(err)}
	}
	hasManifest := isRegular(filepath.Join(f.target, ManifestName))
	cleanStale(f.target, stale, hasManifest)
	if err := checkFreeSpace(f.target, opts.NeedBytes); err != nil {
		return err
	}
	if !hasManifest {
		if _, err := os.Lstat(filepath.Join(f.target, ManifestName)); err == nil {
			return &RefusedError{Dir: f.target, Reason: ManifestName + " is not a regular file, so the folder is not a tradesim run; choose another folder with -o"}
		}
		files, more := foreignFiles(f.target, nil)
		if len(files) > 0 {
			reason := "it holds files that are not a finished tradesim run, which the results would overwrite; choose a new or empty folder with -o"
			if opts.Force {
				reason += " (--force replaces only a finished tradesim run: a folder with its manifest.json)"
			}
			return &RefusedError{Dir: f.target, Reason: reason, Files: files, More: more}
		}
		return nil
	}
	if !opts.Force {
		return &RefusedError{Dir: f.target, Reason: "it holds the results of another run (" + ManifestName + "); choose another folder with -o, or pass --force to replace them"}
	}
	m, err := ReadManifest(f.target)
	if err != nil || m.Tool != "tradesim" {
		return &RefusedError{Dir: f.target, Reason: ManifestName + " is not a tradesim manifest, so the folder is not a tradesim run and --force does not apply; choose another folder with -o"}
	}
	listed := map[string]bool{ManifestName: true}
	for _, fr := range m.Files {
		listed[fr.Path] = true
	}
	files, more := foreignFiles(f.target, listed)
	if len(files) > 0 {
		return &RefusedError{Dir: f.target, Reason: "besides a previous run it holds files its manifest does not list, which --force would delete; move them out first", Files: files, More: more}
	}
	if changed := m.changedFiles(f.target); len(changed) > 0 {
		n := len(changed)
		changed = changed[:min(n, maxListed)]
		return &RefusedError{Dir: f.target, Reason: "files of the previous run were changed or removed since it finished (they no longer match " + ManifestName + "), so they may be someone's work and --force does not delete them; move them out first", Files: changed, More: n - len(changed)}
	}
	f.stage()
	if f.stagingDir == "" {
		f.previous = m // writing in place: removed just before the first file is written
	}
	return nil
}

// foreignFiles lists (sorted, at most maxListed, and how many more) the entries under dir that
// are not directories and not in listed: the lock file is ours; symbolic links and special
// files always count. Directories holding nothing else do not count.
func foreignFiles(dir string, listed map[string]bool) ([]string, int) {
	var files []string
	more := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != dir {
				rel, _ := filepath.Rel(dir, p)
				files = append(files, filepath.ToSlash(rel))
			}
			return nil
		}
		if p == dir {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() || rel == lockName || rel == exclLockName {
			return nil
		}
		if listed[rel] && d.Type().IsRegular() {
			return nil
		}
		if len(files) < maxListed {
			files = append(files, rel)
		} else {
			more++
			if listed == nil && more > 10000 {
				return fs.SkipAll // enough to refuse: do not walk a whole disk
			}
		}
		return nil
	})
	return files, more
}

// changedFiles lists the manifest's files that are missing, not regular files, or differ from
// their recorded size or SHA-256.
func (m *Manifest) changedFiles(dir string) []string {
	var out []string
	for _, fr := range m.Files {
		p, err := m.localPath(dir, fr.Path)
		if err != nil {
			out = append(out, fr.Path)
			continue
		}
		st, err := os.Lstat(p)
		if err != nil || !st.Mode().IsRegular() || st.Size() != fr.Bytes {
			out = append(out, fr.Path)
			continue
		}
		got, err := HashFile(p)
		if err != nil || got.SHA256 != fr.SHA256 {
			out = append(out, fr.Path)
		}
	}
	return out
}

func isRegular(path string) bool {
	st, err := os.Lstat(path)
	return err == nil && st.Mode().IsRegular()
}

// errorText is an error's message without Go's "op path:" prefix when it is a PathError.
func errorText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
