package output

import (
	"context"

	"github.com/tradesim/tradesim/sim"
)

// FlowColumns are the columns of flows.csv and flows.parquet, in order.
var FlowColumns = []string{"scenario", "stat", "replicate", "step", "date", "exporter", "importer", "sector", "quantity", "export_price", "buyer_price", "tariff_rate", "baseline_quantity", "baseline_buyer_price"}

// FlowRow is one row of flows.csv / flows.parquet: a route (exporter -> importer) and sector,
// as a band row (Stat set) or the row of one replicate (Stat "", Replicate its number).
type FlowRow struct {
	Scenario           string
	Stat               string
	Replicate          int
	Step               int64
	Date               string // YYYY-MM
	Exporter           string
	Importer           string
	Sector             string
	Quantity           float64
	ExportPrice        float64
	BuyerPrice         float64
	TariffRate         float64
	BaselineQuantity   float64
	BaselineBuyerPrice float64
}

func (r *FlowRow) appendCSV(b []byte) []byte {
	b = appendRowStart(b, r.Scenario, r.Stat, r.Replicate, r.Step, r.Date)
	for _, s := range []string{r.Exporter, r.Importer, r.Sector} {
		b = append(b, ',')
		b = appendCSVString(b, s)
	}
	for _, x := range []float64{r.Quantity, r.ExportPrice, r.BuyerPrice, r.TariffRate, r.BaselineQuantity, r.BaselineBuyerPrice} {
		b = append(b, ',')
		b = appendFloat(b, x)
	}
	return append(b, '\n')
}

// numFlowCols is the number of numeric columns of a flow row.
const numFlowCols = 6

// flowValues reads the numeric columns of route o -> d, sector i in month t of a replicate.
func flowValues(rep *sim.Replicate, t, o, d, i int, out *[numFlowCols]float64) {
	s, b := rep.Scenario, rep.Baseline
	k := s.FlowIndex(t, o, d, i)
	out[0] = s.Flow[sim.FlowQuantity][k]
	out[1] = s.Flow[sim.FlowExportPrice][k]
	out[2] = s.Flow[sim.FlowBuyerPrice][k]
	out[3] = s.Flow[sim.FlowTariffRate][k]
	out[4] = b.Flow[sim.FlowQuantity][k]
	out[5] = b.Flow[sim.FlowBuyerPrice][k]
}

func (r *FlowRow) set(v *[numFlowCols]float64) {
	r.Quantity, r.ExportPrice, r.BuyerPrice, r.TariffRate = v[0], v[1], v[2], v[3]
	r.BaselineQuantity, r.BaselineBuyerPrice = v[4], v[5]
}

// eachFlowRow calls fn for every row of flows.csv of a run held in memory, in order: band rows
// (each numeric column is the statistic over replicates of that column) by step, statistic,
// exporter, importer and sector, then, with raw, every replicate by replicate, step and route.
// Domestic sales (exporter = importer) are not routes and are left out. fn must not keep the
// row.
func eachFlowRow(ctx context.Context, res *sim.Result, raw bool, fn func(*FlowRow) error) error {
	st, err := StoreResult(res)
	if err != nil {
		return err
	}
	return eachFlowRowFromStore(ctx, st, raw, fn)
}

// emitFlowBands writes the band rows of month t: mean rows, then p05, p50, p95. Flows are
// banded month by month, so memory holds one month of routes.
func emitFlowBands(res *sim.Result, t int, bands [][numFlowCols]sim.Band, row *FlowRow, fn func(*FlowRow) error) error {
	R, S := len(res.Regions), len(res.Sectors)
	row.Step, row.Date = int64(t+1), (res.Start + sim.Month(t)).String()
	var v [numFlowCols]float64
	for k, stat := range sim.BandStats {
		row.Stat = stat
		for o := range R {
			for d := range R {
				if o == d {
					continue
				}
				for i := range S {
					b := &bands[(o*R+d)*S+i]
					for c := range numFlowCols {
						v[c] = b[c].At(k)
					}
					row.Exporter, row.Importer, row.Sector = res.Regions[o], res.Regions[d], res.Sectors[i]
					row.set(&v)
					if err := fn(row); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}
