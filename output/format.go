package output

import (
	"fmt"
	"math"
	"strconv"
)

// appendFloat writes x as the shortest decimal that reads back as exactly the same float64
// (strconv 'g' with precision -1): deterministic, lossless, and what Parquet stores, so a CSV
// and a Parquet file of a run agree value for value. A whole number gets ".0" (0.0, 12.0), so
// that readers which guess a column's type from its first rows (DuckDB, pandas, R's readr)
// type it as a float: a column of deviations that starts with months of exact zeros would
// otherwise be read as integers and every later value rounded. Negative zero is written 0.0.
func appendFloat(b []byte, x float64) []byte {
	if x == 0 {
		return append(b, "0.0"...)
	}
	start := len(b)
	b = strconv.AppendFloat(b, x, 'g', -1, 64)
	for _, c := range b[start:] {
		if c == '.' || c == 'e' {
			return b
		}
	}
	return append(b, ".0"...)
}

// finite returns an error naming what is not finite; published results never hold NaN or Inf,
// which most readers reject or read as text. what is called only then, so the hot loops build
// no message for finite values.
func finite(what func() string, xs ...float64) error {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("output: %s is %v; the engine produced a value that is not a finite number, so the results are not published", what(), x)
		}
	}
	return nil
}

// appendRowStart writes the columns series and flows rows start with: scenario, stat,
// replicate (empty on band rows), step and date (YYYY-MM, which needs no quoting).
func appendRowStart(b []byte, scenario, stat string, replicate int, step int64, date string) []byte {
	b = appendCSVString(b, scenario)
	b = append(b, ',')
	b = appendCSVString(b, stat)
	b = append(b, ',')
	if stat == "" {
		b = strconv.AppendInt(b, int64(replicate), 10)
	}
	b = append(b, ',')
	b = strconv.AppendInt(b, step, 10)
	b = append(b, ',')
	return append(b, date...)
}

// appendCSVString writes s as a CSV field, quoted only when RFC 4180 requires it.
func appendCSVString(b []byte, s string) []byte {
	need := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', '"', '\n', '\r':
			need = true
		}
	}
	if s != "" && (s[0] == ' ' || s[len(s)-1] == ' ') {
		need = true
	}
	if !need {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// jsonFloat is a float64 that JSON writes as appendFloat does (0.0, 12.0), so that readers of
// summary.json that type a field by its first value see a float.
type jsonFloat float64

// MarshalJSON writes x in the form of the CSV tables.
func (x jsonFloat) MarshalJSON() ([]byte, error) {
	if err := finite(func() string { return "a figure of summary.json" }, float64(x)); err != nil {
		return nil, err
	}
	return appendFloat(nil, float64(x)), nil
}
