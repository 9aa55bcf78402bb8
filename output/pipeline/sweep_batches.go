package pipeline

import (
	"context"
	"runtime"
	"slices"

	"github.com/tradesim/tradesim/output"
	"github.com/tradesim/tradesim/scenarios"
	"github.com/tradesim/tradesim/sim"
)

// runBatches runs the runs of the pending batches on a worker pool and writes each batch when
// its last run is done; it returns the number of runs done.
func runBatches(ctx context.Context, sw *scenarios.Sweep, plan *scenarios.Plan, m *output.SweepManifest, folder *output.Folder,
	pending []int, o SweepOptions, progress func(done int)) (int, error) {
	if len(pending) == 0 {
		return 0, nil
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		k       int
		metrics []float64
		series  [][]float64
		err     error
	}
	jobs := make(chan int)
	results := make(chan result, workers)
	loader := NewLoader()
	go func() {
		defer close(jobs)
		for _, b := range pending {
			for k := b * m.BatchSize; k < b*m.BatchSize+batchLen(m, b); k++ {
				select {
				case jobs <- k:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	done := make(chan struct{})
	for range workers {
		go func() {
			defer func() { done <- struct{}{} }()
			pr := &pointRunner{sw: sw, loader: loader, keep: o.KeepSeries}
			for k := range jobs {
				xs, series, err := pr.run(ctx, k, plan.X[k])
				select {
				case results <- result{k, xs, series, err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		for range workers {
			<-done
		}
		close(results)
	}()
	cols := m.Columns()
	batches := map[int][]output.RunRow{}
	kept := map[int][]output.KeptRow{}
	start := sw.Base.Scenario.Start
	ran := 0
	var firstErr error
	for r := range results {
		if firstErr != nil {
			continue
		}
		if r.err != nil {
			firstErr = r.err
			cancel()
			continue
		}
		b := r.k / m.BatchSize
		batches[b] = append(batches[b], output.RunRow{ID: int64(r.k), Factors: plan.X[r.k], Metrics: r.metrics})
		for j, path := range r.series {
			for t, d := range path {
				kept[b] = append(kept[b], output.KeptRow{RunID: int64(r.k), Metric: sw.Metrics[j].Name, Step: int64(t + 1), Date: (start + sim.Month(t)).String(), Deviation: d})
			}
		}
		ran++
		if len(batches[b]) == batchLen(m, b) {
			rows := batches[b]
			slices.SortFunc(rows, func(a, b output.RunRow) int { return int(a.ID - b.ID) })
			// The series first: the runs file marks the batch done.
			if o.KeepSeries {
				ks := kept[b]
				slices.SortStableFunc(ks, func(a, b output.KeptRow) int { return int(a.RunID - b.RunID) })
				if err := output.WriteSeriesBatch(folder, output.SeriesBatchName(b), ks); err != nil {
					firstErr = err
					cancel()
					continue
				}
				delete(kept, b)
			}
			if err := output.WriteRunsBatch(folder, output.BatchName(b), cols, rows); err != nil {
				firstErr = err
				cancel()
				continue
			}
			delete(batches, b)
		}
		progress(ran)
	}
	if firstErr == nil {
		firstErr = parent.Err()
	}
	return ran, firstErr
}
