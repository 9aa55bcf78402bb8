package scenarios

import (
	"fmt"
	"path/filepath"

	"github.com/tradesim/tradesim/sim"
)

// defaultCodes are the regions and sectors of the default world (MODEL.md §2). Tests build
// their own world so that this package never imports scenarios/worlds.
var (
	defaultRegions = []string{"USA", "CHN", "EU", "JPN", "KOR", "TWN", "ROW"}
	defaultSectors = []string{"AGR", "MIN", "REE", "CHM", "MET", "SEMI", "AIC", "ELEC", "EQP", "AUTO", "DEF", "OMF", "SRV"}
)

func labels(codes []string) []sim.Label {
	out := make([]sim.Label, len(codes))
	for i, c := range codes {
		out[i] = sim.Label{Code: c, Name: c}
	}
	return out
}

var (
	testWorld   = sim.NewWorld("default", labels(defaultRegions), labels(defaultSectors))
	nordicWorld = sim.NewWorld("nordic", labels([]string{"USA", "CHN", "NO", "SE", "ROW"}), labels([]string{"AGR", "MIN", "REE", "FISH"}))
)

// testResolve resolves "default" to the default codes and any folder named nordic to a world
// with Norway (NO); any other reference fails as a missing folder would.
func testResolve(ref, baseDir string) (*sim.World, error) {
	switch {
	case ref == "default":
		return testWorld, nil
	case filepath.Base(ref) == "nordic":
		return nordicWorld, nil
	}
	return nil, fmt.Errorf("no world folder at %s", filepath.Join(baseDir, ref))
}

var testOpts = LoadOptions{ResolveWorld: testResolve}
