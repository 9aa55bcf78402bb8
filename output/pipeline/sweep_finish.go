package pipeline

import (
	"context"
	"fmt"
	"math"

	"github.com/tradesim/tradesim/output"
	"github.com/tradesim/tradesim/scenarios"
)

// finishSweep writes the tables of a sweep whose every batch is at hand (batch b at path(b)):
// runs.csv with every run in run order, sensitivity.csv (two factors or more) and the
// charts, then marks the manifest complete. The tables depend only on the batches, so a sweep
// run in one go, resumed, or merged from shards writes the same bytes. The indices and charts
// need every run's factors and metrics at once: 8 bytes a value, 16 MB for 100,000 runs of
// 20 columns.
func finishSweep(ctx context.Context, folder *output.Folder, m *output.SweepManifest, path func(b int) string, o SweepOptions) ([]string, error) {
	cols := m.Columns()
	x := make([][]float64, 0, m.Runs)
	y := make([][]float64, len(cols.Metrics)) // every metric column
	err := output.WriteRunsCSV(folder, cols, func(fn func(*output.RunRow) error) error {
		for b := range m.Batches {
			if err := ctx.Err(); err != nil {
				return err
			}
			rows, err := output.ReadRunsBatch(path(b), cols)
			if err != nil {
				return err
			}
			for i := range rows {
				if rows[i].ID != int64(len(x)) {
					return fmt.Errorf("%s holds run %d where run %d belongs", path(b), rows[i].ID, len(x))
				}
				x = append(x, rows[i].Factors)
				for j, v := range rows[i].Metrics {
					y[j] = append(y[j], v)
				}
				if err := fn(&rows[i]); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(x) != m.Runs {
		return nil, fmt.Errorf("the batches hold %d runs; the plan has %d", len(x), m.Runs)
	}
	rows, err := sensitivity(m, x, y)
	if err != nil {
		return nil, err
	}
	if len(rows) > 0 {
		if err := output.WriteSensitivity(folder, rows); err != nil {
			return nil, err
		}
	}
	var notes []string
	if len(o.Charts) > 0 {
		figs, n := sweepCharts(m, x, y, rows, o)
		notes = n
		if err := output.WriteCharts(ctx, folder, figs, o.Charts); err != nil {
			return nil, err
		}
	}
	m.Complete = true
	return notes, nil
}

// unitScale maps factor values back to the unit scale of their ranges (what the Morris design
// moved by Delta).
func unitScale(f output.SweepFactor, v float64) float64 {
	if f.Log {
		return (math.Log(v) - math.Log(f.Min)) / (math.Log(f.Max) - math.Log(f.Min))
	}
	return (v - f.Min) / (f.Max - f.Min)
}

// sensitivity computes the indices of every metric: Morris's for design morris, Sobol's for
// sobol, and standardized regression coefficients for the others when they vary two factors
// or more.
func sensitivity(m *output.SweepManifest, x [][]float64, y [][]float64) ([]output.SensitivityRow, error) {
	d := m.Design
	k := len(d.Factors)
	var rows []output.SensitivityRow
	switch d.Design {
	case scenarios.DesignSobol:
		for j, met := range d.Metrics {
			s, err := output.Sobol(y[m.MetricColumn(j)], k)
			if err != nil {
				return nil, err
			}
			for i, f := range d.Factors {
				rows = append(rows,
					output.SensitivityRow{Metric: met.Name, Factor: f.Name, Method: "sobol", Index: "S1", Value: s.S1[i], Low: s.S1Low[i], High: s.S1High[i]},
					output.SensitivityRow{Metric: met.Name, Factor: f.Name, Method: "sobol", Index: "ST", Value: s.ST[i], Low: s.STLow[i], High: s.STHigh[i]})
			}
		}
	case scenarios.DesignMorris:
		u := make([][]float64, len(x))
		for r, row := range x {
			u[r] = make([]float64, k)
			for i, v := range row {
				u[r][i] = unitScale(d.Factors[i], v)
			}
		}
		for j, met := range d.Metrics {
			mi, err := output.Morris(u, y[m.MetricColumn(j)], k)
			if err != nil {
				return nil, err
			}
			for i, f := range d.Factors {
				rows = append(rows,
					output.SensitivityRow{Metric: met.Name, Factor: f.Name, Method: "morris", Index: "mu_star", Value: mi.MuStar[i], Low: mi.MuStarLow[i], High: mi.MuStarHigh[i]},
					output.SensitivityRow{Metric: met.Name, Factor: f.Name, Method: "morris", Index: "sigma", Value: mi.Sigma[i], Low: mi.SigmaLow[i], High: mi.SigmaHigh[i]})
			}
		}
	default:
		// Other designs with two factors or more: standardized regression coefficients.
		if k < 2 || len(x) <= k+1 {
			break
		}
		for j, met := range d.Metrics {
			s, err := output.SRC(x, y[m.MetricColumn(j)])
			if err != nil {
				return nil, fmt.Errorf("metric %s: %w", met.Name, err)
			}
			for i, f := range d.Factors {
				rows = append(rows, output.SensitivityRow{Metric: met.Name, Factor: f.Name, Method: "regression", Index: "SRC", Value: s.SRC[i], Low: s.Low[i], High: s.High[i]})
			}
		}
	}
	return rows, nil
}

// sweepCharts draws what the design allows: a dose-response line per metric for one factor, a
// heatmap per metric for a two-factor grid, a tornado per metric of its indices.
func sweepCharts(m *output.SweepManifest, x [][]float64, y [][]float64, sens []output.SensitivityRow, o SweepOptions) ([]*output.Figure, []string) {
	d := m.Design
	meta := output.SweepChartMeta{Sweep: m.Sweep, Scenario: m.Scenario, Version: o.Version, Runs: m.Runs, Replicates: d.Replicates, Size: o.Size}
	var figs []*output.Figure
	var notes []string
	add := func(f *output.Figure, err error) {
		if err != nil {
			notes = append(notes, "no chart: "+err.Error())
			return
		}
		figs = append(figs, f)
	}
	col := func(i int) []float64 {
		out := make([]float64, len(x))
		for r, row := range x {
			out[r] = row[i]
		}
		return out
	}
	k := len(d.Factors)
	for j, met := range d.Metrics {
		desc := output.SweepMetricDesc{Name: met.Name, Variable: met.Variable, Region: met.Region, Sector: met.Sector, Stat: met.Stat}
		switch {
		case k == 1:
			var lo, hi []float64
			if c := m.MetricColumn(j); d.Replicates > 1 {
				lo, hi = y[c+1], y[c+2]
			}
			add(output.DoseResponseChart(d.Factors[0].Name, col(0), y[m.MetricColumn(j)], lo, hi, desc, meta))
		case k == 2 && d.Design == scenarios.DesignGrid:
			add(output.HeatmapChart(d.Factors[0].Name, d.Factors[1].Name, col(0), col(1), y[m.MetricColumn(j)], desc, meta))
		}
		index, method := "SRC", "regression"
		switch d.Design {
		case scenarios.DesignMorris:
			index, method = "mu_star", "morris"
		case scenarios.DesignSobol:
			index, method = "ST", "sobol"
		}
		if len(sens) > 0 {
			var bars []output.TornadoBar
			for _, r := range sens {
				if r.Metric == met.Name && r.Index == index {
					bars = append(bars, output.TornadoBar{Factor: r.Factor, Value: r.Value, Low: r.Low, High: r.High})
				}
			}
			add(output.TornadoChart(method, index, bars, desc, meta))
		}
	}
	if len(figs) == 0 && len(notes) == 0 {
		notes = append(notes, fmt.Sprintf("no charts: design %s with %d factors has no dose-response (one factor), heatmap (two-factor grid) or tornado (indices)", d.Design, k))
	}
	return figs, notes
}
