// Package output writes and reads the results folder of a tradesim run (output/README.md,
// "The results folder"), draws its charts and writes its brief (report*.go).
//
// # Tables
//
// series.csv has one row per month (step, 1 = the first simulated month; date YYYY-MM),
// region, sector and variable, with the scenario's value, the baseline's value and the
// deviation: percent for levels, percentage points for rates, the difference for signed
// levels (trade balance) and wherever the baseline is zero (sim.Deviation: never NaN or Inf).
// Rows with region ALL or sector ALL are sums over regions or sectors, for Additive variables
// only; a row with sector ALL whose variable is also a region variable (tariff_revenue,
// export_fee_revenue) is the region variable. flows.csv has one row per month, route
// (exporter -> importer, domestic sales excluded) and sector. summary.csv has statistics of
// every series' deviation path (StatMeanings). summary.json holds the same rows plus the
// headline figures, the units and what each statistic means. Every float is written as a
// float (0.0, never 0), so readers that type a column from its first rows see floats. Parquet
// files (zstd) carry the same columns in the same order, typed (date a DATE, stat and
// replicate nullable), with the run's identity and units in key-value metadata; `--format`
// selects.
//
// # Bands
//
// The stat column is mean, p05, p50 or p95 on band rows, where replicate is empty; raw rows
// (`--raw`) have an empty stat and the replicate's index (0, 1, ...). On a band row for
// statistic q:
//   - value is q over replicates of the scenario's value,
//   - baseline is q over replicates of the baseline's value,
//   - deviation is q over replicates of the per-replicate deviation.
//
// A scenario and its baseline share every random draw (common random numbers, sim/README.md §5),
// so the deviation of replicate k is the policy's effect in the world of draw k and its band
// is the uncertainty of the effect. It is therefore not the deviation of the value band from
// the baseline band. Quantiles are Hyndman & Fan type 7 (sim.Quantile, as R's and NumPy's
// default); means are summed in sorted order, so a band does not depend on replicate order.
// In flows.csv every numeric column of a band row is q over replicates of that column.
//
// # Row order and numbers
//
// Band rows come first, by step, statistic (mean, p05, p50, p95), then region (world order,
// then ALL), sector (world order, then ALL) and variable (sim.RSVars, then sim.RegionVars on
// sector ALL); raw rows follow by replicate, step and series. Floats are written with
// strconv's shortest exact form ('g', -1): the CSV reads back as exactly the float64 the
// Parquet file stores, and the same run gives the same bytes.
//
// # Replicates on disk
//
// The tables read a run's replicates from a Store: `tradesim run` adds each replicate as soon
// as sim.Run hands it over and lets it go, the store spills it to a temporary file, and the
// bands and summary are computed a block of series at a time. Memory is flat in the number of
// replicates and the bands stay exact (the same bytes as a run held in memory).
//
// # Sweeps
//
// A sweep folder (tradesim sweep) holds plan.parquet, the runs table in batches of fixed run
// ids (runs-NNNN.parquet, WriteRunsBatch), runs.csv, sensitivity.csv (Morris, Sobol and
// standardized regression indices with bootstrap intervals: Morris, Sobol, SRC) and the sweep
// charts (DoseResponseChart, HeatmapChart, TornadoChart); SweepManifest is its manifest.
// MetricReader computes a sweep's metrics from each replicate.
//
// # Atomic folder
//
// Folder writes every file to a temporary name in the results folder and renames it into place
// when complete; the manifest (Manifest), which lists every file with its SHA-256 and size, is
// written last. A folder without a manifest is an unfinished or failed run.
//
// Commands open a results folder with OpenResultsDir, which enforces the rules every writer
// shares: a new or empty folder, or with --force a finished tradesim run that is replaced whole
// (written beside it and swapped in); anything else refused before any work, naming the files
// that would be lost; a lock for the whole run; leftovers of killed runs cleaned; a free-space
// check. Readers (LoadRun) read only regular files inside the folder that its manifest lists,
// capped at their recorded sizes.
//
// # Charts
//
// Figure lays out a chart for a brief: title, subtitle, one or more panels, a legend strip and
// a source line, at slide or page size, as PNG (300 dpi), SVG or PDF. The chart kinds (fan,
// small multiples, flows, shortages, region panel, comparison lines and bars) take plain data
// (SeriesBands, PolicyWindow) so they draw from a run in memory or from a saved folder alike;
// the sweep charts take the runs table's columns.
package output
