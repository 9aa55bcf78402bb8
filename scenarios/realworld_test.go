package scenarios_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tradesim/tradesim/scenarios"
	"github.com/tradesim/tradesim/scenarios/worlds"
)

// TestOnDefaultWorld loads the built-ins, the starter and every good file on the default world
// against the real default world of package worlds (the package's other tests use a world of
// the same codes built in the test, so that package scenarios never imports worlds).
func TestOnDefaultWorld(t *testing.T) {
	opt := scenarios.LoadOptions{ResolveWorld: worlds.Resolve}
	refs := scenarios.BuiltinNames()
	good, err := filepath.Glob("testdata/good/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range good {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "world: nordic") {
			refs = append(refs, p)
		}
	}
	for _, ref := range refs {
		if _, err := scenarios.Load(ref, opt); err != nil {
			t.Errorf("%s: %v", ref, err)
		}
	}
	dir := t.TempDir()
	data, err := scenarios.Starter("starter")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "starter.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := scenarios.Load(path, opt); err != nil {
		t.Errorf("starter: %v", err)
	}
}
