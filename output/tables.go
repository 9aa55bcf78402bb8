package output

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/parquet-go/parquet-go"

	"github.com/tradesim/tradesim/sim"
)

// Formats selects the table formats of a run (`--format csv,parquet,json`). JSON is
// summary.json; CSV and Parquet apply to series, flows and summary alike.
type Formats struct {
	CSV, Parquet, JSON bool
}

// ParseFormats reads a comma-separated list of csv, parquet and json.
func ParseFormats(s string) (Formats, error) {
	var f Formats
	for _, name := range strings.Split(s, ",") {
		switch strings.TrimSpace(strings.ToLower(name)) {
		case "csv":
			f.CSV = true
		case "parquet":
			f.Parquet = true
		case "json":
			f.JSON = true
		case "":
		default:
			return f, fmt.Errorf("format %q is not one of csv, parquet, json (give a comma-separated list, e.g. --format csv,parquet)", strings.TrimSpace(name))
		}
	}
	if f == (Formats{}) {
		return f, fmt.Errorf("no table format given; use --format csv, parquet or json, or a list such as csv,json")
	}
	return f, nil
}

// List names the selected formats in a fixed order.
func (f Formats) List() []string {
	var out []string
	for _, x := range []struct {
		on   bool
		name string
	}{{f.CSV, "csv"}, {f.Parquet, "parquet"}, {f.JSON, "json"}} {
		if x.on {
			out = append(out, x.name)
		}
	}
	return out
}

// csvRow is a row that can write itself as a CSV line.
type csvRow interface{ appendCSV([]byte) []byte }

// sink receives the rows of one table and writes them to one file.
type sink[T any] interface {
	write(*T) error
	commit() error
	abort()
}

type csvSink[T any] struct {
	f *PendingFile
}

func newCSVSink[T any](f *Folder, name string, header []string) (*csvSink[T], error) {
	p, err := f.Create(name)
	if err != nil {
		return nil, err
	}
	if _, err := io.WriteString(p, strings.Join(header, ",")+"\n"); err != nil {
		p.Abort()
		return nil, err
	}
	return &csvSink[T]{f: p}, nil
}

// write formats the row straight into the file's buffer (it is copied only when the buffer
// is too full to hold it).
func (s *csvSink[T]) write(r *T) error {
	_, err := s.f.Write(any(r).(csvRow).appendCSV(s.f.AvailableBuffer()))
	return err
}
func (s *csvSink[T]) commit() error { return s.f.Commit() }
func (s *csvSink[T]) abort()        { s.f.Abort() }

// parquetBatch is the number of rows handed to the Parquet writer at once.
const parquetBatch = 4096

// recorder turns a row of the package into a record of a Parquet file.
type recorder[T, P any] interface{ record(*T, *P) error }

type parquetSink[T, P any] struct {
	f     *PendingFile
	w     *parquet.GenericWriter[P]
	rec   recorder[T, P]
	batch []P
}

func newParquetSink[T, P any](f *Folder, name string, rec recorder[T, P], meta map[string]string) (*parquetSink[T, P], error) {
	p, err := f.Create(name)
	if err != nil {
		return nil, err
	}
	opts := []parquet.WriterOption{parquet.Compression(&parquet.Zstd)}
	for k, v := range meta {
		opts = append(opts, parquet.KeyValueMetadata(k, v)) // written sorted by key
	}
	w := parquet.NewGenericWriter[P](p, opts...)
	return &parquetSink[T, P]{f: p, w: w, rec: rec, batch: make([]P, 0, parquetBatch)}, nil
}

func (s *parquetSink[T, P]) write(r *T) error {
	s.batch = s.batch[:len(s.batch)+1]
	if err := s.rec.record(r, &s.batch[len(s.batch)-1]); err != nil {
		return err
	}
	if len(s.batch) == cap(s.batch) {
		return s.flush()
	}
	return nil
}

func (s *parquetSink[T, P]) flush() error {
	if len(s.batch) == 0 {
		return nil
	}
	_, err := s.w.Write(s.batch)
	s.batch = s.batch[:0]
	return err
}

func (s *parquetSink[T, P]) commit() error {
	if err := s.flush(); err != nil {
		s.f.Abort()
		return err
	}
	if err := s.w.Close(); err != nil {
		s.f.Abort()
		return err
	}
	return s.f.Commit()
}
func (s *parquetSink[T, P]) abort() { s.f.Abort() }

