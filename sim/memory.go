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

// Coefficients of the estimate, in bytes, measured on dense worlds of 20 x 20, 10 x 30, 30 x 10
// and 40 x 5 regions and sectors with 1 to 30 firms (November 2026; every term within 10%).
// The engine's largest arrays are per user type, speed class, sector and origin region (users
// are the region-sectors and one household per region; speed classes min(firms, 3)), then per
// route (exporter, importer, sector), per firm and per firm and input. TestMemoryEstimate
// checks the estimate against the heap a run uses, so a change of the engine's state that the
// coefficients miss fails a test.
const (
	bytesPerUserClassCell = 44 // sh, wP, wO, wL, wK: five float64 per user, class, sector, origin
	bytesPerUserCell      = 20 // star, beta and the like, per user, sector and origin
	bytesPerRoute         = 250
	bytesPerFirm          = 192
	bytesPerFirmInput     = 32 // inv, arr, onOrd, dem
	bytesPerCell          = 320
	sharedPerUserCell     = 8 // the calibrated economy's base shares
	sharedPerRoute        = 80
	fixedBytes            = 4 << 20 // the rest: compiled rules, buffers, the runtime's own
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
	U := R*S + R
	K := int64(speedClasses(firms))
	e := MemoryEstimate{Workers: workers}
	e.PerWorker = bytesPerUserClassCell*U*K*S*R + bytesPerUserCell*U*S*R + bytesPerRoute*R*R*S +
		bytesPerFirm*F + bytesPerFirmInput*F*S + bytesPerCell*R*S
	e.Shared = sharedPerUserCell*U*S*R + sharedPerRoute*R*R*S + fixedBytes
	e.PerReplicate = 2 * 8 * int64(horizon) * (int64(NumRSVars)*R*S + int64(NumRegionVars)*R + int64(NumFlowVars)*R*R*S)
	e.Results = e.PerReplicate * int64(replicates)
	e.Total = e.PerWorker*int64(workers) + e.Shared + e.Results
	return e
}
