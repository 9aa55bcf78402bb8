package scenarios

import (
	"fmt"
	"path/filepath"

	"github.com/tradesim/tradesim/sim"
)

// defaultRegions and defaultSectors are the codes and names of the default world (sim/README.md §2,
// scenarios/README.md). Tests build their own world so that this package never imports
// scenarios/worlds; the names matter, since an unknown code is matched against them too.
var (
	defaultRegionLabels = []sim.Label{{Code: "USA", Name: "United States"}, {Code: "CHN", Name: "China (mainland)"},
		{Code: "EU", Name: "European Union (27)"}, {Code: "JPN", Name: "Japan"}, {Code: "KOR", Name: "South Korea"},
		{Code: "TWN", Name: "Taiwan"}, {Code: "ROW", Name: "Rest of the world"}}
	defaultSectorLabels = []sim.Label{{Code: "AGR", Name: "Agriculture"}, {Code: "MIN", Name: "Mining and fuels"},
		{Code: "REE", Name: "Rare earths and magnets"}, {Code: "CHM", Name: "Chemicals and pharmaceuticals"},
		{Code: "MET", Name: "Basic and fabricated metals"}, {Code: "SEMI", Name: "Semiconductors (without AI accelerators)"},
		{Code: "AIC", Name: "AI accelerators (H100/H20, MI300/MI308, Ascend)"}, {Code: "ELEC", Name: "Electronics and electrical equipment"},
		{Code: "EQP", Name: "Machinery and equipment"}, {Code: "AUTO", Name: "Motor vehicles and parts"}, {Code: "DEF", Name: "Defence"},
		{Code: "OMF", Name: "Other manufacturing"}, {Code: "SRV", Name: "Services"}}
	defaultRegions = codesOf(defaultRegionLabels)
	defaultSectors = codesOf(defaultSectorLabels)
)

func codesOf(ls []sim.Label) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Code
	}
	return out
}

func labels(codes []string) []sim.Label {
	out := make([]sim.Label, len(codes))
	for i, c := range codes {
		out[i] = sim.Label{Code: c, Name: c}
	}
	return out
}

var (
	testWorld   = sim.NewWorld("default", defaultRegionLabels, defaultSectorLabels)
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
