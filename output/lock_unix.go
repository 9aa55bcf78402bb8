//go:build unix

package output

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// dirLock is an advisory lock (flock) on a results folder, held through an open descriptor of
// the folder itself, so it ends with the process however the process ends.
type dirLock struct{ fh *os.File }

// lockDir locks dir without waiting. When another process holds it, it returns a nil lock and
// what the holder wrote in its lock file. It retries when dir was replaced or removed between
// opening and locking (a finishing run swaps its folder in, a failing one removes it).
func lockDir(dir string) (*dirLock, string, error) {
	for range 10 {
		fh, err := os.Open(dir)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					return nil, "", err
				}
				continue
			}
			return nil, "", err
		}
		if err := syscall.Flock(int(fh.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			fh.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, holderOf(dir), nil
			}
			return nil, "", err
		}
		a, err1 := fh.Stat()
		b, err2 := os.Stat(dir)
		if err1 == nil && err2 == nil && os.SameFile(a, b) {
			return &dirLock{fh}, "", nil
		}
		fh.Close() // closing releases the lock on the folder that is no longer at dir
	}
	return nil, "", errors.New("the folder keeps being replaced by another process")
}

// holderOf is the first line of dir's lock file, or a general description.
func holderOf(dir string) string {
	if h := readLockFile(filepath.Join(dir, lockName)).holder; h != "" {
		return h
	}
	return "another tradesim process"
}

func (l *dirLock) unlock() {
	if l != nil && l.fh != nil {
		l.fh.Close()
		l.fh = nil
	}
}
