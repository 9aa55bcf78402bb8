package sim

// MemoryEstimate is the memory a run needs, in bytes, estimated before anything is allocated.
type MemoryEstimate struct {
	// PerWorker is the engine state of one worker (it runs a replicate's baseline and scenario
	// in turn, reusing its state).
	PerWorker int64
	Workers   int
	// Shared is the state every worker reads: the calibrated economy.
	Shared int64
	// PerReplicate is the record of one replicate (the scenario's and the baseline's metrics),
	// kept until the results are written; Results is that times the replicates.
	PerReplicate, Results int64
	Total                 int64
}

// Coefficients of the estimate, in bytes. The engine stores only what is bought (sim/sparse.go),
// so its largest arrays grow with the links of the network: per sourcing group (user type x
// speed class, speed classes min(firms, 3)) and input its user type buys, with a share for
// every origin region; per user type and input bought, the same; per firm and input its cell
// buys; then per route (exporter, importer, sector), per firm and per cell. The coefficients
// count the float64s of each array (sim/state.go) and were checked on dense worlds of 20 x 20,
// 24 x 10 and 12 x 12 regions and sectors with 5 to 30 firms and on one-region random
// networks of 500 to 2000 sectors (November 2026). TestMemoryEstimate checks the estimate
// against the heap a run uses, so a change of the engine's state that the coefficients miss
// fails a test. The split of orders under border rules is kept only for the inputs a rule
// restricts (a few sectors of a few routes) and is not counted; the arrays licence pipelines
// need (arr, onOrd) are, so the estimate is above the heap of a run without them.
const (
	bytesPerGroupInput       = 60 // gLam, pin, gDem, lfrac, gFill, gVal, lmonths; a slot for border rules
	bytesPerGroupInputOrigin = 8  // sh
	bytesPerUserInput        = 24 // betaM; the import composite price and its power (powCache)
	bytesPerUserInputOrigin  = 16 // beta, star
	bytesPerFirmInput        = 32 // inv, dem, and arr, onOrd with licence pipelines
	bytesPerCellInput        = 16 // the accounts' ordered and got
	bytesPerRoute            = 250
	bytesPerFirm             = 208
	bytesPerCell             = 320
	sharedPerUserInput       = 16 // the calibrated economy: inputs bought and base prices
	sharedPerUserInputOrigin = 8  // base shares
	sharedPerCellInput       = 16 // inputs bought and their coefficients
	sharedPerRoute           = 80
	fixedBytes               = 4 << 20 // the rest: compiled rules, buffers, the runtime's own
)

// MemoryFixedBytes is the part of every estimate that does not grow with the run.
const MemoryFixedBytes = fixedBytes

// EstimateMemory estimates the memory of a run of horizon months and replicates replicates
// on w with firms per region-sector (0: DefaultFirms) and workers (at least 1).
func EstimateMemory(w *World, horizon, replicates, firms, workers int) MemoryEstimate {
	if firms <= 0 {
		firms = DefaultFirms
	}
	workers = max(1, min(workers, replicates))
	R, S := int64(len(w.Regions)), int64(len(w.Sectors))
	n := int64(firms)
	F := R * S * n
	K := int64(speedClasses(firms))
	cellIn, userIn := worldLinks(w)
	e := MemoryEstimate{Workers: workers}
	e.PerWorker = K*userIn*(bytesPerGroupInput+bytesPerGroupInputOrigin*R) +
		userIn*(bytesPerUserInput+bytesPerUserInputOrigin*R) + n*cellIn*bytesPerFirmInput + cellIn*bytesPerCellInput +
		bytesPerRoute*R*R*S + bytesPerFirm*F + bytesPerCell*R*S
	e.Shared = userIn*(sharedPerUserInput+sharedPerUserInputOrigin*R) + cellIn*sharedPerCellInput + sharedPerRoute*R*R*S + fixedBytes
	e.PerReplicate = 2 * 8 * int64(horizon) * (int64(NumRSVars)*R*S + int64(NumRegionVars)*R + int64(NumFlowVars)*R*R*S)
	e.Results = e.PerReplicate * int64(replicates)
	e.Total = e.PerWorker*int64(workers) + e.Shared + e.Results
	return e
}

// worldLinks counts the inputs the cells of w buy (region-sector and input sector with a
// positive intermediate flow from some origin) and the inputs the user types buy (the cells'
// and the final buyers').
func worldLinks(w *World) (cellIn, userIn int64) {
	R, S := w.R(), w.S()
	bought := func(flow func(o int) float64) int64 {
		tot := 0.0
		for o := range R {
			tot += flow(o)
		}
		if tot > 0 {
			return 1
		}
		return 0
	}
	for d := range R {
		for i := range S {
			for j := range S {
				cellIn += bought(func(o int) float64 { return w.Z[w.ZIndex(o, i, d, j)] })
			}
			for b := range NumBuyers {
				userIn += bought(func(o int) float64 { return w.Y[w.YIndex(o, i, d, b)] })
			}
		}
	}
	return cellIn, cellIn + userIn
}
