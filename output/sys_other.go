//go:build !linux

package output

import "errors"

// exchange is not atomic here: commit falls back to two renames.
func exchange(a, b string) error { return errors.ErrUnsupported }

// freeBytes cannot say on this system: the free-space check is skipped.
func freeBytes(string) (int64, bool) { return 0, false }
