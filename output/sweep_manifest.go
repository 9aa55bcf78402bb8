package output

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// SweepManifest is a sweep folder's manifest.json: what the sweep is (the design, its factors
// and metrics, so that merge and the sensitivity indices need no other file), which of its
// batches this folder holds (a shard holds some), and its files. Written last.
type SweepManifest struct {
	Tool           string       `json:"tool"` // "tradesim"
	Kind           string       `json:"kind"` // "sweep"
	Version        string       `json:"version"`
	Sweep          string       `json:"sweep"`
	Title          string       `json:"title,omitempty"`
	Source         string       `json:"source"`          // the sweep file's path
	SHA256         string       `json:"sweep_sha256"`    // of the sweep file's bytes
	Scenario       string       `json:"scenario"`        // the base scenario as the sweep file names it
	ScenarioSHA256 string       `json:"scenario_sha256"` // of the base scenario file's bytes
	Design         SweepDesign  `json:"design"`
	Runs           int          `json:"runs"`       // in the whole plan
	BatchSize      int          `json:"batch_size"` // runs per runs-NNNN.parquet file
	Batches        int          `json:"batches"`    // in the whole plan
	Shard          int          `json:"shard"`      // this folder's shard, 0-based
	Shards         int          `json:"shards"`
	Held           []int        `json:"held"`        // batches this folder holds
	KeepSeries     bool         `json:"keep_series"` // series-NNNN.parquet beside every runs-NNNN.parquet
	Complete       bool         `json:"complete"`    // every batch of the plan is here, runs.csv written
	PlanSHA256     string       `json:"plan_sha256"` // of plan.parquet: shards of one sweep have the same
	StartedAt      time.Time    `json:"started_at"`
	FinishedAt     time.Time    `json:"finished_at"`
	Wall           float64      `json:"wall_seconds"`
	Files          []FileRecord `json:"files"`
}

// SweepDesign is the part of a sweep that its tables and indices depend on.
type SweepDesign struct {
	Design     string              `json:"design"`
	Samples    int                 `json:"samples,omitempty"`
	Levels     int                 `json:"levels,omitempty"`
	Seed       uint64              `json:"seed"`
	Replicates int                 `json:"replicates"`
	Firms      int                 `json:"firms"`
	Factors    []SweepFactor       `json:"factors"`
	Metrics    []SweepMetricRecord `json:"metrics"`
}

// SweepFactor is a factor as the manifest records it.
type SweepFactor struct {
	Name string  `json:"name"`
	Path string  `json:"path"`
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
	Log  bool    `json:"log,omitempty"`
}

// SweepMetricRecord is a metric as the manifest records it.
type SweepMetricRecord struct {
	Name     string `json:"name"`
	Variable string `json:"variable"`
	Region   string `json:"region"`
	Sector   string `json:"sector"`
	Stat     string `json:"stat"`
	From     string `json:"from"`
	To       string `json:"to"`
}

// Columns are the runs table's columns. With more than one replicate a point, every metric
// NAME (the mean over replicates) is followed by NAME_p05 and NAME_p95, its 5th and 95th
// percentiles over the replicates.
func (m *SweepManifest) Columns() RunColumns {
	var c RunColumns
	for _, f := range m.Design.Factors {
		c.Factors = append(c.Factors, f.Name)
	}
	for _, x := range m.Design.Metrics {
		c.Metrics = append(c.Metrics, x.Name)
		if m.Design.Replicates > 1 {
			c.Metrics = append(c.Metrics, x.Name+"_p05", x.Name+"_p95")
		}
	}
	return c
}

// MetricColumn is the position among the metric columns of metric j's mean.
func (m *SweepManifest) MetricColumn(j int) int {
	if m.Design.Replicates > 1 {
		return 3 * j
	}
	return j
}

// BatchName is the file name of batch b of the runs table.
func BatchName(b int) string { return fmt.Sprintf("runs-%04d.parquet", b) }

// WriteSweepManifest lists files (relative paths; their hashes are computed here, so files
// written by an earlier, interrupted session count too) and writes the manifest last.
func (f *Folder) WriteSweepManifest(m *SweepManifest, files []string) error {
	m.Files = m.Files[:0]
	for _, rel := range files {
		fr, err := HashFile(filepath.Join(f.Dir, filepath.FromSlash(rel)))
		if err != nil {
			return fmt.Errorf("output: %s: %w", rel, err)
		}
		fr.Path = rel
		m.Files = append(m.Files, fr)
	}
	return f.WriteFile(ManifestName, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	})
}

// ReadSweepManifest reads DIR/manifest.json of a sweep folder.
func ReadSweepManifest(dir string) (*SweepManifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, err
	}
	var m SweepManifest
	if err := json.Unmarshal(b, &m); err != nil || m.Tool != "tradesim" || m.Kind != "sweep" {
		return nil, fmt.Errorf("%s: not the manifest of a tradesim sweep folder", filepath.Join(dir, ManifestName))
	}
	return &m, nil
}
