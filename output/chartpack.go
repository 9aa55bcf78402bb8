package output

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"

	"golang.org/x/sync/errgroup"
)

// Pack sizes (assumptions: what a brief uses without drowning the reader).
const (
	packFans    = 4 // fan charts of the most affected region-sectors
	packRegions = 7 // regions in small multiples: Okabe–Ito has 7 colours readable as lines
	packShort   = 6 // region-sectors on the shortage chart
)

// PackInput is what the default chart pack draws from.
type PackInput struct {
	Bands   *SeriesBands
	Summary []SummaryRow
	Store   *Store   // the replicates, for the policy-route flows; nil skips the flow chart
	Regions []string // every region, in world order
	Sectors []string
	Meta    ChartMeta
}

// DefaultPack draws the charts of `tradesim run`: fan charts of output for the most affected
// region-sectors, small multiples of output by sector for the regions the policies touch, the
// volumes on the policy routes, prices and shortage rates of the region-sectors short of
// supply, and the region panel. It returns the figures and, for charts it could not draw, a
// sentence saying why (no policy routes, no shortage).
func DefaultPack(in PackInput) ([]*Figure, []string) {
	var figs []*Figure
	var notes []string
	add := func(f *Figure, err error) {
		if err != nil {
			notes = append(notes, err.Error())
			return
		}
		figs = append(figs, f)
	}
	ext := NewExtremes(in.Summary)
	byPeak := func(keys []Key) { // by the larger of the median trough and peak
		slices.SortStableFunc(keys, func(a, b Key) int { return cmp.Compare(ext.Move(b), ext.Move(a)) })
	}

	var outputs []Key
	for _, k := range in.Bands.Keys {
		if k.Variable == "output" && k.Region != All && k.Sector != All {
			outputs = append(outputs, k)
		}
	}
	byPeak(outputs)
	for _, k := range outputs[:min(len(outputs), packFans)] {
		add(FanChart(in.Bands, k, in.Meta))
	}

	regions := PolicyRegions(in.Meta.Windows, in.Regions)
	if len(regions) == 0 {
		regions = in.Regions
	}
	if len(regions) > packRegions {
		keys := make([]Key, len(regions))
		for i, r := range regions {
			keys[i] = Key{r, All, "gdp_real"}
		}
		byPeak(keys)
		keys = keys[:packRegions]
		regions = regions[:0]
		for _, r := range in.Regions {
			if slices.ContainsFunc(keys, func(k Key) bool { return k.Region == r }) {
				regions = append(regions, r)
			}
		}
	}
	add(MultiplesChart(in.Bands, "output", regions, in.Sectors, in.Meta))

	if in.Store != nil {
		routes := PolicyRoutes(in.Meta.Windows)
		if len(routes) == 0 {
			notes = append(notes, "no flow chart: the scenario has no policy on a trade route")
		} else if rs, err := in.Store.FlowQuantityBands(routes); err != nil {
			notes = append(notes, "no flow chart: "+err.Error())
		} else {
			add(FlowsChart(rs, in.Meta))
		}
	}

	if short := shortPlaces(in.Bands.Keys, ext.Peak); len(short) == 0 {
		notes = append(notes, fmt.Sprintf("no shortage chart: no region-sector's median peak shortage rate rises by %g points or more", ShortageThreshold))
	} else {
		add(ShortageChart(in.Bands, short[:min(len(short), packShort)], in.Meta))
	}

	add(RegionPanelChart(in.Bands, in.Regions, in.Meta))
	return figs, notes
}

// WriteCharts writes every figure in every format into DIR/charts/NAME.FORMAT. PDFs embed their
// fonts; SVGs name Liberation Sans with Arial and Helvetica as fallbacks (same metrics), which
// keeps them at tens of kB instead of 1 MB each.
// Charts are drawn in parallel (one per core: rasterising a 300 dpi PNG takes about half a
// second) into memory, then written in order, so the files do not depend on the scheduling.
func WriteCharts(ctx context.Context, f *Folder, figs []*Figure, formats []string) error {
	type job struct {
		fig    *Figure
		format string
		buf    bytes.Buffer
	}
	jobs := make([]*job, 0, len(figs)*len(formats))
	for _, fig := range figs {
		for _, format := range formats {
			jobs = append(jobs, &job{fig: fig, format: format})
		}
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, j := range jobs {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			if err := j.fig.WriteTo(&j.buf, j.format, false); err != nil {
				return fmt.Errorf("output: drawing chart %s.%s: %w", j.fig.Name, j.format, err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for _, j := range jobs {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := f.WriteFile("charts/"+j.fig.Name+"."+j.format, func(w io.Writer) error {
			_, err := w.Write(j.buf.Bytes())
			return err
		})
		if err != nil {
			return err
		}
		j.buf = bytes.Buffer{} // release the rendered bytes
	}
	return nil
}
