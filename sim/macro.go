package sim

import "math"

// Bounds of the demand stabiliser A (our choice): it stands in for monetary policy, which does
// not halve or double spending.
const (
	demandAMin = 0.5
	demandAMax = 2
)

// macro moves the demand stabiliser and the exchange rates for the month (sim/README.md §3, §4.4),
// from last month's unemployment and trade balance.
//
// The demand stabiliser stands in for monetary policy: A_t = A_t-1 (1 + zeta (u_t-1 - u0) +
// zetaD (u_t-1 - u_t-2)) multiplies household and investment spending. It looks through prices,
// as central banks say they do with tariffs, and it brings unemployment back to its base rate
// after a lasting shock.
//
// Exchange rates close the trade balance. Every region's currency moves by
// step_d = clip((xi (tbbar_d - tb0_d) + xiD (tbbar_d - tbbar'_d)) / open_d^p, ±fx_cap) a month,
// with tbbar the trade balance over GDP (this month's quantities at export, import and GDP prices
// smoothed over a year; settle) smoothed over tb_smoothing months, tbbar' its value a month
// earlier and open_d the region's base openness ((exports + imports) / 2 over GDP; p =
// openExponent). A surplus above base appreciates the
// currency; the damping term removes the lasting move a pure integral rule leaves after a
// temporary shock. Prices are quoted in the numeraire's currency (USD), so what is recorded is
// ln e_d += step_d - step_USD: the dollar's own step moves every other rate the other way, and
// a US deficit gap is closed by the dollar, not only by the other regions' own gaps.
func (s *state) macro() {
	e := s.e
	R, S := e.R, e.S
	g := &s.g
	for d := range R {
		a := s.demandA[d] * (1 + g.Zeta*(s.uPrev[d]-s.u0[d]) + g.ZetaD*(s.uPrev[d]-s.uPrev2[d]))
		s.demandA[d] = math.Min(demandAMax, math.Max(demandAMin, a))
		s.fxStep[d] = 0
		if !(e.open0[d] > 0) {
			continue // a region that does not trade: no exchange rate to move
		}
		step := (g.Xi*(s.tbBar[d]-e.tb0[d]) + g.XiD*(s.tbBar[d]-s.tbBar2[d])) / math.Pow(e.open0[d], openExponent)
		s.fxStep[d] = math.Min(g.FxCap, math.Max(-g.FxCap, step))
	}
	for d := range R {
		if d != e.num {
			s.lnE[d] += s.fxStep[d] - s.fxStep[e.num]
		}
	}
	for _, rt := range e.routes {
		o, d := rt/(R*S), rt/S%R
		if o == d {
			continue // fx stays 1 on domestic routes
		}
		s.fx[rt] = math.Exp(s.lnE[o] - s.lnE[d])
	}
}

// openExponent is the power of base openness that divides the exchange-rate gain (our choice,
// calibrated on the default world, see doc.go): a very open economy's trade balance moves a lot
// with its currency, and a gain that ignored it made Taiwan's exchange rate cycle.
const openExponent = 1

// NumeraireRegion is the code of the region whose currency is the numeraire (USD): its exchange
// rate is 1 throughout. A world without it takes its first region in code order.
const NumeraireRegion = "USA"
