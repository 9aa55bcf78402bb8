package scenarios

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/invopop/jsonschema"
)

// SchemaID is the $id of the scenario file schema.
const SchemaID = "https://github.com/tradesim/tradesim/scenarios/scenario.schema.json"

// SweepSchemaID is the $id of the sweep file schema.
const SweepSchemaID = "https://github.com/tradesim/tradesim/scenarios/sweep.schema.json"

// SchemaKinds are the file kinds `tradesim schema` knows, in order.
var SchemaKinds = []string{"scenario", "sweep"}

// schemaDraft is the JSON Schema draft of Schema's output. Draft-07, not the reflector's
// 2020-12: VS Code's YAML extension (yaml-language-server, through vscode-json-languageservice)
// validates instances by draft-07 and supports later drafts only in part (its issue #856, open
// in 2026). The schema uses nothing that draft-07 lacks.
const schemaDraft = "http://json-schema.org/draft-07/schema#"

// Schema returns the JSON Schema (draft-07) of a kind of file, generated from the same Go types
// the parser fills, for editors such as VS Code's YAML extension. It expresses types, required
// fields, enums, ranges and unknown fields; checks that need the world (codes), dates relative
// to each other, or fields that depend on a policy's type and mode are Go's alone.
func Schema(kind string) ([]byte, error) {
	// ExpandedStruct puts File's fields at the root: in draft-07 a root $ref would hide $id.
	r := &jsonschema.Reflector{RequiredFromJSONSchemaTags: true, ExpandedStruct: true}
	var s *jsonschema.Schema
	switch kind {
	case "scenario":
		s = r.Reflect(&File{})
		s.ID = SchemaID
		s.Title = "tradesim scenario file"
		s.Description = "A what-if trade scenario: tariffs, export and import controls, and rules. Reference: scenarios/README.md."
	case "sweep":
		s = r.Reflect(&SweepFile{})
		s.ID = SweepSchemaID
		s.Title = "tradesim sweep file"
		s.Description = "Many runs of a scenario with some fields varied, and the figures kept from each. Reference: scenarios/README.md."
	default:
		return nil, fmt.Errorf("no schema for %q files: the kinds are %v", kind, SchemaKinds)
	}
	s.Version = schemaDraft
	forEachField(s, hoistDescription)
	forEachField(s, refBesideDescription)
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("%s schema: %w", kind, err)
	}
	// Draft-07 keeps shared parts under "definitions"; the reflector writes 2020-12's "$defs".
	out = bytes.ReplaceAll(out, []byte(`"$defs"`), []byte(`"definitions"`))
	out = bytes.ReplaceAll(out, []byte(`"#/$defs/`), []byte(`"#/definitions/`))
	return append(out, '\n'), nil
}

// forEachField calls fn on every property of the root and of every definition.
func forEachField(s *jsonschema.Schema, fn func(*jsonschema.Schema)) {
	all := []*jsonschema.Schema{s}
	for _, def := range s.Definitions {
		all = append(all, def)
	}
	for _, d := range all {
		if d.Properties == nil {
			continue
		}
		for p := d.Properties.Oldest(); p != nil; p = p.Next() {
			fn(p.Value)
		}
	}
}

// hoistDescription moves the description of a nullable field (which the reflector puts inside
// the first branch of its oneOf) up to the field, where editors show it on hover.
func hoistDescription(f *jsonschema.Schema) {
	if len(f.OneOf) > 0 && f.Description == "" {
		f.Description, f.OneOf[0].Description = f.OneOf[0].Description, ""
	}
}

// refBesideDescription wraps a $ref that has a description beside it in allOf: draft-07 ignores
// every keyword next to a $ref, and the description is what an editor shows on hover.
func refBesideDescription(f *jsonschema.Schema) {
	if f.Ref != "" && f.Description != "" {
		f.AllOf = []*jsonschema.Schema{{Ref: f.Ref}}
		f.Ref = ""
	}
}
