package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/scenarios/yamlfile"
)

// position is a 1-based line and column in a file.
type position struct{ Line, Col int }

// decoder fills the typed structs of a file from a yaml.Node tree, strictly: unknown and duplicate
// keys, wrong types and missing required fields are all reported, each at its position, and
// decoding goes on so that one run reports every problem. It records where every field's value
// (and key) is, so that later checks can point at it.
type decoder struct {
	file   string
	lines  []string // the file's lines, to point inside a value (a rule's when)
	diags  *diag.List
	vals   map[string]position // field path -> position of its value
	keys   map[string]position // field path -> position of its key
	failed map[string]bool     // field paths whose value was reported as wrong
	// misspelt are the field paths that an unknown key probably meant (horizn for horizon): the
	// typo is reported at its key, so the field is not reported missing as well.
	misspelt map[string]bool
	budget   int              // YAML nodes that may still be visited, aliases expanded
	fatal    *diag.Diagnostic // the budget ran out: this replaces every other message
}

// maxNodes caps the nodes one file may expand to through aliases; a valid scenario with 1,000
// policies has about 30,000.
const maxNodes = 200_000

func newDecoder(file string, data []byte, diags *diag.List) *decoder {
	return &decoder{file: file, lines: yamlfile.SplitLines(data), diags: diags, vals: map[string]position{}, keys: map[string]position{}, failed: map[string]bool{}, misspelt: map[string]bool{}, budget: maxNodes}
}

// nodeDecoder is a type that decodes itself from a node (Codes, Parameters, Uncertainty).
type nodeDecoder interface {
	decodeYAML(d *decoder, n *yaml.Node, path string)
}

func (d *decoder) errf(n *yaml.Node, path, format string, args ...any) {
	d.failed[path] = true
	pos := d.pos(n)
	d.diags.Addf(d.file, pos.Line, pos.Col, path, format, args...)
}

// pos is where n is in the file.
func (d *decoder) pos(n *yaml.Node) position { return nodePos(d.lines, n) }

// nodePos is where n is in a file of these lines (yamlfile.Pos).
func nodePos(lines []string, n *yaml.Node) position {
	line, col := yamlfile.Pos(lines, n)
	return position{line, col}
}

func (d *decoder) record(n *yaml.Node, path string) {
	d.vals[path] = d.pos(n)
}

// deref follows aliases and charges the node to the budget; nil means stop. yaml/v3 never
// anchors an alias, so a chain longer than one hop means a malformed tree: 100 hops is a guard
// against looping, not a limit a file can reach.
func (d *decoder) deref(n *yaml.Node, path string) *yaml.Node {
	for hops := 0; n.Kind == yaml.AliasNode; hops++ {
		if n.Alias == nil || hops > 100 {
			d.errf(n, path, "alias *%s does not name an anchor defined earlier: put &%s on a value above it, or write the value out", n.Value, n.Value)
			return nil
		}
		n = n.Alias
	}
	d.budget--
	if d.budget == -1 {
		pos := d.pos(n)
		d.fatal = &diag.Diagnostic{File: d.file, Line: pos.Line, Col: pos.Col, Field: path,
			Message: fmt.Sprintf("the file expands to more than %d values through aliases (*name); write the values out instead", maxNodes)}
	}
	if d.budget < 0 {
		return nil
	}
	return n
}

// decodeValue decodes n into *target and reports whether it added no problem.
func (d *decoder) decodeValue(n *yaml.Node, target any, path string) bool {
	before := d.diags.Len()
	d.decode(n, reflect.ValueOf(target).Elem(), path, fieldInfo{})
	return d.diags.Len() == before
}

func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string, fi fieldInfo) {
	if n = d.deref(n, path); n == nil {
		return
	}
	d.record(n, path)
	if isNull(n) {
		if fi.nullable {
			// `policies:` whose entries are all commented out means no policies, as absent does.
			v.SetZero()
			return
		}
		d.errf(n, path, "needs a value; %s", hintFor(lastField(path)))
		return
	}
	if nd, ok := v.Addr().Interface().(nodeDecoder); ok {
		nd.decodeYAML(d, n, path)
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		nv := reflect.New(v.Type().Elem())
		before := d.diags.Len()
		d.decode(n, nv.Elem(), path, fieldInfo{})
		if d.diags.Len() == before {
			v.Set(nv)
		}
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.errf(n, path, "must be a list (lines starting with - , or [a, b]); got %s", describe(n))
			return
		}
		if fi.maxItems > 0 && len(n.Content) > fi.maxItems {
			pos := d.keys[path]
			d.failed[path] = true
			d.diags.Addf(d.file, pos.Line, pos.Col, path, "has %d entries; at most %d are allowed", len(n.Content), fi.maxItems)
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.decode(item, s.Index(i), index(path, i), fieldInfo{})
		}
		v.Set(s)
	case reflect.String:
		if s, ok := d.text(n, path); ok {
			v.SetString(s)
		}
	case reflect.Float64:
		var f float64
		if d.number(n, path, &f) {
			v.SetFloat(f)
		}
	case reflect.Int:
		if i, ok := d.integer(n, path); ok {
			v.SetInt(i)
		}
	case reflect.Uint64:
		if n.Kind == yaml.ScalarNode && n.Tag == "!!int" && strings.HasPrefix(n.Value, "-") {
			d.errf(n, path, "must not be negative; got %s", n.Value)
			return
		}
		var u uint64
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&u) != nil {
			d.errf(n, path, "must be a whole number from 0 to %d; got %s", uint64(math.MaxUint64), describe(n))
			return
		}
		v.SetUint(u)
	case reflect.Bool:
		var b bool
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
			hint := ""
			switch strings.ToLower(n.Value) {
			case "yes", "on", "y":
				hint = " (YAML 1.2 reads yes and on as text: write true)"
			case "no", "off", "n":
				hint = " (YAML 1.2 reads no and off as text: write false)"
			}
			d.errf(n, path, "must be true or false; got %s%s", describe(n), hint)
			return
		}
		v.SetBool(b)
	default:
		panic(fmt.Sprintf("scenarios: no decoder for %s at %s", v.Type(), path)) // programmer error
	}
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errf(n, path, "must be a mapping of fields (name: value lines); got %s", describe(n))
		return
	}
	fields := fieldsOf(v.Type())
	seen := map[string]bool{}
	d.mapping(n, path, func(key string, kn, vn *yaml.Node, kpath string) {
		f, ok := fields.byName[key]
		if !ok {
			d.errf(kn, kpath, "unknown field %q; %s", key, unknownHint(path, key, fields.names))
			if meant := diag.Suggest(key, fields.names); meant != "" {
				d.misspelt[join(path, meant)] = true
			}
			return
		}
		seen[key] = true
		d.decode(vn, v.FieldByIndex(f.index), kpath, f)
	})
	for _, name := range fields.names {
		if f := fields.byName[name]; f.required && !seen[name] && !d.misspelt[join(path, name)] {
			d.errf(n, join(path, name), "missing required field %q; add it, %s", name, hintFor(name))
		}
	}
}

