package scenarios

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/sim"
)

var update = flag.Bool("update", false, "rewrite the goldens of testdata/bad (review the diff by eye)")

// badCase is one file of testdata/bad with its header: the class (structural: the JSON Schema
// rejects it too; semantic: only the Go checks can) and the position the main error must have.
type badCase struct {
	path      string
	class     string
	line, col int
}

var headerRE = regexp.MustCompile(`(?m)^# class: (structural|semantic)\n# at: (\d+):(\d+)\n`)

func badCorpus(t testing.TB) []badCase {
	paths, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var out []badCase
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		m := headerRE.FindSubmatch(data)
		if m == nil {
			t.Fatalf("%s: the file must start with # class: structural|semantic and # at: LINE:COL", p)
		}
		line, _ := strconv.Atoi(string(m[2]))
		col, _ := strconv.Atoi(string(m[3]))
		out = append(out, badCase{path: p, class: string(m[1]), line: line, col: col})
	}
	return out
}

func goodCorpus(t testing.TB) []string {
	paths, err := filepath.Glob("testdata/good/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// TestBadCorpus loads every bad file: each must be rejected with a *diag.List that has a
// diagnostic at the position its header names, and the messages must equal its golden.
func TestBadCorpus(t *testing.T) {
	cases := badCorpus(t)
	if len(cases) < 50 {
		t.Fatalf("the bad corpus has %d files; issue 2 asks for at least 50", len(cases))
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(c.path), ".yaml"), func(t *testing.T) {
			l, err := Load(c.path, testOpts)
			if err == nil {
				t.Fatalf("accepted: %+v", l.Scenario)
			}
			var list *diag.List
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, not *diag.List: %v", err, err)
			}
			found := false
			for _, d := range list.Items {
				if d.Line == c.line && d.Col == c.col {
					found = true
				}
				if d.File != c.path && !strings.HasPrefix(d.File, "testdata/bad/") && d.File != "h20-ban" {
					t.Errorf("diagnostic names file %q", d.File)
				}
			}
			if !found {
				t.Errorf("no diagnostic at %d:%d:\n%v", c.line, c.col, err)
			}
			got := err.Error() + "\n"
			checkGolden(t, strings.TrimSuffix(c.path, ".yaml")+".golden", got, "TestBadCorpus")
		})
	}
}

// checkGolden compares a file's messages with its golden, or rewrites the golden under -update;
// test names the test to rerun.
func checkGolden(t *testing.T, golden, got, test string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update and review the golden)", err, test)
	}
	if got != string(want) {
		t.Errorf("messages differ from %s:\n--- got\n%s--- want\n%s", golden, got, want)
	}
}

// TestGoodCorpus loads every good file and every built-in.
func TestGoodCorpus(t *testing.T) {
	refs := goodCorpus(t)
	if len(refs) == 0 {
		t.Fatal("no good corpus")
	}
	refs = append(refs, BuiltinNames()...)
	for _, ref := range refs {
		t.Run(filepath.Base(ref), func(t *testing.T) {
			l, err := Load(ref, testOpts)
			if err != nil {
				t.Fatal(err)
			}
			if l.Baseline == nil || l.Scenario == nil || l.World == nil {
				t.Fatalf("incomplete result: %+v", l)
			}
			if err := checkResolved(l); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// checkResolved checks what every accepted scenario must satisfy: ids within the world and the
// policy list, dates within the horizon, the baseline sharing every setting but its measures.
func checkResolved(l *Loaded) error {
	s, b, w := l.Scenario, l.Baseline, l.World
	if s.Horizon < 1 || s.Horizon > MaxHorizon || s.Replicates < 1 || s.Replicates > MaxReplicates || l.Firms < 1 || l.Firms > MaxFirms {
		return fmt.Errorf("limits not enforced: horizon %d, replicates %d, firms %d", s.Horizon, s.Replicates, l.Firms)
	}
	if b.Start != s.Start || b.Horizon != s.Horizon || b.Seed != s.Seed || b.Replicates != s.Replicates ||
		len(b.Parameters) != len(s.Parameters) || len(b.Uncertainty) != len(s.Uncertainty) {
		return fmt.Errorf("baseline does not share the scenario's settings")
	}
	for _, sc := range []*sim.Scenario{s, b} {
		ps := append([]sim.Policy(nil), sc.Policies...)
		for _, r := range sc.Rules {
			if r.Then != nil {
				ps = append(ps, *r.Then)
			}
			for _, j := range r.Lift {
				if j < 0 || j >= len(sc.Policies) {
					return fmt.Errorf("rule %s lifts policy %d of %d", r.ID, j, len(sc.Policies))
				}
			}
			if _, err := sim.CompileCondition(w, r.When); err != nil {
				return fmt.Errorf("rule %s: %v", r.ID, err)
			}
		}
		for _, p := range ps {
			for _, ids := range [][]int{p.Exporters, p.Importers, p.Regions} {
				for _, id := range ids {
					if id < 0 || id >= w.R() {
						return fmt.Errorf("policy %s: region id %d outside the world", p.ID, id)
					}
				}
			}
			for _, id := range p.Sectors {
				if id < 0 || id >= w.S() {
					return fmt.Errorf("policy %s: sector id %d outside the world", p.ID, id)
				}
			}
			routes := len(p.Exporters) > 0 && len(p.Importers) > 0
			if p.Kind == sim.CapacityShock {
				routes = len(p.Regions) > 0 && len(p.Exporters) == 0 && len(p.Importers) == 0
			}
			if !routes || len(p.Sectors) == 0 || p.Kind == 0 {
				return fmt.Errorf("policy %s has no kind, route or sector", p.ID)
			}
			if (p.Kind == sim.ExportControl || p.Kind == sim.ImportControl) && p.Mode == 0 {
				return fmt.Errorf("control %s has no mode", p.ID)
			}
			if p.Start != 0 && (p.Start < s.Start || p.Start > s.End() || (p.End != sim.Forever && (p.End < p.Start || p.End > s.End()))) {
				return fmt.Errorf("policy %s runs %s to %s, outside the horizon", p.ID, p.Start, p.End)
			}
		}
	}
	return nil
}
