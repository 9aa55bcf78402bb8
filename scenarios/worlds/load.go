package worlds

import (
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/sim"
)

// Load reads and checks the world folder dir. Problems are returned together as a *diag.List
// whose messages read FILE:LINE:COL: message.
func Load(dir string) (*sim.World, error) {
	f, err := LoadFolder(dir)
	if err != nil {
		return nil, err
	}
	return f.World, nil
}

// LoadFolder is Load keeping the sources and reasons of the files.
func LoadFolder(dir string) (*Folder, error) {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		var l diag.List
		l.Addf(dir, 0, 0, "", "not a world folder: %s", describeStatErr(err))
		return nil, l.Err()
	}
	// Through an os.Root: a link inside the folder that leads outside it is refused.
	root, err := os.OpenRoot(dir)
	if err != nil {
		var l diag.List
		l.Addf(dir, 0, 0, "", "cannot open the world folder: %v", err)
		return nil, l.Err()
	}
	defer root.Close()
	return LoadFS(root.FS(), func(name string) string { return filepath.Join(dir, name) })
}

func describeStatErr(err error) string {
	if err == nil {
		return "it is a file; give the folder that holds world.yaml and flows.csv"
	}
	if os.IsNotExist(err) {
		return "no such folder"
	}
	return err.Error()
}

// LoadFS reads a world from the root of fsys; display maps a file name to the name shown in
// messages.
func LoadFS(fsys fs.FS, display func(name string) string) (*Folder, error) {
	var l diag.List
	m := readMeta(fsys, display(WorldFile), &l)
	if m == nil || len(m.Regions) == 0 || len(m.Sectors) == 0 {
		// The tables cannot be read without their codes; report what we have.
		if l.Len() == 0 {
			l.Addf(display(WorldFile), 0, 0, "", "the world has no regions or no sectors")
		}
		return nil, l.Err()
	}
	R, S := len(m.Regions), len(m.Sectors)
	if !sizeOK(R, S) {
		l.Addf(display(WorldFile), 0, 0, "", "%d regions x %d sectors is too large a table (limit %d cells)", R, S, MaxCells)
		return nil, l.Err()
	}
	w := sim.NewWorld(m.Name, m.Regions, m.Sectors)
	w.BaseYear, w.Currency = m.BaseYear, m.Currency
	f := newFolder(w)
	f.Description, f.Sources = m.Description, m.Sources
	if m.Labour != nil {
		copy(w.Labour, m.Labour)
		copy(f.LabourSources, m.LabourSrc)
	}

	ld := newLoader(w, f, &l)
	flowLines := ld.flows(fsys, FlowsFile, display(FlowsFile))
	ld.tariffs(readTable(fsys, TariffsFile, display(TariffsFile),
		[]string{"importer", "exporter", "sector", "rate"}, []string{"source"}, &l))
	ld.sectors(readTable(fsys, SectorsFile, display(SectorsFile),
		[]string{"sector", "param", "value", "source"}, nil, &l))
	ld.criticality(readTable(fsys, CriticalityFile, display(CriticalityFile),
		[]string{"input", "user", "phi"}, []string{"reason"}, &l))
	if l.Len() > 0 {
		return nil, l.Err()
	}
	checkBalance(w, display(FlowsFile), flowLines, &l)
	checkFinalTotals(w, display(FlowsFile), &l)
	if l.Len() == 0 {
		if err := w.Check(); err != nil { // a backstop: the checks above should have caught it
			l.Addf(display(FlowsFile), 0, 0, "", "%v", err)
		}
	}
	if l.Len() > 0 {
		return nil, l.Err()
	}
	return f, nil
}

// sizeOK reports whether a world of R regions and S sectors is within the limits (MaxRegions,
// MaxSectors, MaxCells cells of the intermediate table).
func sizeOK(R, S int) bool {
	return R <= MaxRegions && S <= MaxSectors && R*S*R*S <= MaxCells
}

