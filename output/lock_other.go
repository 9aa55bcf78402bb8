//go:build !unix

package output

import (
	"errors"
	"os"
	"path/filepath"
)

// dirLock is an exclusive lock file in the results folder on systems without flock. A lock
// left by a killed process must be removed by hand (the message names it).
type dirLock struct{ path string }

func lockDir(dir string) (*dirLock, string, error) {
	p := filepath.Join(dir, exclLockName)
	fh, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if errors.Is(err, os.ErrExist) {
		return nil, "another tradesim process, or one that was killed: remove " + p + " if none runs", nil
	}
	if err != nil {
		return nil, "", err
	}
	fh.Close()
	return &dirLock{p}, "", nil
}

func (l *dirLock) unlock() {
	if l != nil && l.path != "" {
		os.Remove(l.path)
		l.path = ""
	}
}
