package worlds

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/sim"
)

// MaxImportBytes caps the source table of an import (OECD ICIO in long form is a few GB at most;
// it is streamed, so memory grows with the aggregated table only).
const MaxImportBytes = 8 << 30

// ImportSource names an input file of an import: an fs and a file name in it, and the name shown
// in messages. A zero ImportSource means "not given".
type ImportSource struct {
	FS      fs.FS
	Name    string
	Display string
}

func (s ImportSource) given() bool { return s.FS != nil }

// ImportOptions say how to complete an imported table into a world.
type ImportOptions struct {
	Name        string  // world name
	BaseYear    int     // 0: the template's
	Currency    string  // "": the template's
	Template    *Folder // labels, tariffs, sector parameters and criticality for codes it knows
	Tariffs     ImportSource
	Sectors     ImportSource
	Criticality ImportSource
}

type cellKey struct{ o, i, d, j int } // j = -1 - b for final demand of buyer b

// Import aggregates a source table in long form (from_region,from_sector,to_region,to_use,value)
// through m (nil keeps codes as they are) into a world. Rows for the same cell are added. Labels,
// tariffs, sector parameters and criticality come from the optional files in opts, else from the
// template for codes it knows; a sector with parameters from neither is an error. The result is
// checked like a loaded world (positive output and value added everywhere).
func Import(flows ImportSource, m *Mapping, opts ImportOptions) (*Folder, error) {
	var l diag.List
	in := &importer{m: m, l: &l, display: flows.Display, cells: map[cellKey]float64{},
		regionIdx: map[string]int{}, sectorIdx: map[string]int{}}
	in.read(flows)
	if l.Len() > 0 {
		return nil, l.Err()
	}
	regions := in.order(in.regions, opts.Template, true, m)
	sectors := in.order(in.sectors, opts.Template, false, m)
	if R, S := len(regions), len(sectors); !sizeOK(R, S) {
		l.Addf(flows.Display, 0, 0, "", "%d regions and %d sectors after aggregation exceed the limits (%d regions, %d sectors, %d cells of the intermediate table); aggregate further with a map", R, S, MaxRegions, MaxSectors, MaxCells)
		return nil, l.Err()
	}
	name := opts.Name
	if name == "" {
		name = "imported"
	}
	w := sim.NewWorld(name, labels(regions, opts.Template, true), labels(sectors, opts.Template, false))
	w.BaseYear, w.Currency = opts.BaseYear, opts.Currency
	if opts.Template != nil {
		if w.BaseYear == 0 {
			w.BaseYear = opts.Template.World.BaseYear
		}
		if w.Currency == "" {
			w.Currency = opts.Template.World.Currency
		}
	}
	f := newFolder(w)
	f.Description = "Imported by tradesim world import from " + baseName(flows.Display)
	f.Sources = []string{"flows: " + baseName(flows.Display) + " aggregated by tradesim world import"}
	if in.droppedRows > 0 {
		f.Sources = append(f.Sources, fmt.Sprintf("%d rows of the source left out by the map's drop rows (total value %s)",
			in.droppedRows, strconv.FormatFloat(in.droppedValue, 'g', 10, 64)))
	}
	// Re-index the accumulated cells to the final order. Summation happened in file order.
	rpos := positions(in.regions, regions)
	spos := positions(in.sectors, sectors)
	keys := make([]cellKey, 0, len(in.cells))
	for k := range in.cells {
		keys = append(keys, k)
	}
	for _, k := range keys {
		o, i, d := rpos[k.o], spos[k.i], rpos[k.d]
		if k.j < 0 {
			w.Y[w.YIndex(o, i, d, sim.Buyer(-1-k.j))] += in.cells[k]
		} else {
			w.Z[w.ZIndex(o, i, d, spos[k.j])] += in.cells[k]
		}
	}
	// Final-demand columns may be negative (inventory draws, residents' purchases abroad); they
	// net against the other columns mapped to the same buyer. A cell still negative after
	// aggregation is set to 0, and the world's sources say how much was left out.
	var clipped int
	var clippedValue float64
	for k, y := range w.Y {
		if y < 0 {
			clipped++
			clippedValue += y
			w.Y[k] = 0
		}
	}
	if clipped > 0 {
		f.Sources = append(f.Sources, fmt.Sprintf("%d final-demand cells negative after aggregation (net inventory draws or purchases abroad) set to 0 (total value %s)",
			clipped, strconv.FormatFloat(clippedValue, 'g', 10, 64)))
	}
	ld := newLoader(w, f, &l)
	in.complete(ld, opts)
	if l.Len() > 0 {
		return nil, l.Err()
	}
	checkBalance(w, flows.Display, nil, &l)
	checkFinalTotals(w, flows.Display, &l)
	if l.Len() == 0 {
		if err := w.Check(); err != nil {
			l.Addf(flows.Display, 0, 0, "", "%v", err)
		}
	}
	if l.Len() > 0 {
		return nil, l.Err()
	}
	return f, nil
}

