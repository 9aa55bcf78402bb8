package build

import (
	"github.com/tradesim/tradesim/scenarios/worlds"
	"github.com/tradesim/tradesim/sim"
)

// prior builds the starting table, Z then Y in one vector: every user's purchases by input sector
// (inputMix times its input costs; each final-demand buyer's share of GDP, fdShare, times its
// mix, fdMix), split between the home region and
// foreign origins by importShare x openness, and among foreign origins in proportion to their
// output of the sector (a gravity-free default that the balancing reshapes to the trade targets).
func prior(w *sim.World, sz *sizes) []float64 {
	R, S := nRegions, nSectors
	nZ := len(w.Z)
	x := make([]float64, nZ+len(w.Y))
	// origin[d][i][o]: share of region d's purchases of sector i that come from o.
	var origin [nRegions][nSectors][nRegions]float64
	for d := range R {
		for i := range S {
			imp := min(0.95, importShare[i]*openness[d])
			var foreign float64
			for o := range R {
				if o != d {
					foreign += float64(sz.output[o][i] * affinity(o, i))
				}
			}
			for o := range R {
				if o == d {
					origin[d][i][o] = 1 - imp
				} else {
					origin[d][i][o] = imp * sz.output[o][i] * affinity(o, i) / foreign
				}
			}
		}
	}
	for d := range R {
		for j := range S {
			var colSum float64
			for i := range S {
				colSum += inputMix[i][j]
			}
			cost := sz.output[d][j] - sz.va[d][j]
			for i := range S {
				buy := cost * inputMix[i][j] / colSum
				for o := range R {
					x[w.ZIndex(o, i, d, j)] = buy * origin[d][i][o]
				}
			}
		}
		// Final demand by buyer: each buyer's share of GDP by its sector mix; defence is the
		// government's, at SIPRI's spending, and the rest of government consumption follows the mix.
		for b := range sim.NumBuyers {
			total := sz.gdp[d] * fdShare[d][b] / 100
			if b == sim.Government {
				total -= sz.output[d][DEF]
			}
			var mixSum float64
			for i := range S {
				mixSum += fdMix[b][i]
			}
			for i := range S {
				buy := max(total, 0) * fdMix[b][i] / mixSum
				if b == sim.Government && i == DEF {
					buy = sz.output[d][DEF]
				}
				for o := range R {
					x[nZ+w.YIndex(o, i, d, b)] = buy * origin[d][i][o]
				}
			}
		}
	}
	return x
}

// constraints lists what the balancing must meet: every row sums to its output, every column's
// input costs (with tariffs) to output minus value added, and every "fit" target of targets.csv.
func constraints(w *sim.World, sz *sizes, targets []worlds.Target) []constraint {
	R, S := nRegions, nSectors
	nZ := len(w.Z)
	var cs []constraint
	for o := range R {
		for i := range S {
			c := constraint{name: "output " + regions[o].Code + " " + sectors[i].Code, target: sz.output[o][i]}
			for d := range R {
				for j := range S {
					c.cells = append(c.cells, w.ZIndex(o, i, d, j))
				}
				for b := range sim.NumBuyers {
					c.cells = append(c.cells, nZ+w.YIndex(o, i, d, b))
				}
			}
			cs = append(cs, c)
		}
	}
	for d := range R {
		for j := range S {
			c := constraint{name: "inputs " + regions[d].Code + " " + sectors[j].Code, target: sz.output[d][j] - sz.va[d][j]}
			for o := range R {
				for i := range S {
					c.cells = append(c.cells, w.ZIndex(o, i, d, j))
					c.weight = append(c.weight, 1+w.Tariff0[w.TIndex(o, d, i)])
				}
			}
			cs = append(cs, c)
		}
	}
	for _, t := range targets {
		if t.Use != "fit" {
			continue
		}
		if plus, minus, ok := t.Quantity.Terms(w); ok {
			cs = append(cs, constraint{name: t.ID, diff: true, num: plus, rest: minus, target: t.Value})
			continue
		}
		num, den, ok := t.Quantity.Cells(w)
		if !ok {
			continue
		}
		if den == nil {
			cs = append(cs, constraint{name: t.ID, cells: num, target: t.Value})
			continue
		}
		in := map[int]bool{}
		for _, k := range num {
			in[k] = true
		}
		var rest []int
		for _, k := range den {
			if !in[k] {
				rest = append(rest, k)
			}
		}
		cs = append(cs, constraint{name: t.ID, share: true, num: num, rest: rest, shareOf: t.Value})
	}
	return cs
}
