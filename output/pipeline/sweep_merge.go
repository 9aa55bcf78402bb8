package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tradesim/tradesim/output"
)

// MergeSweep joins the folders of a sweep's shards into one sweep folder o.Dir: it checks that
// they are shards of one sweep and together hold every batch of its plan exactly once (naming
// the missing runs otherwise), copies the plan and the batches, and writes the tables, the
// charts and the manifest as a sweep run in one process would, byte for byte.
func MergeSweep(ctx context.Context, dirs []string, o SweepOptions) (*SweepResult, error) {
	started := o.Now()
	var ref *output.SweepManifest
	owner := map[int]string{}
	for _, d := range dirs {
		m, err := output.ReadSweepManifest(d)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &InputError{fmt.Errorf("%s has no %s: that shard did not finish; run it again with --resume, then merge", d, output.ManifestName)}
		}
		if err != nil {
			return nil, &InputError{err}
		}
		if ref == nil {
			ref = m
		} else if m.SHA256 != ref.SHA256 || m.ScenarioSHA256 != ref.ScenarioSHA256 || m.PlanSHA256 != ref.PlanSHA256 || m.Runs != ref.Runs || m.BatchSize != ref.BatchSize || m.KeepSeries != ref.KeepSeries {
			return nil, &InputError{fmt.Errorf("%s holds a shard of sweep %s (sweep file SHA-256 %.12s, scenario %.12s), %s one of %s (%.12s, %.12s): merge shards of one sweep only", d, m.Sweep, m.SHA256, m.ScenarioSHA256, dirs[0], ref.Sweep, ref.SHA256, ref.ScenarioSHA256)}
		} else if m.Version != ref.Version {
			return nil, &InputError{fmt.Errorf("%s was made by tradesim %s and %s by %s: run every shard with one version", d, m.Version, dirs[0], ref.Version)}
		}
		for _, b := range m.Held {
			if prev, dup := owner[b]; dup {
				return nil, &InputError{fmt.Errorf("batch %d (runs %s) is in both %s and %s: give each shard once", b, runRange(m, b), prev, d)}
			}
			owner[b] = d
		}
	}
	if ref == nil {
		return nil, &InputError{errors.New("give the shard folders to merge")}
	}
	var missing []string
	for b := range ref.Batches {
		if _, ok := owner[b]; !ok {
			missing = append(missing, runRange(ref, b))
		}
	}
	if len(missing) > 0 {
		return nil, &InputError{fmt.Errorf("the shards do not cover the plan: runs %s are missing (%d of %d batches; shards of %d: run the missing shards, then merge again)",
			strings.Join(missing, ", "), len(missing), ref.Batches, ref.Shards)}
	}
	if err := prepareSweepFolder(o.Dir, ref, false); err != nil {
		return nil, err
	}
	folder, err := output.NewFolder(o.Dir)
	if err != nil {
		return nil, err
	}
	m := *ref
	m.Shard, m.Shards, m.Complete = 0, 1, false
	m.Held = make([]int, ref.Batches)
	for b := range m.Held {
		m.Held[b] = b
	}
	m.Files = nil
	state := m
	state.PlanSHA256, state.Held, state.Files = "", []int{}, []output.FileRecord{}
	state.StartedAt, state.FinishedAt, state.Wall = time.Time{}, time.Time{}, 0
	if err := writeState(folder, &state); err != nil {
		return nil, err
	}
	if err := copyInto(folder, filepath.Join(dirs[0], "plan.parquet"), "plan.parquet"); err != nil {
		return nil, err
	}
	for b := range ref.Batches {
		names := []string{output.BatchName(b)}
		if ref.KeepSeries {
			names = append([]string{output.SeriesBatchName(b)}, names...)
		}
		for _, n := range names {
			if err := copyInto(folder, filepath.Join(owner[b], n), n); err != nil {
				return nil, err
			}
		}
	}
	o.Shard, o.Shards = 0, 1
	notes, err := finishSweep(ctx, folder, &m, func(b int) string { return filepath.Join(o.Dir, output.BatchName(b)) }, o)
	if err != nil {
		return nil, err
	}
	finished := o.Now()
	m.StartedAt, m.FinishedAt, m.Wall = started.UTC(), finished.UTC(), finished.Sub(started).Seconds()
	if err := folder.WriteSweepManifest(&m, sweepFiles(o.Dir, &m)); err != nil {
		return nil, err
	}
	return &SweepResult{Manifest: &m, Notes: notes}, nil
}

// runRange names the run ids of batch b: "120-129".
func runRange(m *output.SweepManifest, b int) string {
	lo, hi := b*m.BatchSize, min(m.Runs, (b+1)*m.BatchSize)-1
	if lo == hi {
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d-%d", lo, hi)
}

// copyInto copies the file src into the folder as rel.
func copyInto(f *output.Folder, src, rel string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return f.WriteFile(rel, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}
