package output

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/tradesim/tradesim/sim"
)

// Caps on what a reader of a results folder reads.
const (
	maxManifestBytes = 64 << 20 // a manifest lists files and a scenario: a few MB at most
	maxTableBytes    = 1 << 40  // without a manifest's size to go by
)

// openRegular opens path for reading only if it is a regular file of at most max bytes. It
// opens without blocking (a FIFO would wait for a writer) and checks the file it opened, so a
// FIFO, a device (/dev/zero never ends) or a folder is refused, even one swapped in between.
func openRegular(path string, max int64) (*os.File, error) {
	fh, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		fh.Close()
		return nil, fmt.Errorf("%s is not a regular file (%s); a results folder holds only files tradesim wrote", path, fileKind(st.Mode()))
	}
	if st.Size() > max {
		fh.Close()
		return nil, fmt.Errorf("%s is %s, more than the %s expected", path, FormatBytes(st.Size()), FormatBytes(max))
	}
	return fh, nil
}

// fileKind names a file type for messages.
func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeDevice != 0, m&os.ModeCharDevice != 0:
		return "a device"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a folder"
	}
	return "not a regular file"
}

// inside resolves rel within dir for reading: the path must not leave dir, and neither may a
// symbolic link on the way.
func inside(dir, rel string) (string, error) {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return p, err // a missing file: the caller reports it
	}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return p, err
	}
	if r, err := filepath.Rel(root, real); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return p, fmt.Errorf("%s is a symbolic link to %s, outside the results folder", p, real)
	}
	return p, nil
}

// readAllRegular reads a regular file of at most max bytes.
func readAllRegular(path string, max int64) ([]byte, error) {
	fh, err := openRegular(path, max)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return io.ReadAll(io.LimitReader(fh, max))
}

// bandStat holds the replicate column's values on band rows (mean, p05, p50, p95).
var bandStat = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range sim.BandStats {
		m[s] = true
	}
	return m
}()
