package sim

import "math"

// Bounds of the demand stabiliser A (our choice): it stands in for monetary policy, which does
// not halve or double spending.
const (
	demandAMin = 0.5
	demandAMax = 2
)

// macro moves the demand stabiliser and the exchange rates for the month (MODEL.md §3, §4.4),
// from last month's unemployment and trade balance.
//
// The demand stabiliser stands in for monetary policy: A_t = A_t-1 (1 + zeta (u_t-1 - u0) +
// zetaD (u_t-1 - u_t-2)) multiplies household and investment spending. It looks through prices,
// as central banks say they do with tariffs, and it brings unemployment back to its base rate
// after a lasting shock.
//
// Exchange rates close the trade balance: ln e_d += clip(xi (tbbar_d - tb0_d) + xiD (tbbar_d -
// tbbar'_d), ±fx_cap), with tbbar the trade balance as a share of GDP smoothed over about a year
// and tbbar' its value a month earlier. A surplus above base appreciates the currency; the
// damping term removes the lasting move a pure integral rule leaves after a temporary shock. The
// numeraire region's currency (USD) stays at 1; trade balances sum to zero, so it follows.
func (s *state) macro() {
	e := s.e
	R, S := e.R, e.S
	g := &s.g
	for d := range R {
		a := s.demandA[d] * (1 + g.Zeta*(s.uPrev[d]-s.u0[d]) + g.ZetaD*(s.uPrev[d]-s.uPrev2[d]))
		s.demandA[d] = math.Min(demandAMax, math.Max(demandAMin, a))
		if d == e.num || !(e.open0[d] > 0) {
			continue // the numeraire, or a region that does not trade: no exchange rate to move
		}
		// Gaps are measured in units of the region's base openness (trade over GDP), so a
		// given xi closes gaps at the same pace in a closed and in a very open economy.
		step := (g.Xi*(s.tbBar[d]-e.tb0[d]) + g.XiD*(s.tbBar[d]-s.tbBar2[d])) / e.open0[d]
		s.lnE[d] += math.Min(g.FxCap, math.Max(-g.FxCap, step))
	}
	for _, rt := range e.routes {
		o, d := rt/(R*S), rt/S%R
		if o == d {
			continue // fx stays 1 on domestic routes
		}
		s.fx[rt] = math.Exp(s.lnE[o] - s.lnE[d])
	}
}

// NumeraireRegion is the code of the region whose currency is the numeraire (USD): its exchange
// rate is 1 throughout. A world without it takes its first region in code order.
const NumeraireRegion = "USA"
