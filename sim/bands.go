package sim

import (
	"math"
	"slices"
)

// Band summarises one quantity over the Monte Carlo replicates of a run: its mean and its
// 5th, 50th and 95th percentiles. Result tables report every series as a band (output/README.md,
// results folder); the replicate column spells the statistics as BandStats.
type Band struct {
	Mean, P05, P50, P95 float64
}

// NumBandStats is the number of statistics in a Band.
const NumBandStats = 4

// BandStats names the statistics of a Band in the order of Band.At, as the replicate column of
// series.csv and flows.csv and the columns of summary.csv spell them.
var BandStats = [NumBandStats]string{"mean", "p05", "p50", "p95"}

// At returns statistic k of b, in the order of BandStats.
func (b Band) At(k int) float64 {
	switch k {
	case 0:
		return b.Mean
	case 1:
		return b.P05
	case 2:
		return b.P50
	case 3:
		return b.P95
	}
	panic("sim: band statistic out of range")
}

// NewBand returns the band of the sample xs, which it sorts in place. The mean is summed in
// sorted order, so the band does not depend on the order of the replicates. The percentiles
// follow Quantile. An empty sample gives a band of NaN.
func NewBand(xs []float64) Band {
	if len(xs) == 0 {
		nan := math.NaN()
		return Band{nan, nan, nan, nan}
	}
	slices.Sort(xs)
	var sum float64
	for _, x := range xs {
		sum += x
	}
	return Band{
		Mean: sum / float64(len(xs)),
		P05:  Quantile(0.05, xs),
		P50:  Quantile(0.50, xs),
		P95:  Quantile(0.95, xs),
	}
}

// Quantile returns the p-quantile of the sorted sample xs by linear interpolation between
// order statistics: with h = (n-1)p, Q = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])
// (0-based). This is definition 7 of Hyndman & Fan (1996, "Sample quantiles in statistical
// packages", The American Statistician 50(4)), the default of R's quantile() and of NumPy, so
// an economist can reproduce a band from the raw rows with either. With one replicate every
// quantile is that replicate's value; the p05 and p95 of fewer than about 20 replicates lie
// between the two most extreme values. An empty sample gives NaN.
func Quantile(p float64, xs []float64) float64 {
	n := len(xs)
	if n == 0 {
		return math.NaN()
	}
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo < 0 {
		return xs[0]
	}
	if lo >= n-1 {
		return xs[n-1]
	}
	frac := h - float64(lo)
	if frac == 0 {
		return xs[lo]
	}
	return xs[lo] + frac*(xs[lo+1]-xs[lo])
}
