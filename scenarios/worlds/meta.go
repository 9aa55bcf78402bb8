package worlds

import (
	"io"
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/scenarios/yamlfile"
	"github.com/tradesim/tradesim/sim"
)

// meta is the content of world.yaml.
type meta struct {
	Name        string
	BaseYear    int
	Currency    string
	Description string
	Regions     []sim.Label
	Sectors     []sim.Label
	Sources     []string
	Labour      []sim.RegionLabour // by region; nil when world.yaml has no labour list
	LabourSrc   []string           // by region
}

var (
	metaKeys  = []string{"name", "base_year", "currency", "description", "regions", "sectors", "labour", "sources"}
	labelKeys = []string{"code", "name", "description"}
	// codeRE is the shape of a region or sector code: a letter, then letters, digits or _ (at most 16).
	codeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{0,15}$`)
	// reservedCodes cannot name a region or sector: FD, HH, GOV and INV are final-demand buyers in
	// flows.csv, ALL is the aggregate in result tables.
	reservedCodes = append([]string{"ALL"}, useCodes...)
)

// readMeta parses world.yaml strictly: unknown keys, missing keys and bad codes are reported with
// their line and column.
func readMeta(fsys fs.FS, display string, l *diag.List) *meta {
	f, ok := openFile(fsys, WorldFile, display, MaxFileBytes,
		"a world folder needs world.yaml with name, base_year, currency, regions and sectors", l)
	if !ok {
		return nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		l.Addf(display, 0, 0, "", "cannot read the file: %v", err)
		return nil
	}
	if len(data) > MaxFileBytes {
		l.Addf(display, 0, 0, "", "the file is larger than %d MiB", MaxFileBytes>>20)
		return nil
	}
	doc := yamlfile.Read(display, data, worldKind, l)
	if doc == nil {
		return nil
	}
	root := doc.Root
	m := &meta{}
	p := metaParser{file: display, l: l, lines: doc.Lines}
	var labour []labourEntry
	seen := p.mapping(root, "", metaKeys, func(key string, v *yaml.Node) {
		switch key {
		case "name":
			m.Name = p.str(v, key)
		case "base_year":
			var y int
			if dv := deref(v); dv.Kind != yaml.ScalarNode || dv.Decode(&y) != nil || y < 1900 || y > 2200 {
				p.errf(v, key, "base_year must be a year such as 2024")
			}
			m.BaseYear = y
		case "currency":
			m.Currency = p.str(v, key)
		case "description":
			m.Description = p.str(v, key)
		case "regions":
			m.Regions = p.labels(v, key, MaxRegions)
		case "sectors":
			m.Sectors = p.labels(v, key, MaxSectors)
		case "labour":
			labour = p.labour(v, key)
		case "sources":
			if deref(v).Kind != yaml.SequenceNode {
				p.errf(v, key, "sources must be a list of strings")
				return
			}
			for k, s := range deref(v).Content {
				m.Sources = append(m.Sources, p.str(s, key+"["+strconv.Itoa(k)+"]"))
			}
		}
	})
	if seen == nil {
		return nil
	}
	for _, k := range []string{"name", "base_year", "currency", "regions", "sectors"} {
		if !seen[k] {
			l.Addf(display, root.Line, root.Column, k, "missing key %q; world.yaml needs name, base_year, currency, regions and sectors", k)
		}
	}
	if seen["labour"] && len(m.Regions) > 0 {
		m.Labour, m.LabourSrc = p.resolveLabour(labour, m.Regions)
	}
	// A region and a sector may share a code (they never appear in the same column), but two
	// regions or two sectors may not.
	return m
}

// worldKind names world files in the YAML reader's messages.
var worldKind = yamlfile.Kind{Noun: "a world file", One: "world", Levels: 3,
	Empty: "world.yaml needs name, base_year, currency, regions and sectors (tradesim world export DIR writes an example)"}

type metaParser struct {
	file  string
	l     *diag.List
	lines []string
}

func (p metaParser) errf(n *yaml.Node, field, format string, args ...any) {
	line, col := yamlfile.Pos(p.lines, n)
	p.l.Addf(p.file, line, col, field, format, args...)
}

// deref follows an alias (*name) to the value it names; yamlfile.Read has already refused files
// whose aliases expand without bound.
func deref(n *yaml.Node) *yaml.Node {
	for hops := 0; n.Kind == yaml.AliasNode && n.Alias != nil && hops < 100; hops++ {
		n = n.Alias
	}
	return n
}

// mapping walks a YAML mapping, reporting unknown and repeated keys; it returns the keys seen, or
// nil when n is not a mapping.
func (p metaParser) mapping(n *yaml.Node, field string, keys []string, each func(key string, v *yaml.Node)) map[string]bool {
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		p.errf(n, field, "expected a mapping of %s", strings.Join(keys, ", "))
		return nil
	}
	seen := map[string]bool{}
	for k := 0; k+1 < len(n.Content); k += 2 {
		kn, v := n.Content[k], n.Content[k+1]
		key := kn.Value
		name := key
		if field != "" {
			name = field + "." + key
		}
		if !contains(keys, key) {
			p.errf(kn, name, "unknown key %q; %s", key, diag.DidYouMean(key, keys))
			continue
		}
		if seen[key] {
			p.errf(kn, name, "the key %q appears twice", key)
			continue
		}
		seen[key] = true
		each(key, v)
	}
	return seen
}

func (p metaParser) str(n *yaml.Node, field string) string {
	v := deref(n)
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		p.errf(n, field, "expected a string")
		return ""
	}
	return v.Value
}

func (p metaParser) labels(n *yaml.Node, field string, limit int) []sim.Label {
	items := deref(n).Content
	if deref(n).Kind != yaml.SequenceNode || len(items) == 0 {
		p.errf(n, field, "%s must be a non-empty list of {code, name, description}", field)
		return nil
	}
	if len(items) > limit {
		p.errf(n, field, "%d %s is more than the limit of %d", len(items), field, limit)
		return nil
	}
	var out []sim.Label
	where := map[string]*yaml.Node{}
	for k, item := range items {
		f := field + "[" + strconv.Itoa(k) + "]"
		var lab sim.Label
		var codeNode *yaml.Node
		seen := p.mapping(item, f, labelKeys, func(key string, v *yaml.Node) {
			switch key {
			case "code":
				lab.Code = p.str(v, f+".code")
				codeNode = v
			case "name":
				lab.Name = p.str(v, f+".name")
			case "description":
				lab.Description = p.str(v, f+".description")
			}
		})
		if seen == nil {
			continue
		}
		if !seen["code"] {
			p.errf(item, f+".code", "missing key \"code\"")
			continue
		}
		switch {
		case !codeRE.MatchString(lab.Code):
			p.errf(codeNode, f+".code", "code %q must start with a letter and use letters, digits or _ (at most 16)", lab.Code)
			continue
		case contains(reservedCodes, strings.ToUpper(lab.Code)):
			p.errf(codeNode, f+".code", "code %q is reserved (FD, HH, GOV and INV are final-demand buyers, ALL the aggregate); choose another", lab.Code)
			continue
		}
		if prev, dup := where[lab.Code]; dup {
			p.errf(codeNode, f+".code", "code %q is used twice (first at line %d)", lab.Code, prev.Line)
			continue
		}
		where[lab.Code] = codeNode
		if lab.Name == "" {
			lab.Name = lab.Code
		}
		out = append(out, lab)
	}
	return out
}
