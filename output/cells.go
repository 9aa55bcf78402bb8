package output

import (
	"fmt"

	"github.com/tradesim/tradesim/sim"
)

// All is the region or sector code of aggregate rows (output/README.md, the results folder).
const All = "ALL"

// Key names one series of a results table: a region (or ALL), a sector (or ALL) and a variable.
type Key struct {
	Region, Sector, Variable string
}

func (k Key) String() string { return k.Region + " " + k.Sector + " " + k.Variable }

// cell is one series of series.csv together with the way to read it from a run's metrics.
type cell struct {
	Key
	v   sim.Variable
	get func(m *sim.Metrics, t int) float64
}

// cells lists the series of series.csv in their row order: for every region (then ALL), every
// sector (then ALL), the region x sector variables in sim.RSVars order; the rows with sector ALL
// then carry the region variables in sim.RegionVars order.
//
// Aggregates exist only for Additive variables and are sums. A row with sector ALL whose
// variable is also a region variable (tariff_revenue, export_fee_revenue) comes from the region
// variable, so no key appears twice; region ALL of a region variable sums it over regions.
func cells(regions, sectors []string) []cell {
	R, S := len(regions), len(sectors)
	regionVar := map[string]bool{}
	for _, v := range sim.RegionVars {
		regionVar[v.Name] = true
	}
	var out []cell
	for r := 0; r <= R; r++ {
		rname := All
		if r < R {
			rname = regions[r]
		}
		for s := 0; s <= S; s++ {
			sname := All
			if s < S {
				sname = sectors[s]
			}
			for vi, v := range sim.RSVars {
				if (r == R || s == S) && !v.Additive {
					continue
				}
				if s == S && regionVar[v.Name] {
					continue // the region variable of the same name is this row
				}
				out = append(out, cell{Key{rname, sname, v.Name}, v, rsGetter(vi, r, s, R, S)})
			}
			if s < S {
				continue
			}
			for vi, v := range sim.RegionVars {
				if r == R && !v.Additive {
					continue
				}
				out = append(out, cell{Key{rname, All, v.Name}, v, regionGetter(vi, r, R)})
			}
		}
	}
	return out
}

// rsGetter reads region x sector variable vi at region r and sector s; r == R or s == S mean
// the sum over regions or sectors.
func rsGetter(vi, r, s, R, S int) func(*sim.Metrics, int) float64 {
	r0, r1, s0, s1 := r, r+1, s, s+1
	if r == R {
		r0, r1 = 0, R
	}
	if s == S {
		s0, s1 = 0, S
	}
	return func(m *sim.Metrics, t int) float64 {
		xs := m.RS[vi]
		var sum float64
		for rr := r0; rr < r1; rr++ {
			for ss := s0; ss < s1; ss++ {
				sum += xs[m.RSIndex(t, rr, ss)]
			}
		}
		return sum
	}
}

// regionGetter reads region variable vi at region r; r == R means the sum over regions.
func regionGetter(vi, r, R int) func(*sim.Metrics, int) float64 {
	r0, r1 := r, r+1
	if r == R {
		r0, r1 = 0, R
	}
	return func(m *sim.Metrics, t int) float64 {
		xs := m.Region[vi]
		var sum float64
		for rr := r0; rr < r1; rr++ {
			sum += xs[m.RegionIndex(t, rr)]
		}
		return sum
	}
}

// VariableNamed returns the description of a reported variable by its series.csv name
// (region x sector variables first, then region variables, then route variables).
func VariableNamed(name string) (sim.Variable, bool) {
	for _, v := range sim.RSVars {
		if v.Name == name {
			return v, true
		}
	}
	for _, v := range sim.RegionVars {
		if v.Name == name {
			return v, true
		}
	}
	for _, v := range sim.FlowVars {
		if v.Name == name {
			return v, true
		}
	}
	return sim.Variable{}, false
}

// DeviationUnit is the unit of a variable's deviation column: "%" for levels, "points" for
// rates, the variable's own unit for differences.
func DeviationUnit(v sim.Variable) string {
	switch v.Dev {
	case sim.DevPoints:
		return "percentage points"
	case sim.DevDifference:
		return v.Unit
	}
	return "%"
}

// checkResult verifies that a result has the shape its metrics claim, so that the writers can
// index without bounds surprises.
func checkResult(res *sim.Result) error {
	if res == nil || len(res.Replicates) == 0 {
		return fmt.Errorf("output: the run has no replicates")
	}
	R, S := len(res.Regions), len(res.Sectors)
	for _, rep := range res.Replicates {
		for _, m := range []*sim.Metrics{rep.Scenario, rep.Baseline} {
			if m == nil || m.R != R || m.S != S || m.Steps != res.Steps {
				return fmt.Errorf("output: replicate %d has metrics of another shape than the run (%d regions, %d sectors, %d months)", rep.Index, R, S, res.Steps)
			}
		}
	}
	return nil
}
