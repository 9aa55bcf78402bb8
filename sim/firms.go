package sim

import "math"

// Dispersion of firm characteristics within a region-sector (sim/README.md §3). Each is the standard
// deviation of a log-normal draw; every factor is normalised to an output-weighted mean of 1, so
// heterogeneity never moves the sector's base (sim/README.md §6.1).
const (
	// sizeSD: firm sizes are log-normal in the body with a heavy right tail; a log standard
	// deviation near 1 is typical of manufacturing employment (Cabral & Mata 2003, AER; Axtell
	// 2001, Science, reports the Pareto tail). Assumption within that range.
	sizeSD = 1.0
	// costSD: labour productivity differs across firms of a sector; Syverson (2011, JEL) reports
	// a 90:10 TFP ratio near 2 in US manufacturing (log SD about 0.3 across plants); we use 0.2
	// for a smaller spread across firms aggregated to 30 per region-sector. Assumption.
	costSD = 0.2
	// stockSD: firms hold very different input stocks (days of inventory vary several-fold
	// within an industry; e.g. CLEPA 2025 on magnet stocks of 3-4 weeks for many suppliers and
	// months for others). Assumption.
	stockSD = 0.5
	// speedSD: spread of sourcing adjustment speeds around the sector's lambda; firms fall into
	// three equally likely classes (see speedFactor). Assumption.
	speedSD = 0.3
)

// firmDraws are the random characteristics of every firm in one replicate, [F] each.
type firmDraws struct {
	w   []float64 // size weight, sums to 1 within a region-sector
	tau []float64 // stock-target factor, output-weighted mean 1
	lab []float64 // labour-per-unit factor (1 / cost factor z_f), output-weighted mean 1
	cls []int     // sourcing-speed class, 0 to speedClasses(n)-1
	// The replicate the draws belong to, for the streams drawn month by month.
	seed uint64
	rep  int
}

func newFirmDraws(F int) *firmDraws {
	return &firmDraws{w: make([]float64, F), tau: make([]float64, F), lab: make([]float64, F), cls: make([]int, F)}
}

// draw fills fd for replicate r. Each region-sector draws from its own stream keyed by its
// region and sector codes, so the draws do not depend on the order of regions or sectors.
func (fd *firmDraws) draw(w *World, n int, seed uint64, r int) {
	fd.seed, fd.rep = seed, r
	S := w.S()
	for c := range w.R() * S {
		rng := newStream(seed, r, streamFirms, w.Regions[c/S].Code+"/"+w.Sectors[c%S].Code)
		lo, hi := c*n, (c+1)*n
		sum := 0.0
		for f := lo; f < hi; f++ {
			fd.w[f] = math.Exp(sizeSD * rng.NormFloat64())
			fd.tau[f] = math.Exp(stockSD * rng.NormFloat64())
			fd.lab[f] = math.Exp(-costSD * rng.NormFloat64())
			fd.cls[f] = rng.IntN(speedClasses(n))
			sum += fd.w[f]
		}
		var mt, ml float64
		for f := lo; f < hi; f++ {
			fd.w[f] /= sum
			mt += fd.w[f] * fd.tau[f]
			ml += fd.w[f] * fd.lab[f]
		}
		for f := lo; f < hi; f++ {
			fd.tau[f] /= mt
			fd.lab[f] /= ml
		}
	}
}
