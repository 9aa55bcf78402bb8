// Package build generates the default world (scenarios/worlds/default) from the published
// figures in targets.csv and the documented assumptions in this package: it sizes every
// region-sector from GDP and sector facts, builds a prior table from input mixes, final-demand
// mixes and home bias, and balances it by iterative proportional fitting so that output, input
// costs and the fitted trade targets hold together. Run `go generate ./scenarios/worlds` (or the
// test in this package with -update) to rewrite the files.
package build

import (
	"fmt"
	"strconv"

	"github.com/tradesim/tradesim/scenarios/worlds"
	"github.com/tradesim/tradesim/sim"
)

// Result is a generated world with what the balancing achieved.
type Result struct {
	Folder  *worlds.Folder
	Targets []worlds.Target
	Sweeps  int     // IPF sweeps in the last round
	MaxDev  float64 // largest relative deviation of any constraint after balancing
	USScale float64 // factor on the Section 301 profile
	CNScale float64 // factor on China's retaliation profile
}

// Settings of the balancing.
const (
	fitTolerance = 1e-11 // relative; stops the sweeps once every constraint is met this closely
	maxSweeps    = 4000
	tariffRounds = 6 // outer rounds that rescale the US-China tariff profiles to PIIE's averages
	flowDecimals = 6 // flows are rounded to 6 decimals of USD billions (USD 1,000) in the files
)

// Build generates the default world from the targets file's contents.
func Build(targetsCSV []byte) (*Result, error) {
	w := sim.NewWorld(worlds.DefaultName, append([]sim.Label(nil), regions...), append([]sim.Label(nil), sectors...))
	w.BaseYear, w.Currency = 2024, "USD billions"
	targets, err := worlds.ReadTargets(targetsCSV, worlds.TargetsFile, w)
	if err != nil {
		return nil, err
	}
	sz, err := sizeEconomy(targets)
	if err != nil {
		return nil, err
	}
	S := nSectors
	nZ := len(w.Z)
	x := prior(w, sz)

	usAvg, err := targetValue(targets, "tariff_usa_on_chn")
	if err != nil {
		return nil, err
	}
	cnAvg, err := targetValue(targets, "tariff_chn_on_usa")
	if err != nil {
		return nil, err
	}
	usScale, cnScale := 1.0, 1.0
	var sweeps int
	var dev float64
	for round := 0; round < tariffRounds; round++ {
		w.Tariff0, _ = baseTariffs(usScale, cnScale)
		cs := constraints(w, sz, targets)
		sweeps, dev = fit(x, cs, fitTolerance, maxSweeps)
		copy(w.Z, x[:nZ])
		copy(w.Y, x[nZ:])
		us, cn := avgTariff(w, CHN, USA), avgTariff(w, USA, CHN)
		usScale *= usAvg / us
		cnScale *= cnAvg / cn
		if round == 0 {
			resplitServices(w, x)
		}
	}
	var src []string
	w.Tariff0, src = baseTariffs(usScale, cnScale)
	for k := range w.Z {
		w.Z[k] = quantize(w.Z[k])
	}
	for k := range w.Y {
		w.Y[k] = quantize(w.Y[k])
	}
	for j := range S {
		w.Params[j] = paramsOf(j)
	}
	for _, c := range criticality {
		w.Criticality[c.in*S+c.user] = c.phi
	}
	for r, m := range labourMarkets {
		w.Labour[r] = m.lab
	}
	f, err := folderOf(w, src)
	if err != nil {
		return nil, err
	}
	if err := w.Check(); err != nil {
		return nil, fmt.Errorf("build: the generated world fails its check: %w", err)
	}
	return &Result{Folder: f, Targets: targets, Sweeps: sweeps, MaxDev: dev, USScale: usScale, CNScale: cnScale}, nil
}

// quantize rounds v to flowDecimals decimals and returns the float64 nearest that decimal, so the
// files show it in its short form (0.006713, not 0.006712999999999999).
func quantize(v float64) float64 {
	x, err := strconv.ParseFloat(strconv.FormatFloat(v, 'f', flowDecimals, 64), 64)
	if err != nil {
		panic(err) // FormatFloat output always parses
	}
	return x
}

// folderOf wraps w with its documentation, round-tripping through the file encoding so the
// Folder equals what Load returns for the written files.
func folderOf(w *sim.World, tariffSrc []string) (*worlds.Folder, error) {
	f := &worlds.Folder{
		World:              w,
		Description:        worldDescription,
		Sources:            worldSources,
		ParamSources:       make([][]string, nSectors),
		TariffSources:      tariffSrc,
		CriticalityReasons: make([]string, nSectors*nSectors),
		LabourSources:      make([]string, nRegions),
	}
	for r, m := range labourMarkets {
		f.LabourSources[r] = m.src
	}
	for j := range nSectors {
		f.ParamSources[j] = make([]string, len(sim.SectorParamNames))
		for k, name := range sim.SectorParamNames {
			f.ParamSources[j][k] = param(j, name).src
		}
	}
	for _, c := range criticality {
		f.CriticalityReasons[c.in*nSectors+c.user] = c.reason
	}
	return f, nil
}

// targetValue is the value of the input target id (the generator scales tariffs to it).
func targetValue(ts []worlds.Target, id string) (float64, error) {
	for _, t := range ts {
		if t.ID == id && t.Use == "input" {
			return t.Value, nil
		}
	}
	return 0, fmt.Errorf("build: targets.csv has no input target %q", id)
}

// avgTariff is the trade-weighted average base tariff of importer d on goods from o.
func avgTariff(w *sim.World, o, d int) float64 {
	var num, den float64
	for i := range w.S() {
		if w.Sectors[i].Code == "SRV" {
			continue
		}
		var v float64
		for j := range w.S() {
			v += w.Z[w.ZIndex(o, i, d, j)]
		}
		v += w.FinalDemand(o, i, d)
		num += float64(v * w.Tariff0[w.TIndex(o, d, i)])
		den += v
	}
	return num / den
}
