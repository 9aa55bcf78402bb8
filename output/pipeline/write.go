package pipeline

import (
	"context"
	"errors"
	"runtime"
	"time"

	"github.com/tradesim/tradesim/output"
	"github.com/tradesim/tradesim/scenarios/worlds"
	"github.com/tradesim/tradesim/sim"
)

// WriteOptions say what to write where.
type WriteOptions struct {
	// Folder is the results folder, opened and locked by output.OpenResultsDir (which checks
	// that it may be written, and replaces a previous run with --force).
	Folder  *output.Folder
	Formats output.Formats
	Charts  []string // chart formats; none for no charts
	Size    output.Size
	Raw     bool
	Version string
	Workers int // recorded in the manifest
	Started time.Time
	Now     func() time.Time
}

// Written is a results folder that was written: its files, tables and the notes on charts that
// could not be drawn.
type Written struct {
	Folder *output.Folder
	Tables *output.Tables
	Notes  []string
}

// Write writes the tables, the charts and, last, the manifest of a run into o.Folder, which
// the manifest releases. On error the folder is rolled back (and released): it never holds a
// manifest of half-written results.
func Write(ctx context.Context, r *Run, o WriteOptions) (*Written, error) {
	w, err := write(ctx, r, o)
	if err != nil && o.Folder != nil {
		o.Folder.Rollback()
	}
	return w, err
}

func write(ctx context.Context, r *Run, o WriteOptions) (*Written, error) {
	l, res := r.Loaded, r.Header
	folder := o.Folder
	if folder == nil {
		return nil, errors.New("pipeline: Write needs an open results folder")
	}
	w := &Written{Folder: folder}
	windows := output.PolicyWindows(l.Scenario, res.Regions, res.Sectors, r.Fired)
	tables, err := output.NewTablesFrom(ctx, r.Store)
	if err != nil {
		return w, err
	}
	tables.Identity = output.RunIdentity{Version: o.Version, ScenarioSHA256: l.SHA256, World: l.WorldRef, WorldSHA256: worlds.Digest(l.World)}
	if err := tables.Write(ctx, folder, o.Formats, o.Raw); err != nil {
		return w, err
	}
	if len(o.Charts) > 0 {
		meta := output.ChartMeta{
			Scenario: l.Name, Title: l.Scenario.Title, Baseline: tables.Bands.Baseline, Version: o.Version,
			Replicates: tables.Bands.Replicates, Windows: windows, Size: o.Size,
		}
		figs, notes := output.DefaultPack(output.PackInput{Bands: tables.Bands, Summary: tables.Summary, Store: r.Store,
			Regions: res.Regions, Sectors: res.Sectors, Meta: meta})
		w.Notes = notes
		// The figures hold their own bands: collect now, so the 300 dpi canvases reuse the
		// memory of the tables' blocks; the collector would otherwise wait for the heap to double.
		runtime.GC()
		if err := output.WriteCharts(ctx, folder, figs, o.Charts); err != nil {
			return w, err
		}
	}
	finished := o.Now()
	m := &output.Manifest{
		Tool: "tradesim", Version: o.Version,
		ScenarioName: l.Name, ScenarioTitle: l.Scenario.Title, ScenarioSource: l.Path, ScenarioSHA256: l.SHA256,
		Scenario: l.File, Baseline: tables.Bands.Baseline,
		World: l.WorldRef, WorldSHA256: worlds.Digest(l.World),
		Seed: l.Scenario.Seed, Replicates: tables.Bands.Replicates, Firms: res.Firms, Workers: o.Workers,
		Start: res.Start.String(), End: (res.Start + sim.Month(res.Steps-1)).String(),
		Regions: res.Regions, Sectors: res.Sectors, Policies: windows,
		Raw: o.Raw, Formats: o.Formats.List(), Charts: o.Charts,
		StartedAt: o.Started.UTC(), FinishedAt: finished.UTC(), WallSeconds: finished.Sub(o.Started).Seconds(),
	}
	for _, s := range l.Sets {
		m.Sets = append(m.Sets, s.Path+"="+s.Value)
	}
	if m.Charts == nil {
		m.Charts = []string{}
	}
	if err := ctx.Err(); err != nil {
		return w, err
	}
	w.Tables = tables
	return w, folder.WriteManifest(m)
}
