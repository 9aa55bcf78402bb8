package output

import (
	"fmt"
	"slices"

	"github.com/tradesim/tradesim/sim"
)

// PolicyWindows describes a scenario's policies for the manifest and the charts, with codes
// instead of ids and months as YYYY-MM; an open end becomes the horizon's last month. Rules
// that fired in at least one replicate add the window of their measure from the median
// effective month of their first firing, noted "fired in k of N replicates" when not in all.
func PolicyWindows(sc *sim.Scenario, regions, sectors []string, fired [][]sim.FiredRule) []PolicyWindow {
	end := sc.End()
	var out []PolicyWindow
	for _, p := range sc.Policies {
		out = append(out, window(p, p.ID, p.Start, p.End, end, regions, sectors))
	}
	n := len(fired)
	for _, r := range sc.Rules {
		if r.Then == nil {
			continue
		}
		var eff []int
		for _, fs := range fired {
			for _, f := range fs {
				if f.Rule == r.ID {
					eff = append(eff, int(f.Effective))
					break
				}
			}
		}
		if len(eff) == 0 {
			continue
		}
		slices.Sort(eff)
		from := sim.Month(eff[len(eff)/2])
		to := sim.Forever
		if r.Duration > 0 {
			to = from + sim.Month(r.Duration) - 1
		}
		id := r.Then.ID
		if id == "" {
			id = r.ID
		}
		w := window(*r.Then, id, from, to, end, regions, sectors)
		if len(eff) < n {
			w.Note = fmt.Sprintf("rule %s fired in %d of %d replicates", r.ID, len(eff), n)
		} else {
			w.Note = "rule " + r.ID
		}
		out = append(out, w)
	}
	return out
}

func window(p sim.Policy, id string, from, to, end sim.Month, regions, sectors []string) PolicyWindow {
	if to == sim.Forever || to > end {
		to = end
	}
	codes := func(ids []int, names []string) []string {
		out := make([]string, 0, len(ids))
		for _, i := range ids {
			if i >= 0 && i < len(names) {
				out = append(out, names[i])
			}
		}
		return out
	}
	kind := ""
	for name, k := range sim.PolicyKindNames {
		if k == p.Kind {
			kind = name
		}
	}
	var hit []string // regions of a measure without routes (a capacity shock); none otherwise
	if len(p.Regions) > 0 {
		hit = codes(p.Regions, regions)
	}
	return PolicyWindow{ID: id, Type: kind, Regions: hit, Exporters: codes(p.Exporters, regions), Importers: codes(p.Importers, regions),
		Sectors: codes(p.Sectors, sectors), Start: from.String(), End: to.String()}
}

// PolicyRoutes lists the routes (exporter -> importer, sector) the windows cover, without
// duplicates and domestic routes, in the order of the windows.
func PolicyRoutes(ws []PolicyWindow) []Route {
	var out []Route
	seen := map[Route]bool{}
	for _, w := range ws {
		for _, o := range w.Exporters {
			for _, d := range w.Importers {
				for _, s := range w.Sectors {
					r := Route{o, d, s}
					if o != d && !seen[r] {
						seen[r] = true
						out = append(out, r)
					}
				}
			}
		}
	}
	return out
}

// PolicyRegions lists the regions the windows name as exporter or importer, in the order of
// regions.
func PolicyRegions(ws []PolicyWindow, regions []string) []string {
	touched := map[string]bool{}
	for _, w := range ws {
		for _, r := range append(slices.Clone(w.Exporters), w.Importers...) {
			touched[r] = true
		}
	}
	var out []string
	for _, r := range regions {
		if touched[r] {
			out = append(out, r)
		}
	}
	return out
}
