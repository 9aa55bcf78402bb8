package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/scenarios/yamlfile"
	"github.com/tradesim/tradesim/sim"
)

// aliasBomb is the "billion laughs" file of CVE-2019-11253 in YAML: nine levels of nine aliases,
// 9^9 (387 million) strings once expanded.
func aliasBomb() []byte {
	var b strings.Builder
	b.WriteString("name: bomb\nstart: 2025-01\nhorizon: 36\n")
	b.WriteString(`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	prev := "a"
	for _, c := range "bcdefghi" {
		name := string(c)
		b.WriteString(name + ": &" + name + " [")
		for k := range 9 {
			if k > 0 {
				b.WriteString(",")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	b.WriteString("sources: *i\n")
	return []byte(b.String())
}

// deepNesting is a list nested n levels deep.
func deepNesting(n int) []byte {
	return []byte("name: deep\nsources: " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n")
}

// bigFile is a syntactically valid scenario padded with comments to size bytes.
func bigFile(size int) []byte {
	head := "name: big\nstart: 2025-01\nhorizon: 36\n"
	line := "# " + strings.Repeat("padding ", 12) + "\n"
	var b bytes.Buffer
	b.WriteString(head)
	for b.Len() < size {
		b.WriteString(line)
	}
	return b.Bytes()
}

type hostileCase struct {
	name string
	data []byte
	want string // part of the message
}

func hostileCases() []hostileCase {
	return []hostileCase{
		{"alias-bomb", aliasBomb(), "aliases (*name) expand to far more values"},
		{"deep-1e5", deepNesting(100_000), "more than 10000 levels deep"},
		{"file-10MB", bigFile(10 << 20), "larger than 1 MiB"},
		// A badly indented last line: located by parsing prefixes up to yamlfile.MaxBisect bytes, found
		// at the start of its block only in a larger file.
		{"misindented-32KiB", misindented(yamlfile.MaxBisect - 100), ":410:4: this line is not aligned with the lines above it"},
		{"misindented-1MiB", misindented(MaxFileSize - 100), "this line is not aligned with the lines above it"},
	}
}

// misindented is a scenario of about size bytes whose last policy has a line indented one space
// too little.
func misindented(size int) []byte {
	var b strings.Builder
	b.WriteString("name: x\nstart: 2025-01\nhorizon: 36\npolicies:\n")
	for b.Len() < size-60 {
		b.WriteString("  - {id: a, type: tariff, importer: USA, exporter: CHN, sectors: all, rate: 0.1}\n")
	}
	b.WriteString("  - id: b\n    type: tariff\n   rate: 1\n")
	return []byte(b.String())
}

// TestHostileFiles: each hostile file is rejected with a clear message naming the file, quickly.
// The bound is generous (5 s, CI runs with -race on 2 shared cores); BenchmarkHostile gives the
// real figure.
func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	for _, c := range hostileCases() {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.name+".yaml")
			if err := os.WriteFile(path, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			t0 := time.Now()
			_, err := Load(path, testOpts)
			took := time.Since(t0)
			var list *diag.List
			if !errors.As(err, &list) {
				t.Fatalf("got %v, want a *diag.List", err)
			}
			if msg := err.Error(); !strings.Contains(msg, c.want) || !strings.HasPrefix(msg, path+":") {
				t.Errorf("message %q should start with the file name and contain %q", msg, c.want)
			}
			// A guard against a hang, not a speed test (speed: the benchmarks of this package);
			// a minute is far beyond any machine's time for these files, race detector included.
			if took > time.Minute {
				t.Errorf("took %v: the parser nearly hangs on this file", took)
			}
			t.Logf("%s (%d bytes): rejected in %v", c.name, len(c.data), took)
		})
	}
}

// TestAliasBudget: a file whose aliases stay under yaml/v3's ratio heuristic (99% of up to
// 400,000 nodes may come from aliases) but expand to 300,000 nodes stops at the walker's
// budget with a clear message instead of checking every copy.
func TestAliasBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: x\nstart: 2025-01\nhorizon: 36\nx: &big [" + strings.Repeat("USA,", 499) + "USA]\npolicies:\n")
	for i := range 300 {
		fmt.Fprintf(&b, "  - {id: p%d, type: tariff, importer: *big, exporter: *big, sectors: all, rate: 0.1}\n", i)
	}
	t0 := time.Now()
	_, err := loadBytes("aliases.yaml", []byte(b.String()), "", testOpts)
	if err == nil || !strings.Contains(err.Error(), "expands to more than 200000 values through aliases") {
		t.Fatalf("got %v", err)
	}
	t.Logf("rejected in %v", time.Since(t0))
}

// BenchmarkHostile measures how fast each hostile file is rejected, from bytes on disk.
func BenchmarkHostile(b *testing.B) {
	dir := b.TempDir()
	for _, c := range hostileCases() {
		path := filepath.Join(dir, c.name+".yaml")
		if err := os.WriteFile(path, c.data, 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Load(path, testOpts); err == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}

// BenchmarkLoadBuiltin is the cost of loading a typical scenario (h20-allowance and its baseline).
func BenchmarkLoadBuiltin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load("h20-allowance", testOpts); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLimitsInSchema: the limits that the JSON Schema states (from the struct tags) are the
// constants that the Go checks and the reference use.
func TestLimitsInSchema(t *testing.T) {
	var defs map[string]map[string]struct {
		Maximum          *float64 `json:"maximum"`
		ExclusiveMaximum *float64 `json:"exclusiveMaximum"`
		MaxItems         *int     `json:"maxItems"`
		OneOf            []struct {
			MaxItems *int `json:"maxItems"`
		} `json:"oneOf"`
	}
	schemaFields(t, &defs)
	maxOf := map[string]int{
		"File.horizon": MaxHorizon, "File.replicates": MaxReplicates, "File.firms": MaxFirms,
		"PolicySpec.delay": MaxDelay, "PolicySpec.phase_in": MaxHorizon, "RuleSpec.lag": MaxHorizon,
		"RuleSpec.duration": MaxHorizon, "RuleSpec.cooldown": MaxHorizon,
	}
	for field, want := range maxOf {
		def, name, _ := strings.Cut(field, ".")
		p := defs[def][name]
		if p.Maximum == nil || *p.Maximum != float64(want) {
			t.Errorf("%s: the schema's maximum is %v, the Go limit %d", field, p.Maximum, want)
		}
	}
	if fee := defs["Measure"]["fee"].ExclusiveMaximum; fee == nil || *fee != sim.FeeLimit {
		t.Errorf("fee: the schema's exclusiveMaximum is %v, the engine's limit %g", fee, sim.FeeLimit)
	}
	for field, want := range map[string]int{"policies": MaxPolicies, "rules": MaxRules} {
		p := defs["File"][field]
		if len(p.OneOf) == 0 || p.OneOf[0].MaxItems == nil || *p.OneOf[0].MaxItems != want {
			t.Errorf("%s: the schema's maxItems is not the Go limit %d", field, want)
		}
		if got := fieldsOf(reflect.TypeFor[File]()).byName[field].maxItems; got != want {
			t.Errorf("%s: the decoder caps at %d, the Go limit is %d", field, got, want)
		}
	}
}