type loader struct {
	w                    *sim.World
	f                    *Folder
	l                    *diag.List
	regionIdx, sectorIdx map[string]int // code -> id, built once: a lookup per field is O(1)
}

func newLoader(w *sim.World, f *Folder, l *diag.List) loader {
	ld := loader{w: w, f: f, l: l, regionIdx: make(map[string]int, w.R()), sectorIdx: make(map[string]int, w.S())}
	for r, lab := range w.Regions {
		ld.regionIdx[lab.Code] = r
	}
	for j, lab := range w.Sectors {
		ld.sectorIdx[lab.Code] = j
	}
	return ld
}

// code looks up a region or sector code in column col of row r, reporting unknown codes with the
// nearest valid one.
func (ld loader) code(t *table, r tableRow, col string, regions bool, extra ...string) (int, string, bool) {
	v, line, c, ok := t.field(r, col)
	if !ok {
		return -1, "", false
	}
	idx, found := ld.sectorIdx[v]
	if regions {
		idx, found = ld.regionIdx[v]
	}
	if found {
		return idx, v, true
	}
	if contains(extra, v) {
		return -1, v, true
	}
	kind := "sector"
	valid := ld.w.SectorCodes()
	if regions {
		kind = "region"
		valid = ld.w.RegionCodes()
	}
	valid = append(valid, extra...)
	if v == "" {
		ld.l.Addf(t.file, line, c, col, "empty %s code; %s", kind, diag.DidYouMean(v, valid))
	} else {
		ld.l.Addf(t.file, line, c, col, "unknown %s %q; %s", kind, v, diag.DidYouMean(v, valid))
	}
	return -1, v, false
}

