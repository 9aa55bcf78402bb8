package sim

import "slices"

// Sparse storage. The engine keeps only what a cell or a user type buys: a firm's input
// arrays (stock, deliveries, licence position, orders) hold one entry per input its cell buys
// (ins), and a sourcing group's arrays one entry per input its user type buys (uIns), times the
// origins for shares. So the state grows with the links of the network, not with the square
// of the sectors, and a pass over inputs walks contiguous memory. An input not bought had
// exact zeros in every term of the dense layout, so leaving it out changes no bit of any
// result.
//
// Layout:
//   - firm f = c*n + k of cell c, whose cell buys m = len(ins of c) inputs: entries
//     insAt[c]*n + k*m .. + m of inv, arr, onOrd and dem, in the order of ins (arr and onOrd
//     only with licence pipelines);
//   - sourcing group gid = u*K + g: entries gAt[gid] .. gAt[gid+1] of gLam, pin, gDem, lfrac,
//     gFill and gVal, in the order of uIns of u; the shares sh hold R origins
//     for each of these entries, and the split under border rules (wP, wO, wK) R origins for
//     each entry a rule has restricted (splitSlot);
//   - user type u: entries uInsAt[u] .. uInsAt[u+1] of betaM, times R origins for beta and star;
//   - the accounts' ordered and got: one entry per entry of ins.

// groups lays out the sourcing groups of n firms per cell (see above).
func (e *economy) groups(n int) {
	e.K = speedClasses(n)
	e.NG = e.U * e.K
	e.gAt = make([]int, e.NG+1)
	for u := range e.U {
		m := e.uInsAt[u+1] - e.uInsAt[u]
		for g := range e.K {
			gid := u*e.K + g
			e.gAt[gid] = e.uInsAt[u]*e.K + g*m
			e.gAt[gid+1] = e.gAt[gid] + m
		}
	}
}

// firmIns is the first entry of firm f of cell c in the per-firm input arrays, and the number
// of entries (the inputs the cell buys).
func (e *economy) firmIns(f, c int) (lo, m int) {
	m = e.insAt[c+1] - e.insAt[c]
	return e.insAt[c]*e.n + (f-c*e.n)*m, m
}

// insPos is the position of input i among the inputs cell c buys, or -1.
func (e *economy) insPos(c, i int) int {
	k, ok := slices.BinarySearch(e.ins[e.insAt[c]:e.insAt[c+1]], i)
	if !ok {
		return -1
	}
	return k
}

// firmInputs is the number of entries of a per-firm input array: inputs bought, summed over
// the firms.
func (e *economy) firmInputs() int { return len(e.ins) * e.n }

// groupInputs is the number of entries of a per-group array: inputs bought, summed over the
// sourcing groups.
func (e *economy) groupInputs() int { return len(e.uIns) * e.K }

// splitSlot is where group input gi keeps its split of orders under border rules (wP, wO and
// wK, R origins each), given the first time a rule restricts the input: a run holds the split
// only of what its rules reach. order writes the split for every origin before deliver reads
// it, so the slots of the state's earlier runs are reused as they are.
func (s *state) splitSlot(gi int) int {
	if s.splitAt == nil {
		s.splitAt = make([]int32, s.e.groupInputs())
		for k := range s.splitAt {
			s.splitAt[k] = -1
		}
	}
	R := s.e.R
	if slot := s.splitAt[gi]; slot >= 0 {
		return int(slot) * R
	}
	w := len(s.wP)
	s.wP, s.wO, s.wK = append(s.wP, make([]float64, R)...), append(s.wO, make([]float64, R)...), append(s.wK, make([]float64, R)...)
	s.splitAt[gi] = int32(w / R)
	return w
}
