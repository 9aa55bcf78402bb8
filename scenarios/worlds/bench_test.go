package worlds

import (
	"io/fs"
	"testing"
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
