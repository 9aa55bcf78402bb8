package worlds

import (
	"github.com/tradesim/tradesim/sim"
)

// Folder is a world together with the documentation that travels with its files: the sources of
// its data and parameters and the reasons behind its criticality values. Writing a Folder and
// loading it back gives the same Folder.
type Folder struct {
	World       *sim.World
	Description string
	Sources     []string
	// ParamSources[j][k] is the source of parameter sim.SectorParamNames[k] of sector j.
	ParamSources [][]string
	// TariffSources[w.TIndex(o,d,i)] is the source of a base tariff; "" when none was given.
	TariffSources []string
	// CriticalityReasons[i*S+j] explains phi[i,j]; "" when none was given.
	CriticalityReasons []string
	// LabourSources[r] is the source of region r's labour data (World.Labour); "" when none.
	LabourSources []string
}

// File names inside a world folder.
const (
	WorldFile       = "world.yaml"
	FlowsFile       = "flows.csv"
	TariffsFile     = "tariffs.csv"
	SectorsFile     = "sectors.csv"
	CriticalityFile = "criticality.csv"
)

// FinalDemand is the to_use code of final demand in flows.csv of a world with one final-demand
// column: it is read as households' (sim.Households). Worlds that split final demand by buyer
// use sim.BuyerCodes (HH, GOV, INV).
const FinalDemand = "FD"

// buyerOf returns the final-demand buyer a to_use code names, or false for a sector code.
func buyerOf(code string) (sim.Buyer, bool) {
	if code == FinalDemand {
		return sim.Households, true
	}
	return buyerCode(code)
}

// buyerCode returns the buyer a code of sim.BuyerCodes names (FD is not one: it is a to_use
// code of flows.csv only).
func buyerCode(code string) (sim.Buyer, bool) {
	for b, c := range sim.BuyerCodes {
		if c == code {
			return sim.Buyer(b), true
		}
	}
	return 0, false
}

// useCodes are the to_use codes of final demand: FD and the buyers' codes.
var useCodes = append([]string{FinalDemand}, sim.BuyerCodes[:]...)

// Limits that keep a hostile or mistaken file from exhausting memory.
const (
	MaxFileBytes  = 64 << 20 // per file other than flows.csv
	MaxFlowsBytes = 4 << 30  // flows.csv, read as a stream: EXIOBASE's 49 x 163 in long form is about 2 GiB
	MaxRegions    = 500
	MaxSectors    = 500
	// MaxCells caps the R*S*R*S cells of the intermediate table (8 bytes each): EXIOBASE 3's 49
	// regions x 163 industries are 63.8 million.
	MaxCells = 80_000_000
)

// newFolder allocates a Folder around w with empty documentation.
func newFolder(w *sim.World) *Folder {
	S := w.S()
	f := &Folder{
		World:              w,
		ParamSources:       make([][]string, S),
		TariffSources:      make([]string, len(w.Tariff0)),
		CriticalityReasons: make([]string, len(w.Criticality)),
		LabourSources:      make([]string, w.R()),
	}
	for j := range f.ParamSources {
		f.ParamSources[j] = make([]string, len(sim.SectorParamNames))
	}
	return f
}

// Clone returns a deep copy of f.
func (f *Folder) Clone() *Folder {
	c := *f
	c.World = f.World.Clone()
	c.Sources = append([]string(nil), f.Sources...)
	c.ParamSources = make([][]string, len(f.ParamSources))
	for j, p := range f.ParamSources {
		c.ParamSources[j] = append([]string(nil), p...)
	}
	c.TariffSources = append([]string(nil), f.TariffSources...)
	c.CriticalityReasons = append([]string(nil), f.CriticalityReasons...)
	c.LabourSources = append([]string(nil), f.LabourSources...)
	return &c
}
