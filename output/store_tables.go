package output

import (
	"context"
	"slices"

	"github.com/tradesim/tradesim/sim"
)

// seriesFromStore computes the bands of every series and the rows of summary.csv in one pass
// over the store, a block of cells at a time (see SeriesBands and SummaryRows for what they are).
func seriesFromStore(ctx context.Context, s *Store) (*SeriesBands, []SummaryRow, error) {
	res, n, steps := s.Header, s.n, s.steps
	if n == 0 {
		return nil, nil, errNoReplicates
	}
	cs := s.cells
	b := &SeriesBands{
		Scenario: res.Scenario, Baseline: baselineName(res), Start: res.Start, Steps: steps,
		Replicates: n,
		Keys:       make([]Key, len(cs)), Vars: make([]sim.Variable, len(cs)),
		Value: make([][]sim.Band, len(cs)), Base: make([][]sim.Band, len(cs)), Dev: make([][]sim.Band, len(cs)),
	}
	xs, bs, ds := make([]float64, n), make([]float64, n), make([]float64, n)
	px, pb := make([]float64, steps), make([]float64, steps)
	per := make([][]float64, len(statNames))
	for k := range per {
		per[k] = make([]float64, n)
	}
	var rows []SummaryRow
	var blk [][]float64
	var buf []byte
	var err error
	width := steps * 2 // floats per cell per replicate
	span := s.span(width)
	for c0 := 0; c0 < len(cs); c0 += span {
		c1 := min(c0+span, len(cs))
		if blk, buf, err = s.readBlock(ctx, c0*width, (c1-c0)*width, blk, buf); err != nil {
			return nil, nil, err
		}
		for ci := c0; ci < c1; ci++ {
			c, at := cs[ci], (ci-c0)*width
			b.Keys[ci], b.Vars[ci] = c.Key, c.v
			b.Value[ci] = make([]sim.Band, steps)
			b.Base[ci] = make([]sim.Band, steps)
			b.Dev[ci] = make([]sim.Band, steps)
			for t := range steps {
				for k := range n {
					x, base := blk[k][at+2*t], blk[k][at+2*t+1]
					if err := finite(func() string { return c.String() + " in " + (res.Start + sim.Month(t)).String() }, x, base); err != nil {
						return nil, nil, err
					}
					xs[k], bs[k], ds[k] = x, base, sim.Deviation(c.v.Dev, x, base)
				}
				b.Value[ci][t], b.Base[ci][t], b.Dev[ci][t] = band(xs), band(bs), band(ds)
			}
			var ok [numStats]bool
			for k := range n {
				for t := range steps {
					px[t], pb[t] = blk[k][at+2*t], blk[k][at+2*t+1]
				}
				var st [numStats]float64
				pathStats(c.v, px, pb, &st, &ok)
				for j := range st {
					per[j][k] = st[j]
				}
			}
			for j, name := range statNames {
				if !ok[j] {
					continue
				}
				bd := band(per[j])
				if err := finite(func() string { return c.String() + " " + name }, bd.Mean, bd.P05, bd.P50, bd.P95); err != nil {
					return nil, nil, err
				}
				rows = append(rows, SummaryRow{Region: c.Region, Sector: c.Sector, Variable: c.Variable, Stat: name,
					Mean: bd.Mean, P05: bd.P05, P50: bd.P50, P95: bd.P95})
			}
		}
	}
	// Troughs and peaks carry the month the median deviation path reaches them (every key is
	// known now, so b.Find indexes them all).
	for i := range rows {
		r := &rows[i]
		switch r.Stat {
		case StatTrough:
			r.Month = extremeMonth(b, Key{r.Region, r.Sector, r.Variable}, -1)
		case StatPeak:
			r.Month = extremeMonth(b, Key{r.Region, r.Sector, r.Variable}, +1)
		}
	}
	return b, rows, nil
}