// writeTable streams the rows that each produces into base.csv and/or base.parquet (whose
// records rec makes, with meta as the file's key-value metadata).
func writeTable[T, P any](f *Folder, formats Formats, base string, header []string, rec recorder[T, P], meta map[string]string, each func(func(*T) error) error) (err error) {
	var sinks []sink[T]
	defer func() {
		if err != nil {
			for _, s := range sinks {
				s.abort()
			}
		}
	}()
	if formats.CSV {
		s, err := newCSVSink[T](f, base+".csv", header)
		if err != nil {
			return err
		}
		sinks = append(sinks, s)
	}
	if formats.Parquet {
		s, err := newParquetSink(f, base+".parquet", rec, meta)
		if err != nil {
			return err
		}
		sinks = append(sinks, s)
	}
	if len(sinks) == 0 {
		return nil
	}
	err = each(func(r *T) error {
		for _, s := range sinks {
			if err := s.write(r); err != nil {
				return fmt.Errorf("output: writing %s: %w", base, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, s := range sinks {
		if err := s.commit(); err != nil {
			sinks = sinks[i+1:]
			return err
		}
	}
	return nil
}

// Tables is everything a run's tables are made of.
type Tables struct {
	Result  *sim.Result // the run's header: regions, sectors, months (Replicates may be nil)
	Store   *Store      // the replicates, read back for the flows and raw rows
	Bands   *SeriesBands
	Summary []SummaryRow
	// Identity names the run in the Parquet files' key-value metadata (set it before Write).
	Identity RunIdentity
}

// NewTables computes the bands and summary of a run held in memory.
func NewTables(ctx context.Context, res *sim.Result) (*Tables, error) {
	st, err := StoreResult(res)
	if err != nil {
		return nil, err
	}
	tb, err := NewTablesFrom(ctx, st)
	if err != nil {
		return nil, err
	}
	tb.Result = res
	return tb, nil
}

// NewTablesFrom computes the bands and summary of a run whose replicates are in a store, in one
// pass over it; memory holds the bands and one block of the store, whatever the replicates.
func NewTablesFrom(ctx context.Context, st *Store) (*Tables, error) {
	b, rows, err := seriesFromStore(ctx, st)
	if err != nil {
		return nil, err
	}
	return &Tables{Result: st.Header, Store: st, Bands: b, Summary: rows}, nil
}

// ReleaseReplicates lets a run held in memory let its replicates go (about 2 MB each in the
// default world over 36 months) once the tables are computed: the tables read the store, so
// Write, Bands, Summary and SummaryJSON still work.
func (tb *Tables) ReleaseReplicates() {
	header := *tb.Result
	header.Replicates, header.Fired = nil, nil
	tb.Result = &header
}

// Write writes series, flows and summary in the chosen formats, and summary.json with JSON.
// raw adds the rows of every replicate to series and flows.
func (tb *Tables) Write(ctx context.Context, f *Folder, formats Formats, raw bool) error {
	meta := tb.parquetMetadata()
	err := writeTable(f, formats, "series", SeriesColumns, &seriesRecords{}, meta, func(fn func(*SeriesRow) error) error {
		return eachSeriesRow(ctx, tb.Store, tb.Bands, raw, fn)
	})
	if err != nil {
		return err
	}
	err = writeTable(f, formats, "flows", FlowColumns, &flowRecords{}, meta, func(fn func(*FlowRow) error) error {
		return eachFlowRowFromStore(ctx, tb.Store, raw, fn)
	})
	if err != nil {
		return err
	}
	err = writeTable(f, formats, "summary", SummaryColumns, summaryRecords{}, meta, func(fn func(*SummaryRow) error) error {
		for i := range tb.Summary {
			if err := fn(&tb.Summary[i]); err != nil {
				return err
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	if formats.JSON {
		return f.WriteFile("summary.json", func(w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", " ")
			return enc.Encode(tb.SummaryJSON())
		})
	}
	return nil
}

// SummaryJSON is the content of summary.json: the rows of summary.csv plus the headline
// figures and what every statistic and variable means.
type SummaryJSON struct {
	Scenario   string         `json:"scenario"`
	Baseline   string         `json:"baseline"`
	Replicates int            `json:"replicates"`
	Start      string         `json:"start"`
	End        string         `json:"end"`
	Regions    []string       `json:"regions"`
	Sectors    []string       `json:"sectors"`
	Stats      []StatMeaning  `json:"stats"`
	Variables  []VariableInfo `json:"variables"`
	Headline   []Headline     `json:"headline"`
	Rows       []SummaryRow   `json:"rows"`
}

// VariableInfo describes a variable for readers of summary.json.
type VariableInfo struct {
	Name          string `json:"name"`
	Unit          string `json:"unit"`
	DeviationUnit string `json:"deviation_unit"`
	Additive      bool   `json:"additive"`
}

// SummaryJSON assembles summary.json.
func (tb *Tables) SummaryJSON() *SummaryJSON {
	res := tb.Result
	s := &SummaryJSON{
		Scenario: res.Scenario, Baseline: tb.Bands.Baseline, Replicates: tb.Bands.Replicates,
		Start: res.Start.String(), End: (res.Start + sim.Month(res.Steps-1)).String(),
		Regions: res.Regions, Sectors: res.Sectors, Stats: StatMeanings,
		Headline: Headlines(tb.Summary, tb.Bands), Rows: tb.Summary,
	}
	seen := map[string]bool{}
	for _, vs := range [][]sim.Variable{sim.RSVars[:], sim.RegionVars[:]} {
		for _, v := range vs {
			if !seen[v.Name] {
				seen[v.Name] = true
				s.Variables = append(s.Variables, VariableInfo{v.Name, v.Unit, DeviationUnit(v), v.Additive})
			}
		}
	}
	slices.SortStableFunc(s.Variables, func(a, b VariableInfo) int { return strings.Compare(a.Name, b.Name) })
	return s
}
