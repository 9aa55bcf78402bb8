package scenarios

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/tradesim/tradesim/sim"
)

func compiledSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	raw, err := Schema("scenario")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(SchemaID) // checks it against the draft-07 metaschema too
	if err != nil {
		t.Fatalf("the generated schema does not compile: %v", err)
	}
	return sch
}

// yamlToJSON reads a YAML file the way an editor's YAML-to-JSON step does; an error means the
// file has no JSON equivalent (invalid YAML, several documents, NaN), which counts as the schema
// side rejecting it.
func yamlToJSON(data []byte) (any, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, errors.New("more than one document")
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return jsonschema.UnmarshalJSON(bytes.NewReader(b))
}

// TestSchemaAgrees shows the JSON Schema and the Go checks agree on both corpora: every good
// file and built-in passes both; every structural bad file fails both; every semantic bad file
// (unknown codes, dates relative to the horizon, fields that depend on type and mode) passes the
// schema, which cannot express it, and fails Go (TestBadCorpus).
func TestSchemaAgrees(t *testing.T) {
	sch := compiledSchema(t)
	var good [][2]string
	for _, p := range goodCorpus(t) {
		good = append(good, [2]string{p, ""})
	}
	for _, n := range BuiltinNames() {
		good = append(good, [2]string{"builtin:" + n, n})
	}
	for _, g := range good {
		data, err := os.ReadFile(g[0])
		if g[1] != "" {
			data, err = Builtin(g[1])
		}
		if err != nil {
			t.Fatal(err)
		}
		v, err := yamlToJSON(data)
		if err == nil {
			err = sch.Validate(v)
		}
		if err != nil {
			t.Errorf("%s: the schema rejects a good file: %v", g[0], err)
		}
	}
	counts := map[string]int{}
	for _, c := range badCorpus(t) {
		counts[c.class]++
		data, err := os.ReadFile(c.path)
		if err != nil {
			t.Fatal(err)
		}
		v, err := yamlToJSON(data)
		if err == nil {
			err = sch.Validate(v)
		}
		switch {
		case c.class == "structural" && err == nil:
			t.Errorf("%s: structural, but the schema accepts it (tighten the schema tags or mark it semantic)", filepath.Base(c.path))
		case c.class == "semantic" && err != nil:
			t.Errorf("%s: semantic, but the schema rejects it (mark it structural): %v", filepath.Base(c.path), err)
		}
	}
	t.Logf("bad corpus: %d structural (schema and Go reject), %d semantic (Go only)", counts["structural"], counts["semantic"])
}

// TestSchemaGolden keeps the generated schema in testdata for review; -update rewrites it.
func TestSchemaGolden(t *testing.T) {
	got, err := Schema("scenario")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "scenario.schema.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the schema changed; review it and run go test -run TestSchemaGolden -update")
	}
}

