package output

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"

	"github.com/parquet-go/parquet-go"

	"github.com/tradesim/tradesim/sim"
)

// ReadSeries reads the rows of DIR/series.csv, or of DIR/series.parquet when there is no CSV.
// It returns the path it read.
func ReadSeries(dir string) ([]SeriesRow, string, error) {
	return readTable(dir, nil, "series", SeriesColumns, parseSeriesRow, seriesRow)
}

// ReadSummary reads DIR/summary.csv, or DIR/summary.parquet when there is no CSV.
func ReadSummary(dir string) ([]SummaryRow, string, error) {
	return readTable(dir, nil, "summary", SummaryColumns, parseSummaryRow, summaryRow)
}

// ReadFlows reads DIR/flows.csv, or DIR/flows.parquet when there is no CSV.
func ReadFlows(dir string) ([]FlowRow, string, error) {
	return readTable(dir, nil, "flows", FlowColumns, parseFlowRow, flowRow)
}

// errEndOfRows stops a table's reader: the rows read so far are all the caller wants.
var errEndOfRows = errors.New("end of the rows wanted")

// readTable reads DIR/BASE.csv, or DIR/BASE.parquet when there is no CSV. With a manifest
// (already verified against the folder) it reads only a file the manifest lists, capped at
// the size it records; without, any regular file inside dir. Either way a FIFO, a device or a
// link leading out of dir is refused. The CSV's rows are parsed by parse; the Parquet file's
// records (type P) are turned into rows by fromRecord.
func readTable[T, P any](dir string, m *Manifest, base string, columns []string, parse func(rec []string, col []int) (T, error), fromRecord func(*P) (T, error)) ([]T, string, error) {
	listed := map[string]int64{}
	if m != nil {
		for _, fr := range m.Files {
			listed[fr.Path] = fr.Bytes
		}
	}
	for _, ext := range []string{".csv", ".parquet"} {
		rel := base + ext
		max := int64(maxTableBytes)
		if m != nil {
			n, ok := listed[rel]
			if !ok {
				continue
			}
			max = n
		}
		p, err := inside(dir, rel)
		if IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, p, err
		}
		fh, err := openRegular(p, max)
		if err != nil {
			return nil, p, err
		}
		defer fh.Close()
		var rows []T
		if ext == ".csv" {
			rows, err = readCSV(fh, p, max, columns, parse)
		} else {
			rows, err = readParquet(fh, p, columns, fromRecord)
		}
		return rows, p, err
	}
	return nil, "", fmt.Errorf("%s has neither %s.csv nor %s.parquet; is it a tradesim results folder (tradesim run ... -o %s)?", dir, base, base, dir)
}

func readCSV[T any](fh *os.File, path string, max int64, columns []string, parse func([]string, []int) (T, error)) ([]T, error) {
	r := csv.NewReader(bufio.NewReaderSize(io.LimitReader(fh, max), 1<<20))
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the header line: %w", path, err)
	}
	pos := map[string]int{}
	for i, h := range header {
		pos[h] = i
	}
	col := make([]int, len(columns))
	var missing []string
	for i, c := range columns {
		p, ok := pos[c]
		if !ok {
			missing = append(missing, Cut(c, 80))
		}
		col[i] = p
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: column(s) %v missing; a results table needs %v", path, missing, columns)
	}
	var rows []T
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		row, err := parse(rec, col)
		if errors.Is(err, errEndOfRows) {
			return rows, nil
		}
		if err != nil {
			line, _ := r.FieldPos(0)
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		rows = append(rows, row)
	}
}

