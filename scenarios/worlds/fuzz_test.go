package worlds

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary bytes as one file of the small test world: loading must never panic,
// and a world it accepts must pass the engine's Check. Run longer with
// go test -fuzz FuzzLoad ./scenarios/worlds.
func FuzzLoad(f *testing.F) {
	base := map[string][]byte{}
	for _, name := range Files {
		data, err := os.ReadFile(filepath.Join("testdata/small", name))
		if err != nil {
			f.Fatal(err)
		}
		base[name] = data
	}
	for k, name := range Files {
		f.Add(k, base[name])
	}
	f.Add(1, []byte("from_region,from_sector,to_region,to_use,value\nAAA,GDS,AAA,FD,1e308\nAAA,GDS,AAA,GDS,1e308\n"))
	f.Add(0, []byte("name: x\nbase_year: 2024\ncurrency: c\nregions: &a [{code: A}]\nsectors: *a\n"))
	f.Add(0, []byte("name: x\nbase_year: 2024\ncurrency: c\nregions: [{code: AAA}, {code: BBB}]\nsectors: [{code: GDS}, {code: SVC}]\nlabour: [{region: AAA, unemployment: 0.04, unemployment_floor: 0.02, job_finding: 0.3, labour_force: 1, source: s}]\n"))
	f.Fuzz(func(t *testing.T, which int, data []byte) {
		if which < 0 {
			which = -which
		}
		fsys := fstest.MapFS{}
		for name, d := range base {
			fsys[name] = &fstest.MapFile{Data: d}
		}
		fsys[Files[which%len(Files)]] = &fstest.MapFile{Data: data}
		folder, err := LoadFS(fsys, func(n string) string { return n })
		if err != nil {
			return
		}
		if err := folder.World.Check(); err != nil {
			t.Fatalf("a loaded world fails Check: %v", err)
		}
	})
}

// FuzzImport feeds arbitrary flows and mapping files to Import (with the small world as template):
// no panic, and an accepted world passes Check.
func FuzzImport(f *testing.F) {
	tpl, err := LoadFolder("testdata/small")
	if err != nil {
		f.Fatal(err)
	}
	flows, err := os.ReadFile("testdata/small/flows.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(flows, []byte(""))
	f.Add(flows, []byte("kind,from,to,share\nregion,AAA,AAA\nregion,*,BBB\nsector,GDS,GDS,0.5\nsector,GDS,SVC,0.5\nsector,SVC,SVC\ndrop,X,\n"))
	f.Fuzz(func(t *testing.T, flows, mapping []byte) {
		var m *Mapping
		if len(mapping) > 0 {
			var err error
			if m, err = ReadMapping(fstest.MapFS{"m.csv": {Data: mapping}}, "m.csv", "m.csv"); err != nil {
				return
			}
		}
		g, err := Import(ImportSource{FS: fstest.MapFS{"f.csv": {Data: flows}}, Name: "f.csv", Display: "f.csv"}, m,
			ImportOptions{Template: tpl})
		if err != nil {
			return
		}
		if err := g.World.Check(); err != nil {
			t.Fatalf("an imported world fails Check: %v", err)
		}
	})
}
