package sim

// record writes month t's metrics (MODEL.md §7; units in variables.go).
//
// Definitions (see doc.go): output and trade in quantities at base prices; price is the
// base-output-weighted mean of firm prices; inventory_months is stock on hand at the end of the
// month over use at base output; shortage_rate is, for the input worst hit, the share of the
// region-sector's orders due this month that were not delivered; real GDP is base value added per unit times output
// plus base-rate tariffs on real imports; CPI is a Laspeyres index of the base household basket;
// real consumption is household spending over CPI; the unemployment rate is the fall of
// employment below base as a share of base employment; the trade balance is exports less imports
// at border values (exporter price plus a buyer-borne fee, before the importer's tariff).
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
			// The input worst hit: a shortage of magnets is not diluted by plentiful steel.
			short := 0.0
			for i := range S {
				if o := a.ordered[c*S+i]; o > residue*e.a[c*S+i]*e.x0[c] && o > 0 {
					short = max(short, 1-a.got[c*S+i]/o)
				}
			}
			m.RS[VarShortageRate][k] = short
			m.RS[VarTariffRevenue][k] = a.tariff[c]
			m.RS[VarExportFeeRevenue][k] = a.fee[c]
			m.RS[VarProfit][k] = a.profit[c]
			gdp += e.va[c] * a.out[c]
			emp += a.emp[c]
		}
		k := m.RegionIndex(t, r)
		m.Region[VarGDPReal][k] = gdp
		m.Region[VarCPI][k] = s.cpi[r]
		real := a.cons[r]
		if s.cpi[r] > 0 {
			real /= s.cpi[r]
		}
		m.Region[VarConsumptionReal][k] = real
		u := 0.0
		if a.emp0[r] > 0 {
			u = (a.emp0[r] - emp) / a.emp0[r]
		}
		m.Region[VarUnemploymentRate][k] = u
		m.Region[VarTradeBalance][k] = a.ex[r] - a.im[r]
		m.Region[VarRegionTariffRevenue][k] = a.tariffR[r]
		m.Region[VarRegionExportFeeRevenue][k] = a.feeR[r]
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
		m.Flow[FlowBuyerPrice][k] = px * (1 + s.bd.feeBuyer[rt]) * (1 + s.bd.tariff[rt])
		m.Flow[FlowTariffRate][k] = s.bd.tariff[rt]
	}
}
