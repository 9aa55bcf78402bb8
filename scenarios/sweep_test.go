package scenarios

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/scenarios/yamlfile"
)

// TestLoadSweep: a good sweep file loads with its base scenario, factors, metrics and plan.
func TestLoadSweep(t *testing.T) {
	sw, err := LoadSweep("testdata/sweep/good/tariff-rate.yaml", testOpts)
	if err != nil {
		t.Fatal(err)
	}
	if sw.Runs() != 12 || len(sw.Factors) != 2 || len(sw.Metrics) != 3 {
		t.Fatalf("runs %d, factors %d, metrics %d; want 12, 2, 3", sw.Runs(), len(sw.Factors), len(sw.Metrics))
	}
	if got := sw.Factors[1].Values; len(got) != 3 || got[0] != 1 || got[2] != 8 {
		t.Errorf("log steps from 1 to 8: got %v", got)
	}
	if m := sw.Metrics[0]; m.Name != "gdp_real_usa_all_trough" || m.Sector != All || m.To != sw.Base.Scenario.Horizon-1 {
		t.Errorf("metric 0 = %+v", m)
	}
	if m := sw.Metrics[1]; m.From != 5 {
		t.Errorf("from 2025-06 is step %d, want 5", m.From)
	}
	p := sw.Plan()
	if len(p.X) != 12 || p.X[0][0] != 0.1 || p.X[1][0] != 0.1 || p.X[3][0] != 0.25 || p.X[11][0] != 1 {
		t.Errorf("grid plan: %v", p.X)
	}
	if sw.RunSeed(0) == sw.RunSeed(1) || sw.RunSeed(3) != sw.RunSeed(3) {
		t.Error("run seeds")
	}
}

// TestBadSweepCorpus loads every file of testdata/sweep/bad: each must be rejected with a
// *diag.List whose messages equal its golden (go test -run TestBadSweepCorpus -update rewrites
// them; review the diff).
func TestBadSweepCorpus(t *testing.T) {
	paths, err := filepath.Glob("testdata/sweep/bad/*.yaml")
	if err != nil || len(paths) < 25 {
		t.Fatalf("%d bad sweep files (%v); want at least 25", len(paths), err)
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".yaml"), func(t *testing.T) {
			sw, err := LoadSweep(p, testOpts)
			if err == nil {
				t.Fatalf("accepted: %+v", sw.File)
			}
			var list *diag.List
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, not *diag.List: %v", err, err)
			}
			for _, d := range list.Items {
				if d.File == p && d.Line < 1 && !strings.Contains(d.Message, "empty") {
					t.Errorf("a message without a line: %v", d)
				}
			}
			got := err.Error() + "\n"
			checkGolden(t, strings.TrimSuffix(p, ".yaml")+".golden", got, "TestBadSweepCorpus")
		})
	}
}

// FuzzLoadSweep feeds arbitrary bytes to the sweep reader, seeded with the sweep corpora. It
// must never panic; it returns a *diag.List whose messages have positions inside the file, or
// a sweep whose plan has Runs() rows of one value per factor.
// Run: go test -run='^$' -fuzz=FuzzLoadSweep -fuzztime=5m -parallel=1 ./scenarios/
func FuzzLoadSweep(f *testing.F) {
	for _, glob := range []string{"testdata/sweep/good/*.yaml", "testdata/sweep/bad/*.yaml"} {
		paths, _ := filepath.Glob(glob)
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sw, err := loadSweepBytes("fuzz.yaml", data, "testdata/sweep/good", testOpts)
		if err != nil {
			var list *diag.List
			switch {
			case errors.As(err, &list):
				lines := yamlfile.SplitLines(data)
				for _, d := range list.Items {
					if d.File != "fuzz.yaml" {
						continue
					}
					if d.Line < 0 || d.Line > len(lines) || (d.Line > 0 && d.Col > utf8.RuneCountInString(lines[d.Line-1])+1) {
						t.Fatalf("a problem at %d:%d, outside the file's %d lines: %+v", d.Line, d.Col, len(lines), d)
					}
				}
			case errors.Is(err, fs.ErrNotExist):
			default:
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		if sw.Runs() > 2000 {
			return // planning is checked on small sweeps only
		}
		p := sw.Plan()
		if len(p.X) != sw.Runs() {
			t.Fatalf("plan has %d runs, Runs() says %d", len(p.X), sw.Runs())
		}
		for _, row := range p.X {
			if len(row) != len(sw.Factors) {
				t.Fatalf("a plan row with %d values for %d factors", len(row), len(sw.Factors))
			}
		}
	})
}

// TestExampleSweeps: the example sweeps README.md shows (scenarios/sweeps) are valid.
func TestExampleSweeps(t *testing.T) {
	paths, _ := filepath.Glob("sweeps/*.yaml")
	n := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !IsSweepFile(data) {
			continue
		}
		n++
		if _, err := LoadSweep(p, testOpts); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if n < 2 {
		t.Errorf("%d example sweeps; README.md shows two", n)
	}
}

// TestReadmeCoversSweep: scenarios/README.md names every field of the sweep file.
func TestReadmeCoversSweep(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[SweepFile](), reflect.TypeFor[FactorSpec](), reflect.TypeFor[MetricSpec]()} {
		for _, n := range fieldsOf(typ).names {
			if !strings.Contains(string(data), "`"+n+"`") {
				t.Errorf("README.md does not document the sweep field `%s`", n)
			}
		}
	}
}
