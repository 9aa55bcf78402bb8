package sim

import (
	"fmt"
	"math"
)

// checkTol is the relative tolerance of the accounting checks: every identity holds by
// construction, so only rounding separates the two sides (sums of up to ~1e5 terms at 1e-16).
const checkTol = 1e-9

// stockTotal is the quantity of inputs held by firms: on hand plus delivered and not yet usable.
func (s *state) stockTotal() float64 {
	tot := 0.0
	if s.arr == nil { // deliveries are in inv
		for _, v := range s.inv {
			tot += v
		}
		return tot
	}
	for k := range s.inv {
		tot += s.inv[k] + s.arr[k]
	}
	return tot
}

// check verifies the identities of sim/README.md §6.2 for month t; stock0 is stockTotal() at the
// start of the month. Definitions of each side are in doc.go.
func (s *state) check(t int, stock0 float64) error {
	e := s.e
	R, S := e.R, e.S
	a := &s.acc
	scale := 0.0
	for _, x := range e.x0 {
		scale += x
	}
	floor := scale * 1e-12
	// nearAt compares two sides whose terms are as large as mag: a difference of large gross
	// flows carries their rounding, not the rounding of the (small) difference.
	nearAt := func(x, y, mag float64) bool {
		return math.Abs(x-y) <= checkTol*math.Max(floor, math.Max(mag, math.Max(math.Abs(x), math.Abs(y))))
	}
	near := func(x, y float64) bool { return nearAt(x, y, 0) }
	when := s.start + Month(t)
	fail := func(format string, args ...any) error {
		return fmt.Errorf("accounting check failed in %v: %s", when, fmt.Sprintf(format, args...))
	}
	codeR := func(r int) string { return s.w0.Regions[r].Code }
	codeS := func(i int) string { return s.w0.Sectors[i].Code }
	// World exports = world imports, per route and sector: what sellers shipped is what buyers got.
	for rt := range s.delQ {
		if !near(s.delQ[rt], a.recvQ[rt]) {
			o, d, i := rt/(R*S), rt/S%R, rt%S
			return fail("%s->%s %s: shipped %.12g, received %.12g", codeR(o), codeR(d), codeS(i), s.delQ[rt], a.recvQ[rt])
		}
	}
	// Output = shipments + the change of the finished-goods stock.
	for c := range R * S {
		shipped := 0.0
		o, i := c/S, c%S
		for d := range R {
			shipped += s.delQ[(o*R+d)*S+i]
			if o == e.hub {
				for o2 := range R {
					shipped -= s.leakQ[(o2*R+d)*S+i] // re-exports of leaked goods are not the hub's output
				}
			}
		}
		if !nearAt(a.out[c]-a.finChg[c], shipped, a.out[c]+math.Abs(a.finChg[c])) {
			return fail("%s %s: output %.12g less stock build %.12g, shipments %.12g", codeR(o), codeS(i), a.out[c], a.finChg[c], shipped)
		}
	}
	// Inventory change = deliveries - use.
	delivered, used := 0.0, 0.0
	for _, g := range a.got {
		delivered += g
	}
	for _, u := range a.used {
		used += u
	}
	if stock1 := s.stockTotal(); !nearAt(stock1-stock0, delivered-used, stock0+delivered+used) {
		return fail("inventory change %.12g, deliveries - use %.12g", stock1-stock0, delivered-used)
	}
	for d := range R {
		// Buyers' payments = sellers' receipts + fees + tariffs (tariff revenue = rate x import value).
		paid := a.pur[d] + a.cons[d]
		due := 0.0
		for o := range R {
			for i := range S {
				rt := (o*R+d)*S + i
				tr := s.transV[rt] // leaked goods bought by the hub's traders, free of fee and tariff
				fx := s.fx[rt]     // sellers are paid in their currency, buyers pay in theirs
				due += ((s.delV[rt]-tr)*(1+s.bd.feeBuyer[rt])*(1+s.bd.tariff[rt]) + tr) * fx
				paid += tr * fx
			}
		}
		if !near(paid, due) {
			return fail("%s: buyers paid %.12g, sellers, fees and tariffs got %.12g", codeR(d), paid, due)
		}
		// GDP by income = GDP by expenditure.
		income := a.income[d]
		useVal := 0.0
		for j := range S {
			useVal += a.useVal[d*S+j]
		}
		expenditure := a.cons[d] + (a.pur[d] - useVal) + a.ex[d] - a.im[d]
		gross := a.cons[d] + a.pur[d] + useVal + a.ex[d] + a.im[d] + a.tariffR[d] + a.feeR[d]
		if !nearAt(income, expenditure, gross) {
			return fail("%s: GDP by income %.12g, by expenditure %.12g", codeR(d), income, expenditure)
		}
	}
	// Employment never above its ceiling (1 - umin) LF (sim/README.md §4.3).
	for d := range R {
		emp := 0.0
		for j := range S {
			emp += a.emp[d*S+j]
		}
		if ceil := (1 - s.uMin[d]) * s.lf[d]; emp > ceil*(1+checkTol) {
			return fail("%s: employment %.12g above its ceiling %.12g", codeR(d), emp, ceil)
		}
	}
	// No NaN or Inf anywhere in the month's metrics.
	m := s.metrics
	for v := range m.RS {
		for r := range R {
			for j := range S {
				if x := m.RS[v][m.RSIndex(t, r, j)]; !finite(x) {
					return fail("%s of %s %s is %v", RSVars[v].Name, codeR(r), codeS(j), x)
				}
			}
		}
	}
	for v := range m.Region {
		for r := range R {
			if x := m.Region[v][m.RegionIndex(t, r)]; !finite(x) {
				return fail("%s of %s is %v", RegionVars[v].Name, codeR(r), x)
			}
		}
	}
	for v := range m.Flow {
		for rt := range s.delQ {
			o, d, i := rt/(R*S), rt/S%R, rt%S
			if x := m.Flow[v][m.FlowIndex(t, o, d, i)]; !finite(x) {
				return fail("%s of %s->%s %s is %v", FlowVars[v].Name, codeR(o), codeR(d), codeS(i), x)
			}
		}
	}
	return nil
}
