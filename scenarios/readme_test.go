package scenarios

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/tradesim/tradesim/sim"
)

// TestReadmeCoversFormat: scenarios/README.md names every field of the format, every parameter
// and every condition function, so that the reference cannot fall behind the parser.
func TestReadmeCoversFormat(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	var names []string
	for _, typ := range []reflect.Type{reflect.TypeFor[File](), reflect.TypeFor[PolicySpec](), reflect.TypeFor[RuleSpec](), reflect.TypeFor[DistSpec]()} {
		names = append(names, fieldsOf(typ).names...)
	}
	names = append(names, sim.SectorParamNames...)
	names = append(names, sim.GlobalParamNames()...)
	for _, n := range append(names, sortedKeys(sim.RationingNames)...) {
		if !strings.Contains(readme, "`"+n+"`") {
			t.Errorf("README.md does not document `%s`", n)
		}
	}
	for _, f := range sim.ConditionFuncs {
		name, _, _ := strings.Cut(f, ":")
		if !strings.Contains(readme, "`"+name+"`") {
			t.Errorf("README.md does not document the condition function `%s`", name)
		}
	}
	for _, b := range BuiltinNames() {
		if !strings.Contains(readme, "| `"+b+"` |") {
			t.Errorf("README.md does not list the built-in %s", b)
		}
	}
	for _, name := range append(append([]string(nil), sim.SectorParamNames...), sim.GlobalParamNames()...) {
		lo, hi, ok := sim.ParamRange(name)
		if !ok {
			t.Errorf("the engine has no range for parameter %s", name)
		}
		row := fmt.Sprintf("| `%s` | %g to %g |", name, lo, hi)
		if !strings.Contains(readme, row) {
			t.Errorf("README.md lacks the row %q", row)
		}
	}
}
