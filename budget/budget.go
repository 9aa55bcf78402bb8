// Package budget estimates what a run needs, memory and disk, before it starts, and refuses a
// run that the machine cannot hold, with the estimate and what to change.
package budget

import (
	"fmt"
	"strings"

	"github.com/tradesim/tradesim/sim"
)

// Run describes a planned run.
type Run struct {
	World                               *sim.World
	Horizon, Replicates, Firms, Workers int
	Raw                                 bool
	CSV, Parquet, JSON                  bool
	ChartFormats                        int // 0: no charts
}

// Estimate is what a run needs, in bytes.
type Estimate struct {
	Memory sim.MemoryEstimate
	// Output is the memory of writing the results: the bands of every series, and the chart
	// canvases (PNG at 300 dpi) when there are charts.
	Output int64
	// Peak is the largest memory the run needs: the simulation's, then the writing's on top of
	// the results.
	Peak int64
	// Disk is the size of the results folder.
	Disk int64
}

// Bytes of the results per number a run records (one metric, month, region or route, sector),
// measured on the default world (7 regions, 13 sectors, 24 months) in November 2026: the band
// rows (four statistics, with the ALL aggregates) and the rows of one replicate (--raw), per
// format; the summary per number of one month; the charts per format.
const (
	bandCSV, rawCSV         = 175, 42
	bandParquet, rawParquet = 23, 6
	summaryPerStepPoint     = 500   // summary.csv, summary.json, summary.parquet
	chartsPerFormat         = 2e6   // about 20 charts
	bandsPerPoint           = 96    // value, baseline and deviation bands: 12 float64
	chartCanvases           = 128e6 // PNG canvases at 300 dpi and the figures' data
)

// Of estimates what r needs.
func Of(r Run) Estimate {
	e := Estimate{Memory: sim.EstimateMemory(r.World, r.Horizon, r.Replicates, r.Firms, r.Workers)}
	points := e.Memory.PerReplicate / 16 // float64s of one run of one replicate
	e.Output = bandsPerPoint * points
	if r.ChartFormats > 0 {
		e.Output += chartCanvases
	}
	e.Peak = max(e.Memory.Total, e.Memory.Shared+e.Memory.Results+e.Output)
	reps := int64(r.Replicates)
	if r.CSV {
		e.Disk += bandCSV * points
		if r.Raw {
			e.Disk += rawCSV * points * reps
		}
	}
	if r.Parquet {
		e.Disk += bandParquet * points
		if r.Raw {
			e.Disk += rawParquet * points * reps
		}
	}
	if r.CSV || r.Parquet || r.JSON {
		e.Disk += summaryPerStepPoint * points / int64(max(r.Horizon, 1))
	}
	e.Disk += int64(r.ChartFormats) * chartsPerFormat
	return e
}

// ExceededError says a run needs more memory than the machine has.
type ExceededError struct {
	Estimate  Estimate
	Available int64
	Source    string // where the available memory was read
	Hints     []string
}

func (e *ExceededError) Error() string {
	m := e.Estimate.Memory
	return fmt.Sprintf("the run needs about %s of memory (%s of engine state per worker x %d workers, %s for the results of %s replicates, %s to write them), but %s are available (%s); %s, or pass --ignore-budget to run anyway",
		Bytes(e.Estimate.Peak), Bytes(m.PerWorker), m.Workers, Bytes(m.Results), count(m.Results, m.PerReplicate), Bytes(e.Estimate.Output),
		Bytes(e.Available), e.Source, strings.Join(e.Hints, ", "))
}

func count(total, each int64) string {
	if each == 0 {
		return "0"
	}
	return fmt.Sprint(total / each)
}

// Bytes writes a size in MB or GB (powers of 1000).
func Bytes(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.1f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.0f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// Check refuses an estimate above the memory available (when the machine says how much is).
func Check(r Run, e Estimate) error {
	avail, source, ok := Available()
	if !ok || e.Peak <= avail {
		return nil
	}
	m := e.Memory
	var hints []string
	if m.Workers > 1 && m.PerWorker*int64(m.Workers) > avail/2 {
		hints = append(hints, fmt.Sprintf("fewer workers (--workers 1 needs about %s)", Bytes(e.Peak-m.PerWorker*int64(m.Workers-1))))
	}
	if r.Firms > 3 && m.PerWorker > avail/4 {
		hints = append(hints, "fewer firms (--firms 3)")
	}
	if m.Results > avail/4 {
		hints = append(hints, "fewer replicates (--replicates), or a sweep of several smaller runs")
	}
	if r.ChartFormats > 0 {
		hints = append(hints, "--charts none")
	}
	if len(hints) == 0 {
		hints = append(hints, "a machine with more memory, or a smaller world")
	}
	return &ExceededError{Estimate: e, Available: avail, Source: source, Hints: hints}
}
