package output

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/tradesim/tradesim/sim"
)

// Store keeps the replicates of a run in the shape the tables read them, so that a run's memory
// does not grow with its replicates: `tradesim run` hands every replicate to Add as sim.Run
// streams it (sim.Options.OnReplicate) and lets it go; the tables then read the store back a
// block of series at a time.
//
// Why replicates spilled to disk rather than a bounded-memory quantile sketch (P², t-digest):
// the bands of series.csv are exact order statistics (sim.Quantile), which an economist can
// reproduce from the raw rows with R or NumPy. A sketch would change every band in the last
// digits and make them depend on the order replicates arrive in; the spill keeps them exact and
// byte-identical to a run held in memory, for about 2.2 MB of disk per replicate in the default
// world over 36 months (the page cache usually keeps it off the disk altogether).
//
// Each replicate is one fixed-size record: the series of series.csv, cell by cell (cells order),
// month by month, as value then baseline; then the routes of flows.csv, month by month, route by
// route (exporter, importer, sector; domestic sales left out), as the numFlowCols columns. The
// aggregates (region or sector ALL) are summed once, when the replicate arrives.
type Store struct {
	Header  *sim.Result // the run without its replicates (Replicates and Fired are nil)
	n       int         // replicates added
	first   int         // index of the first replicate
	cells   []cell
	steps   int
	routes  int
	rec     int // floats per record
	file    *os.File
	mem     []byte // the records, when the store is in memory
	path    string
	scratch []float64
	block   int // bytes a block read back may take; blockBytes unless a test shrinks it
	bytes   []byte
}

// NewStore returns a store for the replicates of a run with this header, spilled to a
// temporary file in dir ("" for the system's temporary folder). Close removes the file.
func NewStore(header *sim.Result, dir string) (*Store, error) {
	s := newStore(header)
	f, err := os.CreateTemp(dir, ".tradesim-replicates-*")
	if err != nil {
		return nil, fmt.Errorf("output: a temporary file for the replicates: %w", err)
	}
	s.file, s.path = f, f.Name()
	return s, nil
}

// NewMemoryStore returns a store that keeps its records in memory (for runs held in memory).
func NewMemoryStore(header *sim.Result) *Store { return newStore(header) }

func newStore(header *sim.Result) *Store {
	h := *header
	h.Replicates, h.Fired = nil, nil
	R, S := len(h.Regions), len(h.Sectors)
	s := &Store{Header: &h, cells: cells(h.Regions, h.Sectors), steps: h.Steps, routes: R * (R - 1) * S}
	s.rec = len(s.cells)*s.steps*2 + s.steps*s.routes*numFlowCols
	return s
}

// StoreResult puts the replicates of a run held in memory into a memory store.
func StoreResult(res *sim.Result) (*Store, error) {
	if err := checkResult(res); err != nil {
		return nil, err
	}
	s := NewMemoryStore(res)
	for i := range res.Replicates {
		if err := s.Add(&res.Replicates[i]); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Replicates is the number of replicates added.
func (s *Store) Replicates() int { return s.n }

// Add appends a replicate, which must have the header's shape; rep may be reused afterwards.
func (s *Store) Add(rep *sim.Replicate) error {
	R, S := len(s.Header.Regions), len(s.Header.Sectors)
	for _, m := range []*sim.Metrics{rep.Scenario, rep.Baseline} {
		if m == nil || m.R != R || m.S != S || m.Steps != s.steps {
			return fmt.Errorf("output: replicate %d has metrics of another shape than the run (%d regions, %d sectors, %d months)", rep.Index, R, S, s.steps)
		}
	}
	if s.n == 0 {
		s.first = rep.Index
	} else if rep.Index != s.first+s.n {
		return fmt.Errorf("output: replicate %d arrived where replicate %d was expected", rep.Index, s.first+s.n)
	}
	xs := s.scratch[:0]
	for _, c := range s.cells {
		for t := range s.steps {
			xs = append(xs, c.get(rep.Scenario, t), c.get(rep.Baseline, t))
		}
	}
	var v [numFlowCols]float64
	for t := range s.steps {
		for o := range R {
			for d := range R {
				if o == d {
					continue
				}
				for i := range S {
					flowValues(rep, t, o, d, i, &v)
					xs = append(xs, v[:]...)
				}
			}
		}
	}
	s.scratch = xs
	b := s.encode(xs)
	if s.file != nil {
		if _, err := s.file.Write(b); err != nil {
			return fmt.Errorf("output: spilling replicate %d to %s: %w", rep.Index, s.path, err)
		}
	} else {
		s.mem = append(s.mem, b...)
	}
	s.n++
	return nil
}

func (s *Store) encode(xs []float64) []byte {
	b := s.bytes[:0]
	for _, x := range xs {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	s.bytes = b
	return b
}

// read fills out with count floats of replicate k's record from float offset off.
func (s *Store) read(k, off int, out []float64, buf []byte) error {
	buf = buf[:8*len(out)]
	at := (int64(k)*int64(s.rec) + int64(off)) * 8
	if s.file != nil {
		if _, err := s.file.ReadAt(buf, at); err != nil && err != io.EOF {
			return fmt.Errorf("output: reading replicate %d back from %s: %w", k, s.path, err)
		}
	} else {
		copy(buf, s.mem[at:])
	}
	for i := range out {
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(buf[8*i:]))
	}
	return nil
}

// Close removes the spill file; the store cannot be read afterwards.
func (s *Store) Close() error {
	s.mem = nil
	if s.file == nil {
		return nil
	}
	f := s.file
	s.file = nil
	err := f.Close()
	if rerr := os.Remove(s.path); err == nil {
		err = rerr
	}
	return err
}

var errNoReplicates = errors.New("output: the run has no replicates")

// blockBytes is how much memory a block read back from the store may take: a block holds the
// same span of every replicate, so its span shrinks as replicates grow and memory stays flat.
const blockBytes = 16 << 20

// span is how many units of size floats per replicate fit in one block (at least 1).
func (s *Store) span(size int) int {
	b := s.block
	if b == 0 {
		b = blockBytes
	}
	return max(1, b/(8*size*max(1, s.n)))
}

// block reads, from every replicate, the floats [off, off+count) of its record into out[k]
// (out is grown as needed and returned).
func (s *Store) readBlock(ctx context.Context, off, count int, out [][]float64, buf []byte) ([][]float64, []byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if len(out) < s.n {
		out = make([][]float64, s.n)
	}
	if cap(buf) < 8*count {
		buf = make([]byte, 8*count)
	}
	for k := range s.n {
		if cap(out[k]) < count {
			out[k] = make([]float64, count)
		}
		out[k] = out[k][:count]
		if err := s.read(k, off, out[k], buf); err != nil {
			return nil, nil, err
		}
	}
	return out, buf, nil
}

// seriesLen is the number of floats of the series part of a record.
func (s *Store) seriesLen() int { return len(s.cells) * s.steps * 2 }
