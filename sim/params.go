package sim

import (
	"fmt"
	"strings"
)

// SectorParamNames are the per-sector parameters a scenario may set as "name.SECTOR" or "name.*".
var SectorParamNames = []string{"sigma", "eta", "lambda", "tau", "kappa", "kappaS", "slack", "g", "L", "thetaL"}

// SectorParam returns a pointer to the named field of p, or nil for an unknown name.
func SectorParam(p *SectorParams, name string) *float64 {
	switch name {
	case "sigma":
		return &p.Sigma
	case "eta":
		return &p.Eta
	case "lambda":
		return &p.Lambda
	case "tau":
		return &p.Tau
	case "kappa":
		return &p.Kappa
	case "kappaS":
		return &p.KappaS
	case "slack":
		return &p.Slack
	case "g":
		return &p.G
	case "L":
		return &p.L
	case "thetaL":
		return &p.ThetaL
	}
	return nil
}

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
