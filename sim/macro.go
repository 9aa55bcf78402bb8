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
// The demand stabiliser stands in for monetary policy. It multiplies household and investment
// spending by A_t = I_t (1 - zetaY ybar_t), in two parts:
//   - a slow integral part on unemployment, I_t = I_t-1 (1 + zeta (u_t-1 - u0) + zetaD (u_t-1 -
//     u_t-2)), that brings unemployment back to its base rate after a lasting shock;
//   - a fast proportional part on the demand gap ybar: last month's orders reaching the
//     region's firms, weighted by base value added per unit, over base value added, less 1,
//     smoothed over demandGapSmoothing months (like a Taylor rule's output-gap term).
//
// Unemployment follows demand with the lags of hiring (a month's hires are at most the
// job-finding rate times the unemployed), so a stabiliser on unemployment alone overshoots and
// cycles with a period of about 16 months after a temporary shock; orders answer demand at
// once, and the gap term damps that cycle without leaving a lasting offset (it has no memory;
// the integral part still sets the level). The gap is one of demand, not of output: a plant
// stopped for want of magnets still has its orders, and the stabiliser does not stimulate
// spending against a supply shortfall. It looks through prices, as central banks say they do
// with tariffs.
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
		a := s.demandI[d] * (1 + g.Zeta*(s.uPrev[d]-s.u0[d]) + g.ZetaD*(s.uPrev[d]-s.uPrev2[d]))
		s.demandI[d] = math.Min(demandAMax, math.Max(demandAMin, a))
		if y0 := e.vaBase[d]; y0 > 0 {
			s.yGap[d] += (s.acc.demand[d]/y0 - 1 - s.yGap[d]) / demandGapSmoothing
		}
		s.demandA[d] = math.Min(demandAMax, math.Max(demandAMin, s.demandI[d]*(1-g.ZetaY*s.yGap[d])))
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

// demandGapSmoothing is the months over which the demand gap of the stabiliser is smoothed
// (our choice: enough to look through a month's noise, short enough to lead unemployment).
const demandGapSmoothing = 2

// openExponent is the power of base openness that divides the exchange-rate gain (our choice,
// calibrated on the default world, see doc.go): a very open economy's trade balance moves a lot
// with its currency, and a gain that ignored it made Taiwan's exchange rate cycle.
const openExponent = 1

// NumeraireRegion is the code of the region whose currency is the numeraire (USD): its exchange
// rate is 1 throughout. A world without it takes its first region in code order.
const NumeraireRegion = "USA"