// mapping walks a mapping node's pairs, reporting non-text and duplicate keys.
func (d *decoder) mapping(n *yaml.Node, path string, fn func(key string, kn, vn *yaml.Node, kpath string)) {
	if n.Kind != yaml.MappingNode {
		d.errf(n, path, "must be a mapping (name: value lines); got %s", describe(n))
		return
	}
	first := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		if kn = d.deref(kn, path); kn == nil {
			return
		}
		if kn.Kind != yaml.ScalarNode || kn.Tag == "!!merge" {
			d.errf(kn, path, "keys must be plain names (merge keys << and complex keys are not supported): write the fields out")
			continue
		}
		key := kn.Value
		kpath := join(path, key)
		if line, dup := first[key]; dup {
			d.errf(kn, kpath, "duplicate key %q (first at line %d); keep only one", key, line)
			continue
		}
		first[key] = kn.Line
		d.keys[kpath] = d.pos(kn)
		d.vals[kpath] = d.pos(vn)
		fn(key, kn, vn, kpath)
	}
}

// text reads a scalar as text; numbers and booleans must be quoted to be text.
func (d *decoder) text(n *yaml.Node, path string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.errf(n, path, "must be text; got %s", describe(n))
		return "", false
	}
	switch n.Tag {
	case "!!str", "!!timestamp":
		return n.Value, true
	case "!!null":
		d.errf(n, path, "needs a value; %s", hintFor(lastField(path)))
	default:
		if f := lastField(path); f == "start" || f == "end" {
			d.errf(n, path, "must be a month written YYYY-MM, for example 2025-04; got %s", describe(n))
			break
		}
		d.errf(n, path, "must be text; got %s (put it in quotes: \"%s\")", describe(n), n.Value)
	}
	return "", false
}

// number reads a finite number.
func (d *decoder) number(n *yaml.Node, path string, f *float64) bool {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		hint := ""
		if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
			v := strings.TrimSpace(n.Value)
			if x, err := strconv.ParseFloat(v, 64); err != nil && math.IsInf(x, 0) {
				d.errf(n, path, "is %s, too large for a number (the largest is about 1.8e308); write a finite number such as 0.25", diag.Value(v))
				return false
			}
			if _, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(v, "%")), 64); err == nil {
				hint = " (write a plain number without quotes or %: 0.25 for 25%)"
			} else if _, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64); err == nil {
				hint = " (write the number with a decimal point: " + strings.Replace(v, ",", ".", 1) + ")"
			}
		}
		d.errf(n, path, "must be a number; got %s%s", describe(n), hint)
		return false
	}
	if err := n.Decode(f); err != nil || math.IsNaN(*f) || math.IsInf(*f, 0) {
		d.errf(n, path, "must be a finite number such as 0.25; got %s", n.Value)
		return false
	}
	return true
}

// integer reads a whole number (36 or 36.0, as JSON Schema's integer does).
func (d *decoder) integer(n *yaml.Node, path string) (int64, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!int" {
		var i int64
		if err := n.Decode(&i); err != nil {
			d.errf(n, path, "the number %s is too large: counts of months, replicates and firms have a few digits", n.Value)
			return 0, false
		}
		return i, true
	}
	var f float64
	if n.Kind == yaml.ScalarNode && n.Tag == "!!float" && n.Decode(&f) == nil && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return int64(f), true
	}
	d.errf(n, path, "must be a whole number; got %s", describe(n))
	return 0, false
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// describe names what a node is, for "got ..." in messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping (name: value lines)"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	v := n.Value
	if len(v) > 40 {
		v = v[:40] + "..."
	}
	switch n.Tag {
	case "!!null":
		return "nothing (null)"
	case "!!str":
		return strconv.Quote(v)
	case "!!int", "!!float":
		return "the number " + v
	case "!!bool":
		return "the boolean " + v
	}
	return fmt.Sprintf("%s (tag %s)", strconv.Quote(v), n.Tag)
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

// lastField is the last name of a path: policies[2].rate -> rate.
func lastField(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		path = path[i+1:]
	}
	if i := strings.IndexByte(path, '['); i >= 0 {
		path = path[:i]
	}
	return path
}
