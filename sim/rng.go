package sim

import (
	"hash/fnv"
	"math/rand/v2"
)

// Purposes of random streams: each (seed, replicate, purpose, key) has its own PCG stream, so a
// replicate's draws do not depend on the other replicates, on the worker that runs it, or on the
// order of the world's regions and sectors (sim/README.md §5, §6.4).
const (
	streamFirms       = "firms"       // firm sizes, cost factors, stock targets, adjustment speeds
	streamUncertainty = "uncertainty" // per-replicate parameter multipliers
	streamNoise       = "noise"       // household demand shocks, month by month
)

// newStream returns the PCG stream of (seed, replicate, purpose, key). The second PCG word is an
// FNV-1a hash of replicate, purpose and key; key names the region and sector a draw belongs to.
func newStream(seed uint64, replicate int, purpose, key string) *rand.Rand {
	return rand.New(rand.NewPCG(seed, streamKey(replicate, purpose, key)))
}

// streamKey is the second PCG word of a stream.
func streamKey(replicate int, purpose, key string) uint64 {
	h := fnv.New64a()
	var buf [8]byte
	for k := range buf {
		buf[k] = byte(uint64(replicate) >> (8 * k))
	}
	h.Write(buf[:])
	h.Write([]byte(purpose))
	h.Write([]byte{0})
	h.Write([]byte(key))
	return h.Sum64()
}
