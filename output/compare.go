package output

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// ComparisonColumns are the columns of comparison.csv (`tradesim compare`): the summary rows
// of every compared run, with the run's scenario name first.
var ComparisonColumns = append([]string{"scenario"}, SummaryColumns...)

// WriteComparison writes comparison.csv: for every run in order, its summary rows.
func WriteComparison(f *Folder, runs []CompareRun) error {
	return f.WriteFile("comparison.csv", func(w io.Writer) error {
		if _, err := io.WriteString(w, strings.Join(ComparisonColumns, ",")+"\n"); err != nil {
			return err
		}
		var b []byte
		for _, r := range runs {
			for i := range r.Summary {
				b = appendCSVString(b[:0], r.Name)
				b = append(b, ',')
				b = r.Summary[i].appendCSV(b)
				if _, err := w.Write(b); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// ComparedRun records one input of a comparison in its manifest.
type ComparedRun struct {
	Dir            string `json:"dir"`
	Scenario       string `json:"scenario"`
	ManifestSHA256 string `json:"manifest_sha256"`
	Baseline       string `json:"baseline,omitempty"`
	Replicates     int    `json:"replicates,omitempty"`
	Version        string `json:"version,omitempty"`
}

// LoadedRun is a results folder read back: its manifest, its band series and its summary.
type LoadedRun struct {
	Dir      string
	Manifest *Manifest
	Bands    *SeriesBands
	Summary  []SummaryRow
	// ManifestSHA256 is the hash of the manifest file as read.
	ManifestSHA256 string
}

// LoadRun reads a finished results folder: it requires the manifest (a folder without one is
// an unfinished run), checks the files against it, and reads the series and summary tables
// (CSV, or Parquet when there is no CSV).
func LoadRun(dir string) (*LoadedRun, error) {
	m, err := ReadManifest(dir)
	if IsNotExist(err) {
		return nil, fmt.Errorf("%s has no %s: it is not the folder of a finished run (tradesim run SCENARIO -o %s writes one)", dir, ManifestName, dir)
	}
	if err != nil {
		return nil, err
	}
	if err := m.Verify(dir); err != nil {
		return nil, fmt.Errorf("%s does not match its manifest; re-run the scenario: %w", dir, err)
	}
	// Band rows come first in series.csv: stop at the first raw row (--raw adds millions).
	rows, path, err := readTable(dir, m, "series", SeriesColumns, func(rec []string, col []int) (SeriesRow, error) {
		if _, band := bandStat[rec[col[1]]]; !band {
			return SeriesRow{}, errEndOfRows
		}
		return parseSeriesRow(rec, col)
	}, seriesRow)
	if err != nil {
		return nil, err
	}
	b, err := BandsFromRows(rows)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	b.Replicates, b.Baseline = m.Replicates, m.Baseline
	sum, _, err := readTable(dir, m, "summary", SummaryColumns, parseSummaryRow, summaryRow)
	if err != nil {
		return nil, err
	}
	h, err := HashFile(filepath.Join(dir, ManifestName)) // read as a regular file by ReadManifest
	if err != nil {
		return nil, err
	}
	return &LoadedRun{Dir: dir, Manifest: m, Bands: b, Summary: sum, ManifestSHA256: h.SHA256}, nil
}

// Meta is the chart metadata of a loaded run.
func (r *LoadedRun) Meta(sz Size) ChartMeta {
	m := r.Manifest
	return ChartMeta{Scenario: m.ScenarioName, Title: m.ScenarioTitle, Baseline: m.Baseline, Version: m.Version,
		Replicates: m.Replicates, Windows: m.Policies, Size: sz}
}
