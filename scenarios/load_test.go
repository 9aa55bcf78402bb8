package scenarios

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/sim"
)

// TestNorwayStaysText: exporter: NO is Norway, never the boolean false (reliability.md: the
// sigs.k8s.io/yaml trap), in the parsed file and in the resolved ids.
func TestNorwayStaysText(t *testing.T) {
	l, err := Load("testdata/good/norway.yaml", testOpts)
	if err != nil {
		t.Fatal(err)
	}
	if got := l.File.Policies[0].Exporter.List; !slices.Equal(got, []string{"NO"}) {
		t.Errorf("parsed exporter = %q, want [NO]", got)
	}
	no, _ := nordicWorld.RegionIndex("NO")
	se, _ := nordicWorld.RegionIndex("SE")
	if got := l.Scenario.Policies[0].Exporters; !slices.Equal(got, []int{no}) {
		t.Errorf("resolved exporter = %v, want [%d]", got, no)
	}
	if got := l.Scenario.Policies[1].Exporters; !slices.Equal(got, []int{no, se}) {
		t.Errorf("resolved exporters = %v, want [%d %d]", got, no, se)
	}
}

// TestDerivedBaseline: baseline: null is the scenario with its policies and rules removed.
func TestDerivedBaseline(t *testing.T) {
	l, err := Load("testdata/good/every-field.yaml", testOpts)
	if err != nil {
		t.Fatal(err)
	}
	s, b := l.Scenario, l.Baseline
	if len(b.Policies) != 0 || len(b.Rules) != 0 || l.BaselineName != "" {
		t.Errorf("baseline has %d policies, %d rules, name %q", len(b.Policies), len(b.Rules), l.BaselineName)
	}
	if len(s.Policies) != 4 || len(s.Rules) != 3 {
		t.Fatalf("scenario has %d policies, %d rules", len(s.Policies), len(s.Rules))
	}
	if b.Seed != s.Seed || b.Seed != 18446744073709551615 || b.Replicates != 5 || l.Firms != 10 || b.Horizon != 48 ||
		!slices.Equal(b.Parameters, s.Parameters) || !slices.Equal(b.Uncertainty, s.Uncertainty) {
		t.Errorf("baseline settings differ: %+v", b)
	}
	// The copy is deep: changing the scenario leaves the baseline alone.
	s.Parameters[0].Value = 99
	if b.Parameters[0].Value == 99 {
		t.Error("baseline shares the scenario's parameter slice")
	}
}

// TestNamedBaseline: baseline: NAME takes the named scenario's policies and rules, with this
// scenario's own start, horizon, seed, replicates, parameters and uncertainty.
func TestNamedBaseline(t *testing.T) {
	l, err := Load("h20-allowance", testOpts)
	if err != nil {
		t.Fatal(err)
	}
	ban, err := Load("h20-ban", testOpts)
	if err != nil {
		t.Fatal(err)
	}
	if l.BaselineName != "h20-ban" || l.Path != "builtin:h20-allowance" {
		t.Errorf("baseline name %q, path %q", l.BaselineName, l.Path)
	}
	if !slices.EqualFunc(l.Baseline.Policies, ban.Scenario.Policies, policyEqual) {
		t.Errorf("baseline policies %+v, want h20-ban's %+v", l.Baseline.Policies, ban.Scenario.Policies)
	}

	f, err := Load("testdata/good/with-baseline-file.yaml", testOpts)
	if err != nil {
		t.Fatal(err)
	}
	if f.BaselineName != "tariff-only" || len(f.Baseline.Policies) != 1 || f.Baseline.Policies[0].ID != "tariff" {
		t.Errorf("baseline %q with %+v", f.BaselineName, f.Baseline.Policies)
	}
	if f.Baseline.Seed != 11 || f.Baseline.Replicates != 3 {
		t.Errorf("baseline seed %d, replicates %d: want this scenario's 11 and 3", f.Baseline.Seed, f.Baseline.Replicates)
	}
}

func policyEqual(a, b sim.Policy) bool {
	return a.ID == b.ID && a.Kind == b.Kind && a.Start == b.Start && a.End == b.End && a.Mode == b.Mode &&
		a.Approval == b.Approval && a.Fee == b.Fee && slices.Equal(a.Exporters, b.Exporters) &&
		slices.Equal(a.Importers, b.Importers) && slices.Equal(a.Sectors, b.Sectors)
}