type importer struct {
	m                    *Mapping
	l                    *diag.List
	display              string
	regions, sectors     []string // target codes in order of first appearance
	sellerR, sellerS     []string // target codes in order of first appearance as sellers
	regionIdx, sectorIdx map[string]int
	cells                map[cellKey]float64
	unmapped             map[string]bool
	droppedRows          int
	droppedValue         float64
}

func (in *importer) dropped(code string) bool {
	_, ok := in.m.Drop[code]
	return ok
}

func (in *importer) intern(code string, region bool) int {
	idx, list := in.sectorIdx, &in.sectors
	if region {
		idx, list = in.regionIdx, &in.regions
	}
	if k, ok := idx[code]; ok {
		return k
	}
	idx[code] = len(*list)
	*list = append(*list, code)
	return idx[code]
}

// splits maps one source code; ok is false (and the problem reported once) when it is unmapped.
func (in *importer) splits(code, kind string, line, col int) ([]Split, bool) {
	if in.m == nil {
		if kind == "use" {
			return []Split{{To: code, Share: 1}}, true // one of useCodes
		}
		if !codeRE.MatchString(code) || slices.Contains(reservedCodes, code) {
			in.report(kind, code, line, col, "is not a valid code (a letter, then letters, digits or _); give a --map that renames it")
			return nil, false
		}
		return []Split{{To: code, Share: 1}}, true
	}
	var s []Split
	var ok bool
	switch kind {
	case "region":
		if s, ok = in.m.Regions[code]; !ok {
			s, ok = in.m.Regions["*"]
		}
	case "sector":
		if s, ok = in.m.Sectors[code]; !ok {
			s, ok = in.m.Sectors["*"]
		}
	case "use":
		s, ok = in.m.Uses[code]
		if !ok && slices.Contains(useCodes, code) {
			return []Split{{To: code, Share: 1}}, true
		}
	}
	if !ok {
		in.report(kind, code, line, col, "is not in the map; add a row "+kind+","+code+",TARGET to the map file")
		return nil, false
	}
	return s, true
}

func (in *importer) report(kind, code string, line, col int, msg string) {
	if in.unmapped == nil {
		in.unmapped = map[string]bool{}
	}
	if in.unmapped[kind+code] {
		return
	}
	in.unmapped[kind+code] = true
	in.l.Addf(in.display, line, col, "", "%s %q %s", kind, code, msg)
}