// eachRawSeriesRow calls fn for the rows of every replicate, by replicate, step and series,
// reading one replicate at a time from the store.
func eachRawSeriesRow(ctx context.Context, s *Store, row *SeriesRow, fn func(*SeriesRow) error) error {
	res := s.Header
	width := s.steps * 2
	xs := make([]float64, s.seriesLen())
	buf := make([]byte, 8*len(xs))
	for k := range s.n {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.read(k, 0, xs, buf); err != nil {
			return err
		}
		row.Stat, row.Replicate = "", s.first+k
		for t := range s.steps {
			if err := ctx.Err(); err != nil {
				return err
			}
			row.Step, row.Date = int64(t+1), (res.Start + sim.Month(t)).String()
			for ci, c := range s.cells {
				row.Region, row.Sector, row.Variable = c.Region, c.Sector, c.Variable
				row.Value, row.Baseline = xs[ci*width+2*t], xs[ci*width+2*t+1]
				row.Deviation = sim.Deviation(c.v.Dev, row.Value, row.Baseline)
				if err := fn(row); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// eachFlowRowFromStore is eachFlowRow over a store: band rows a block of months at a time,
// then the raw rows one replicate at a time.
func eachFlowRowFromStore(ctx context.Context, s *Store, raw bool, fn func(*FlowRow) error) error {
	res, n := s.Header, s.n
	if n == 0 {
		return errNoReplicates
	}
	R, S := len(res.Regions), len(res.Sectors)
	var row FlowRow
	row.Scenario = res.Scenario
	samples := make([][]float64, numFlowCols)
	for c := range samples {
		samples[c] = make([]float64, n)
	}
	bands := make([][numFlowCols]sim.Band, R*R*S) // one month at a time
	width := s.routes * numFlowCols               // floats per month per replicate
	base := s.seriesLen()
	span := s.span(width)
	var blk [][]float64
	var buf []byte
	var err error
	for t0 := 0; t0 < s.steps; t0 += span {
		t1 := min(t0+span, s.steps)
		if blk, buf, err = s.readBlock(ctx, base+t0*width, (t1-t0)*width, blk, buf); err != nil {
			return err
		}
		for t := t0; t < t1; t++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			date := (res.Start + sim.Month(t)).String()
			j := 0
			for o := range R {
				for d := range R {
					if o == d {
						continue
					}
					for i := range S {
						at := (t-t0)*width + j*numFlowCols
						for k := range n {
							v := blk[k][at : at+numFlowCols]
							if err := finite(func() string {
								return "flow " + res.Regions[o] + " -> " + res.Regions[d] + " " + res.Sectors[i] + " in " + date
							}, v...); err != nil {
								return err
							}
							for c := range numFlowCols {
								samples[c][k] = v[c]
							}
						}
						for c := range numFlowCols {
							bands[(o*R+d)*S+i][c] = band(samples[c])
						}
						j++
					}
				}
			}
			if err := emitFlowBands(res, t, bands, &row, fn); err != nil {
				return err
			}
		}
	}
	if !raw {
		return nil
	}
	xs := make([]float64, s.steps*width)
	buf = make([]byte, 8*len(xs))
	var v [numFlowCols]float64
	for k := range n {
		if err := s.read(k, base, xs, buf); err != nil {
			return err
		}
		row.Stat, row.Replicate = "", s.first+k
		for t := range s.steps {
			if err := ctx.Err(); err != nil {
				return err
			}
			row.Step, row.Date = int64(t+1), (res.Start + sim.Month(t)).String()
			j := 0
			for o := range R {
				for d := range R {
					if o == d {
						continue
					}
					for i := range S {
						copy(v[:], xs[t*width+j*numFlowCols:])
						row.Exporter, row.Importer, row.Sector = res.Regions[o], res.Regions[d], res.Sectors[i]
						row.set(&v)
						if err := fn(&row); err != nil {
							return err
						}
						j++
					}
				}
			}
		}
	}
	return nil
}

// routeIndex is the position of route o -> d, sector i among a record's routes.
func (s *Store) routeIndex(o, d, i int) int {
	R, S := len(s.Header.Regions), len(s.Header.Sectors)
	if d > o {
		d--
	}
	return (o*(R-1)+d)*S + i
}

// flowQuantities reads the scenario and baseline quantity of the routes js in every month of
// every replicate, indexed [(route*steps + month)*replicates + replicate], in one pass over the
// store: one read per replicate and month, spanning the routes.
func (s *Store) flowQuantities(js []int) (q, bq []float64, err error) {
	q, bq = make([]float64, len(js)*s.steps*s.n), make([]float64, len(js)*s.steps*s.n)
	if len(js) == 0 {
		return q, bq, nil
	}
	lo, hi := slices.Min(js), slices.Max(js)+1
	vals := make([]float64, (hi-lo)*numFlowCols)
	buf := make([]byte, 8*len(vals))
	for k := range s.n {
		for t := range s.steps {
			if err := s.read(k, s.seriesLen()+(t*s.routes+lo)*numFlowCols, vals, buf); err != nil {
				return nil, nil, err
			}
			for r, j := range js {
				v := vals[(j-lo)*numFlowCols:]
				at := (r*s.steps+t)*s.n + k
				q[at], bq[at] = v[0], v[4]
			}
		}
	}
	return q, bq, nil
}
