package build

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tradesim/tradesim/scenarios/worlds"
)

// BenchmarkBuild generates the default world: prior, balancing rounds and tariff rescaling.
func BenchmarkBuild(b *testing.B) {
	targets, err := os.ReadFile(filepath.Join(defaultDir, worlds.TargetsFile))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Build(targets); err != nil {
			b.Fatal(err)
		}
	}
}
