package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tradesim/tradesim/output"
)

// prepareSweepFolder checks that dir can take this sweep: it is new or empty, or (with resume)
// it holds this very sweep and shard, unfinished or finished.
func prepareSweepFolder(dir string, m *output.SweepManifest, resume bool) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return &InputError{fmt.Errorf("cannot use %s as the sweep folder: %w", dir, err)}
	case len(entries) == 0:
		return nil
	}
	b, err := os.ReadFile(filepath.Join(dir, stateName))
	if err != nil {
		if _, merr := os.Stat(filepath.Join(dir, output.ManifestName)); merr == nil {
			return &InputError{fmt.Errorf("%s holds the results of a run, not of a sweep; choose another folder with -o", dir)}
		}
		return &InputError{fmt.Errorf("%s is not empty and holds no tradesim sweep; choose another folder with -o", dir)}
	}
	var prev output.SweepManifest
	if err := json.Unmarshal(b, &prev); err != nil {
		return &InputError{fmt.Errorf("%s: %s is unreadable (%v); choose another folder with -o", dir, stateName, err)}
	}
	if !resume {
		return &InputError{fmt.Errorf("%s holds a sweep already (%s); pass --resume to finish it, or choose another folder with -o", dir, prev.Sweep)}
	}
	if prev.SHA256 == m.SHA256 && prev.ScenarioSHA256 != m.ScenarioSHA256 {
		return &InputError{fmt.Errorf("%s holds this sweep run on another version of its base scenario %s (SHA-256 %.12s, now %.12s); restore that file, or start again in another folder", dir, m.Scenario, prev.ScenarioSHA256, m.ScenarioSHA256)}
	}
	if prev.SHA256 == m.SHA256 && prev.Version != m.Version {
		return &InputError{fmt.Errorf("%s holds this sweep run by tradesim %s; this is %s, whose results may differ: finish it with that version, or start again in another folder", dir, prev.Version, m.Version)}
	}
	same := prev.SHA256 == m.SHA256 && prev.Shard == m.Shard && prev.Shards == m.Shards && prev.Runs == m.Runs
	if same && prev.KeepSeries != m.KeepSeries {
		return &InputError{fmt.Errorf("%s holds a sweep run with keep_series %v; --resume it with the same --keep", dir, prev.KeepSeries)}
	}
	if !same {
		return &InputError{fmt.Errorf("%s holds another sweep or shard (%s, shard %d of %d, sweep file SHA-256 %.12s); --resume needs the same sweep file and --shard", dir, prev.Sweep, prev.Shard, prev.Shards, prev.SHA256)}
	}
	return nil
}

// InputError marks a sweep that cannot start because of its input (the folder, the shard):
// exit code 2.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

func writeState(f *output.Folder, m *output.SweepManifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return f.WriteFile(stateName, func(w io.Writer) error { _, err := w.Write(append(b, '\n')); return err })
}

// sweepFiles lists the files of a sweep folder that its manifest records.
func sweepFiles(dir string, m *output.SweepManifest) []string {
	files := []string{"plan.parquet", stateName}
	for _, b := range m.Held {
		files = append(files, output.BatchName(b))
		if m.KeepSeries {
			files = append(files, output.SeriesBatchName(b))
		}
	}
	for _, extra := range []string{"runs.csv", "sensitivity.csv"} {
		if _, err := os.Stat(filepath.Join(dir, extra)); err == nil && m.Complete {
			files = append(files, extra)
		}
	}
	if m.Complete {
		charts, _ := os.ReadDir(filepath.Join(dir, "charts"))
		for _, c := range charts {
			if !strings.HasPrefix(c.Name(), ".") {
				files = append(files, "charts/"+c.Name())
			}
		}
	}
	slices.Sort(files)
	return files
}
