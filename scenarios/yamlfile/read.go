// Package yamlfile is the one strict reader of tradesim's YAML files: scenario files and a world
// folder's world.yaml. It parses a file into a yaml/v3 node tree and turns every syntax problem
// into a diagnostic with the line and column at fault and plain advice (a mis-indented line, a
// tab, a missing colon, an unclosed quote or bracket), refuses a file with more than one
// document or with aliases that expand without bound, and places positions on the file's lines
// as yaml/v3 counts them. The callers walk the tree with their own schema.
package yamlfile

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/tradesim/tradesim/scenarios/diag"
)

// MaxDepth is yaml/v3's nesting cap, which stays on (go-yaml PR #515).
const MaxDepth = 10_000

// Kind names what a file holds, for messages.
type Kind struct {
	Noun   string // with its article: "a scenario", "a world file"
	One    string // what one file holds: "scenario", "world"
	Levels int    // how deep a valid file nests lists and mappings
	Empty  string // what to do about an empty file
}

// Doc is a parsed file: its root node (never nil) and its lines as yaml/v3 counts them.
type Doc struct {
	Root  *yaml.Node
	Lines []string
}

// Read parses data (the contents of file) strictly: a syntax error, an empty file, more than one
// document or an alias bomb is reported to l and Read returns nil. A BOM at the start is
// ignored, as yaml/v3 does. The caller checks the size and the root's kind.
func Read(file string, data []byte, kind Kind, l *diag.List) *Doc {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			l.Addf(file, 0, 0, "", "the file is empty; %s", kind.Empty)
		} else {
			l.Add(SyntaxError(file, data, err, kind))
		}
		return nil
	}
	lines := SplitLines(data)
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		line, col := Pos(lines, &extra)
		l.Addf(file, line, col, "", "the file holds more than one YAML document (---); put one %s in each file", kind.One)
		return nil
	case !errors.Is(err, io.EOF):
		l.Add(SyntaxError(file, data, err, kind))
		return nil
	}
	// yaml/v3 keeps aliases unexpanded in a Node; decoding once into a plain value runs its
	// alias-expansion cap, which rejects "billion laughs" files in about a millisecond.
	var probe any
	if err := doc.Decode(&probe); err != nil && strings.Contains(err.Error(), "excessive aliasing") {
		l.Add(SyntaxError(file, data, err, kind))
		return nil
	}
	if len(doc.Content) == 0 {
		l.Addf(file, 0, 0, "", "the file has no fields; %s", kind.Empty)
		return nil
	}
	return &Doc{Root: doc.Content[0], Lines: lines}
}

// Pos is where n is in a file of these lines. yaml/v3 puts an empty value at the very end of a
// file that lacks a final newline on the line after the last; that is the end of the last line.
func Pos(lines []string, n *yaml.Node) (line, col int) {
	if n.Line > len(lines) && len(lines) > 0 {
		return len(lines), utf8.RuneCountInString(lines[len(lines)-1]) + 1
	}
	return n.Line, n.Column
}
