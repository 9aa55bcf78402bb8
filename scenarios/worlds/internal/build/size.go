package build

import (
	"fmt"

	"github.com/tradesim/tradesim/scenarios/worlds"
)

// sizes are the control totals of the balancing: gross output and value added by region-sector,
// and final demand for defence.
type sizes struct {
	gdp    [nRegions]float64
	output [nRegions][nSectors]float64
	va     [nRegions][nSectors]float64
}

// sizeEconomy derives output and value added of every region-sector from GDP (targets.csv, use
// "input"), vaSharePct and outputBn, with services as the residual.
func sizeEconomy(targets []worlds.Target) (*sizes, error) {
	sz := &sizes{}
	have := [nRegions]bool{}
	for _, t := range targets {
		if t.Quantity.Func == "gdp" && t.Use == "input" {
			r := t.Quantity.Regions[0]
			sz.gdp[r], have[r] = t.Value, true
		}
	}
	for r := range nRegions {
		if !have[r] {
			return nil, fmt.Errorf("build: targets.csv has no input row gdp(%s)", regions[r].Code)
		}
		rest := sz.gdp[r]
		for i := range nSectors {
			if i == SRV {
				continue
			}
			v := valueAddedRatio(r, i)
			switch {
			case outputBn[r][i] > 0:
				sz.output[r][i] = outputBn[r][i]
				sz.va[r][i] = outputBn[r][i] * v
			case vaSharePct[r][i] > 0:
				sz.va[r][i] = sz.gdp[r] * vaSharePct[r][i] / 100
				sz.output[r][i] = sz.va[r][i] / v
			default:
				return nil, fmt.Errorf("build: %s %s has neither an output nor a value-added share", regions[r].Code, sectors[i].Code)
			}
			rest -= sz.va[r][i]
		}
		if rest <= 0 {
			return nil, fmt.Errorf("build: %s: the sectors other than services exceed GDP", regions[r].Code)
		}
		sz.va[r][SRV] = rest
		sz.output[r][SRV] = rest / valueAddedRatio(r, SRV)
	}
	return sz, nil
}
