package sim

import (
	"fmt"
	"strings"
)

// SectorParamNames are the per-sector parameters a scenario may set as "name.SECTOR" or "name.*".
var SectorParamNames = []string{"sigmaD", "sigmaM", "eta", "lambda", "tau", "tauF", "kappa", "kappaS",
	"kappaD", "pmax", "slack", "g", "L", "capmax", "durable", "thetaL"}

// SectorParam returns a pointer to the named field of p, or nil for an unknown name.
func SectorParam(p *SectorParams, name string) *float64 {
	switch name {
	case "sigmaD":
		return &p.SigmaD
	case "sigmaM":
		return &p.SigmaM
	case "eta":
		return &p.Eta
	case "lambda":
		return &p.Lambda
	case "tau":
		return &p.Tau
	case "tauF":
		return &p.TauF
	case "kappa":
		return &p.Kappa
	case "kappaS":
		return &p.KappaS
	case "kappaD":
		return &p.KappaD
	case "pmax":
		return &p.Pmax
	case "slack":
		return &p.Slack
	case "g":
		return &p.G
	case "L":
		return &p.L
	case "capmax":
		return &p.Capmax
	case "durable":
		return &p.Durable
	case "thetaL":
		return &p.ThetaL
	}
	return nil
}

// DefaultSectorParams are the values a world without a row for one of the parameters that
// version 2 of the model added takes (Optional says which): every one is an assumption, and a
// calibrated world gives its own with a source.
func DefaultSectorParams() SectorParams {
	return SectorParams{
		TauF:    0.5,  // assumption: two weeks of sales in finished goods
		KappaD:  0.05, // assumption: idle capacity shaves a little off margins
		Pmax:    3,    // assumption: a scarcity price at most three times cost
		Capmax:  1.5,  // assumption: capacity can grow to 1.5 times base
		Durable: 0,    // assumption: purchases that find no goods vanish
	}
}

// OptionalSectorParams are the per-sector parameters a world file may leave out: they take
// DefaultSectorParams' values (sigmaD and sigmaM may instead be given as one legacy "sigma").
var OptionalSectorParams = []string{"tauF", "kappaD", "pmax", "capmax", "durable"}

// SplitParamKey splits "sigma.REE" into ("sigma", "REE"); a global key has sector "".
func SplitParamKey(key string) (name, sector string) {
	name, sector, _ = strings.Cut(key, ".")
	return name, sector
}

// CheckParamKey reports whether key names a parameter of world w: a per-sector parameter with a
// sector code of w or "*", or a global parameter. The error says what is valid.
func CheckParamKey(w *World, key string) error {
	name, sector := SplitParamKey(key)
	if _, ok := globalParamIndex(name); ok && sector == "" {
		return nil
	}
	if SectorParam(&SectorParams{}, name) == nil {
		return fmt.Errorf("unknown parameter %q: per-sector parameters are %s (as name.SECTOR or name.*); global parameters are %s",
			name, strings.Join(SectorParamNames, ", "), strings.Join(GlobalParamNames(), ", "))
	}
	if sector == "" {
		return fmt.Errorf("parameter %q needs a sector: write %s.SECTOR or %s.*", name, name, name)
	}
	if sector == "*" {
		return nil
	}
	if _, ok := w.SectorIndex(sector); !ok {
		return fmt.Errorf("unknown sector %q in parameter %q", sector, key)
	}
	return nil
}
