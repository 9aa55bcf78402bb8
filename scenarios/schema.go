package scenarios

import (
	"encoding/json"
	"fmt"

	"github.com/invopop/jsonschema"
)

// SchemaID is the $id of the scenario file schema.
const SchemaID = "https://github.com/tradesim/tradesim/scenarios/scenario.schema.json"

// SchemaKinds are the file kinds `tradesim schema` knows, in order.
var SchemaKinds = []string{"scenario"}

// Schema returns the JSON Schema (draft 2020-12) of a kind of file, generated from the same Go
// types the parser fills, for editors such as VS Code's YAML extension. It expresses types,
// required fields, enums, ranges and unknown fields; checks that need the world (codes), dates
// relative to each other, or fields that depend on a policy's type and mode are Go's alone.
func Schema(kind string) ([]byte, error) {
	if kind != "scenario" {
		return nil, fmt.Errorf("no schema for %q files: the kinds are %v (sweep files do not exist yet)", kind, SchemaKinds)
	}
	r := &jsonschema.Reflector{RequiredFromJSONSchemaTags: true}
	s := r.Reflect(&File{})
	s.ID = SchemaID
	s.Title = "tradesim scenario file"
	s.Description = "A what-if trade scenario: tariffs, export and import controls, and rules. Reference: scenarios/README.md."
	hoistDescriptions(s)
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("scenario schema: %w", err)
	}
	return append(out, '\n'), nil
}

// hoistDescriptions moves the description of a nullable field (which the reflector puts inside
// the first branch of its oneOf) up to the field, where editors show it on hover.
func hoistDescriptions(s *jsonschema.Schema) {
	for _, def := range s.Definitions {
		if def.Properties == nil {
			continue
		}
		for p := def.Properties.Oldest(); p != nil; p = p.Next() {
			f := p.Value
			if len(f.OneOf) > 0 && f.Description == "" {
				f.Description, f.OneOf[0].Description = f.OneOf[0].Description, ""
			}
		}
	}
}
