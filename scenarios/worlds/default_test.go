package worlds

import (
	"math"
	"testing"

	"github.com/tradesim/tradesim/sim"
)

// TestDefaultWorld checks the structural promises of the embedded default world (MODEL.md §2):
// positive output and value added in every region-sector, no negative flow, domestic purchases in
// every column, and the engine's own Check.
func TestDefaultWorld(t *testing.T) {
	w, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Check(); err != nil {
		t.Fatal(err)
	}
	if w.R() != 7 || w.S() != 13 || w.BaseYear != 2024 {
		t.Fatalf("default world is %d x %d for %d, want 7 x 13 for 2024", w.R(), w.S(), w.BaseYear)
	}
	checkWorldInvariants(t, w)
	for d := range w.R() {
		for j := range w.S() {
			var dom float64
			for i := range w.S() {
				dom += w.Z[w.ZIndex(d, i, d, j)]
			}
			if !(dom > 0) {
				t.Errorf("%s %s buys nothing at home", w.Regions[d].Code, w.Sectors[j].Code)
			}
		}
	}
}

// checkWorldInvariants verifies the row identity (output = row sum of Z and Y, relative 1e-9),
// non-negative finite flows, and positive value added.
func checkWorldInvariants(t *testing.T, w *sim.World) {
	t.Helper()
	for k, x := range append(append([]float64(nil), w.Z...), w.Y...) {
		if !(x >= 0) || math.IsInf(x, 0) {
			t.Fatalf("cell %d is %v", k, x)
		}
	}
	for o := range w.R() {
		for i := range w.S() {
			var row float64
			for d := range w.R() {
				for j := range w.S() {
					row += w.Z[w.ZIndex(o, i, d, j)]
				}
				row += w.Y[w.YIndex(o, i, d)]
			}
			x := w.Output(o, i)
			// 1e-9 relative: the identity is exact up to the order of summation.
			if math.Abs(x-row) > 1e-9*math.Abs(row) {
				t.Errorf("%s %s: output %v != row sum %v", w.Regions[o].Code, w.Sectors[i].Code, x, row)
			}
			if va := w.ValueAdded(o, i); !(va > 0) {
				t.Errorf("%s %s: value added %v", w.Regions[o].Code, w.Sectors[i].Code, va)
			}
		}
	}
}

// TestDefaultTargets measures every target of default/targets.csv on the embedded world.
func TestDefaultTargets(t *testing.T) {
	w, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	data, err := DefaultFile(TargetsFile)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := ReadTargets(data, "default/targets.csv", w)
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) < 50 {
		t.Fatalf("only %d targets", len(ts))
	}
	for _, tg := range ts {
		if got := tg.Quantity.Eval(w); !tg.Met(w) {
			t.Errorf("target %s (line %d): %s = %g, want %g within %s", tg.ID, tg.Line, tg.Quantity.Text, got, tg.Value, tg.TolText)
		}
	}
}

// TestDefaultIsCopy checks that Default returns an independent clone each call.
func TestDefaultIsCopy(t *testing.T) {
	a, _ := Default()
	b, _ := Default()
	a.Z[0] += 1
	if a.Z[0] == b.Z[0] {
		t.Fatal("Default returned shared slices")
	}
	if Digest(b) == Digest(a) {
		t.Fatal("Digest ignores a changed flow")
	}
	c, _ := Default()
	if Digest(b) != Digest(c) {
		t.Fatal("Digest differs for equal worlds")
	}
}
