package output

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// lockInfo is what a lock file holds: who wrote the folder, and the files it placed.
type lockInfo struct {
	holder string
	placed []FileRecord
}

// readLockFile reads a lock file (a missing or damaged one gives what could be read).
func readLockFile(p string) lockInfo {
	var li lockInfo
	if !isRegular(p) {
		return li
	}
	fh, err := os.Open(p)
	if err != nil {
		return li
	}
	defer fh.Close()
	sc := bufio.NewScanner(&limitedReader{fh, 4 << 20})
	for first := true; sc.Scan(); first = false {
		line := sc.Text()
		if first {
			li.holder = line
			continue
		}
		if rest, ok := strings.CutPrefix(line, "placed "); ok {
			rel, sum, ok := strings.Cut(rest, " ")
			if ok {
				li.placed = append(li.placed, FileRecord{Path: rel, SHA256: sum})
			}
		}
	}
	return li
}

// limitedReader reads at most n bytes (a lock file is small; a huge one is not ours).
type limitedReader struct {
	f *os.File
	n int64
}

func (l *limitedReader) Read(b []byte) (int, error) {
	if l.n <= 0 {
		return 0, fs.ErrClosed
	}
	if int64(len(b)) > l.n {
		b = b[:l.n]
	}
	n, err := l.f.Read(b)
	l.n -= int64(n)
	return n, err
}

// writeLockFile (re)writes the folder's lock file with its holder line.
func (f *Folder) writeLockFile(holder string) error {
	p := filepath.Join(f.target, lockName)
	if st, err := os.Lstat(p); err == nil && !st.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", lockName)
	}
	fh, err := os.OpenFile(p, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintln(fh, strings.ReplaceAll(holder, "\n", " ")); err != nil {
		fh.Close()
		os.Remove(p)
		return err
	}
	f.lockFile = fh
	return nil
}

// journal records in the lock file a file renamed into place, so that if the process is
// killed the next run knows the file is tradesim's.
func (f *Folder) journal(rel, sum string) {
	if f.lockFile != nil && f.stagingDir == "" {
		fmt.Fprintf(f.lockFile, "placed %s %s\n", rel, sum)
	}
}

// releaseLock removes the lock file and releases the lock.
func (f *Folder) releaseLock() {
	if f.lockFile != nil {
		f.lockFile.Close()
		os.Remove(filepath.Join(f.target, lockName))
		f.lockFile = nil
	}
	f.lock.unlock()
	f.lock = nil
}

// tempName matches the temporary files renameio writes beside a result (".series.csv" and
// random digits).
var tempName = regexp.MustCompile(`^\..+\.(csv|parquet|json|svg|png|pdf|html|md)[0-9]+$`)

// stagingSuffix is what follows stagingPrefix in a staging folder's name (stage, commit).
var stagingSuffix = regexp.MustCompile(`^[0-9a-z]{1,13}(-old)?$`)

// cleanStale removes what an interrupted run left in dir: the files its lock file lists as
// placed (only when no manifest makes them a finished run, and only when they still hold what
// the run wrote), the temporary files of renameio, and staging folders beside dir.
func cleanStale(dir string, stale lockInfo, hasManifest bool) {
	if !hasManifest {
		for _, fr := range stale.placed {
			clean := path.Clean(fr.Path)
			if !fs.ValidPath(clean) || clean == lockName {
				continue
			}
			p := filepath.Join(dir, filepath.FromSlash(clean))
			if !isRegular(p) || !noLinkBetween(dir, clean) {
				continue
			}
			if got, err := HashFile(p); err == nil && got.SHA256 == fr.SHA256 {
				os.Remove(p)
			}
		}
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && tempName.MatchString(d.Name()) {
			os.Remove(p)
		}
		return nil
	})
	parent := filepath.Dir(filepath.Clean(dir))
	entries, _ := os.ReadDir(parent) // not a glob: the path may hold * or [
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), stagingPrefix(dir))
		if ok && e.IsDir() && stagingSuffix.MatchString(rest) { // IsDir: never a link
			os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

// noLinkBetween reports whether no folder on the way from dir to rel is a symbolic link.
func noLinkBetween(dir, rel string) bool {
	p := dir
	parts := strings.Split(rel, "/")
	for _, part := range parts[:len(parts)-1] {
		p = filepath.Join(p, part)
		st, err := os.Lstat(p)
		if err != nil || !st.IsDir() {
			return false
		}
	}
	return true
}

// checkFreeSpace refuses a folder whose file system has less than need bytes free.
func checkFreeSpace(dir string, need int64) error {
	if need <= 0 {
		return nil
	}
	free, ok := freeBytes(dir)
	if !ok || free >= need {
		return nil
	}
	return &RefusedError{Dir: dir, Reason: fmt.Sprintf("the results need about %s but its file system has %s free; free some space, choose another folder with -o, or write less (--charts none, one --format, no --raw)",
		FormatBytes(need), FormatBytes(free))}
}

// FormatBytes writes a size for people: 512 B, 3.4 MB, 1.2 GB (powers of 1000).
func FormatBytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	x := float64(n)
	for _, u := range []string{"kB", "MB", "GB", "TB"} {
		x /= unit
		if x < unit {
			return fmt.Sprintf("%.1f %s", x, u)
		}
	}
	return fmt.Sprintf("%.1f PB", x/unit)
}

// exclLockName is the lock file of systems without flock (lock_other.go).
const exclLockName = ".tradesim-lock-excl"
