package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"

	"github.com/parquet-go/parquet-go"
)

// RunRow is one row of a sweep's runs table: the run id, its factor values and its metrics
// (the mean over the point's replicates).
type RunRow struct {
	ID      int64
	Factors []float64
	Metrics []float64
}

// RunColumns are the columns of a sweep's tables after run_id: factor names, then (runs table
// only) metric names.
type RunColumns struct {
	Factors []string
	Metrics []string
}

// Header is the runs table's header: run_id, factors, metrics.
func (c RunColumns) Header() []string {
	return append(append([]string{"run_id"}, c.Factors...), c.Metrics...)
}

// runType builds the row struct of a table whose columns are run_id, then float64 columns
// with these names (in order: parquet-go keeps a struct's field order, a Group would sort).
func runType(names []string, seed bool) reflect.Type {
	fields := []reflect.StructField{{Name: "RunID", Type: reflect.TypeFor[int64](), Tag: `parquet:"run_id"`}}
	for i, n := range names {
		fields = append(fields, reflect.StructField{Name: "F" + strconv.Itoa(i), Type: reflect.TypeFor[float64](), Tag: reflect.StructTag(`parquet:"` + n + `"`)})
	}
	if seed {
		fields = append(fields, reflect.StructField{Name: "Seed", Type: reflect.TypeFor[uint64](), Tag: `parquet:"seed"`})
	}
	return reflect.StructOf(fields)
}

// writeRunParquet writes rows (run id, values, optional seed) as one Parquet file.
func writeRunParquet(f *Folder, name string, names []string, n int, row func(i int) (int64, []float64, uint64), seed bool) error {
	typ := runType(names, seed)
	p, err := f.Create(name)
	if err != nil {
		return err
	}
	w := parquet.NewWriter(p, parquet.SchemaOf(reflect.New(typ).Interface()), parquet.Compression(&parquet.Zstd))
	v := reflect.New(typ).Elem()
	for i := range n {
		id, xs, s := row(i)
		v.Field(0).SetInt(id)
		for j, x := range xs {
			v.Field(1 + j).SetFloat(x)
		}
		if seed {
			v.Field(1 + len(xs)).SetUint(s)
		}
		if err := w.Write(v.Addr().Interface()); err != nil {
			p.Abort()
			return fmt.Errorf("output: writing %s: %w", name, err)
		}
	}
	if err := w.Close(); err != nil {
		p.Abort()
		return fmt.Errorf("output: writing %s: %w", name, err)
	}
	return p.Commit()
}

// WritePlan writes plan.parquet: run_id, one column per factor, seed.
func WritePlan(f *Folder, factors []string, x [][]float64, seed func(k int) uint64) error {
	return writeRunParquet(f, "plan.parquet", factors, len(x), func(i int) (int64, []float64, uint64) {
		return int64(i), x[i], seed(i)
	}, true)
}

// WriteRunsBatch writes one batch of the runs table as Parquet, rows in the order given.
func WriteRunsBatch(f *Folder, name string, cols RunColumns, rows []RunRow) error {
	names := append(append([]string(nil), cols.Factors...), cols.Metrics...)
	var buf []float64
	return writeRunParquet(f, name, names, len(rows), func(i int) (int64, []float64, uint64) {
		buf = append(append(buf[:0], rows[i].Factors...), rows[i].Metrics...)
		return rows[i].ID, buf, 0
	}, false)
}

// ReadRunsBatch reads a batch file written by WriteRunsBatch, checking its columns.
func ReadRunsBatch(path string, cols RunColumns) ([]RunRow, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	pf, err := parquet.OpenFile(fh, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: not a Parquet file of a sweep: %w", path, err)
	}
	want := cols.Header()
	fields := pf.Schema().Fields()
	if len(fields) != len(want) {
		return nil, fmt.Errorf("%s has %d columns; this sweep's runs have %d (%v)", path, len(fields), len(want), want)
	}
	for i, fl := range fields {
		if fl.Name() != want[i] {
			return nil, fmt.Errorf("%s: column %d is %q; this sweep's is %q", path, i+1, fl.Name(), want[i])
		}
	}
	r := parquet.NewReader(pf)
	defer r.Close()
	k, m := len(cols.Factors), len(cols.Metrics)
	var out []RunRow
	buf := make([]parquet.Row, 64)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			rr := RunRow{Factors: make([]float64, k), Metrics: make([]float64, m)}
			for _, v := range row {
				c := v.Column()
				switch {
				case c == 0:
					rr.ID = v.Int64()
				case c <= k:
					rr.Factors[c-1] = v.Double()
				default:
					rr.Metrics[c-1-k] = v.Double()
				}
			}
			out = append(out, rr)
		}
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
}

// WriteRunsCSV writes runs.csv: the header, then the rows each yields in order.
func WriteRunsCSV(f *Folder, cols RunColumns, each func(func(*RunRow) error) error) error {
	p, err := f.Create("runs.csv")
	if err != nil {
		return err
	}
	var b []byte
	for i, h := range cols.Header() {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSVString(b, h)
	}
	b = append(b, '\n')
	err = each(func(r *RunRow) error {
		b = strconv.AppendInt(b, r.ID, 10)
		for _, x := range r.Factors {
			b = appendFloat(append(b, ','), x)
		}
		for _, x := range r.Metrics {
			b = appendFloat(append(b, ','), x)
		}
		b = append(b, '\n')
		if len(b) > 64<<10 {
			if _, err := p.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
		return nil
	})
	if err == nil {
		_, err = p.Write(b)
	}
	if err != nil {
		p.Abort()
		return err
	}
	return p.Commit()
}

// KeptRow is one row of a sweep's kept series (--keep series): the deviation path of a
// metric's series in one run, month by month, the mean over the point's replicates.
type KeptRow struct {
	RunID     int64   `parquet:"run_id"`
	Metric    string  `parquet:"metric,dict"`
	Step      int64   `parquet:"step"`
	Date      string  `parquet:"date,dict"`
	Deviation float64 `parquet:"deviation"`
}

// SeriesBatchName is the file of batch b's kept series.
func SeriesBatchName(b int) string { return fmt.Sprintf("series-%04d.parquet", b) }

// WriteSeriesBatch writes the kept series of one batch's runs: rows by run, metric and month.
func WriteSeriesBatch(f *Folder, name string, rows []KeptRow) error {
	p, err := f.Create(name)
	if err != nil {
		return err
	}
	w := parquet.NewGenericWriter[KeptRow](p, parquet.Compression(&parquet.Zstd))
	if _, err := w.Write(rows); err != nil {
		p.Abort()
		return fmt.Errorf("output: writing %s: %w", name, err)
	}
	if err := w.Close(); err != nil {
		p.Abort()
		return fmt.Errorf("output: writing %s: %w", name, err)
	}
	return p.Commit()
}
