package output

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tradesim/tradesim/sim"
)

func writeSynthetic(t *testing.T, dir string, n int, raw bool) *Tables {
	t.Helper()
	ctx := context.Background()
	tb, err := NewTables(ctx, syntheticResult(n))
	if err != nil {
		t.Fatal(err)
	}
	f, err := NewFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := tb.Write(ctx, f, Formats{CSV: true, Parquet: true, JSON: true}, raw); err != nil {
		t.Fatal(err)
	}
	if err := f.WriteManifest(&Manifest{Tool: "tradesim", ScenarioName: "synthetic"}); err != nil {
		t.Fatal(err)
	}
	return tb
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// TestTablesContract: every table has the contract's columns in order, the band rows come in
// the documented order, and there is no NaN or Inf anywhere.
func TestTablesContract(t *testing.T) {
	dir := t.TempDir()
	writeSynthetic(t, dir, 5, true)
	for name, cols := range map[string][]string{"series.csv": SeriesColumns, "flows.csv": FlowColumns, "summary.csv": SummaryColumns} {
		recs := readCSVFile(t, filepath.Join(dir, name))
		if diff := cmp.Diff(cols, recs[0]); diff != "" {
			t.Errorf("%s header (-want +got):\n%s", name, diff)
		}
		if len(recs) < 2 {
			t.Fatalf("%s has no rows", name)
		}
		for i, rec := range recs[1:] {
			for _, f := range rec {
				if f == "NaN" || strings.Contains(f, "Inf") {
					t.Fatalf("%s row %d has %q", name, i+2, f)
				}
			}
		}
	}
	recs := readCSVFile(t, filepath.Join(dir, "series.csv"))
	// First rows: step 1, stat mean (no replicate), region USA, sector REE, the RS variables in order.
	for i, v := range sim.RSVars[:3] {
		r := recs[1+i]
		want := []string{"synthetic", "mean", "", "1", "2025-01", "USA", "REE", v.Name}
		if diff := cmp.Diff(want, r[:8]); diff != "" {
			t.Errorf("row %d (-want +got):\n%s", i+2, diff)
		}
	}
	// 5 raw replicates follow the band rows: stat empty, replicate a number; band rows have
	// a stat and no replicate.
	kinds := map[[2]string]bool{}
	for _, r := range recs[1:] {
		kinds[[2]string{r[1], r[2]}] = true
	}
	for _, want := range [][2]string{{"mean", ""}, {"p05", ""}, {"p50", ""}, {"p95", ""}, {"", "0"}, {"", "4"}} {
		if !kinds[want] {
			t.Errorf("series.csv has no rows with stat %q and replicate %q", want[0], want[1])
		}
	}
	if len(kinds) != 9 {
		t.Errorf("series.csv has %d kinds of (stat, replicate), want 4 stats and 5 replicates: %v", len(kinds), kinds)
	}
}

// TestBandSemantics checks band rows against a direct computation from the replicates: value
// and baseline are bands of the raw values, deviation is the band of per-replicate deviations.
func TestBandSemantics(t *testing.T) {
	res := syntheticResult(7)
	tb, err := NewTables(context.Background(), res)
	if err != nil {
		t.Fatal(err)
	}
	b := tb.Bands
	ci, ok := b.Find(Key{"EU", "AUTO", "output"})
	if !ok {
		t.Fatal("no EU AUTO output series")
	}
	tm := 10
	var xs, bs, ds []float64
	for _, rep := range res.Replicates {
		i := rep.Scenario.RSIndex(tm, 2, 3)
		x, base := rep.Scenario.RS[sim.VarOutput][i], rep.Baseline.RS[sim.VarOutput][i]
		xs, bs, ds = append(xs, x), append(bs, base), append(ds, 100*(x/base-1))
	}
	for name, pair := range map[string][2]sim.Band{
		"value": {b.Value[ci][tm], sim.NewBand(xs)}, "baseline": {b.Base[ci][tm], sim.NewBand(bs)}, "deviation": {b.Dev[ci][tm], sim.NewBand(ds)},
	} {
		for k := range sim.NumBandStats {
			// 1e-12 relative: the same arithmetic up to the order of one division.
			if got, want := pair[0].At(k), pair[1].At(k); math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
				t.Errorf("%s %s = %v, want %v", name, sim.BandStats[k], got, want)
			}
		}
	}
	if b.Dev[ci][tm].P05 >= b.Dev[ci][tm].P95 {
		t.Errorf("deviation band is empty: %+v", b.Dev[ci][tm])
	}
	// Aggregates: ALL AUTO output is the sum over regions, replicate by replicate.
	ai, ok := b.Find(Key{All, "AUTO", "output"})
	if !ok {
		t.Fatal("no ALL AUTO output series")
	}
	var sums []float64
	for _, rep := range res.Replicates {
		var s float64
		for r := range 3 {
			s += rep.Scenario.RS[sim.VarOutput][rep.Scenario.RSIndex(tm, r, 3)]
		}
		sums = append(sums, s)
	}
	if got, want := b.Value[ai][tm].P50, sim.NewBand(sums).P50; math.Abs(got-want) > 1e-12*want {
		t.Errorf("ALL AUTO output p50 = %v, want %v", got, want)
	}
	// Non-additive variables have no aggregates; a zero baseline gives the difference.
	if _, ok := b.Find(Key{All, "AUTO", "price"}); ok {
		t.Error("price, an index, must not be summed over regions")
	}
	fi, _ := b.Find(Key{"USA", "AIC", "export_fee_revenue"})
	for tt := range b.Steps {
		d := b.Dev[fi][tt]
		if math.IsNaN(d.P50) || math.IsInf(d.P50, 0) {
			t.Fatalf("fee revenue deviation at %d is %v", tt, d.P50)
		}
	}
	// No key twice: tariff_revenue with sector ALL comes from the region variable only.
	seen := map[Key]bool{}
	for _, k := range b.Keys {
		if seen[k] {
			t.Fatalf("series %v appears twice", k)
		}
		seen[k] = true
	}
}

