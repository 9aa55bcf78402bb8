package output

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/google/renameio/v2"
)

// FileRecord is one file of a results folder as the manifest lists it.
type FileRecord struct {
	Path   string `json:"path"` // relative to the folder, with forward slashes
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

// Folder writes the files of one results folder. Every file goes to a temporary name in the
// folder (renameio: ".NAME" plus random digits), through a SHA-256 and a byte count, and is
// synced and renamed to its final name only when complete, so a final name never holds a
// partial file. The manifest, which lists every file, is written last (WriteManifest): a
// folder without one is not a complete run.
type Folder struct {
	// Dir is where files are written: the results folder, or the staging folder beside it
	// while a run that replaces a previous one writes (OpenResultsDir).
	Dir    string
	target string // the results folder
	files  []FileRecord
	placed []string // final paths renamed into place by this run
	made   []string // folders this run created, innermost last

	lock       *dirLock  // held from OpenResultsDir to WriteManifest or Rollback
	lockFile   *os.File  // the folder's lock file (lockName), open for the journal
	stagingDir string    // the staging folder, when the run replaces a previous one
	previous   *Manifest // the previous run, still to remove when writing in place
}

// NewFolder creates dir (and its parents) for writing.
// It neither locks nor checks the folder: commands writing a results folder use
// OpenResultsDir.
func NewFolder(dir string) (*Folder, error) {
	f := &Folder{Dir: dir, target: dir}
	if err := f.mkdir(dir); err != nil {
		return nil, fmt.Errorf("output: cannot create the results folder: %w", err)
	}
	return f, nil
}

// mkdir creates dir and its missing parents, remembering the ones it created.
func (f *Folder) mkdir(dir string) error {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		missing = append(missing, d)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := len(missing) - 1; i >= 0; i-- {
		f.made = append(f.made, missing[i])
	}
	return nil
}

// Files lists the files committed so far, sorted by path.
func (f *Folder) Files() []FileRecord {
	out := slices.Clone(f.files)
	slices.SortFunc(out, func(a, b FileRecord) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// Rollback removes the files this run renamed into place, and the folders it created if they
// are empty then. A failed or interrupted run calls it so nothing is left that looks like
// results (best effort: errors are ignored, and without a manifest the folder is incomplete
// anyway).
// It also releases the folder's lock. A previous run being replaced stays intact, unless
// the run had to write in place (see stage).
func (f *Folder) Rollback() {
	for _, p := range f.placed {
		os.Remove(p)
	}
	if f.stagingDir != "" {
		os.RemoveAll(f.stagingDir) // ours: made by stage, holding only this run's files
		f.stagingDir, f.Dir = "", f.target
	}
	if f.lockFile != nil {
		f.lockFile.Close()
		os.Remove(filepath.Join(f.target, lockName))
		f.lockFile = nil
	}
	for i := len(f.made) - 1; i >= 0; i-- {
		os.Remove(f.made[i]) // only if empty: anything else in it stays
	}
	f.lock.unlock() // last: no other run takes the folder while its leftovers are removed
	f.lock = nil
	f.placed, f.files, f.made = nil, nil, nil
}

// PendingFile is a file of a results folder being written.
type PendingFile struct {
	folder *Folder
	rel    string
	pf     *renameio.PendingFile
	bw     *bufio.Writer
	h      hash.Hash
	n      int64
	done   bool
}

// Create starts writing the file rel (a slash-separated path inside the folder).
func (f *Folder) Create(rel string) (*PendingFile, error) {
	if f.previous != nil {
		if err := f.removePrevious(); err != nil {
			return nil, err
		}
	}
	path := filepath.Join(f.Dir, filepath.FromSlash(rel))
	if err := f.mkdir(filepath.Dir(path)); err != nil {
		return nil, fmt.Errorf("output: cannot create the folder for %s: %w", rel, err)
	}
	pf, err := renameio.NewPendingFile(path, renameio.WithTempDir(filepath.Dir(path)), renameio.WithPermissions(0o644))
	if err != nil {
		return nil, fmt.Errorf("output: cannot write %s: %w", path, err)
	}
	p := &PendingFile{folder: f, rel: rel, pf: pf, h: sha256.New()}
	p.bw = bufio.NewWriterSize(writerFunc(p.write), 256<<10)
	return p, nil
}

type writerFunc func([]byte) (int, error)

func (w writerFunc) Write(b []byte) (int, error) { return w(b) }

func (p *PendingFile) write(b []byte) (int, error) {
	n, err := p.pf.Write(b)
	p.h.Write(b[:n])
	p.n += int64(n)
	return n, err
}

// Write appends b to the file.
func (p *PendingFile) Write(b []byte) (int, error) { return p.bw.Write(b) }

// AvailableBuffer is an empty slice of the file's buffer: append to it and pass the result to
// Write, which then copies nothing when it fits (bufio.Writer.AvailableBuffer).
func (p *PendingFile) AvailableBuffer() []byte { return p.bw.AvailableBuffer() }

// Commit flushes, syncs and renames the file into place and records it for the manifest.
func (p *PendingFile) Commit() error {
	if p.done {
		return errors.New("output: file committed twice")
	}
	p.done = true
	if err := p.bw.Flush(); err != nil {
		p.pf.Cleanup()
		return fmt.Errorf("output: writing %s: %w", p.rel, err)
	}
	if err := p.pf.CloseAtomicallyReplace(); err != nil {
		p.pf.Cleanup()
		return fmt.Errorf("output: writing %s: %w", p.rel, err)
	}
	sum := hex.EncodeToString(p.h.Sum(nil))
	p.folder.placed = append(p.folder.placed, filepath.Join(p.folder.Dir, filepath.FromSlash(p.rel)))
	p.folder.files = append(p.folder.files, FileRecord{Path: p.rel, SHA256: sum, Bytes: p.n})
	p.folder.journal(p.rel, sum)
	return nil
}

// Abort removes the temporary file; the final name is untouched. Safe after Commit.
func (p *PendingFile) Abort() {
	if p.done {
		return
	}
	p.done = true
	p.pf.Cleanup()
}

// WriteFile writes a whole file atomically.
func (f *Folder) WriteFile(rel string, write func(io.Writer) error) error {
	p, err := f.Create(rel)
	if err != nil {
		return err
	}
	if err := write(p); err != nil {
		p.Abort()
		return err
	}
	return p.Commit()
}

// syncDir makes the renames in dir durable (best effort on systems that cannot sync a folder).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// HashFile returns the SHA-256 and size of a file, to check a folder against its manifest.
// It refuses anything but a regular file (a FIFO would block, a device never end).
func HashFile(path string) (FileRecord, error) {
	fh, err := openRegular(path, maxTableBytes)
	if err != nil {
		return FileRecord{}, err
	}
	defer fh.Close()
	h := sha256.New()
	n, err := io.Copy(h, fh)
	if err != nil {
		return FileRecord{}, err
	}
	return FileRecord{SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: n}, nil
}
