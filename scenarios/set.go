package scenarios

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tradesim/tradesim/scenarios/diag"
)

// Set changes one field of a scenario file by its path before the file is checked, as
// `tradesim run --set PATH=VALUE` and a sweep's factors do. The value is YAML (0.5, true,
// [USA, EU], null), so it is checked exactly as if it were written in the file.
//
// A path is a chain of field names joined by dots, with list entries picked by their id or
// their 0-based index in square brackets: horizon, policies[us-tariff].rate, policies[0].start,
// rules[tit-for-tat].then.rate. Inside parameters and uncertainty the rest of the path is the
// key, dots and all: parameters.sigmaD.ELEC.
type Set struct {
	Path  string
	Value string
}

// String is the set as the user wrote it; messages about it are filed under this name.
func (s Set) String() string { return "--set " + s.Path + "=" + s.Value }

// ParseSet reads PATH=VALUE.
func ParseSet(arg string) (Set, error) {
	path, value, ok := strings.Cut(arg, "=")
	path = strings.TrimSpace(path)
	if !ok || path == "" {
		return Set{}, fmt.Errorf("--set %s: write PATH=VALUE, e.g. --set policies[us-tariff].rate=0.5 or --set horizon=24", arg)
	}
	return Set{Path: path, Value: value}, nil
}

// freeKeyFields are the mappings whose keys are names the user chooses (parameter patterns),
// where a path's remaining dots belong to the key.
var freeKeyFields = map[string]bool{"parameters": true, "uncertainty": true}

// setLine marks the nodes a set puts into the tree: their line is minus one minus the set's
// index, so that messages about them can be filed under the set instead of a line of the file.
func setLine(i int) int { return -1 - i }

// setOf returns the index of the set a diagnostic's line belongs to, if any.
func setOf(line int) (int, bool) { return -1 - line, line < 0 }

// applySets puts every set into the scenario's node tree; a path that leads nowhere is reported
// under the set's name.
func applySets(root *yaml.Node, sets []Set, diags *diag.List) {
	for i, s := range sets {
		v, err := setValueNode(s.Value)
		if err != nil {
			diags.Addf(s.String(), 0, 0, "", "the value is not valid YAML: %v", err)
			continue
		}
		mark(v, setLine(i))
		if err := setPath(root, s.Path, v, setLine(i)); err != nil {
			diags.Addf(s.String(), 0, 0, "", "%v", err)
		}
	}
}

// setValueNode parses a set's value as a YAML value; an empty value is null.
func setValueNode(value string) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(value), &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: ""}, nil
	}
	return doc.Content[0], nil
}

func mark(n *yaml.Node, line int) {
	n.Line, n.Column = line, 0
	for _, c := range n.Content {
		mark(c, line)
	}
}

// setPath replaces the value at path in the mapping root with v, adding the field when the
// file leaves it out.
func setPath(root *yaml.Node, path string, v *yaml.Node, line int) error {
	n := root
	rest := path
	done := ""
	for rest != "" {
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		var key string
		var index string
		hasIndex := false
		if n.Kind != yaml.MappingNode {
			return fmt.Errorf("%s is %s, not a mapping of fields", orRoot(done), describe(n))
		}
		if freeKeyFields[done] {
			// the whole rest, or the longest prefix that is a key already, is the key
			key = rest
			for i := len(rest); i > 0; {
				if mappingValue(n, rest[:i]) != nil {
					key = rest[:i]
					break
				}
				j := strings.LastIndex(rest[:i], ".")
				if j < 0 {
					break
				}
				i = j
			}
			rest = strings.TrimPrefix(rest[len(key):], ".")
		} else {
			end := strings.IndexAny(rest, ".[")
			if end < 0 {
				end = len(rest)
			}
			key, rest = rest[:end], rest[end:]
			if strings.HasPrefix(rest, "[") {
				close := strings.Index(rest, "]")
				if close < 0 {
					return fmt.Errorf("%q opens [ without closing it; write policies[ID].field or policies[0].field", path)
				}
				index, rest, hasIndex = rest[1:close], rest[close+1:], true
			}
			if rest != "" && !strings.HasPrefix(rest, ".") {
				return fmt.Errorf("%q: expected . after %s", path, key)
			}
			rest = strings.TrimPrefix(rest, ".")
		}
		if key == "" {
			return fmt.Errorf("%q has an empty field name", path)
		}
		field := joinPath(done, key)
		child := mappingValue(n, key)
		if child == nil {
			if hasIndex {
				return fmt.Errorf("the scenario has no %s to pick [%s] from", field, index)
			}
			if rest == "" {
				n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: line}, v)
				return nil
			}
			child = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: line}, child)
		}
		if hasIndex {
			item, at, err := pickItem(child, field, index)
			if err != nil {
				return err
			}
			field += "[" + index + "]"
			if rest == "" {
				child.Content[at] = v
				return nil
			}
			n, done = item, field
			continue
		}
		if rest == "" {
			setMappingValue(n, key, v)
			return nil
		}
		n, done = child, field
	}
	return fmt.Errorf("%q names no field", path)
}

func orRoot(path string) string {
	if path == "" {
		return "the scenario"
	}
	return path
}

func joinPath(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// mappingValue returns the value of key in mapping n, or nil.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func setMappingValue(n *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			n.Content[i+1] = v
			return
		}
	}
}

// pickItem finds the entry of list seq that index names: a 0-based position or an entry's id.
func pickItem(seq *yaml.Node, field, index string) (*yaml.Node, int, error) {
	if seq.Kind != yaml.SequenceNode {
		return nil, 0, fmt.Errorf("%s is %s, not a list to pick [%s] from", field, describe(seq), index)
	}
	if k, err := strconv.Atoi(index); err == nil {
		if k < 0 || k >= len(seq.Content) {
			return nil, 0, fmt.Errorf("%s has %d entries (0 to %d); there is no %s[%d]", field, len(seq.Content), len(seq.Content)-1, field, k)
		}
		return seq.Content[k], k, nil
	}
	var ids []string
	for k, item := range seq.Content {
		if item.Kind != yaml.MappingNode {
			continue
		}
		if id := mappingValue(item, "id"); id != nil {
			if id.Value == index {
				return item, k, nil
			}
			ids = append(ids, id.Value)
		}
	}
	if len(ids) == 0 {
		return nil, 0, fmt.Errorf("%s has no entry with id %q (its entries have no ids; pick one by position, e.g. %s[0])", field, index, field)
	}
	return nil, 0, fmt.Errorf("%s has no entry with id %q; %s (ids: %s)", field, index, diag.DidYouMean(index, ids), strings.Join(ids, ", "))
}

// fileUnderSets files the diagnostics about nodes that sets put into the tree under the sets'
// names (--set PATH=VALUE) rather than a line of the file.
func fileUnderSets(file string, sets []Set, ds []diag.Diagnostic) {
	for i := range ds {
		d := &ds[i]
		if d.File != file {
			continue
		}
		if k, ok := setOf(d.Line); ok && k < len(sets) {
			d.File, d.Line, d.Col = sets[k].String(), 0, 0
		}
	}
}
