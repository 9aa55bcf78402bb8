package output

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// duckdbCheck reads a results folder with DuckDB: the types its CSV sniffer gives the columns
// of series.csv, flows.csv and summary.csv, the types of series.parquet, and how many rows of
// series.csv differ from series.parquet in value or deviation.
const duckdbCheck = `import { DuckDBInstance } from '@duckdb/node-api';
const dir = process.argv[2];
const con = await (await DuckDBInstance.create(':memory:')).connect();
const q = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJson();
const types = async (from) => Object.fromEntries((await q('DESCRIBE SELECT * FROM ' + from)).map(r => [r.column_name, r.column_type]));
const out = {};
// A sample of 64 rows: in this small run, as in the first 20,000 rows of a real one, every
// sampled deviation is a month before the policy starts.
for (const t of ['series', 'flows', 'summary']) out[t] = await types("read_csv('" + dir + "/" + t + ".csv', sample_size = 64)");
out.parquet = await types("read_parquet('" + dir + "/series.parquet')");
const d = await q("SELECT count(*) AS n, count(*) FILTER (WHERE c.value IS DISTINCT FROM p.value OR c.deviation IS DISTINCT FROM p.deviation OR c.replicate::BIGINT IS DISTINCT FROM p.replicate) AS differ " +
  "FROM (SELECT row_number() OVER () AS i, * FROM read_csv('" + dir + "/series.csv', sample_size = 64)) c " +
  "JOIN (SELECT row_number() OVER () AS i, * FROM read_parquet('" + dir + "/series.parquet')) p USING (i)");
out.rows = Number(d[0].n); out.differ = Number(d[0].differ);
console.log(JSON.stringify(out));
`

// TestDuckDBReadsTables: DuckDB, reading series.csv with its own type sniffing from the first
// rows (the reader that once typed deviation as an integer and rounded 106,524 rows of a
// run), types every
// float column DOUBLE, and reads the same values as from
// series.parquet, where date is a DATE. .ci/setup-duckdb.sh installs DuckDB's Node.js package.
func TestDuckDBReadsTables(t *testing.T) {
	node := needTool(t, "node", "nodejs")
	dir := os.Getenv("TRADESIM_DUCKDB_DIR")
	if dir == "" {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, ".cache", "tradesim-duckdb")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@duckdb", "node-api")); err != nil {
		msg := "DuckDB's Node.js package is not in " + dir + " (bash .ci/setup-duckdb.sh installs it)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg + "; skipping")
	}
	script, err := os.CreateTemp(dir, "check-*.mjs") // beside node_modules, so the import resolves
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(script.Name()) })
	if _, err := script.WriteString(duckdbCheck); err != nil {
		t.Fatal(err)
	}
	script.Close()

	res := t.TempDir()
	ctx := context.Background()
	tb, err := NewTables(ctx, syntheticResult(3))
	if err != nil {
		t.Fatal(err)
	}
	f, err := NewFolder(res)
	if err != nil {
		t.Fatal(err)
	}
	if err := tb.Write(ctx, f, Formats{CSV: true, Parquet: true}, true); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, script.Name(), res).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got struct {
		Series, Flows, Summary, Parquet map[string]string
		Rows, Differ                    int
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for table, want := range map[string]map[string]string{
		// replicate is empty on the band rows that come first, so a sample of them says nothing
		// (DuckDB then reads it as text; output/README.md gives the option that types it).
		"series.csv":     {"step": "BIGINT", "value": "DOUBLE", "baseline": "DOUBLE", "deviation": "DOUBLE", "stat": "VARCHAR"},
		"flows.csv":      {"quantity": "DOUBLE", "tariff_rate": "DOUBLE", "baseline_buyer_price": "DOUBLE"},
		"summary.csv":    {"mean": "DOUBLE", "p05": "DOUBLE", "p50": "DOUBLE", "p95": "DOUBLE"},
		"series.parquet": {"date": "DATE", "replicate": "BIGINT", "deviation": "DOUBLE"},
	} {
		types := map[string]map[string]string{"series.csv": got.Series, "flows.csv": got.Flows, "summary.csv": got.Summary, "series.parquet": got.Parquet}[table]
		for col, typ := range want {
			if types[col] != typ {
				t.Errorf("DuckDB types %s column %s as %s, want %s", table, col, types[col], typ)
			}
		}
	}
	if got.Rows == 0 || got.Differ != 0 {
		t.Errorf("DuckDB reads %d of %d rows of series.csv differently from series.parquet", got.Differ, got.Rows)
	}
}
