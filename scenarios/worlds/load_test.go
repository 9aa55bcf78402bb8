package worlds

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/tradesim/tradesim/sim"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/bad/*.txtar")

// smallFS returns the files of testdata/small as an in-memory folder.
func smallFS(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range Files {
		data, err := os.ReadFile(filepath.Join("testdata/small", name))
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

func TestLoadSmall(t *testing.T) {
	w, err := Load("testdata/small")
	if err != nil {
		t.Fatal(err)
	}
	checkWorldInvariants(t, w)
	// Reference values computed by hand from testdata/small/flows.csv.
	if x := w.Output(0, 0); x != 55 {
		t.Errorf("output AAA GDS = %v, want 55", x)
	}
	// VA of BBB GDS = 31 - (6 + 4 + 4*1.1) = 16.6; 1e-12 absolute covers the float sum.
	if va := w.ValueAdded(1, 0); va < 16.6-1e-12 || va > 16.6+1e-12 {
		t.Errorf("value added BBB GDS = %v, want 16.6", va)
	}
	if w.Criticality[0*2+1] != 0.5 || w.Criticality[1*2+0] != 0.2 {
		t.Errorf("criticality = %v", w.Criticality)
	}
	if w.Params[1].L != 12 || w.Params[0].ThetaL != 0.55 {
		t.Errorf("params = %+v", w.Params)
	}
	// No labour list: every region takes the engine's defaults (zero values).
	for r, lab := range w.Labour {
		if lab != (sim.RegionLabour{}) {
			t.Errorf("region %d labour = %+v, want zero", r, lab)
		}
	}
}

// TestBadWorlds loads each case of testdata/bad: testdata/small with the case's files replacing
// (or, listed under "delete", removing) the originals. Each must fail with exactly the messages in
// its want section: file, line, column and a sentence that says what to do.
func TestBadWorlds(t *testing.T) {
	cases, _ := filepath.Glob("testdata/bad/*.txtar")
	if len(cases) < 12 {
		t.Fatalf("only %d bad-world cases", len(cases))
	}
	for _, path := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			fsys := smallFS(t)
			wantAt := -1
			for k, f := range ar.Files {
				switch f.Name {
				case "want":
					wantAt = k
				case "delete":
					for _, name := range strings.Fields(string(f.Data)) {
						delete(fsys, name)
					}
				default:
					fsys[f.Name] = &fstest.MapFile{Data: f.Data}
				}
			}
			if wantAt < 0 {
				t.Fatal("no want section")
			}
			_, err = LoadFS(fsys, func(name string) string { return name })
			if err == nil {
				t.Fatal("the bad world loaded without error")
			}
			got := err.Error() + "\n"
			if *update {
				ar.Files[wantAt].Data = []byte(got)
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := string(ar.Files[wantAt].Data); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
				if !strings.Contains(line, ".csv") && !strings.Contains(line, ".yaml") {
					t.Errorf("message does not name its file: %s", line)
				}
			}
		})
	}
}

// TestRoundTrip: the embedded files are the canonical encoding of the default world, and
// encode -> load -> encode is byte-identical with the same digest.
func TestRoundTrip(t *testing.T) {
	f, err := DefaultFolder()
	if err != nil {
		t.Fatal(err)
	}
	files, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, name := range Files {
		emb, err := DefaultFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(emb, files[name]) {
			t.Errorf("embedded %s is not canonical: regenerate with go generate ./scenarios/worlds", name)
		}
		fsys[name] = &fstest.MapFile{Data: files[name]}
	}
	g, err := LoadFS(fsys, func(n string) string { return n })
	if err != nil {
		t.Fatal(err)
	}
	again, err := Encode(g)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range Files {
		if !bytes.Equal(again[name], files[name]) {
			t.Errorf("%s changes on a round trip", name)
		}
	}
	if Digest(g.World) != Digest(f.World) {
		t.Error("digest changes on a round trip")
	}
	dir := t.TempDir()
	if err := WriteDir(f, dir, false); err != nil {
		t.Fatal(err)
	}
	if err := WriteDir(f, dir, false); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("writing into a non-empty folder: err = %v, want a refusal naming --force", err)
	}
	h, err := LoadFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if Digest(h.World) != Digest(f.World) {
		t.Error("digest changes through a folder")
	}
}

func TestResolve(t *testing.T) {
	w, err := Resolve("default", "")
	if err != nil || w.Name != "default" {
		t.Fatalf("Resolve(default) = %v, %v", w, err)
	}
	w, err = Resolve("small", "testdata")
	if err != nil || w.Name != "small" {
		t.Fatalf("Resolve(small, testdata) = %v, %v", w, err)
	}
	if _, err := Resolve("nowhere", "testdata"); err == nil || !strings.Contains(err.Error(), "testdata/nowhere") {
		t.Fatalf("Resolve(nowhere) err = %v, want it to name the folder", err)
	}
}
