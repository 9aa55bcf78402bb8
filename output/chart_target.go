package output

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// CheckChartFile says whether `tradesim plot` may write a chart of format (png, svg, pdf) to
// path: a new file, or a chart of that format (re-plotting replaces it), but not another file
// of the user's, nor a file of a finished run's folder (its manifest would no longer match).
func CheckChartFile(path, format string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	for d, i := filepath.Dir(abs), 0; i < 2; d, i = filepath.Dir(d), i+1 {
		if m, err := ReadManifest(d); err == nil {
			rel, _ := filepath.Rel(d, abs)
			for _, fr := range m.Files {
				if fr.Path == filepath.ToSlash(rel) {
					return fmt.Errorf("%s belongs to the results in %s (its manifest lists it); write the chart elsewhere", Quote(path), Quote(d))
				}
			}
		}
	}
	st, err := os.Lstat(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s exists and is not a regular file; choose another file name", Quote(path))
	}
	fh, err := openRegular(path, maxTableBytes)
	if err != nil {
		return err
	}
	defer fh.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(fh, head)
	head = head[:n]
	ok := false
	switch format {
	case "png":
		ok = bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n"))
	case "pdf":
		ok = bytes.HasPrefix(head, []byte("%PDF-"))
	case "svg":
		ok = bytes.Contains(head, []byte("<svg"))
	}
	if !ok && n > 0 {
		return fmt.Errorf("%s exists and is not a %s chart, so tradesim does not replace it; choose another file name", Quote(path), format)
	}
	return nil
}
