package pipeline

import (
	"context"

	"github.com/tradesim/tradesim/output"
)

// finishSweep writes the tables of a sweep whose every batch is at hand (batch b at path(b)):
// runs.csv with every run in run order, then marks the manifest complete. The tables depend
// only on the batches, so a sweep run in one go, resumed, or merged from shards writes the
// same bytes.
func finishSweep(ctx context.Context, folder *output.Folder, m *output.SweepManifest, path func(b int) string, o SweepOptions) ([]string, error) {
	cols := m.Columns()
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
	m.Complete = true
	return nil, nil
}