// TestParquetEqualsCSV: the Parquet tables read back equal the CSV tables row for row.
func TestParquetEqualsCSV(t *testing.T) {
	dir := t.TempDir()
	writeSynthetic(t, dir, 4, true)
	pqDir := t.TempDir()
	for _, base := range []string{"series", "flows", "summary"} {
		b, err := os.ReadFile(filepath.Join(dir, base+".parquet"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(pqDir, base+".parquet"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sc, _, err := ReadSeries(dir)
	if err != nil {
		t.Fatal(err)
	}
	sp, path, err := ReadSeries(pqDir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(path, ".parquet") {
		t.Fatalf("read %s, want the parquet file", path)
	}
	if len(sc) < 1000 || len(sc) != len(sp) {
		t.Fatalf("series: %d CSV rows, %d Parquet rows", len(sc), len(sp))
	}
	if diff := cmp.Diff(sc, sp); diff != "" {
		t.Errorf("series parquet != csv:\n%.2000s", diff)
	}
	fc, _, err := ReadFlows(dir)
	if err != nil {
		t.Fatal(err)
	}
	fp, _, err := ReadFlows(pqDir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fc, fp); diff != "" || len(fc) == 0 {
		t.Errorf("flows parquet != csv (%d rows):\n%.2000s", len(fc), diff)
	}
	uc, _, err := ReadSummary(dir)
	if err != nil {
		t.Fatal(err)
	}
	up, _, err := ReadSummary(pqDir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(uc, up); diff != "" || len(uc) == 0 {
		t.Errorf("summary parquet != csv (%d rows):\n%.2000s", len(uc), diff)
	}
}

// TestBandsRoundTrip: bands rebuilt from series.csv equal the bands the run computed, bit for
// bit (floats are written with the shortest exact representation).
func TestBandsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	tb := writeSynthetic(t, dir, 5, false)
	rows, _, err := ReadSeries(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := BandsFromRows(rows)
	if err != nil {
		t.Fatal(err)
	}
	want := tb.Bands
	if got.Start != want.Start || got.Steps != want.Steps || got.Scenario != want.Scenario {
		t.Fatalf("got %s %d %s, want %s %d %s", got.Start, got.Steps, got.Scenario, want.Start, want.Steps, want.Scenario)
	}
	if diff := cmp.Diff(want.Keys, got.Keys); diff != "" {
		t.Fatalf("keys differ:\n%s", diff)
	}
	if diff := cmp.Diff(want.Dev, got.Dev); diff != "" {
		t.Fatalf("deviation bands differ:\n%.1000s", diff)
	}
	if diff := cmp.Diff(want.Value, got.Value); diff != "" {
		t.Fatalf("value bands differ:\n%.1000s", diff)
	}
}

// TestManifestHashes: the manifest lists every file with its true size and SHA-256, and Verify
// notices a damaged file.
func TestManifestHashes(t *testing.T) {
	dir := t.TempDir()
	writeSynthetic(t, dir, 3, false)
	m, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range m.Files {
		names = append(names, f.Path)
	}
	want := []string{"flows.csv", "flows.parquet", "series.csv", "series.parquet", "summary.csv", "summary.json", "summary.parquet"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Fatalf("manifest files (-want +got):\n%s", diff)
	}
	if err := m.Verify(dir); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
	p := filepath.Join(dir, "summary.csv")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, b[:len(b)/2], 0o644)
	if err := m.Verify(dir); err == nil || !strings.Contains(err.Error(), "summary.csv") {
		t.Errorf("Verify of a truncated summary.csv = %v, want an error naming it", err)
	}
}

// TestSummaryStats checks the statistics of one series against hand computation.
func TestSummaryStats(t *testing.T) {
	res := syntheticResult(1) // one replicate: every band statistic is that replicate's value
	b, err := NewSeriesBands(context.Background(), res)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := SummaryRows(context.Background(), res, b)
	if err != nil {
		t.Fatal(err)
	}
	got, months := map[string]float64{}, map[string]string{}
	for _, r := range rows {
		if r.Region == "USA" && r.Sector == "AUTO" && r.Variable == "output" {
			got[r.Stat] = r.P50
			if r.Mean != r.P50 || r.P05 != r.P95 {
				t.Errorf("%s: band of one replicate not flat: %+v", r.Stat, r)
			}
			months[r.Stat] = r.Month
		}
		// The price of USA AUTO rises 8%: a peak, and no trough.
		if r.Region == "USA" && r.Sector == "AUTO" && r.Variable == "price" {
			switch {
			case r.Stat == StatPeak && (math.Abs(r.P50-8) > 1e-9 || r.Month != "2025-09"):
				t.Errorf("price peak %v in %q, want 8 in 2025-09", r.P50, r.Month)
			case r.Stat == StatTrough && (r.P50 != 0 || r.Month != ""):
				t.Errorf("price trough %v in %q, want 0 and no month", r.P50, r.Month)
			}
		}
	}
	// Output falls 8%, reached in 2025-09 (the ramp is full at t = 8); it never rises.
	if months[StatTrough] != "2025-09" || months[StatPeak] != "" || months[StatAtEnd] != "" {
		t.Errorf("months of USA AUTO output stats = %v, want the trough's only, 2025-09", months)
	}
	// USA AUTO: r=0, s=3: hit = 0.08 * ramp; output deviation = -100 * hit = -8 * ramp.
	// ramp is 0 for t<3, (t-2)/6 up to 1 at t=8, then 1 to t=17.
	var sum float64
	for tt := range 18 {
		sum += -8 * math.Min(1, math.Max(0, float64(tt-2)/6))
	}
	base := 1 + 0.25*3
	want := map[string]float64{
		StatAtEnd: -8, StatTrough: -8, StatPeak: 0, StatMean: sum / 18,
		StatCumulative: base * sum / 100, StatCumulativePct: sum / 18,
	}
	for k, w := range want {
		// 1e-9 relative: sums of 18 rounded terms.
		if g, ok := got[k]; !ok || math.Abs(g-w) > 1e-9*math.Abs(w) || (w == 0 && g != 0) {
			t.Errorf("%s = %v, want %v", k, g, w)
		}
	}
	// Headlines: USA... the largest output hit is EU AUTO (r=2, s=3).
	tb, _ := NewTables(context.Background(), syntheticResult(5))
	hs := Headlines(tb.Summary, tb.Bands)
	if h := hs[0]; h.Region != "EU" || h.Sector != "AUTO" || h.Variable != "output" || h.Stat != StatTrough || h.Month != "2025-09" || h.P50 >= 0 {
		t.Errorf("first headline = %+v, want EU AUTO output's trough in 2025-09", h)
	}
	js, _ := json.Marshal(tb.SummaryJSON())
	if !bytes.Contains(js, []byte(`"headline"`)) {
		t.Error("summary.json lacks headline")
	}
}

// TestCancelledWriteLeavesNothing: a write cancelled half-way leaves no file under a final name
// and no temporary file once rolled back.
func TestCancelledWriteLeavesNothing(t *testing.T) {
	for _, after := range []int{1, 30, 100} {
		dir := t.TempDir()
		tb, err := NewTables(context.Background(), syntheticResult(3))
		if err != nil {
			t.Fatal(err)
		}
		f, err := NewFolder(dir)
		if err != nil {
			t.Fatal(err)
		}
		ctx := &countdownCtx{Context: context.Background(), left: after}
		err = tb.Write(ctx, f, Formats{CSV: true, Parquet: true, JSON: true}, true)
		if err == nil {
			t.Fatalf("cancel after %d checks: write succeeded", after)
		}
		f.Rollback()
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			t.Errorf("cancel after %d checks: %s left in the folder", after, e.Name())
		}
	}
	// A folder the run created is removed too, with its parents, when empty.
	root := t.TempDir()
	f, err := NewFolder(filepath.Join(root, "a", "b"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.Create("charts/x.svg")
	if err != nil {
		t.Fatal(err)
	}
	p.Write([]byte("<svg/>"))
	if err := p.Commit(); err != nil {
		t.Fatal(err)
	}
	f.Rollback()
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Errorf("after rollback %s holds %v", root, entries)
	}
}

// countdownCtx reports cancellation after a number of Err calls.
type countdownCtx struct {
	context.Context
	left int
}

func (c *countdownCtx) Err() error {
	if c.left <= 0 {
		return context.Canceled
	}
	c.left--
	return nil
}

// TestNonFiniteIsRefused: a NaN from the engine stops the tables with an error naming the
// series and month, rather than publishing it.
func TestNonFiniteIsRefused(t *testing.T) {
	res := syntheticResult(2)
	m := res.Replicates[1].Scenario
	m.RS[sim.VarPrice][m.RSIndex(4, 1, 2)] = math.NaN()
	_, err := NewTables(context.Background(), res)
	if err == nil || !strings.Contains(err.Error(), "CHN ELEC price in 2025-05") {
		t.Errorf("NaN price: %v", err)
	}
	res = syntheticResult(2)
	m = res.Replicates[0].Scenario
	m.Flow[sim.FlowQuantity][m.FlowIndex(2, 0, 1, 3)] = math.Inf(1)
	err = eachFlowRow(context.Background(), res, false, func(*FlowRow) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "flow USA -> CHN AUTO in 2025-03") {
		t.Errorf("Inf flow: %v", err)
	}
}

// TestReleaseReplicates: after the replicates go, summary.json is the same and the run's
// result no longer holds them (the caller's Result is not changed).
func TestReleaseReplicates(t *testing.T) {
	res := syntheticResult(5)
	tb, err := NewTables(context.Background(), res)
	if err != nil {
		t.Fatal(err)
	}
	before, err := json.Marshal(tb.SummaryJSON())
	if err != nil {
		t.Fatal(err)
	}
	tb.ReleaseReplicates()
	after, err := json.Marshal(tb.SummaryJSON())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("summary.json changed when the replicates were released:\n%s\n%s", before, after)
	}
	if tb.Result.Replicates != nil || len(res.Replicates) != 5 {
		t.Errorf("after release: tables hold %d replicates, the caller's result %d; want 0 and 5", len(tb.Result.Replicates), len(res.Replicates))
	}
}