// TestResolvedPolicies pins the resolution of the built-in h20-allowance: codes to ids, dates
// to months, defaults filled in.
func TestResolvedPolicies(t *testing.T) {
	l, err := Load("h20-allowance", testOpts)
	if err != nil {
		t.Fatal(err)
	}
	usa, _ := testWorld.RegionIndex("USA")
	chn, _ := testWorld.RegionIndex("CHN")
	aic, _ := testWorld.SectorIndex("AIC")
	want := []sim.Policy{
		{ID: "h20-licence-required", Kind: sim.ExportControl, Exporters: []int{usa}, Importers: []int{chn}, Sectors: []int{aic},
			Start: sim.NewMonth(2025, 4), End: sim.NewMonth(2025, 7), Mode: sim.License},
		{ID: "h20-licences-with-fee", Kind: sim.ExportControl, Exporters: []int{usa}, Importers: []int{chn}, Sectors: []int{aic},
			Start: sim.NewMonth(2025, 8), End: sim.Forever, Mode: sim.License, Approval: 1, Delay: 1, Fee: 0.15, FeeBorneBy: sim.FeeExporter},
	}
	got := l.Scenario.Policies
	if len(got) != len(want) {
		t.Fatalf("got %d policies", len(got))
	}
	for i := range want {
		g, w := got[i], want[i]
		if !policyEqual(g, w) || g.Delay != w.Delay || g.FeeBorneBy != w.FeeBorneBy || g.Limit != 0 || g.Leakage != 0 {
			t.Errorf("policy %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	if s := l.Scenario; s.Start != sim.NewMonth(2025, 1) || s.Horizon != 36 || s.Replicates != 20 || s.Seed != 2025 || l.Firms != sim.DefaultFirms {
		t.Errorf("header %+v firms %d", s, l.Firms)
	}
}

func TestRuleResolution(t *testing.T) {
	l, err := Load("testdata/good/every-field.yaml", testOpts)
	if err != nil {
		t.Fatal(err)
	}
	r := l.Scenario.Rules
	if r[0].Then == nil || r[0].Then.ID != "retaliate" || r[0].Then.Mode != sim.Ban || r[0].Lag != 1 || r[0].Duration != 12 || r[0].Cooldown != 6 {
		t.Errorf("rule 0: %+v then %+v", r[0], r[0].Then)
	}
	// lift: [tariff-ramp, ree-quota] are policies 3 and 0.
	if r[1].Then != nil || !slices.Equal(r[1].Lift, []int{3, 0}) || !r[1].Once {
		t.Errorf("rule 1: %+v", r[1])
	}
	if !slices.Equal(r[2].Lift, []int{1}) || r[2].Then.Rate != 0 {
		t.Errorf("rule 2: %+v", r[2])
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load("testdata/good/nothere.yaml", testOpts); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: got %v, want a wrapped fs.ErrNotExist", err)
	}
	var list *diag.List
	if _, err := Load("h20-alowance", testOpts); !errors.As(err, &list) || !strings.Contains(err.Error(), `did you mean "h20-allowance"?`) {
		t.Errorf("misspelt built-in: got %v", err)
	}
	if _, err := Load("testdata/good", testOpts); !errors.As(err, &list) || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("folder: got %v", err)
	}
	if _, err := Load("baseline", LoadOptions{}); err == nil {
		t.Error("nil resolver accepted")
	}
	if _, err := loadBytes("empty.yaml", []byte("# only a comment\n"), "", testOpts); err == nil || !strings.Contains(err.Error(), "empty.yaml: the file is empty") {
		t.Errorf("empty file: got %v", err)
	}
}

// TestBuiltins: every built-in is a valid scenario named after its file, with a title, a
// description and sources.
func TestBuiltins(t *testing.T) {
	infos := Builtins()
	for _, want := range []string{"baseline", "h20-allowance", "h20-ban"} {
		if !slices.ContainsFunc(infos, func(b BuiltinInfo) bool { return b.Name == want }) {
			t.Errorf("built-in %s missing", want)
		}
	}
	for _, info := range infos {
		l, err := Load(info.Name, testOpts)
		if err != nil {
			t.Fatalf("%s: %v", info.Name, err)
		}
		if l.Name != info.Name || info.Title == "" || info.Description == "" || len(l.File.Sources) == 0 {
			t.Errorf("%s: name %q, title %q, %d sources", info.Name, l.Name, info.Title, len(l.File.Sources))
		}
		if l.WorldRef != "default" {
			t.Errorf("%s runs on %q", info.Name, l.WorldRef)
		}
	}
}

// TestStarter: the starter scenario of `tradesim scenarios init` is valid, and bad names are
// refused.
func TestStarter(t *testing.T) {
	data, err := Starter("my-tariff")
	if err != nil {
		t.Fatal(err)
	}
	l, err := loadBytes("my-tariff.yaml", data, "", testOpts)
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "my-tariff" || len(l.Scenario.Policies) != 1 || len(l.Scenario.Rules) != 1 {
		t.Errorf("starter: %+v", l.Scenario)
	}
	for _, bad := range []string{"", "a b", "../x", "x/y", "-x", strings.Repeat("a", 65)} {
		if _, err := Starter(bad); err == nil {
			t.Errorf("Starter(%q) accepted", bad)
		}
	}
}

// TestNotes: a whole-number tariff rate above 1 is valid but noted at its value (5 is 500%,
// often meant as 5%); 1.45 (145%, as in April 2025) and 1 are not noted.
func TestNotes(t *testing.T) {
	for _, c := range []struct {
		rate  string
		notes int
	}{{"5", 1}, {"10", 1}, {"1.45", 0}, {"1", 0}, {"0.25", 0}} {
		src := "name: n\nstart: 2025-01\nhorizon: 12\npolicies:\n  - {id: t, type: tariff, importer: USA, exporter: CHN, sectors: all, rate: " + c.rate + "}\n"
		l, err := loadBytes("n.yaml", []byte(src), "", testOpts)
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Notes) != c.notes {
			t.Errorf("rate %s: %d notes %v, want %d", c.rate, len(l.Notes), l.Notes, c.notes)
		}
		for _, n := range l.Notes {
			if n.Line != 5 || n.Col != 77 || n.Field != "policies[0].rate" {
				t.Errorf("rate %s: note at %d:%d %s", c.rate, n.Line, n.Col, n.Field)
			}
		}
	}
}
