package scenarios

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"testing"
	"unicode/utf8"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/scenarios/yamlfile"
)

// FuzzLoad feeds arbitrary bytes to the parser and validator, seeded with both corpora and the
// built-ins. Load must never panic or hang; it returns a *diag.List whose every message has a
// position inside a named file, or a scenario that satisfies checkResolved. Baselines resolve from
// testdata/good. Run: go test -run='^$' -fuzz=FuzzLoad -fuzztime=10m -parallel=1 ./scenarios/
func FuzzLoad(f *testing.F) {
	for _, p := range goodCorpus(f) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, c := range badCorpus(f) {
		data, err := os.ReadFile(c.path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, n := range BuiltinNames() {
		data, _ := Builtin(n)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := loadBytes("fuzz.yaml", data, "testdata/good", testOpts)
		if err != nil {
			var list *diag.List
			switch {
			case errors.As(err, &list):
				if len(list.Items) == 0 {
					t.Fatal("an empty problem list")
				}
				lines := yamlfile.SplitLines(data)
				for _, d := range list.Items {
					if d.File == "" || d.Message == "" {
						t.Fatalf("a problem without file or message: %+v", d)
					}
					if d.File != "fuzz.yaml" {
						continue // a baseline's file
					}
					// The position is in the file: a line that exists, a column at most one
					// past its end (yaml/v3 counts characters).
					if d.Line < 0 || d.Line > len(lines) || d.Col < 0 || (d.Col > 0 && d.Line == 0) ||
						(d.Line > 0 && d.Col > utf8.RuneCountInString(lines[d.Line-1])+1) {
						t.Fatalf("a problem at %d:%d, outside the file's %d lines: %+v", d.Line, d.Col, len(lines), d)
					}
				}
			case errors.Is(err, fs.ErrNotExist):
			default:
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		if err := checkResolved(l); err != nil {
			t.Fatalf("accepted an inconsistent scenario: %v", err)
		}
		if _, err := json.Marshal(l.File); err != nil {
			t.Fatalf("the parsed file does not marshal: %v", err)
		}
	})
}
