package output

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// sniffType guesses a CSV column's type from values as DuckDB, pandas and readr do: BIGINT if
// every non-empty value is a whole number, DOUBLE if every one is a number, else VARCHAR
// (empty cells are nulls and say nothing).
func sniffType(values []string) string {
	typ := "NULL"
	for _, v := range values {
		if v == "" {
			continue
		}
		if _, err := strconv.ParseInt(v, 10, 64); err == nil {
			if typ == "NULL" {
				typ = "BIGINT"
			}
			continue
		}
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			if typ != "VARCHAR" {
				typ = "DOUBLE"
			}
			continue
		}
		typ = "VARCHAR"
	}
	return typ
}

// TestTypeSniffingReaders: a reader that types series.csv, flows.csv and summary.csv from
// their first data row only (the worst case of DuckDB's sample, whose first 20,000 rows can
// all be months before a policy starts) gets DOUBLE for every float column, BIGINT for step
// and replicate, and, reading every row with those types, the same values as the Parquet
// file, whose columns are typed (DATE for date, nullable stat and replicate) and whose
// key-value metadata names the run and the units.
func TestTypeSniffingReaders(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	tb, err := NewTables(ctx, syntheticResult(3))
	if err != nil {
		t.Fatal(err)
	}
	tb.Identity = RunIdentity{Version: "v-test", ScenarioSHA256: "abc123", World: "default", WorldSHA256: "def456"}
	f, err := NewFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := tb.Write(ctx, f, Formats{CSV: true, Parquet: true, JSON: true}, true); err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]string{
		"series":  {"step": "BIGINT", "value": "DOUBLE", "baseline": "DOUBLE", "deviation": "DOUBLE"},
		"flows":   {"step": "BIGINT", "quantity": "DOUBLE", "tariff_rate": "DOUBLE", "baseline_buyer_price": "DOUBLE"},
		"summary": {"mean": "DOUBLE", "p05": "DOUBLE", "p50": "DOUBLE", "p95": "DOUBLE"},
	}
	for base, cols := range want {
		recs := readCSVFile(t, filepath.Join(dir, base+".csv"))
		header := recs[0]
		for c, name := range header {
			first := sniffType([]string{recs[1][c]})
			var all []string
			for _, r := range recs[1:] {
				all = append(all, r[c])
			}
			whole := sniffType(all)
			if w, ok := cols[name]; ok && (first != w || whole != w) {
				t.Errorf("%s.csv column %s: typed %s from the first row and %s from all rows, want %s (first value %q)", base, name, first, whole, w, recs[1][c])
			}
			if name == "replicate" && whole != "BIGINT" {
				t.Errorf("%s.csv column replicate typed %s, want BIGINT (band rows empty, raw rows numbers)", base, whole)
			}
		}
	}

	// The CSV read with the sniffed types holds the Parquet file's values, row for row.
	recs := readCSVFile(t, filepath.Join(dir, "series.csv"))
	pf := openParquet(t, filepath.Join(dir, "series.parquet"))
	prs, err := parquet.Read[seriesRecord](mustOpen(t, filepath.Join(dir, "series.parquet")), pf.Size())
	if err != nil {
		t.Fatal(err)
	}
	if len(prs) != len(recs)-1 {
		t.Fatalf("series: %d CSV rows, %d Parquet rows", len(recs)-1, len(prs))
	}
	raw := 0
	for i, p := range prs {
		r := recs[i+1]
		for c, x := range []float64{p.Value, p.Baseline, p.Deviation} {
			y, _ := strconv.ParseFloat(r[8+c], 64)
			if x != y {
				t.Fatalf("series row %d column %s: CSV %s, Parquet %v", i+2, SeriesColumns[8+c], r[8+c], x)
			}
		}
		if (p.Stat == "") != (p.Replicate != nil) || r[1] != p.Stat || monthOfDays(p.Date) != r[4] {
			t.Fatalf("series row %d: CSV stat %q replicate %q date %s; Parquet stat %q replicate %v date %s", i+2, r[1], r[2], r[4], p.Stat, p.Replicate, monthOfDays(p.Date))
		}
		if p.Replicate != nil {
			raw++
			if strconv.FormatInt(*p.Replicate, 10) != r[2] {
				t.Fatalf("series row %d: replicate %s in the CSV, %d in Parquet", i+2, r[2], *p.Replicate)
			}
		}
	}
	if raw == 0 {
		t.Error("no raw rows in series.parquet")
	}

	// Parquet types and metadata.
	for _, base := range []string{"series", "flows"} {
		pf := openParquet(t, filepath.Join(dir, base+".parquet"))
		date, _ := pf.Schema().Lookup("date")
		if lt := date.Node.Type().LogicalType(); lt == nil || lt.String() != "DATE" {
			t.Errorf("%s.parquet: date is %v, want the DATE type", base, date.Node.Type())
		}
		rep, _ := pf.Schema().Lookup("replicate")
		if !rep.Node.Optional() || rep.Node.Type().Kind() != parquet.Int64 {
			t.Errorf("%s.parquet: replicate is %v (optional %v), want an optional INT64", base, rep.Node.Type(), rep.Node.Optional())
		}
	}
	pf = openParquet(t, filepath.Join(dir, "summary.parquet"))
	for k, v := range map[string]string{"scenario": "synthetic", "scenario_sha256": "abc123", "world_sha256": "def456", "version": "v-test", "seed": "7", "replicates": "3"} {
		if got, _ := pf.Lookup(MetadataPrefix + k); got != v {
			t.Errorf("summary.parquet metadata %s%s = %q, want %q", MetadataPrefix, k, got, v)
		}
	}
	units, _ := pf.Lookup(MetadataPrefix + "units")
	var u map[string]UnitInfo
	if err := json.Unmarshal([]byte(units), &u); err != nil || u["output"].DeviationUnit != "%" || u["unemployment_rate"].DeviationUnit != "percentage points" || !strings.Contains(u["output"].Unit, "USD bn") {
		t.Errorf("units metadata %s: %v", units, err)
	}

	// summary.json writes its figures as floats too.
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"p50": 0.0`) || strings.Contains(string(b), `"p50": 0,`) {
		t.Errorf("summary.json writes a zero figure as 0, not 0.0")
	}
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fh.Close() })
	return fh
}

func openParquet(t *testing.T, path string) *parquet.File {
	t.Helper()
	fh := mustOpen(t, path)
	st, err := fh.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(fh, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	return pf
}