// number parses a finite, non-negative value in column col.
func (ld loader) number(t *table, r tableRow, col, what string) (float64, bool) {
	v, line, c, ok := t.field(r, col)
	if !ok {
		return 0, false
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil && math.IsInf(x, 0) { // out of float64 range: report it as not finite
		err = nil
	}
	switch {
	case err != nil:
		ld.l.Addf(t.file, line, c, col, "%q is not a number; write the %s as a plain number such as 12.5", v, what)
		return 0, false
	case math.IsNaN(x) || math.IsInf(x, 0):
		ld.l.Addf(t.file, line, c, col, "the %s is %s; it must be a finite number", what, v)
		return 0, false
	case x < 0:
		ld.l.Addf(t.file, line, c, col, "the %s is negative (%s); it must be 0 or more", what, v)
		return 0, false
	}
	return x, true
}

// duplicate reports a repeated key; first maps keys to the line of their first row.
func (ld loader) duplicate(t *table, r tableRow, first map[int]int, key int, what string) bool {
	if prev, dup := first[key]; dup {
		ld.l.Addf(t.file, r.line(), 1, "", "duplicate row for %s (first at line %d); merge the two rows into one", what, prev)
		return true
	}
	first[key] = r.line()
	return false
}

// flows reads flows.csv into Z and Y, streaming its rows (memory does not grow with the file);
// it returns, for each (to_region, to_use) column, the line of its first row, so that balance
// errors can point at the table. Repeated cells are found with one bit per cell; the line of a
// repeated cell's first row is looked up in a second pass, only when there are repeats.
func (ld loader) flows(fsys fs.FS, name, display string) map[int]int {
	colLine := map[int]int{}
	w := ld.w
	nZ := len(w.Z)
	seen := make([]uint64, (nZ+len(w.Y)+63)/64)
	type repeat struct {
		key, line int
		what      string
	}
	var repeats []repeat
	cols := []string{"from_region", "from_sector", "to_region", "to_use", "value"}
	// cell parses a row into its cell key (Z cells first, then Y cells) and value.
	cell := func(ld loader, t *table, r tableRow) (key int, x float64, what string, ok bool) {
		o, oc, ok1 := ld.code(t, r, "from_region", true)
		i, ic, ok2 := ld.code(t, r, "from_sector", false)
		d, dc, ok3 := ld.code(t, r, "to_region", true)
		j, jc, ok4 := ld.code(t, r, "to_use", false, useCodes...)
		x, ok5 := ld.number(t, r, "value", "flow value")
		if !(ok1 && ok2 && ok3 && ok4 && ok5) {
			return 0, 0, "", false
		}
		if j >= 0 {
			key = w.ZIndex(o, i, d, j)
			if _, seen := colLine[d*w.S()+j]; !seen {
				colLine[d*w.S()+j] = r.line()
			}
		} else {
			b, _ := buyerOf(jc)
			key = nZ + w.YIndex(o, i, d, b)
		}
		return key, x, oc + " " + ic + " -> " + dc + " " + jc, true
	}
	t := scanTable(fsys, name, display, cols, nil, 0, MaxFlowsBytes, true, ld.l, func(t *table, r tableRow) {
		key, x, what, ok := cell(ld, t, r)
		if !ok {
			return
		}
		if seen[key/64]&(1<<(key%64)) != 0 {
			repeats = append(repeats, repeat{key, r.line(), what})
			return
		}
		seen[key/64] |= 1 << (key % 64)
		if key < nZ {
			w.Z[key] = x
		} else {
			w.Y[key-nZ] = x
		}
	})
	if t == nil || len(repeats) == 0 {
		return colLine
	}
	first := make(map[int]int, len(repeats))
	for _, rp := range repeats {
		first[rp.key] = 0
	}
	quiet := newLoader(w, ld.f, &diag.List{}) // the first pass reported every bad field already
	scanTable(fsys, name, display, cols, nil, 0, MaxFlowsBytes, true, &diag.List{}, func(t *table, r tableRow) {
		if key, _, _, ok := cell(quiet, t, r); ok {
			if line, want := first[key]; want && line == 0 {
				first[key] = r.line()
			}
		}
	})
	for _, rp := range repeats {
		ld.l.Addf(display, rp.line, 1, "", "duplicate row for %s (first at line %d); merge the two rows into one", rp.what, first[rp.key])
	}
	return colLine
}

func (ld loader) tariffs(t *table) {
	if t == nil {
		return
	}
	w := ld.w
	first := map[int]int{}
	for _, r := range t.rows {
		d, dc, ok1 := ld.code(t, r, "importer", true)
		o, oc, ok2 := ld.code(t, r, "exporter", true)
		i, ic, ok3 := ld.code(t, r, "sector", false)
		x, ok4 := ld.number(t, r, "rate", "tariff rate")
		if !(ok1 && ok2 && ok3 && ok4) {
			continue
		}
		if x > 100 {
			_, line, c, _ := t.field(r, "rate")
			ld.l.Addf(t.file, line, c, "rate", "a tariff rate of %g is implausible; rates are shares (0.25 = 25%%)", x)
			continue
		}
		if o == d {
			ld.l.Addf(t.file, r.line(), 1, "", "%s levies a tariff on itself; tariffs apply between different regions", dc)
			continue
		}
		k := w.TIndex(o, d, i)
		if ld.duplicate(t, r, first, k, fmt.Sprintf("importer %s, exporter %s, sector %s", dc, oc, ic)) {
			continue
		}
		w.Tariff0[k] = x
		ld.f.TariffSources[k] = t.optional(r, "source")
	}
}

func (ld loader) sectors(t *table) {
	if t == nil {
		return
	}
	w := ld.w
	names := sim.SectorParamNames
	P := len(names)
	first := map[int]int{}
	for _, r := range t.rows {
		j, jc, ok1 := ld.code(t, r, "sector", false)
		pn, line, c, ok2 := t.field(r, "param")
		if !ok1 || !ok2 {
			continue
		}
		if pn == legacySigma {
			x, ok := ld.number(t, r, "value", pn)
			if ok && ld.legacySigma(t, r, j, jc, x) {
				first[-1-j] = r.line()
			}
			continue
		}
		k := indexOf(names, pn)
		if k < 0 {
			ld.l.Addf(t.file, line, c, "param", "unknown parameter %q; %s", pn, diag.DidYouMean(pn, names))
			continue
		}
		x, ok := ld.number(t, r, "value", pn)
		if !ok {
			continue
		}
		src, sl, sc, _ := t.field(r, "source")
		if src == "" {
			ld.l.Addf(t.file, sl, sc, "source", "%s of %s has no source; cite one or write \"assumption\"", pn, jc)
			continue
		}
		if msg := paramRange(pn, x); msg != "" {
			_, vl, vc, _ := t.field(r, "value")
			ld.l.Addf(t.file, vl, vc, "value", "%s of %s is %g; %s", pn, jc, x, msg)
			continue
		}
		if ld.duplicate(t, r, first, j*P+k, fmt.Sprintf("%s of %s", pn, jc)) {
			continue
		}
		*sim.SectorParam(&w.Params[j], pn) = x
		ld.f.ParamSources[j][k] = src
	}
	def := sim.DefaultSectorParams()
	for j := range w.S() {
		var missing []string
		for k, pn := range names {
			if _, ok := first[j*P+k]; ok {
				continue
			}
			switch {
			case contains(sim.OptionalSectorParams, pn):
				*sim.SectorParam(&w.Params[j], pn) = *sim.SectorParam(&def, pn)
				ld.f.ParamSources[j][k] = "assumption (tradesim default; the world file gives no value)"
			case (pn == "sigmaD" || pn == "sigmaM") && first[-1-j] > 0:
				// set from the legacy sigma row
			default:
				missing = append(missing, pn)
			}
		}
		if len(missing) > 0 {
			ld.l.Addf(t.file, 0, 0, "", "sector %s has no row for %s; every sector needs every parameter",
				w.Sectors[j].Code, strings.Join(missing, ", "))
		}
	}
}

// legacySigma is the one Armington elasticity of worlds written before the nested choice: it
// was the elasticity among all origins, doubled by the rule of two.
const legacySigma = "sigma"

// legacySigma reads a legacy sigma row as sigmaM = sigma and sigmaD = sigma / 2 (the rule of
// two, Hertel ed., GTAP ch. 14) unless the sector also has its own rows; it reports whether it
// set them.
func (ld loader) legacySigma(t *table, r tableRow, j int, jc string, x float64) bool {
	if msg := paramRange("sigmaM", x); msg != "" {
		_, vl, vc, _ := t.field(r, "value")
		ld.l.Addf(t.file, vl, vc, "value", "sigma of %s is %g; %s", jc, x, msg)
		return false
	}
	src := t.optional(r, "source") + " (legacy sigma: sigmaM = sigma, sigmaD = sigma / 2)"
	p := &ld.w.Params[j]
	p.SigmaM, p.SigmaD = x, x/2
	for _, pn := range []string{"sigmaD", "sigmaM"} {
		ld.f.ParamSources[j][indexOf(sim.SectorParamNames, pn)] = src
	}
	return true
}

// paramRange says what is wrong with a parameter value, or "".
func paramRange(name string, x float64) string {
	switch name {
	case "lambda", "kappa", "kappaD", "thetaL", "g", "durable":
		if x > 1 {
			return "it is a share and must lie in [0, 1]"
		}
	case "sigmaD", "sigmaM", "eta":
		if x > 100 {
			return "an elasticity above 100 is implausible"
		}
	}
	return ""
}

// criticalityWords are the Pichler et al. (2022) classes accepted in criticality.csv.
var criticalityWords = map[string]float64{"critical": 1, "important": 0.5, "noncritical": 0}

func (ld loader) criticality(t *table) {
	if t == nil {
		return
	}
	w := ld.w
	S := w.S()
	first := map[int]int{}
	for _, r := range t.rows {
		i, ic, ok1 := ld.code(t, r, "input", false)
		j, jc, ok2 := ld.code(t, r, "user", false)
		v, line, c, ok3 := t.field(r, "phi")
		if !(ok1 && ok2 && ok3) {
			continue
		}
		phi, word := criticalityWords[strings.ToLower(v)]
		if !word {
			x, err := strconv.ParseFloat(v, 64)
			if err != nil {
				ld.l.Addf(t.file, line, c, "phi", "%q is neither a number in [0, 1] nor a class; %s", v,
					diag.DidYouMean(v, []string{"critical", "important", "noncritical"}))
				continue
			}
			if !(x >= 0 && x <= 1) {
				ld.l.Addf(t.file, line, c, "phi", "phi of %s for %s is %s; it must lie in [0, 1]", ic, jc, v)
				continue
			}
			phi = x
		}
		if ld.duplicate(t, r, first, i*S+j, fmt.Sprintf("input %s, user %s", ic, jc)) {
			continue
		}
		w.Criticality[i*S+j] = phi
		ld.f.CriticalityReasons[i*S+j] = t.optional(r, "reason")
	}
}

// checkBalance reports region-sectors without output and columns whose inputs (with tariffs) cost
// more than their output, naming the region-sector and the amounts.
func checkBalance(w *sim.World, file string, colLine map[int]int, l *diag.List) {
	for o := range w.R() {
		for i := range w.S() {
			rc, sc := w.Regions[o].Code, w.Sectors[i].Code
			x := w.Output(o, i)
			if math.IsInf(x, 0) {
				l.Addf(file, 0, 0, "", "%s %s: its sales (rows with from_region %s, from_sector %s) add up to more than a number can hold; the values are too large: express the table in a larger unit (billions rather than units)", rc, sc, rc, sc)
				continue
			}
			if !(x > 0) {
				l.Addf(file, 0, 0, "", "%s %s has no output: it sells nothing; every region-sector needs positive sales (rows with from_region %s, from_sector %s)", rc, sc, rc, sc)
				continue
			}
			va := w.ValueAdded(o, i)
			if cost := x - va; math.IsInf(va, 0) || math.IsNaN(va) || math.IsInf(cost, 0) {
				l.Addf(file, colLine[o*w.S()+i], 0, "", "%s %s: its inputs with tariffs (rows with to_region %s, to_use %s) add up to more than a number can hold; the values are too large: express the table in a larger unit (billions rather than units)", rc, sc, rc, sc)
				continue
			}
			if !(va > 0) || va < 1e-12*x {
				l.Addf(file, colLine[o*w.S()+i], 0, "", "%s %s is unbalanced: its inputs with tariffs cost %s but its output (row sum) is %s, so value added is %s; lower the rows with to_region %s, to_use %s or raise its sales",
					rc, sc, fmtAmount(x-va), fmtAmount(x), fmtAmount(va), rc, sc)
			}
		}
	}
}

// checkFinalTotals reports a region whose final demand of one buyer adds up past the largest
// float64 (each value finite, the sum infinite).
func checkFinalTotals(w *sim.World, file string, l *diag.List) {
	for d := range w.R() {
		for b := range sim.NumBuyers {
			var y float64
			for o := range w.R() {
				for i := range w.S() {
					y += w.Y[w.YIndex(o, i, d, b)]
				}
			}
			if math.IsInf(y, 0) {
				l.Addf(file, 0, 0, "", "%s: the final demand of %s (rows with to_region %s, to_use %s) adds up to more than a number can hold; express the table in a larger unit (billions rather than units)",
					w.Regions[d].Code, sim.BuyerCodes[b], w.Regions[d].Code, sim.BuyerCodes[b])
			}
		}
	}
}

func fmtAmount(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }

func indexOf(xs []string, x string) int {
	for k, y := range xs {
		if y == x {
			return k
		}
	}
	return -1
}

// displayIn names files as they sit in dir (for messages).
func displayIn(dir string) func(string) string {
	return func(name string) string { return path.Join(dir, name) }
}
