//go:build !unix

package output

import "os"

// sameDevice cannot tell here; a failed swap falls back to writing in place.
func sameDevice(a, b os.FileInfo) bool { return false }
