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
