package output

import (
	"fmt"
	"time"

	"github.com/tradesim/tradesim/sim"
)

// The Parquet files hold the columns of the CSV files with their proper types: `stat` is a
// string that is null on raw rows, `replicate` an integer that is null on band rows, and
// `date` a DATE (the first day of the month), which R, pandas and DuckDB read as a date.
// seriesRecord and flowRecord are those rows; SeriesRow and FlowRow are what the package
// works with.

// seriesRecord is a row of series.parquet.
type seriesRecord struct {
	Scenario  string  `parquet:"scenario,dict"`
	Stat      string  `parquet:"stat,dict,optional"`
	Replicate *int64  `parquet:"replicate,optional"`
	Step      int64   `parquet:"step"`
	Date      int32   `parquet:"date,date"`
	Region    string  `parquet:"region,dict"`
	Sector    string  `parquet:"sector,dict"`
	Variable  string  `parquet:"variable,dict"`
	Value     float64 `parquet:"value"`
	Baseline  float64 `parquet:"baseline"`
	Deviation float64 `parquet:"deviation"`
}

// flowRecord is a row of flows.parquet.
type flowRecord struct {
	Scenario           string  `parquet:"scenario,dict"`
	Stat               string  `parquet:"stat,dict,optional"`
	Replicate          *int64  `parquet:"replicate,optional"`
	Step               int64   `parquet:"step"`
	Date               int32   `parquet:"date,date"`
	Exporter           string  `parquet:"exporter,dict"`
	Importer           string  `parquet:"importer,dict"`
	Sector             string  `parquet:"sector,dict"`
	Quantity           float64 `parquet:"quantity"`
	ExportPrice        float64 `parquet:"export_price"`
	BuyerPrice         float64 `parquet:"buyer_price"`
	TariffRate         float64 `parquet:"tariff_rate"`
	BaselineQuantity   float64 `parquet:"baseline_quantity"`
	BaselineBuyerPrice float64 `parquet:"baseline_buyer_price"`
}

// replicateIDs hands out stable pointers to replicate numbers for the records of a batch (a
// batch keeps its records until the writer takes them, so the pointers must not be reused).
type replicateIDs []int64

func (ids *replicateIDs) ptr(stat string, replicate int) *int64 {
	if stat != "" {
		return nil
	}
	for len(*ids) <= replicate {
		*ids = append(*ids, int64(len(*ids))) // a grown slice leaves earlier pointers valid
	}
	return &(*ids)[replicate]
}

// epochDays is the DATE of a YYYY-MM month: days from 1970-01-01 to its first day.
func epochDays(date string) (int32, error) {
	m, err := sim.ParseMonth(date)
	if err != nil {
		return 0, err
	}
	t := time.Date(m.Year(), time.Month(m.Calendar()), 1, 0, 0, 0, 0, time.UTC)
	return int32(t.Unix() / 86400), nil
}

// dateCache is epochDays for rows that come month by month: it remembers the last month.
type dateCache struct {
	date string
	days int32
}

func (c *dateCache) epochDays(date string) (int32, error) {
	if date != c.date || date == "" {
		days, err := epochDays(date)
		if err != nil {
			return 0, err
		}
		c.date, c.days = date, days
	}
	return c.days, nil
}

// monthOfDays is the YYYY-MM month of a DATE.
func monthOfDays(days int32) string {
	t := time.Unix(int64(days)*86400, 0).UTC()
	return sim.NewMonth(t.Year(), int(t.Month())).String()
}

func replicateOf(stat string, p *int64) (int, error) {
	switch {
	case stat == "" && p == nil:
		return 0, fmt.Errorf("a row has neither a stat nor a replicate")
	case p == nil:
		return 0, nil
	}
	return int(*p), nil
}

// seriesRecords converts rows to series.parquet records.
type seriesRecords struct {
	ids   replicateIDs
	dates dateCache
}

func (c *seriesRecords) record(r *SeriesRow, p *seriesRecord) error {
	days, err := c.dates.epochDays(r.Date)
	if err != nil {
		return err
	}
	*p = seriesRecord{r.Scenario, r.Stat, c.ids.ptr(r.Stat, r.Replicate), r.Step, days,
		r.Region, r.Sector, r.Variable, r.Value, r.Baseline, r.Deviation}
	return nil
}

func seriesRow(p *seriesRecord) (SeriesRow, error) {
	rep, err := replicateOf(p.Stat, p.Replicate)
	return SeriesRow{p.Scenario, p.Stat, rep, p.Step, monthOfDays(p.Date),
		p.Region, p.Sector, p.Variable, p.Value, p.Baseline, p.Deviation}, err
}

// flowRecords converts rows to flows.parquet records.
type flowRecords struct {
	ids   replicateIDs
	dates dateCache
}

func (c *flowRecords) record(r *FlowRow, p *flowRecord) error {
	days, err := c.dates.epochDays(r.Date)
	if err != nil {
		return err
	}
	*p = flowRecord{r.Scenario, r.Stat, c.ids.ptr(r.Stat, r.Replicate), r.Step, days,
		r.Exporter, r.Importer, r.Sector, r.Quantity, r.ExportPrice, r.BuyerPrice, r.TariffRate,
		r.BaselineQuantity, r.BaselineBuyerPrice}
	return nil
}

func flowRow(p *flowRecord) (FlowRow, error) {
	rep, err := replicateOf(p.Stat, p.Replicate)
	return FlowRow{p.Scenario, p.Stat, rep, p.Step, monthOfDays(p.Date),
		p.Exporter, p.Importer, p.Sector, p.Quantity, p.ExportPrice, p.BuyerPrice, p.TariffRate,
		p.BaselineQuantity, p.BaselineBuyerPrice}, err
}

// summaryRecords writes summary rows as they are.
type summaryRecords struct{}

func (summaryRecords) record(r *SummaryRow, p *SummaryRow) error { *p = *r; return nil }

func summaryRow(p *SummaryRow) (SummaryRow, error) { return *p, nil }
