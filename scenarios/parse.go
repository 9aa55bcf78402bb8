package scenarios

import (
	"bytes"
	"reflect"

	"go.yaml.in/yaml/v3"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/scenarios/yamlfile"
	"github.com/tradesim/tradesim/sim"
)

// Limits against hostile or mistaken files (issue 2): each is reported as a clear error before
// any work proportional to it is done. The struct tags of File repeat them for the schema (and
// the decoder reads maxItems from there); TestLimitsInSchema keeps both the same.
const (
	MaxFileSize   = 1 << 20 // bytes; the longest built-in scenario is about 3 KB
	MaxHorizon    = 600     // months: 50 years
	MaxReplicates = 10_000
	MaxFirms      = 1_000 // per region-sector
	MaxPolicies   = 1_000
	MaxRules      = 200
	MaxDelay      = sim.MaxDelay // months a licence may take: the engine's approval pipeline
)

// scenarioKind names scenario files in the YAML reader's messages.
var scenarioKind = yamlfile.Kind{Noun: "a scenario", One: "scenario", Levels: 4, Empty: "start from `tradesim scenarios init NAME`"}

// parse decodes a scenario file's bytes into a File, strictly. It returns nil when the file is
// not a readable YAML mapping; problems go to diags either way.
func parse(file string, data []byte, diags *diag.List) (*File, *decoder) {
	if len(data) > MaxFileSize {
		diags.Addf(file, 0, 0, "", "the file is larger than 1 MiB (%d bytes); a scenario file is a few kilobytes: is this the right file?", MaxFileSize)
		return nil, nil
	}
	// yaml/v3 skips one byte-order mark; a file saved twice by some editors has two, and the
	// second would shift every key of the first mapping by a character.
	for bom := []byte("\ufeff"); bytes.HasPrefix(data, bom) && bytes.HasPrefix(data[len(bom):], bom); {
		data = data[len(bom):]
	}
	doc := yamlfile.Read(file, data, scenarioKind, diags)
	if doc == nil {
		return nil, nil
	}
	root := doc.Root
	d := newDecoder(file, data, diags)
	if root.Kind != yaml.MappingNode {
		d.errf(root, "", "a scenario file is a mapping of fields (name: ..., start: ..., horizon: ...); this file holds %s", describe(root))
		return nil, nil
	}
	if isWorldFile(root) {
		d.errf(root, "", "this is a world file (the world.yaml of a world folder), not a scenario; check the world with tradesim validate FOLDER or tradesim world check FOLDER")
		return nil, nil
	}
	f := new(File)
	d.decodeStruct(root, reflect.ValueOf(f).Elem(), "")
	if d.fatal != nil {
		// The other messages are about copies of the same aliased values: show the cause only.
		*diags = diag.List{}
		diags.Add(*d.fatal)
		return nil, nil
	}
	return f, d
}

// isWorldFile reports whether a mapping looks like a world folder's world.yaml: it has the
// world's own keys and none of a scenario's required ones.
func isWorldFile(root *yaml.Node) bool {
	keys := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		keys[root.Content[i].Value] = true
	}
	return (keys["base_year"] || keys["currency"] || keys["regions"]) && !keys["start"] && !keys["horizon"]
}
