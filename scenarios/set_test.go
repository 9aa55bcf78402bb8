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
		return Load("tariff-escalation-2025", opts)
	}
	l, err := load("policies[us-may].rate=0.5", "horizon=24", "parameters.sigmaM.ELEC=3", "policies[0].end=null")
	if err != nil {
		t.Fatal(err)
	}
	if got := *l.File.Policies[3].Rate; got != 0.5 {
		t.Errorf("policies[us-may].rate = %g, want 0.5", got)
	}
	if l.Scenario.Horizon != 24 || l.Baseline.Horizon != 24 {
		t.Errorf("horizon = %d (baseline %d), want 24", l.Scenario.Horizon, l.Baseline.Horizon)
	}
	if l.File.Parameters == nil || l.File.Policies[0].End != nil {
		t.Errorf("parameters %v, policies[0].end %v: sets not applied", l.File.Parameters, l.File.Policies[0].End)
	}
	if len(l.Sets) != 4 {
		t.Errorf("Loaded.Sets has %d sets, want 4", len(l.Sets))
	}
	for _, c := range []struct{ set, want string }{
		{"policies[us-may].rate=abc", `--set policies[us-may].rate=abc: policies[3].rate: must be a number; got "abc"`},
		{"policies[us-mya].rate=0.5", `policies has no entry with id "us-mya"; did you mean "us-mar"?`},
		{"policies[99].rate=1", "policies has 21 entries (0 to 20); there is no policies[99]"},
		{"horizn=3", `--set horizn=3: horizn: unknown field "horizn"; did you mean "horizon"?`},
		{"horizon=0", "--set horizon=0: horizon: is 0 months"},
		{"parameters.sigmx.ELEC=3", `parameters.sigmx.ELEC: unknown parameter "sigmx"; did you mean "sigmaD"?`},
		{"policies[us-may].sectors=[AGR, XYZ]", `policies[3].sectors[1]: unknown sector "XYZ"`},
		{"policies[us-may.rate=1", "opens [ without closing it"},
		{"name.first=x", `name is "tariff-escalation-2025", not a mapping of fields`},
		{"policies[us-may].rate=[1", "--set policies[us-may].rate=[1: the value is not valid YAML"},
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
