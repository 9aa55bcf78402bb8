package worlds

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/tradesim/tradesim/scenarios/diag"
)

// table is one CSV file read with the position of every field, so that later checks can point at
// FILE:LINE:COL.
type table struct {
	file string         // name shown in messages
	cols map[string]int // column name -> field index
	rows []tableRow
}

type tableRow struct {
	fields []string
	pos    [][2]int // line, column of each field
}

// field returns the value of column name in row r and its position; ok is false when the row is
// too short (already reported).
func (t *table) field(r tableRow, name string) (v string, line, col int, ok bool) {
	k, has := t.cols[name]
	if !has || k >= len(r.fields) {
		return "", r.line(), 1, false
	}
	return strings.TrimSpace(r.fields[k]), r.pos[k][0], r.pos[k][1], true
}

// optional returns the value of an optional column, or "" when the file has no such column.
func (t *table) optional(r tableRow, name string) string {
	v, _, _, ok := t.field(r, name)
	if !ok {
		return ""
	}
	return v
}

func (r tableRow) line() int {
	if len(r.pos) == 0 {
		return 0
	}
	return r.pos[0][0]
}

// readTable reads a CSV file with a header naming every required column (in any order) and
// possibly some optional ones. Problems go to l; the table is nil when the file cannot be used.
func readTable(fsys fs.FS, name, display string, required, optional []string, l *diag.List) *table {
	return readTableComments(fsys, name, display, required, optional, 0, l)
}

// readTableComments is readTable where lines starting with comment (if not 0) are skipped.
func readTableComments(fsys fs.FS, name, display string, required, optional []string, comment rune, l *diag.List) *table {
	var rows []tableRow
	t := scanTable(fsys, name, display, required, optional, comment, MaxFileBytes, false, l, func(_ *table, r tableRow) {
		rows = append(rows, r)
	})
	if t != nil {
		t.rows = rows
	}
	return t
}

// scanTable reads a CSV file as readTable does but hands each row to fn instead of keeping it,
// so that memory does not grow with the file (flows.csv of a large world). With reuse, the row
// passed to fn is overwritten by the next one. It returns the table (without rows), or nil when
// the file cannot be used; rows read before a CSV error have been handed to fn.
func scanTable(fsys fs.FS, name, display string, required, optional []string, comment rune, limit int64, reuse bool,
	l *diag.List, fn func(t *table, r tableRow)) *table {
	f, ok := openFile(fsys, name, display, limit,
		fmt.Sprintf("a world folder needs %s with the columns %s", name, strings.Join(required, ",")), l)
	if !ok {
		return nil
	}
	defer f.Close()
	lr := &limitedReader{r: f, n: limit, limit: limit}
	cr := csv.NewReader(lr)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = reuse
	cr.Comment = comment
	t := &table{file: display, cols: map[string]int{}}

	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			l.Addf(display, 1, 1, "", "the file is empty; the first line must be the header %s", strings.Join(required, ","))
		} else {
			addCSVError(l, display, err, lr)
		}
		return nil
	}
	nHeader := len(header)
	known := append(append([]string(nil), required...), optional...)
	bad := false
	for k, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		line, col := cr.FieldPos(k)
		if _, dup := t.cols[h]; dup {
			l.Addf(display, line, col, h, "the column %q appears twice in the header", h)
			bad = true
			continue
		}
		if !contains(known, h) {
			l.Addf(display, line, col, h, "unknown column %q; %s", h, diag.DidYouMean(h, known))
			bad = true
			continue
		}
		t.cols[h] = k
	}
	for _, c := range required {
		if _, ok := t.cols[c]; !ok {
			l.Addf(display, 1, 1, c, "missing column %q; the header must name %s", c, strings.Join(required, ","))
			bad = true
		}
	}
	if bad {
		return nil
	}
	var pos [][2]int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			addCSVError(l, display, err, lr)
			return nil
		}
		if !reuse || cap(pos) < len(rec) {
			pos = make([][2]int, len(rec))
		}
		r := tableRow{fields: rec, pos: pos[:len(rec)]}
		for k := range rec {
			line, col := cr.FieldPos(k)
			r.pos[k] = [2]int{line, col}
		}
		if len(rec) != nHeader && !(len(rec) < nHeader && t.trailingOptional(len(rec), optional)) {
			l.Addf(display, r.line(), 1, "", "the row has %d fields but the header has %d", len(rec), nHeader)
			continue
		}
		fn(t, r)
	}
	return t
}

func addCSVError(l *diag.List, display string, err error, lr *limitedReader) {
	if lr.exceeded {
		l.Addf(display, 0, 0, "", "the file is larger than %s; split or aggregate it first", sizeText(lr.limit))
		return
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		l.Addf(display, pe.Line, pe.Column, "", "not valid CSV: %v", pe.Err)
		return
	}
	l.Addf(display, 0, 0, "", "cannot read the file: %v", err)
}

// limitedReader fails once more than n bytes have been read (limit: the n it started with, for
// messages; 0 means MaxFileBytes).
type limitedReader struct {
	r        io.Reader
	n        int64
	limit    int64
	exceeded bool
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		// At the limit: a file of exactly the limit ends here; one more byte is too many.
		var one [1]byte
		if n, _ := l.r.Read(one[:]); n == 0 {
			return 0, io.EOF
		}
		l.exceeded = true
		if l.limit == 0 {
			l.limit = MaxFileBytes
		}
		return 0, fmt.Errorf("file larger than %d bytes", l.limit)
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// trailingOptional reports whether every column from index n on is optional, so a row of n fields
// may leave them out.
func (t *table) trailingOptional(n int, optional []string) bool {
	for name, k := range t.cols {
		if k >= n && !contains(optional, name) {
			return false
		}
	}
	return true
}