func (in *importer) read(src ImportSource) {
	f, ok := openFile(src.FS, src.Name, src.Display, MaxImportBytes,
		"give the input-output table in long form (from_region,from_sector,to_region,to_use,value)", in.l)
	if !ok {
		return
	}
	defer f.Close()
	lr := &limitedReader{r: f, n: MaxImportBytes, limit: MaxImportBytes}
	cr := csv.NewReader(lr)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cols := []string{"from_region", "from_sector", "to_region", "to_use", "value"}
	header, err := cr.Read()
	if err != nil {
		in.l.Addf(src.Display, 1, 1, "", "cannot read the header: %v", err)
		return
	}
	pos := map[string]int{}
	for k, h := range header {
		pos[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = k
	}
	for _, c := range cols {
		if _, ok := pos[c]; !ok {
			in.l.Addf(src.Display, 1, 1, c, "missing column %q; the header must name %s", c, strings.Join(cols, ","))
		}
	}
	if in.l.Len() > 0 {
		return
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				in.l.Addf(src.Display, pe.Line, pe.Column, "", "not valid CSV: %v", pe.Err)
			} else if lr.exceeded {
				in.l.Addf(src.Display, 0, 0, "", "the file is larger than %d GiB", MaxImportBytes>>30)
			} else {
				in.l.Addf(src.Display, 0, 0, "", "cannot read: %v", err)
			}
			return
		}
		if len(rec) != len(header) {
			line, _ := cr.FieldPos(0)
			in.l.Addf(src.Display, line, 1, "", "the row has %d fields but the header has %d", len(rec), len(header))
			continue
		}
		get := func(c string) (string, int, int) {
			k := pos[c]
			line, col := cr.FieldPos(k)
			return strings.TrimSpace(rec[k]), line, col
		}
		or, l1, c1 := get("from_region")
		is, l2, c2 := get("from_sector")
		dr, l3, c3 := get("to_region")
		ju, l4, c4 := get("to_use")
		vs, vl, vc := get("value")
		v, err := strconv.ParseFloat(vs, 64)
		if in.m != nil && len(in.m.Drop) > 0 {
			// Dropped rows (taxes, value added, totals, inventory changes) may hold any sign.
			if in.dropped(or) || in.dropped(is) || in.dropped(dr) || in.dropped(ju) {
				if err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
					in.droppedValue += v
				}
				in.droppedRows++
				continue
			}
		}
		fd := false
		if in.m != nil {
			if _, isUse := in.m.Uses[ju]; isUse || (slices.Contains(useCodes, ju) && in.m.Sectors[ju] == nil) {
				fd = true
			}
		} else {
			fd = slices.Contains(useCodes, ju)
		}
		switch {
		case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
			in.l.Addf(src.Display, vl, vc, "value", "%q is not a finite number", vs)
			continue
		case v < 0 && !fd:
			in.l.Addf(src.Display, vl, vc, "value", "the flow value is negative (%s); intermediate flows must be 0 or more (only final-demand columns such as inventory changes may be negative)", vs)
			continue
		case v == 0:
			continue
		}
		so, ok1 := in.splits(or, "region", l1, c1)
		si, ok2 := in.splits(is, "sector", l2, c2)
		sd, ok3 := in.splits(dr, "region", l3, c3)
		var sj []Split
		var ok4 bool
		if fd {
			sj, ok4 = in.splits(ju, "use", l4, c4)
		} else {
			sj, ok4 = in.splits(ju, "sector", l4, c4)
		}
		if !(ok1 && ok2 && ok3 && ok4) {
			continue
		}
		for _, a := range so {
			if !slices.Contains(in.sellerR, a.To) {
				in.sellerR = append(in.sellerR, a.To)
			}
		}
		for _, b := range si {
			if !slices.Contains(in.sellerS, b.To) {
				in.sellerS = append(in.sellerS, b.To)
			}
		}
		for _, a := range so {
			o := in.intern(a.To, true)
			for _, b := range si {
				i := in.intern(b.To, false)
				for _, c := range sd {
					d := in.intern(c.To, true)
					for _, e := range sj {
						j := 0
						if fd {
							b, _ := buyerOf(e.To)
							j = -1 - int(b)
						} else {
							j = in.intern(e.To, false)
						}
						in.cells[cellKey{o, i, d, j}] += v * a.Share * b.Share * c.Share * e.Share
					}
				}
			}
		}
	}
}

