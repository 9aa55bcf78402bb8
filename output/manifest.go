package output

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// ManifestName is the file name of a results folder's manifest.
const ManifestName = "manifest.json"

// Manifest records what a results folder holds and how it was made (output/README.md, results
// folder). It is written last: its presence means the run finished and every file it lists is
// complete; Verify checks the files against it.
type Manifest struct {
	Tool           string `json:"tool"` // "tradesim"
	Version        string `json:"version"`
	ScenarioName   string `json:"scenario_name"`
	ScenarioTitle  string `json:"scenario_title,omitempty"`
	ScenarioSource string `json:"scenario_source"` // path of the file, or "builtin:NAME"
	ScenarioSHA256 string `json:"scenario_sha256"` // of the scenario file's bytes
	// Scenario is the scenario as resolved by the parser (its parsed file).
	Scenario any `json:"scenario"`
	// Sets are the --set PATH=VALUE changes made to the scenario file (Scenario includes them).
	Sets        []string `json:"sets,omitempty"`
	Baseline    string   `json:"baseline"`
	World       string   `json:"world"`
	WorldSHA256 string   `json:"world_sha256"`
	Seed        uint64   `json:"seed"`
	Replicates  int      `json:"replicates"`
	Firms       int      `json:"firms"`
	Workers     int      `json:"workers"` // does not change any result (sim/README.md §6.4)
	// Start and End are the first and last simulated months (YYYY-MM).
	Start    string         `json:"start"`
	End      string         `json:"end"`
	Regions  []string       `json:"regions"`
	Sectors  []string       `json:"sectors"`
	Policies []PolicyWindow `json:"policies"`
	Raw      bool           `json:"raw"`
	Formats  []string       `json:"formats"`
	Charts   []string       `json:"charts"`
	// StartedAt and FinishedAt are wall-clock times of the run (UTC, RFC 3339).
	StartedAt   time.Time `json:"started_at"`
	FinishedAt  time.Time `json:"finished_at"`
	WallSeconds float64   `json:"wall_seconds"`
	// Compared lists the runs a comparison folder (`tradesim compare`) was made from.
	Compared []ComparedRun `json:"compared,omitempty"`
	Files    []FileRecord  `json:"files"`
}

// PolicyWindow is a policy (or a rule's measure) as charts shade it: its id, instrument, the
// routes and sectors it covers (codes), and the months it is in force (YYYY-MM, inclusive).
type PolicyWindow struct {
	ID        string   `json:"id"`
	Type      string   `json:"type"`
	Exporters []string `json:"exporters"`
	Importers []string `json:"importers"`
	Sectors   []string `json:"sectors"`
	// Regions are the regions a measure without routes hits (a capacity shock).
	Regions []string `json:"regions,omitempty"`
	Start   string   `json:"start"`
	End     string   `json:"end"` // last month in force; the horizon's end when open-ended
	// Note qualifies a window that is not certain, e.g. a rule that fired in 14 of 20 replicates.
	Note string `json:"note,omitempty"`
}

// WriteManifest fills m.Files with the files committed so far and writes the manifest, last
// and atomically, then syncs the folder. For a folder from OpenResultsDir this commits the
// run: a staged run replaces the previous one whole, and the lock is released.
func (f *Folder) WriteManifest(m *Manifest) error {
	m.Files = f.Files()
	err := f.WriteFile(ManifestName, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	})
	if err != nil {
		return err
	}
	// The manifest is not a data file: it describes them, so it is not in its own list.
	f.files = m.Files
	syncDir(f.Dir)
	if err := f.commit(); err != nil {
		return err
	}
	f.placed, f.made = nil, nil // the run is complete: nothing to roll back
	f.releaseLock()
	return nil
}

// ReadManifest reads DIR/manifest.json.
func ReadManifest(dir string) (*Manifest, error) {
	p, err := inside(dir, ManifestName)
	if err != nil {
		return nil, err
	}
	b, err := readAllRegular(p, maxManifestBytes)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: not a tradesim manifest: %w", filepath.Join(dir, ManifestName), err)
	}
	return &m, nil
}

// Verify checks that every file the manifest lists exists with its recorded size and SHA-256,
// as a regular file inside dir (no FIFO, device, or link leading out of it).
func (m *Manifest) Verify(dir string) error {
	var errs []error
	for _, fr := range m.Files {
		p, err := m.localPath(dir, fr.Path)
		if err == nil {
			p, err = inside(dir, fr.Path)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got, err := HashFile(p)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("%s: %s", fr.Path, errorText(err)))
		case got.Bytes != fr.Bytes || got.SHA256 != fr.SHA256:
			errs = append(errs, fmt.Errorf("%s: %d bytes with SHA-256 %s, but the manifest records %d bytes with %s", fr.Path, got.Bytes, got.SHA256, fr.Bytes, fr.SHA256))
		}
	}
	return errors.Join(errs...)
}

// localPath resolves a manifest path inside dir, refusing paths that leave it.
func (m *Manifest) localPath(dir, rel string) (string, error) {
	clean := path.Clean(rel)
	if !fs.ValidPath(clean) || strings.HasPrefix(clean, "..") {
		return "", fmt.Errorf("manifest lists %q, which is not a path inside the results folder", rel)
	}
	return filepath.Join(dir, filepath.FromSlash(clean)), nil
}
