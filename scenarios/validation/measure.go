package validation

import (
	"fmt"

	"github.com/tradesim/tradesim/sim"
)

// run is a finished run of a scenario with the world it ran on.
type run struct {
	world *sim.World
	res   *sim.Result
}

// window returns the 0-based steps of months from and to, or an error if either is outside the run.
func (r *run) window(from, to sim.Month) (t0, t1 int, err error) {
	last := r.res.Date(r.res.Steps - 1)
	for _, m := range []sim.Month{from, to} {
		if m < r.res.Start || m > last {
			return 0, 0, fmt.Errorf("month %v is outside the run %v to %v", m, r.res.Start, last)
		}
	}
	return int(from - r.res.Start), int(to - r.res.Start), nil
}

func (r *run) region(code string) int {
	i, ok := r.world.RegionIndex(code)
	if !ok {
		panic("validation: unknown region " + code) // facts are code: a typo is a programmer error
	}
	return i
}

func (r *run) sector(code string) int {
	i, ok := r.world.SectorIndex(code)
	if !ok {
		panic("validation: unknown sector " + code)
	}
	return i
}

// goods are the sectors that customs statistics count (everything but services).
func (r *run) goods() []int {
	var out []int
	for i, s := range r.world.Sectors {
		if s.Code != "SRV" {
			out = append(out, i)
		}
	}
	return out
}

// exportValue is the value at export prices (USD bn, the customs FOB notion) shipped from
// exporter o to the importers ds in the sectors is, in month t, of one run record.
func exportValue(m *sim.Metrics, t, o int, ds, is []int) float64 {
	var v float64
	for _, d := range ds {
		if d == o {
			continue
		}
		for _, i := range is {
			k := m.FlowIndex(t, o, d, i)
			v += m.Flow[sim.FlowQuantity][k] * m.Flow[sim.FlowExportPrice][k]
		}
	}
	return v
}

// pct is the percent change of x from base.
func pct(x, base float64) float64 { return sim.Deviation(sim.DevPercent, x, base) }

// perReplicate evaluates f on every replicate.
func perReplicate(r *run, f func(rep sim.Replicate) float64) []float64 {
	out := make([]float64, len(r.res.Replicates))
	for k, rep := range r.res.Replicates {
		out[k] = f(rep)
	}
	return out
}

// flowChange is the percent change, scenario against baseline, of the value shipped from
// exporter to importers in sectors over the months from..to (inclusive, summed).
func flowChange(exporter string, importers, sectors []string, from, to sim.Month) measure {
	return func(r *run) ([]float64, error) {
		t0, t1, err := r.window(from, to)
		if err != nil {
			return nil, err
		}
		o := r.region(exporter)
		ds := codesOrAll(importers, r.world.R(), r.region)
		is := codesOrAll(sectors, r.world.S(), r.sector)
		if sectors == nil {
			is = r.goods()
		}
		return perReplicate(r, func(rep sim.Replicate) float64 {
			var sc, base float64
			for t := t0; t <= t1; t++ {
				sc += exportValue(rep.Scenario, t, o, ds, is)
				base += exportValue(rep.Baseline, t, o, ds, is)
			}
			return pct(sc, base)
		}), nil
	}
}

// lostSales is baseline minus scenario value shipped from exporter to importer in one sector,
// summed over from..to: USD bn of sales that did not happen.
func lostSales(exporter, importer, sector string, from, to sim.Month) measure {
	return func(r *run) ([]float64, error) {
		t0, t1, err := r.window(from, to)
		if err != nil {
			return nil, err
		}
		o, ds, is := r.region(exporter), []int{r.region(importer)}, []int{r.sector(sector)}
		return perReplicate(r, func(rep sim.Replicate) float64 {
			var lost float64
			for t := t0; t <= t1; t++ {
				lost += exportValue(rep.Baseline, t, o, ds, is) - exportValue(rep.Scenario, t, o, ds, is)
			}
			return lost
		}), nil
	}
}

// extremeDeviation is the lowest (or, with highest, the highest) deviation of a region x sector
// variable over from..to, in the variable's deviation unit.
func extremeDeviation(v sim.RSVar, region, sector string, from, to sim.Month, highest bool) measure {
	return func(r *run) ([]float64, error) {
		t0, t1, err := r.window(from, to)
		if err != nil {
			return nil, err
		}
		reg, sec := r.region(region), r.sector(sector)
		kind := sim.RSVars[v].Dev
		return perReplicate(r, func(rep sim.Replicate) float64 {
			best := 0.0
			for t := t0; t <= t1; t++ {
				k := rep.Scenario.RSIndex(t, reg, sec)
				d := sim.Deviation(kind, rep.Scenario.RS[v][k], rep.Baseline.RS[v][k])
				if t == t0 || (highest && d > best) || (!highest && d < best) {
					best = d
				}
			}
			return best
		}), nil
	}
}

func codesOrAll(codes []string, n int, index func(string) int) []int {
	if codes == nil {
		all := make([]int, n)
		for i := range all {
			all[i] = i
		}
		return all
	}
	out := make([]int, len(codes))
	for k, c := range codes {
		out[k] = index(c)
	}
	return out
}
