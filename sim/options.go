package sim

// Options control how Run executes. Only Firms changes a result (it is part of the model);
// workers, progress, checks and the first replicate's index never do (sim/README.md §6.4).
type Options struct {
	Workers int // replicates run in parallel; 0 = GOMAXPROCS
	Firms   int // firms per region-sector; 0 = DefaultFirms
	// Progress, if set, is called after each replicate (scenario and baseline) finishes, with the
	// number done and the total. Calls are serialised but may come from any goroutine.
	Progress func(done, total int)
	// Check verifies sim/README.md §6.2's accounting identities and the absence of NaN and Inf every
	// month of every run; a violation stops the run with an error naming the month and identity.
	// It costs a few passes over the state per month (tests turn it on).
	Check bool
	// FirstReplicate is the index of the first replicate to run: Run runs replicates
	// FirstReplicate to FirstReplicate + Scenario.Replicates - 1. A replicate's result depends only
	// on the seed and its index, so a sweep may split replicates across machines.
	FirstReplicate int
	// OnReplicate, if set, receives every replicate with the rules it fired, in replicate order,
	// as soon as it and every replicate before it are done; calls are serialised. Run then keeps
	// only the header in its Result (Replicates and Fired stay nil), so memory is bounded by a few
	// replicates per worker however many replicates run: results can be streamed to disk. An
	// error stops the run and is returned.
	OnReplicate func(rep Replicate, fired []FiredRule) error
}

// DefaultFirms is the number of firms per region-sector when Options.Firms is 0 (sim/README.md §3).
const DefaultFirms = 30
