package worlds

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// BenchmarkLoadDefault parses and checks the embedded default world (what the first Default call
// costs; later calls only clone).
func BenchmarkLoadDefault(b *testing.B) {
	sub, err := fs.Sub(defaultFiles, "default")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := LoadFS(sub, func(n string) string { return n }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDefaultClone is the cost of each Default call after the first.
func BenchmarkDefaultClone(b *testing.B) {
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDigest(b *testing.B) {
	w, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_ = Digest(w)
	}
}

// BenchmarkImport aggregates synthetic square tables of R regions x S sectors (every cell filled)
// to 2 x 2 through a wildcard map; rows/s is what to expect from a full OECD ICIO table (about
// 15 million cells in long form).
func BenchmarkImport(b *testing.B) {
	for _, size := range []struct{ R, S int }{{5, 10}, {10, 20}, {20, 30}} {
		var csv strings.Builder
		csv.WriteString("from_region,from_sector,to_region,to_use,value\n")
		rows := 0
		for o := range size.R {
			for i := range size.S {
				for d := range size.R {
					for j := range size.S {
						fmt.Fprintf(&csv, "R%d,S%d,R%d,S%d,%d\n", o, i, d, j, 1+(o+i+d+j)%5)
						rows++
					}
					fmt.Fprintf(&csv, "R%d,S%d,R%d,FD,%d\n", o, i, d, 10*size.S)
					rows++
				}
			}
		}
		data := []byte(csv.String())
		mp := "kind,from,to\nregion,R0,AAA\nregion,*,BBB\nsector,S0,GDS\nsector,*,SVC\n"
		m, err := ReadMapping(fstest.MapFS{"m.csv": {Data: []byte(mp)}}, "m.csv", "m.csv")
		if err != nil {
			b.Fatal(err)
		}
		tpl, err := LoadFolder("testdata/small")
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%dx%d", size.R, size.S), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Import(ImportSource{FS: fstest.MapFS{"f.csv": {Data: data}}, Name: "f.csv", Display: "f.csv"}, m,
					ImportOptions{Template: tpl}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// syntheticWorld writes a world of R regions x S sectors with every flow filled (R*S*R*S
// intermediate rows plus R*S*R final-demand rows) as an in-memory folder; it returns the folder
// and the number of rows of flows.csv.
func syntheticWorld(R, S int) (fstest.MapFS, int) {
	var meta strings.Builder
	meta.WriteString("name: synthetic\nbase_year: 2024\ncurrency: USD billions\nregions:\n")
	for r := range R {
		fmt.Fprintf(&meta, "  - code: R%d\n", r)
	}
	meta.WriteString("sectors:\n")
	for s := range S {
		fmt.Fprintf(&meta, "  - code: S%d\n", s)
	}
	var flows strings.Builder
	flows.WriteString("from_region,from_sector,to_region,to_use,value\n")
	rows := 0
	for o := range R {
		for i := range S {
			for d := range R {
				for j := range S {
					fmt.Fprintf(&flows, "R%d,S%d,R%d,S%d,%d\n", o, i, d, j, 1+(o+i+d+j)%5)
					rows++
				}
				fmt.Fprintf(&flows, "R%d,S%d,R%d,HH,%d\n", o, i, d, 10*S)
				rows++
			}
		}
	}
	var sectors strings.Builder
	sectors.WriteString("sector,param,value,source\n")
	for s := range S {
		for _, p := range []string{"sigmaD", "sigmaM", "eta", "lambda", "tau", "kappa", "kappaS", "slack", "g", "L", "thetaL"} {
			fmt.Fprintf(&sectors, "S%d,%s,0.5,assumption\n", s, p)
		}
	}
	return fstest.MapFS{
		WorldFile:       {Data: []byte(meta.String())},
		FlowsFile:       {Data: []byte(flows.String())},
		TariffsFile:     {Data: []byte("importer,exporter,sector,rate\n")},
		SectorsFile:     {Data: []byte(sectors.String())},
		CriticalityFile: {Data: []byte("input,user,phi\n")},
	}, rows
}

// BenchmarkLoadLarge loads dense synthetic worlds of growing size: the time per row of flows.csv
// (ns/row) stays flat, so loading is linear in the rows (EXIOBASE's 49 x 163, 64 million rows,
// takes that many times ns/row).
func BenchmarkLoadLarge(b *testing.B) {
	for _, size := range []struct{ R, S int }{{7, 13}, {15, 30}, {25, 50}} {
		fsys, rows := syntheticWorld(size.R, size.S)
		b.Run(fmt.Sprintf("%dx%d", size.R, size.S), func(b *testing.B) {
			b.SetBytes(int64(len(fsys[FlowsFile].Data)))
			for b.Loop() {
				if _, err := LoadFS(fsys, func(n string) string { return n }); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(rows)/float64(b.N), "ns/row")
		})
	}
}
