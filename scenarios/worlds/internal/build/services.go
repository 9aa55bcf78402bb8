package build

import (
	"math"

	"github.com/tradesim/tradesim/sim"
)

// resplitServices redistributes each buyer's imported services among foreign origins in
// proportion to the geometric mean of the prior's weight (the origin's services output) and the
// origin's share of the buyer region's goods imports in the balanced table w (assumption: services
// trade follows both size and goods-trade partners, a gravity proxy; the sources give no bilateral
// services figures). By output alone the US took a third of every region's services imports (US
// services exports to China about 250, several times US data); by goods partners alone China
// became the largest services exporter. x holds Z then Y; the balancing that follows restores
// rows and columns.
func resplitServices(w *sim.World, x []float64) {
	R, S := w.R(), w.S()
	nZ := len(w.Z)
	// goodsShare[o][d]: o's share of d's goods imports.
	goodsShare := make([][]float64, R)
	for o := range goodsShare {
		goodsShare[o] = make([]float64, R)
	}
	for d := range R {
		var tot float64
		for o := range R {
			if o == d {
				continue
			}
			var v float64
			for i := range S {
				if i == SRV {
					continue
				}
				for j := range S {
					v += w.Z[w.ZIndex(o, i, d, j)]
				}
				v += w.FinalDemand(o, i, d)
			}
			goodsShare[o][d] = v
			tot += v
		}
		for o := range R {
			if tot > 0 {
				goodsShare[o][d] /= tot
			}
		}
	}
	split := func(cell func(o int) int, d int) {
		var foreign, norm float64
		weight := make([]float64, R)
		for o := range R {
			if o != d {
				foreign += x[cell(o)]
				weight[o] = math.Sqrt(x[cell(o)] * goodsShare[o][d])
				norm += weight[o]
			}
		}
		if norm == 0 {
			return
		}
		for o := range R {
			if o != d {
				x[cell(o)] = foreign * weight[o] / norm
			}
		}
	}
	for d := range R {
		for j := range S {
			split(func(o int) int { return w.ZIndex(o, SRV, d, j) }, d)
		}
		for b := range sim.NumBuyers {
			split(func(o int) int { return nZ + w.YIndex(o, SRV, d, b) }, d)
		}
	}
}
