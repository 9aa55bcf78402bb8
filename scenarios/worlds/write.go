package worlds

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/google/renameio/v2"
	"go.yaml.in/yaml/v3"

	"github.com/tradesim/tradesim/sim"
)

// Files lists the files of a world folder in the order they are written and digested.
var Files = []string{WorldFile, FlowsFile, TariffsFile, SectorsFile, CriticalityFile}

// Encode renders f as the five files of a world folder. The encoding is canonical: rows in id
// order, zero flows, tariffs and criticalities without a reason left out, numbers in the shortest
// form that reads back to the same float64. So Encode(Load(Encode(f))) == Encode(f), byte for byte.
func Encode(f *Folder) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, name := range Files {
		data, err := encodeFile(f, name)
		if err != nil {
			return nil, err
		}
		out[name] = data
	}
	return out, nil
}

// encodeFile renders one file of Files.
func encodeFile(f *Folder, name string) ([]byte, error) {
	switch name {
	case WorldFile:
		return encodeMeta(f)
	case FlowsFile:
		return encodeFlows(f.World), nil
	case TariffsFile:
		return encodeTariffs(f), nil
	case SectorsFile:
		return encodeSectors(f), nil
	case CriticalityFile:
		return encodeCriticality(f), nil
	}
	return nil, fmt.Errorf("worlds: no file %q in a world folder", name)
}

type labelOut struct {
	Code        string `yaml:"code"`
	Name        string `yaml:"name"`
	Description string `yaml:"description,omitempty"`
}

type metaOut struct {
	Name        string      `yaml:"name"`
	BaseYear    int         `yaml:"base_year"`
	Currency    string      `yaml:"currency"`
	Description string      `yaml:"description,omitempty"`
	Regions     []labelOut  `yaml:"regions"`
	Sectors     []labelOut  `yaml:"sectors"`
	Labour      []labourOut `yaml:"labour,omitempty"`
	Sources     []string    `yaml:"sources,omitempty"`
}

type labourOut struct {
	Region       string  `yaml:"region"`
	Force        float64 `yaml:"labour_force,omitempty"`
	Unemployment float64 `yaml:"unemployment,omitempty"`
	Floor        float64 `yaml:"unemployment_floor,omitempty"`
	JobFinding   float64 `yaml:"job_finding,omitempty"`
	Source       string  `yaml:"source,omitempty"`
}

func encodeMeta(f *Folder) ([]byte, error) {
	w := f.World
	m := metaOut{Name: w.Name, BaseYear: w.BaseYear, Currency: w.Currency, Description: f.Description, Sources: f.Sources}
	for _, r := range w.Regions {
		m.Regions = append(m.Regions, labelOut(r))
	}
	for _, s := range w.Sectors {
		m.Sectors = append(m.Sectors, labelOut(s))
	}
	for r, lab := range w.Labour {
		var src string
		if r < len(f.LabourSources) {
			src = f.LabourSources[r]
		}
		if lab != (sim.RegionLabour{}) || src != "" {
			m.Labour = append(m.Labour, labourOut{Region: w.Regions[r].Code, Force: lab.Force, Unemployment: lab.Unemployment,
				Floor: lab.Floor, JobFinding: lab.JobFinding, Source: src})
		}
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("worlds: encode world.yaml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("worlds: encode world.yaml: %w", err)
	}
	return b.Bytes(), nil
}

// num formats a value in the shortest fixed-point form that parses back to the same float64.
func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func csvBytes(rows [][]string) []byte {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	_ = cw.WriteAll(rows) // writing to a bytes.Buffer cannot fail
	return b.Bytes()
}

func encodeFlows(w *sim.World) []byte {
	var b bytes.Buffer
	writeFlows(&b, w)
	return b.Bytes()
}

// writeFlows writes flows.csv row by row, so that a large world (EXIOBASE has 64 million cells)
// never holds its rows as strings at once.
func writeFlows(out io.Writer, w *sim.World) {
	cw := csv.NewWriter(out)
	_ = cw.Write([]string{"from_region", "from_sector", "to_region", "to_use", "value"}) // errors surface at Flush
	rec := make([]string, 5)
	for o, ro := range w.Regions {
		for i, si := range w.Sectors {
			for d, rd := range w.Regions {
				rec[0], rec[1], rec[2] = ro.Code, si.Code, rd.Code
				for j, sj := range w.Sectors {
					if x := w.Z[w.ZIndex(o, i, d, j)]; x != 0 {
						rec[3], rec[4] = sj.Code, num(x)
						_ = cw.Write(rec)
					}
				}
				for b, code := range sim.BuyerCodes {
					if x := w.Y[w.YIndex(o, i, d, sim.Buyer(b))]; x != 0 {
						rec[3], rec[4] = code, num(x)
						_ = cw.Write(rec)
					}
				}
			}
		}
	}
	cw.Flush()
}

func encodeTariffs(f *Folder) []byte {
	w := f.World
	rows := [][]string{{"importer", "exporter", "sector", "rate", "source"}}
	for d, rd := range w.Regions {
		for o, ro := range w.Regions {
			for i, si := range w.Sectors {
				k := w.TIndex(o, d, i)
				if w.Tariff0[k] != 0 || f.TariffSources[k] != "" {
					rows = append(rows, []string{rd.Code, ro.Code, si.Code, num(w.Tariff0[k]), f.TariffSources[k]})
				}
			}
		}
	}
	return csvBytes(rows)
}

func encodeSectors(f *Folder) []byte {
	w := f.World
	rows := [][]string{{"sector", "param", "value", "source"}}
	for j, s := range w.Sectors {
		for k, pn := range sim.SectorParamNames {
			p := w.Params[j]
			rows = append(rows, []string{s.Code, pn, num(*sim.SectorParam(&p, pn)), f.ParamSources[j][k]})
		}
	}
	return csvBytes(rows)
}

func encodeCriticality(f *Folder) []byte {
	w := f.World
	S := w.S()
	rows := [][]string{{"input", "user", "phi", "reason"}}
	for i, si := range w.Sectors {
		for j, sj := range w.Sectors {
			if phi := w.Criticality[i*S+j]; phi != 0 || f.CriticalityReasons[i*S+j] != "" {
				rows = append(rows, []string{si.Code, sj.Code, num(phi), f.CriticalityReasons[i*S+j]})
			}
		}
	}
	return csvBytes(rows)
}

// WriteDir writes f into dir (created if needed). Each file is written to a temporary name and
// renamed into place. Unless force is set, a dir that holds any file already is refused.
func WriteDir(f *Folder, dir string, force bool) error {
	files, err := Encode(f)
	if err != nil {
		return err
	}
	if !force {
		entries, err := os.ReadDir(dir)
		if err == nil && len(entries) > 0 {
			return fmt.Errorf("%s is not empty; choose an empty folder or pass --force to overwrite", dir)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("worlds: create %s: %w", dir, err)
	}
	for _, name := range Files {
		if err := renameio.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return fmt.Errorf("worlds: write %s: %w", filepath.Join(dir, name), err)
		}
	}
	return nil
}
