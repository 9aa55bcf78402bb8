package scenarios

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/invopop/jsonschema"
	"go.yaml.in/yaml/v3"
)

// Codes names regions or sectors: one code (`importer: USA`), a list (`sectors: [REE, AUTO]`)
// or every code of the world (`importer: all`).
type Codes struct {
	All  bool
	List []string
}

// MarshalJSON writes "all", or the list of codes.
func (c Codes) MarshalJSON() ([]byte, error) {
	if c.All {
		return json.Marshal("all")
	}
	return json.Marshal(c.List)
}

// JSONSchema says: a code, or a non-empty list of codes.
func (Codes) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{OneOf: []*jsonschema.Schema{
		{Type: "string", MinLength: ptr(uint64(1))},
		{Type: "array", Items: &jsonschema.Schema{Type: "string", MinLength: ptr(uint64(1))}, MinItems: ptr(uint64(1))},
	}}
}

func ptr[T any](v T) *T { return &v }

func (c *Codes) decodeYAML(d *decoder, n *yaml.Node, path string) {
	switch n.Kind {
	case yaml.ScalarNode:
		s, ok := d.text(n, path)
		if !ok {
			return
		}
		switch {
		case s == "all":
			c.All = true
			return
		case strings.EqualFold(s, "all"):
			d.errf(n, path, "write all in lower case for every code of the world")
			return
		case strings.Contains(s, ","):
			d.errf(n, path, "several codes need brackets: [%s]", s)
			return
		}
		c.List = []string{s}
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			d.errf(n, path, "the list is empty; name at least one code, or write all")
			return
		}
		for i, item := range n.Content {
			ipath := index(path, i)
			item = d.deref(item, ipath)
			if item == nil {
				return
			}
			d.record(item, ipath)
			if item.Kind != yaml.ScalarNode {
				d.errf(item, ipath, "must be a code such as USA or REE, got %s", describe(item))
				continue
			}
			s, ok := d.text(item, ipath)
			if !ok {
				continue
			}
			if s == "all" {
				d.errf(item, ipath, "all stands alone: write %s: all instead of a list", lastField(path))
				continue
			}
			if slices.Contains(c.List, s) {
				d.errf(item, ipath, "%s is listed twice; remove one", s)
				continue
			}
			c.List = append(c.List, s)
		}
	default:
		d.errf(n, path, "must be a code, a list of codes such as [USA, EU], or all; got %s", describe(n))
	}
}
