package worlds

import (
	"errors"
	"io"
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tradesim/tradesim/scenarios/diag"
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
}

var (
	metaKeys  = []string{"name", "base_year", "currency", "description", "regions", "sectors", "sources"}
	labelKeys = []string{"code", "name", "description"}
	// codeRE is the shape of a region or sector code: a letter, then letters, digits or _ (at most 16).
	codeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{0,15}$`)
	// reservedCodes cannot name a region or sector: FD is final demand in flows.csv, ALL is the
	// aggregate in result tables.
	reservedCodes = append([]string{"ALL"}, useCodes...)
	// yamlLineRE finds the line in a yaml.v3 syntax error ("yaml: line 3: did not find ...").
	yamlLineRE = regexp.MustCompile(`line (\d+): (.*)`)
)

// readMeta parses world.yaml strictly: unknown keys, missing keys and bad codes are reported with
// their line and column.
func readMeta(fsys fs.FS, display string, l *diag.List) *meta {
	f, err := fsys.Open(WorldFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			l.Addf(display, 0, 0, "", "the file is missing; a world folder needs world.yaml with name, base_year, currency, regions and sectors")
		} else {
			l.Addf(display, 0, 0, "", "cannot read the file: %v", err)
		}
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
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := 0
		msg := err.Error()
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		l.Addf(display, line, 0, "", "not valid YAML: %s", strings.TrimPrefix(msg, "yaml: "))
		return nil
	}
	if len(doc.Content) == 0 {
		l.Addf(display, 1, 1, "", "the file is empty; it needs name, base_year, currency, regions and sectors")
		return nil
	}
	root := doc.Content[0]
	m := &meta{}
	p := metaParser{file: display, l: l}
	seen := p.mapping(root, "", metaKeys, func(key string, v *yaml.Node) {
		switch key {
		case "name":
			m.Name = p.str(v, key)
		case "base_year":
			var y int
			if v.Kind != yaml.ScalarNode || v.Decode(&y) != nil || y < 1900 || y > 2200 {
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
		case "sources":
			if v.Kind != yaml.SequenceNode {
				p.errf(v, key, "sources must be a list of strings")
				return
			}
			for k, s := range v.Content {
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
	// A region and a sector may share a code (they never appear in the same column), but two
	// regions or two sectors may not.
	return m
}

type metaParser struct {
	file string
	l    *diag.List
}

func (p metaParser) errf(n *yaml.Node, field, format string, args ...any) {
	p.l.Addf(p.file, n.Line, n.Column, field, format, args...)
}

// mapping walks a YAML mapping, reporting unknown and repeated keys; it returns the keys seen, or
// nil when n is not a mapping.
func (p metaParser) mapping(n *yaml.Node, field string, keys []string, each func(key string, v *yaml.Node)) map[string]bool {
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
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.errf(n, field, "expected a string")
		return ""
	}
	return n.Value
}

func (p metaParser) labels(n *yaml.Node, field string, limit int) []sim.Label {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		p.errf(n, field, "%s must be a non-empty list of {code, name, description}", field)
		return nil
	}
	if len(n.Content) > limit {
		p.errf(n, field, "%d %s is more than the limit of %d", len(n.Content), field, limit)
		return nil
	}
	var out []sim.Label
	where := map[string]*yaml.Node{}
	for k, item := range n.Content {
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
			p.errf(codeNode, f+".code", "code %q is reserved (FD is final demand, ALL the aggregate); choose another", lab.Code)
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
