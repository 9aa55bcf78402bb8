package scenarios

import (
	"embed"
	"fmt"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tradesim/tradesim/scenarios/diag"
)

// builtinFS holds the built-in scenarios, one YAML file each, named NAME.yaml.
//
//go:embed builtin/*.yaml
var builtinFS embed.FS

// BuiltinInfo describes a built-in scenario for `tradesim scenarios list`.
type BuiltinInfo struct {
	Name        string
	Title       string
	Description string
}

// BuiltinNames lists the built-in scenarios' names, sorted.
func BuiltinNames() []string {
	entries, _ := builtinFS.ReadDir("builtin") // embedded at build time: cannot fail
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// Builtins lists the built-in scenarios with their titles and descriptions, sorted by name.
func Builtins() []BuiltinInfo {
	var out []BuiltinInfo
	for _, n := range BuiltinNames() {
		data, _ := Builtin(n)
		var meta struct {
			Title       string `yaml:"title"`
			Description string `yaml:"description"`
		}
		_ = yaml.Unmarshal(data, &meta) // built-ins are tested to be valid scenarios
		out = append(out, BuiltinInfo{Name: n, Title: meta.Title, Description: strings.TrimSpace(meta.Description)})
	}
	return out
}

// unknownBuiltinPrefix starts the message for a reference that is neither a file nor a built-in.
const unknownBuiltinPrefix = "is neither a scenario file nor a built-in scenario"

// Builtin returns the YAML of the named built-in scenario.
func Builtin(name string) ([]byte, error) {
	if !strings.ContainsAny(name, `/\`) && name != "" {
		if data, err := builtinFS.ReadFile(path.Join("builtin", name+".yaml")); err == nil {
			return data, nil
		}
	}
	return nil, listOf(diag.Diagnostic{File: name, Message: fmt.Sprintf("%s; %s (see tradesim scenarios list)",
		unknownBuiltinPrefix, diag.DidYouMean(name, BuiltinNames()))})
}

func isUnknownBuiltin(l *diag.List) bool {
	return len(l.Items) == 1 && strings.HasPrefix(l.Items[0].Message, unknownBuiltinPrefix)
}