// TestSweepSchema: the sweep schema compiles against draft-07, matches its golden, accepts
// every good sweep file and rejects a structural mistake (an unknown field).
func TestSweepSchema(t *testing.T) {
	raw, err := Schema("sweep")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sweep.schema.json")
	if *update {
		if err := os.WriteFile(golden, raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want, err := os.ReadFile(golden); err != nil || !bytes.Equal(raw, want) {
		t.Errorf("the sweep schema changed (%v); review it and run go test -run TestSweepSchema -update", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SweepSchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(SweepSchemaID)
	if err != nil {
		t.Fatalf("the sweep schema does not compile: %v", err)
	}
	good, _ := filepath.Glob("testdata/sweep/good/*.yaml")
	for _, p := range good {
		data, _ := os.ReadFile(p)
		v, err := yamlToJSON(data)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("%s: the schema rejects a good sweep: %v", p, err)
		}
	}
	for _, name := range []string{"unknown-field", "unknown-design", "unknown-stat", "sobol-not-power-of-two"} {
		data, _ := os.ReadFile(filepath.Join("testdata/sweep/bad", name+".yaml"))
		v, err := yamlToJSON(data)
		if err != nil {
			t.Fatal(err)
		}
		if name == "sobol-not-power-of-two" {
			if err := sch.Validate(v); err != nil {
				t.Errorf("%s: a semantic mistake the schema cannot express was rejected: %v", name, err)
			}
			continue
		}
		if err := sch.Validate(v); err == nil {
			t.Errorf("%s: the schema accepts a structural mistake", name)
		}
	}
}

// TestSchemaForEditors: every field of the schema has a description (an editor shows it on
// hover), and the words it offers for type, mode, fee_borne_by, dist and rationing are exactly
// the engine's names, so that completion never proposes a word that validate refuses.
func TestSchemaForEditors(t *testing.T) {
	var defs map[string]map[string]struct {
		Description string `json:"description"`
		Enum        []string
	}
	schemaFields(t, &defs)
	words := map[string][]string{
		"type":         sortedKeys(sim.PolicyKindNames),
		"mode":         sortedKeys(sim.ControlModeNames),
		"fee_borne_by": sortedKeys(sim.FeeBearerNames),
		"dist":         sortedKeys(sim.DistNames),
		"rationing":    sortedKeys(sim.RationingNames),
	}
	seen := map[string]bool{}
	for def, props := range defs {
		for name, p := range props {
			if strings.TrimSpace(p.Description) == "" {
				t.Errorf("%s.%s has no description", def, name)
			}
			if want, ok := words[name]; ok && def+"."+name != "DistSpec.mode" { // a triangular's mode is a number
				seen[name] = true
				got := slices.Sorted(slices.Values(p.Enum))
				if !slices.Equal(got, want) {
					t.Errorf("%s.%s offers %v; the engine knows %v", def, name, got, want)
				}
			}
		}
	}
	for name := range words {
		if !seen[name] {
			t.Errorf("the schema has no field %s", name)
		}
	}
}

// schemaFields decodes the properties of the schema's root (as "File") and of each of its
// definitions into *defs, a map from the definition's name to its properties.
func schemaFields(t *testing.T, defs any) {
	t.Helper()
	raw, err := Schema("scenario")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties  json.RawMessage            `json:"properties"`
		Definitions map[string]json.RawMessage `json:"definitions"`
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	all := map[string]json.RawMessage{"File": []byte(`{"properties":` + string(s.Properties) + `}`)}
	for name, d := range s.Definitions {
		all[name] = d
	}
	props := map[string]json.RawMessage{}
	for name, d := range all {
		var x struct {
			Properties json.RawMessage `json:"properties"`
		}
		if err := json.Unmarshal(d, &x); err != nil {
			t.Fatal(err)
		}
		if x.Properties != nil {
			props[name] = x.Properties
		}
	}
	b, err := json.Marshal(props)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, defs); err != nil {
		t.Fatal(err)
	}
}

// TestSchemaDescriptionsWhole: a description in the schema is the whole of its tag's text (the
// reflector cuts a tag at an unescaped comma).
func TestSchemaDescriptionsWhole(t *testing.T) {
	var defs map[string]map[string]struct {
		Description string `json:"description"`
	}
	schemaFields(t, &defs)
	for _, typ := range []reflect.Type{reflect.TypeFor[File](), reflect.TypeFor[Measure](), reflect.TypeFor[PolicySpec](), reflect.TypeFor[RuleSpec](), reflect.TypeFor[DistSpec]()} {
		for name, fi := range fieldsOf(typ).byName {
			f := typ.FieldByIndex(fi.index)
			_, want, ok := strings.Cut(f.Tag.Get("jsonschema"), "description=")
			if !ok {
				continue
			}
			want = strings.ReplaceAll(want, `\,`, ",")
			if got := defs[typ.Name()][name].Description; got != want {
				t.Errorf("%s.%s: the schema says %q, the tag %q", typ.Name(), name, got, want)
			}
		}
	}
}
