package scenarios

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// readPoints reads a list design's CSV: a header naming every factor (any order, no other
// columns) and one row of numbers per point.
func readPoints(dir, name string, fs []Factor) ([][]float64, error) {
	path := name
	if dir != "" && !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the points file %s: %v (paths are relative to the sweep file's folder)", path, errors.Unwrap(err))
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("the points file %s is not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the points file %s: %v", path, err)
	}
	defer f.Close()
	r := csv.NewReader(io.LimitReader(f, 256<<20))
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: no header line naming the factors (%v)", path, err)
	}
	col := make([]int, len(fs))
	for i, fc := range fs {
		col[i] = slices.IndexFunc(header, func(h string) bool { return strings.TrimSpace(h) == fc.Name })
		if col[i] < 0 {
			return nil, fmt.Errorf("%s: no column %q for factor %s (columns: %s)", path, fc.Name, fc.Path, strings.Join(header, ", "))
		}
	}
	if len(header) != len(fs) {
		return nil, fmt.Errorf("%s has %d columns and the sweep %d factors; give one column per factor name", path, len(header), len(fs))
	}
	var out [][]float64
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		if len(out) >= MaxRuns {
			return nil, fmt.Errorf("%s has more than %d points", path, MaxRuns)
		}
		row := make([]float64, len(fs))
		for i := range fs {
			v, err := strconv.ParseFloat(strings.TrimSpace(rec[col[i]]), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%s:%d: column %s: %q is not a finite number", path, line, fs[i].Name, rec[col[i]])
			}
			row[i] = v
		}
		out = append(out, row)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s has no points below its header", path)
	}
	return out, nil
}
