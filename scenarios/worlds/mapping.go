package worlds

import (
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strconv"

	"github.com/tradesim/tradesim/scenarios/diag"
)

// A Mapping aggregates a source table's classification into a world's codes. It is read from a
// CSV file with the header kind,from,to[,share]:
//
//	kind,from,to,share
//	region,DEU,EU,1
//	region,FRA,EU,1
//	sector,C26,SEMI,0.3       # a source code may be split over several targets
//	sector,C26,ELEC,0.7       # ... with shares that sum to 1
//	use,HFCE,HH,1             # final-demand columns map to a buyer: HH, GOV or INV (FD = HH)
//	drop,TLS,                 # rows and columns with this code are left out (taxes, VA, totals)
//	region,*,ROW              # every source region not listed goes to ROW
//
// Lines starting with # are comments.
// kind is region, sector, use (a final-demand column of the source; its target is HH, GOV, INV
// or FD, read as HH) or
// drop (to empty: every row naming the code in any of its four code columns is left out).
// share defaults to 1. A source region or sector split by shares is split both as a seller (its
// rows) and as a buyer (its columns), so every total is kept. Source to_use codes that are
// neither a mapped sector nor a mapped use are an error, except FD, HH, GOV and INV, which map to
// themselves by default.
type Mapping struct {
	Regions map[string][]Split
	Sectors map[string][]Split
	Uses    map[string][]Split
	// Drop lists source codes whose rows are left out wherever the code appears (for example the
	// value-added, tax and output rows of an OECD ICIO table), with the line of the drop row.
	Drop map[string]int
	// order of first appearance of target codes, for codes the template does not know
	RegionOrder, SectorOrder []string
}

// Split is one target of a source code with the share of the source's values it receives.
type Split struct {
	To    string
	Share float64
}

// ReadMapping reads a mapping file from fsys.
func ReadMapping(fsys fs.FS, name, display string) (*Mapping, error) {
	var l diag.List
	t := readTableComments(fsys, name, display, []string{"kind", "from", "to"}, []string{"share"}, '#', &l)
	if t == nil {
		return nil, l.Err()
	}
	m := &Mapping{Regions: map[string][]Split{}, Sectors: map[string][]Split{}, Uses: map[string][]Split{}, Drop: map[string]int{}}
	type key struct{ kind, from, to string }
	seen := map[key]int{}
	firstLine := map[string]int{}
	for _, r := range t.rows {
		kind, kl, kc, _ := t.field(r, "kind")
		from, fl, fc, _ := t.field(r, "from")
		to, tl, tc, _ := t.field(r, "to")
		var dst map[string][]Split
		switch kind {
		case "region":
			dst = m.Regions
		case "sector":
			dst = m.Sectors
		case "use":
			dst = m.Uses
		case "drop":
		default:
			l.Addf(display, kl, kc, "kind", "kind %q must be region, sector, use or drop; %s", kind, diag.DidYouMean(kind, []string{"region", "sector", "use", "drop"}))
			continue
		}
		if from == "" {
			l.Addf(display, fl, fc, "from", "empty source code")
			continue
		}
		if from == "*" && kind != "region" && kind != "sector" {
			l.Addf(display, fl, fc, "from", "the wildcard * maps the regions or sectors not listed; it cannot %s", kind)
			continue
		}
		if kind == "drop" {
			if to != "" && to != "-" {
				l.Addf(display, tl, tc, "to", "a drop row leaves to empty (or -), not %q", to)
				continue
			}
			if prev, dup := m.Drop[from]; dup {
				l.Addf(display, r.line(), 1, "", "duplicate drop row for %s (first at line %d)", from, prev)
				continue
			}
			m.Drop[from] = r.line()
			continue
		}
		switch {
		case kind == "use" && !slices.Contains(useCodes, to):
			l.Addf(display, tl, tc, "to", "a use (final-demand column) maps to HH (households), GOV (government), INV (investment) or FD (read as households), not %q", to)
			continue
		case kind != "use" && !codeRE.MatchString(to):
			l.Addf(display, tl, tc, "to", "code %q must start with a letter and use letters, digits or _ (at most 16)", to)
			continue
		case kind != "use" && slices.Contains(reservedCodes, to):
			l.Addf(display, tl, tc, "to", "code %q is reserved (FD, HH, GOV and INV are final demand, ALL the aggregate)", to)
			continue
		}
		share := 1.0
		if s := t.optional(r, "share"); s != "" {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil || !(x > 0 && x <= 1) {
				_, sl, sc, _ := t.field(r, "share")
				l.Addf(display, sl, sc, "share", "share %q must be a number in (0, 1]", s)
				continue
			}
			share = x
		}
		k := key{kind, from, to}
		if prev, dup := seen[k]; dup {
			l.Addf(display, r.line(), 1, "", "duplicate row for %s %s -> %s (first at line %d)", kind, from, to, prev)
			continue
		}
		seen[k] = r.line()
		if _, ok := firstLine[kind+"\x00"+from]; !ok {
			firstLine[kind+"\x00"+from] = r.line()
		}
		dst[from] = append(dst[from], Split{To: to, Share: share})
		switch kind {
		case "region":
			if !slices.Contains(m.RegionOrder, to) {
				m.RegionOrder = append(m.RegionOrder, to)
			}
		case "sector":
			if !slices.Contains(m.SectorOrder, to) {
				m.SectorOrder = append(m.SectorOrder, to)
			}
		}
	}
	for kind, dst := range map[string]map[string][]Split{"region": m.Regions, "sector": m.Sectors, "use": m.Uses} {
		for from, splits := range dst {
			var sum float64
			for _, s := range splits {
				sum += s.Share
			}
			if math.Abs(sum-1) > 1e-9 {
				l.Addf(display, firstLine[kind+"\x00"+from], 1, "share", "the shares of %s %s sum to %s; they must sum to 1", kind, from, strconv.FormatFloat(sum, 'g', 10, 64))
			}
		}
	}
	if len(m.Regions) == 0 || len(m.Sectors) == 0 {
		l.Addf(display, 1, 1, "", "the map needs at least one region row and one sector row")
	}
	if err := l.Err(); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *Mapping) String() string {
	return fmt.Sprintf("mapping of %d regions, %d sectors, %d uses", len(m.Regions), len(m.Sectors), len(m.Uses))
}