func readParquet[T, P any](fh *os.File, path string, columns []string, fromRecord func(*P) (T, error)) ([]T, error) {
	st, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	pf, err := parquet.OpenFile(fh, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable Parquet file: %w", path, err)
	}
	var missing []string
	for _, c := range columns {
		if _, ok := pf.Schema().Lookup(c); !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: column(s) %v missing; a results table needs %v", path, missing, columns)
	}
	recs, err := parquet.Read[P](fh, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	rows := make([]T, len(recs))
	for i := range recs {
		if rows[i], err = fromRecord(&recs[i]); err != nil {
			return nil, fmt.Errorf("%s: row %d: %w", path, i+1, err)
		}
	}
	return rows, nil
}

func parseFloats(rec []string, col []int, names []string, out ...*float64) error {
	for i, p := range out {
		x, err := strconv.ParseFloat(rec[col[i]], 64)
		if err != nil {
			return fmt.Errorf("column %s: %s is not a number", names[i], Quote(Cut(rec[col[i]], 80)))
		}
		*p = x
	}
	return nil
}

// parseRowStart reads the columns series and flows rows start with: scenario, stat,
// replicate, step and date.
func parseRowStart(rec []string, col []int) (scenario, stat string, replicate int, step int64, date string, err error) {
	scenario, stat, date = rec[col[0]], rec[col[1]], rec[col[4]]
	if stat == "" {
		if replicate, err = strconv.Atoi(rec[col[2]]); err != nil {
			return scenario, stat, 0, 0, date, fmt.Errorf("column replicate: %s is not a whole number (a row without a stat is the row of one replicate)", Quote(Cut(rec[col[2]], 80)))
		}
	}
	if step, err = strconv.ParseInt(rec[col[3]], 10, 64); err != nil {
		return scenario, stat, replicate, 0, date, fmt.Errorf("column step: %s is not a whole number", Quote(Cut(rec[col[3]], 80)))
	}
	return scenario, stat, replicate, step, date, nil
}

func parseSeriesRow(rec []string, col []int) (SeriesRow, error) {
	var r SeriesRow
	var err error
	r.Scenario, r.Stat, r.Replicate, r.Step, r.Date, err = parseRowStart(rec, col)
	if err != nil {
		return r, err
	}
	r.Region, r.Sector, r.Variable = rec[col[5]], rec[col[6]], rec[col[7]]
	err = parseFloats(rec, col[8:], SeriesColumns[8:], &r.Value, &r.Baseline, &r.Deviation)
	return r, err
}

func parseFlowRow(rec []string, col []int) (FlowRow, error) {
	var r FlowRow
	var err error
	r.Scenario, r.Stat, r.Replicate, r.Step, r.Date, err = parseRowStart(rec, col)
	if err != nil {
		return r, err
	}
	r.Exporter, r.Importer, r.Sector = rec[col[5]], rec[col[6]], rec[col[7]]
	err = parseFloats(rec, col[8:], FlowColumns[8:], &r.Quantity, &r.ExportPrice, &r.BuyerPrice,
		&r.TariffRate, &r.BaselineQuantity, &r.BaselineBuyerPrice)
	return r, err
}

func parseSummaryRow(rec []string, col []int) (SummaryRow, error) {
	r := SummaryRow{Region: rec[col[0]], Sector: rec[col[1]], Variable: rec[col[2]], Stat: rec[col[3]], Month: rec[col[8]]}
	err := parseFloats(rec, col[4:8], SummaryColumns[4:8], &r.Mean, &r.P05, &r.P50, &r.P95)
	return r, err
}

// maxStep bounds the step column: no run is longer (sim refuses horizons beyond a century), and
// date arithmetic with larger steps would overflow.
const maxStep = 100 * 12

// BandsFromRows rebuilds the bands of a run from the band rows of its series table (stat
// mean, p05, p50 and p95; raw rows are skipped). Series keep the order of their first row.
// Replicates is 0: the table does not say; the manifest does.
func BandsFromRows(rows []SeriesRow) (*SeriesBands, error) {
	stat := map[string]int{}
	for k, s := range sim.BandStats {
		stat[s] = k
	}
	b := &SeriesBands{}
	type obs struct {
		ci, t, k     int
		v, base, dev float64
	}
	var obsv []obs
	index := map[Key]int{}
	first := true
	for _, r := range rows {
		k, ok := stat[r.Stat]
		if !ok {
			continue
		}
		if first {
			b.Scenario, first = r.Scenario, false
		}
		if r.Scenario != b.Scenario {
			return nil, fmt.Errorf("the series table holds two scenarios, %q and %q; give one results folder per scenario", b.Scenario, r.Scenario)
		}
		if r.Step < 1 || r.Step > maxStep {
			return nil, fmt.Errorf("step %d: steps count months from 1 to at most %d", r.Step, maxStep)
		}
		date, err := sim.ParseMonth(r.Date)
		if err != nil {
			return nil, fmt.Errorf("column date: %w", err)
		}
		t := int(r.Step - 1)
		if start := date - sim.Month(t); b.Steps == 0 {
			b.Start = start
		} else if start != b.Start {
			return nil, fmt.Errorf("step %d is dated %s, which does not follow from step 1 in %s", r.Step, r.Date, b.Start)
		}
		b.Steps = max(b.Steps, t+1)
		key := Key{r.Region, r.Sector, r.Variable}
		ci, ok := index[key]
		if !ok {
			v, known := VariableNamed(r.Variable)
			if !known {
				return nil, fmt.Errorf("variable %q is not a tradesim variable", r.Variable)
			}
			ci = len(b.Keys)
			index[key] = ci
			b.Keys = append(b.Keys, key)
			b.Vars = append(b.Vars, v)
		}
		obsv = append(obsv, obs{ci, t, k, r.Value, r.Baseline, r.Deviation})
	}
	if len(b.Keys) == 0 {
		return nil, fmt.Errorf("the series table has no band rows (stat mean, p05, p50, p95)")
	}
	b.Value, b.Base, b.Dev = make([][]sim.Band, len(b.Keys)), make([][]sim.Band, len(b.Keys)), make([][]sim.Band, len(b.Keys))
	nan := sim.NewBand(nil)
	for ci := range b.Keys {
		for _, bs := range []*[][]sim.Band{&b.Value, &b.Base, &b.Dev} {
			(*bs)[ci] = make([]sim.Band, b.Steps)
			for t := range (*bs)[ci] {
				(*bs)[ci][t] = nan
			}
		}
	}
	for _, o := range obsv {
		setStat(&b.Value[o.ci][o.t], o.k, o.v)
		setStat(&b.Base[o.ci][o.t], o.k, o.base)
		setStat(&b.Dev[o.ci][o.t], o.k, o.dev)
	}
	b.index = index
	return b, nil
}

func setStat(b *sim.Band, k int, x float64) {
	switch k {
	case 0:
		b.Mean = x
	case 1:
		b.P05 = x
	case 2:
		b.P50 = x
	case 3:
		b.P95 = x
	}
}

// IsNotExist reports whether err says a file is missing.
func IsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