// order returns the target codes: those the template knows in the template's order, then the
// others in the map's order, or else in their order of first appearance as sellers (from_region,
// from_sector), then as buyers.
func (in *importer) order(seen []string, tpl *Folder, region bool, m *Mapping) []string {
	var out []string
	if tpl != nil {
		tcodes := tpl.World.SectorCodes()
		if region {
			tcodes = tpl.World.RegionCodes()
		}
		for _, c := range tcodes {
			if slices.Contains(seen, c) {
				out = append(out, c)
			}
		}
	}
	var rest []string
	if m != nil {
		rest = m.SectorOrder
		if region {
			rest = m.RegionOrder
		}
	}
	sellers := in.sellerS
	if region {
		sellers = in.sellerR
	}
	for _, c := range slices.Concat(rest, sellers, seen) {
		if slices.Contains(seen, c) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func labels(codes []string, tpl *Folder, region bool) []sim.Label {
	out := make([]sim.Label, len(codes))
	for k, c := range codes {
		out[k] = sim.Label{Code: c, Name: c}
		if tpl == nil {
			continue
		}
		ls := tpl.World.Sectors
		if region {
			ls = tpl.World.Regions
		}
		for _, l := range ls {
			if l.Code == c {
				out[k] = l
			}
		}
	}
	return out
}

// positions maps interned ids to positions in the final order.
func positions(interned, final []string) []int {
	pos := make([]int, len(interned))
	for k, c := range interned {
		pos[k] = slices.Index(final, c)
	}
	return pos
}

// complete fills tariffs, sector parameters and criticality from the given files or the template,
// and labour markets from the template's regions of the same code.
func (in *importer) complete(ld loader, opts ImportOptions) {
	w, f, tpl := ld.w, ld.f, opts.Template
	read := func(src ImportSource, required, optional []string) *table {
		return readTable(src.FS, src.Name, src.Display, required, optional, ld.l)
	}
	if opts.Tariffs.given() {
		ld.tariffs(read(opts.Tariffs, []string{"importer", "exporter", "sector", "rate"}, []string{"source"}))
		f.Sources = append(f.Sources, "tariffs: "+baseName(opts.Tariffs.Display))
	} else if tpl != nil {
		for o := range w.R() {
			for d := range w.R() {
				for i := range w.S() {
					to, td, ti, ok := tplIndex(tpl.World, w, o, d, i)
					if ok {
						k := tpl.World.TIndex(to, td, ti)
						w.Tariff0[w.TIndex(o, d, i)] = tpl.World.Tariff0[k]
						f.TariffSources[w.TIndex(o, d, i)] = tpl.TariffSources[k]
					}
				}
			}
		}
		f.Sources = append(f.Sources, "tariffs: the "+tpl.World.Name+" world's where codes match, else 0")
	}
	if opts.Sectors.given() {
		ld.sectors(read(opts.Sectors, []string{"sector", "param", "value", "source"}, nil))
		f.Sources = append(f.Sources, "sector parameters: "+baseName(opts.Sectors.Display))
	} else {
		var missing []string
		for j, s := range w.Sectors {
			tj := -1
			if tpl != nil {
				tj, _ = tpl.World.SectorIndex(s.Code)
			}
			if tj < 0 {
				missing = append(missing, s.Code)
				continue
			}
			w.Params[j] = tpl.World.Params[tj]
			copy(f.ParamSources[j], tpl.ParamSources[tj])
		}
		if len(missing) > 0 {
			ld.l.Addf(in.display, 0, 0, "", "sectors %s have no default parameters; give every sector's parameters with --sectors FILE (sector,param,value,source)", strings.Join(missing, ", "))
		} else if tpl != nil {
			f.Sources = append(f.Sources, "sector parameters: the "+tpl.World.Name+" world's")
		}
	}
	if opts.Criticality.given() {
		ld.criticality(read(opts.Criticality, []string{"input", "user", "phi"}, []string{"reason"}))
		f.Sources = append(f.Sources, "criticality: "+baseName(opts.Criticality.Display))
	} else if tpl != nil {
		S := w.S()
		for i, si := range w.Sectors {
			for j, sj := range w.Sectors {
				ti, ok1 := tpl.World.SectorIndex(si.Code)
				tj, ok2 := tpl.World.SectorIndex(sj.Code)
				if ok1 && ok2 {
					k := ti*tpl.World.S() + tj
					w.Criticality[i*S+j] = tpl.World.Criticality[k]
					f.CriticalityReasons[i*S+j] = tpl.CriticalityReasons[k]
				}
			}
		}
		f.Sources = append(f.Sources, "criticality: the "+tpl.World.Name+" world's where codes match, else 0")
	}
	if tpl != nil {
		// Labour markets describe regions: keep the template's for regions with the same code;
		// the others take the engine's defaults.
		for r, reg := range w.Regions {
			if tr, ok := tpl.World.RegionIndex(reg.Code); ok && tr < len(tpl.World.Labour) {
				w.Labour[r] = tpl.World.Labour[tr]
				if tr < len(tpl.LabourSources) {
					f.LabourSources[r] = tpl.LabourSources[tr]
				}
			}
		}
	}
}

func tplIndex(tw, w *sim.World, o, d, i int) (int, int, int, bool) {
	to, ok1 := tw.RegionIndex(w.Regions[o].Code)
	td, ok2 := tw.RegionIndex(w.Regions[d].Code)
	ti, ok3 := tw.SectorIndex(w.Sectors[i].Code)
	return to, td, ti, ok1 && ok2 && ok3
}

func baseName(p string) string {
	if k := strings.LastIndexAny(p, `/\`); k >= 0 {
		return p[k+1:]
	}
	return p
}
