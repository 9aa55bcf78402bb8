package scenarios

import (
	"strings"
	"testing"
)

// TestSets: a set changes the field it names, as if the file said so, and a wrong path or
// value is reported under the set's own name with the field and what to do.
func TestSets(t *testing.T) {
	load := func(sets ...string) (*Loaded, error) {
		opts := testOpts
		for _, a := range sets {
			s, err := ParseSet(a)
			if err != nil {
				return nil, err
			}
			opts.Sets = append(opts.Sets, s)
		}
		return Load("testdata/sweep/base.yaml", opts)
	}
	l, err := load("policies[late].rate=0.5", "horizon=12", "parameters.sigmaM.ELEC=3", "policies[1].end=null")
	if err != nil {
		t.Fatal(err)
	}
	if got := *l.File.Policies[1].Rate; got != 0.5 {
		t.Errorf("policies[late].rate = %g, want 0.5", got)
	}
	if l.Scenario.Horizon != 12 || l.Baseline.Horizon != 12 {
		t.Errorf("horizon = %d (baseline %d), want 12", l.Scenario.Horizon, l.Baseline.Horizon)
	}
	if l.File.Parameters == nil || l.File.Policies[1].End != nil {
		t.Errorf("parameters %v, policies[0].end %v: sets not applied", l.File.Parameters, l.File.Policies[0].End)
	}
	if len(l.Sets) != 4 {
		t.Errorf("Loaded.Sets has %d sets, want 4", len(l.Sets))
	}
	for _, c := range []struct{ set, want string }{
		{"policies[late].rate=abc", `--set policies[late].rate=abc: policies[1].rate: must be a number; got "abc"`},
		{"policies[laet].rate=0.5", `policies has no entry with id "laet"; did you mean "late"?`},
		{"policies[99].rate=1", "policies has 2 entries (0 to 1); there is no policies[99]"},
		{"horizn=3", `--set horizn=3: horizn: unknown field "horizn"; did you mean "horizon"?`},
		{"horizon=0", "--set horizon=0: horizon: is 0 months"},
		{"parameters.sigmx.ELEC=3", `parameters.sigmx.ELEC: unknown parameter "sigmx"; did you mean "sigmaD"?`},
		{"policies[late].sectors=[AGR, XYZ]", `policies[1].sectors[1]: unknown sector "XYZ"`},
		{"policies[late.rate=1", "opens [ without closing it"},
		{"name.first=x", `name is "base", not a mapping of fields`},
		{"policies[late].rate=[1", "--set policies[late].rate=[1: the value is not valid YAML"},
		{"rate", "write PATH=VALUE"},
	} {
		_, err := load(c.set)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("--set %s: got %v, want a message with %q", c.set, err, c.want)
		}
	}
	// A set applies to the scenario, not to the baseline it names.
	if _, err := Load("h20-allowance-china-discourages", LoadOptions{ResolveWorld: testResolve, Sets: []Set{{"replicates", "3"}}}); err != nil {
		t.Fatal(err)
	}
}
