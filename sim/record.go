package sim

import "math"

// record writes month t's metrics (sim/README.md §7; units in variables.go).
//
// Definitions (see doc.go): output and trade in quantities at base prices; price is the
// base-output-weighted mean of firm prices; inventory_months is stock on hand at the end of the
// month over use at base output; shortage_rate is the share of the orders that reached the
// cell's firms (after the border) left unfilled; input_shortage_rate is, for the input worst
// hit, the share of the cell's orders due this month that were not delivered;
// output_lost_share is the share of planned output (orders plus restocking of finished goods,
// within capacity) not made for want of inputs or labour. Real GDP is base value added per unit times output plus base-rate tariffs
// on real imports; welfare is the Cobb-Douglas utility of the goods delivered to households,
// relative to base; CPI is a Laspeyres index of the base household basket; real consumption is
// household spending over CPI; the unemployment rate is 1 - employment / labour force; the
// trade balance is exports less imports at border values (exporter price plus a buyer-borne
// fee, before the importer's tariff), in USD; the government balance is tariff and fee revenue
// kept (not rebated) less the rise of the cost of the government's basket over its base cost,
// in USD.
func (s *state) record(t int) {
	e := s.e
	R, S := e.R, e.S
	a := &s.acc
	m := s.metrics
	for r := range R {
		gdp := a.tariff0Q[r]
		emp := 0.0
		for j := range S {
			c := r*S + j
			k := m.RSIndex(t, r, j)
			m.RS[VarOutput][k] = a.out[c]
			m.RS[VarPrice][k] = a.priceIdx[c]
			m.RS[VarEmployment][k] = a.emp[c]
			m.RS[VarExports][k] = a.exQ[c]
			m.RS[VarImports][k] = a.imQ[c]
			inv := 0.0
			if base := e.useSum[c] * e.x0[c]; base > 0 {
				inv = a.invSum[c] / base
			}
			m.RS[VarInventoryMonths][k] = inv
			m.RS[VarInputShortageRate][k] = s.short[c] // inputShortage, in deliver
			m.RS[VarShortageRate][k] = 0
			if ord := a.ordersIn[c]; ord > residue*e.x0[c] {
				m.RS[VarShortageRate][k] = max(0, 1-a.sold[c]/ord)
			}
			m.RS[VarOutputLostShare][k] = 0
			if plan := a.planned[c]; plan > residue*e.x0[c] {
				m.RS[VarOutputLostShare][k] = max(0, 1-a.out[c]/plan)
			}
			m.RS[VarTariffRevenue][k] = a.tariff[c]
			m.RS[VarExportFeeRevenue][k] = a.fee[c]
			m.RS[VarProfit][k] = a.profit[c]
			gdp += e.va[c] * a.out[c]
			emp += a.emp[c]
		}
		k := m.RegionIndex(t, r)
		usd := math.Exp(s.lnE[r]) // USD per unit of the region's currency
		m.Region[VarGDPReal][k] = gdp
		m.Region[VarWelfare][k] = s.welfare(r)
		m.Region[VarCPI][k] = s.cpi[r]
		real := a.consB[r*int(NumBuyers)+int(Households)]
		if s.cpi[r] > 0 {
			real /= s.cpi[r]
		}
		m.Region[VarConsumptionReal][k] = real
		m.Region[VarUnemploymentRate][k] = 1 - emp/s.lf[r]
		m.Region[VarWage][k] = s.wage[r]
		m.Region[VarExchangeRate][k] = usd
		m.Region[VarTradeBalance][k] = (a.ex[r] - a.im[r]) * usd
		m.Region[VarTradeBalanceShare][k] = 0
		if a.income[r] > 0 {
			m.Region[VarTradeBalanceShare][k] = (a.ex[r] - a.im[r]) / a.income[r]
		}
		kept := a.tariffR[r] + a.feeR[r]
		if s.g.Revenue == RevenueRebate {
			kept = 0
		}
		gov := int(Government)
		m.Region[VarGovernmentBalance][k] = (kept - (a.consB[r*int(NumBuyers)+gov] - e.bBase[r*int(NumBuyers)+gov])) * usd
		m.Region[VarRegionTariffRevenue][k] = a.tariffR[r] * usd
		m.Region[VarRegionExportFeeRevenue][k] = a.feeR[r] * usd
	}
	for rt := range s.delQ {
		o, d, i := rt/(R*S), rt/S%R, rt%S
		k := m.FlowIndex(t, o, d, i)
		q := s.delQ[rt]
		px := s.pIdx[o*S+i]
		if q > residue*e.flow0[rt] && q > 0 {
			px = s.delV[rt] / q // the average price of what shipped
		}
		m.Flow[FlowQuantity][k] = q
		m.Flow[FlowExportPrice][k] = px
		m.Flow[FlowBuyerPrice][k] = px * s.fx[rt] * (1 + s.bd.feeBuyer[rt]) * (1 + s.bd.tariff[rt])
		m.Flow[FlowTariffRate][k] = s.bd.tariff[rt]
	}
}

// welfare is the households' Cobb-Douglas utility of the goods delivered to them this month,
// relative to base: prod_i (h_i / h0_i)^alpha_i (sim/README.md §7). It sees rationing, which a price
// index does not: goods that were paid for in a backlog or never came count as not consumed.
func (s *state) welfare(r int) float64 {
	e := s.e
	S := e.S
	hk := (r*int(NumBuyers) + int(Households)) * S
	lw := 0.0
	for i := range S {
		al, h0 := e.alphaH[r*S+i], e.fdQ0[hk+i]
		if al == 0 || h0 <= 0 {
			continue
		}
		h := s.acc.hhGot[r*S+i]
		if h <= 0 {
			return 0
		}
		lw += al * math.Log(h/h0)
	}
	return math.Exp(lw)
}

// inputShortage is cell c's input shortage rate this month: for the input worst hit (a
// shortage of magnets is not diluted by plentiful steel), the share of the orders due that was
// not delivered. deliver calls it once the cell's orders and deliveries are summed.
func (s *state) inputShortage(c int) float64 {
	e, a := s.e, &s.acc
	short := 0.0
	for k := e.insAt[c]; k < e.insAt[c+1]; k++ { // inputs not bought are never short
		// Delivered in full (got >= ordered) adds 1 - got/o <= 0: no division.
		if o, g := a.ordered[k], a.got[k]; g < o && o > residue*e.ain[k]*e.x0[c] && o > 0 {
			short = max(short, 1-g/o)
		}
	}
	return short
}
