package pipeline

import (
	"sync"

	"github.com/tradesim/tradesim/scenarios"
	"github.com/tradesim/tradesim/scenarios/worlds"
	"github.com/tradesim/tradesim/sim"
)

// Overrides change a loaded scenario the way command-line flags do; a nil field keeps the
// scenario's value.
type Overrides struct {
	Replicates *int
	Seed       *uint64
	Firms      *int
	// Sets change fields by path before the scenario is checked (`--set PATH=VALUE`).
	Sets []scenarios.Set
}

// Loader loads scenarios, resolving each world folder once: a sweep loads its base scenario
// once per run, and the default world takes longer to build than to copy.
type Loader struct {
	mu     sync.Mutex
	worlds map[[2]string]worldEntry
}

type worldEntry struct {
	w   *sim.World
	err error
}

// NewLoader returns a loader with an empty world cache.
func NewLoader() *Loader { return &Loader{worlds: map[[2]string]worldEntry{}} }

// resolve is worlds.Resolve, once per reference and folder. sim.Run only reads the world, so
// the runs of one process share it.
func (ld *Loader) resolve(ref, baseDir string) (*sim.World, error) {
	ld.mu.Lock()
	defer ld.mu.Unlock()
	k := [2]string{ref, baseDir}
	if e, ok := ld.worlds[k]; ok {
		return e.w, e.err
	}
	w, err := worlds.Resolve(ref, baseDir)
	ld.worlds[k] = worldEntry{w, err}
	return w, err
}

// Load reads and validates the scenario ref (a path or a built-in name) with the overrides.
// Problems in the input come back as the scenario reader's positioned messages.
func (ld *Loader) Load(ref string, o Overrides) (*scenarios.Loaded, error) {
	l, err := scenarios.Load(ref, scenarios.LoadOptions{ResolveWorld: ld.resolve, Sets: o.Sets})
	if err != nil {
		return nil, err
	}
	for _, sc := range []*sim.Scenario{l.Scenario, l.Baseline} {
		if o.Replicates != nil {
			sc.Replicates = *o.Replicates
		}
		if o.Seed != nil {
			sc.Seed = *o.Seed
		}
	}
	if o.Firms != nil {
		l.Firms = *o.Firms
	}
	return l, nil
}

// Load is Loader.Load with a loader of its own.
func Load(ref string, o Overrides) (*scenarios.Loaded, error) { return NewLoader().Load(ref, o) }
