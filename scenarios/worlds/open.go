package worlds

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/tradesim/tradesim/scenarios/diag"
)

// openFile opens name in fsys for reading after checking, without opening it, that it is a
// regular file of at most limit bytes: a FIFO would block the reader, a device or a folder is a
// mistake, and a link that leads outside the folder is refused (LoadFolder reads through an
// os.Root). missing is what to say when the file does not exist. Problems go to l.
func openFile(fsys fs.FS, name, display string, limit int64, missing string, l *diag.List) (fs.File, bool) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			l.Addf(display, 0, 0, "", "the file is missing; %s", missing)
		case strings.Contains(err.Error(), "escapes from parent") || strings.Contains(err.Error(), "path escapes"):
			l.Addf(display, 0, 0, "", "the file is a link that leads outside the world folder; copy the file itself into the folder")
		default:
			l.Addf(display, 0, 0, "", "cannot read the file: %v", err)
		}
		return nil, false
	}
	if !st.Mode().IsRegular() {
		l.Addf(display, 0, 0, "", "not a regular file (%s); a world file must be a plain file", describeMode(st.Mode()))
		return nil, false
	}
	if st.Size() > limit {
		l.Addf(display, 0, 0, "", "the file is larger than %s (%d bytes); split or aggregate it first", sizeText(limit), st.Size())
		return nil, false
	}
	f, err := fsys.Open(name)
	if err != nil {
		l.Addf(display, 0, 0, "", "cannot read the file: %v", err)
		return nil, false
	}
	return f, true
}

func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a link"
	}
	return "mode " + m.String()
}

func sizeText(n int64) string {
	if n >= 1<<30 && n%(1<<30) == 0 {
		return fmt.Sprintf("%d GiB", n>>30)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}
