package worlds

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tradesim/tradesim/sim"
)

// TestDefaultWorld checks the structural promises of the embedded default world:
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
	// Every region has a labour market with 0 < floor < u0 < 1 and a job-finding rate in (0, 1].
	for r, lab := range w.Labour {
		if !(lab.Force > 0 && lab.Floor > 0 && lab.Floor < lab.Unemployment && lab.Unemployment < 1 &&
			lab.JobFinding > 0 && lab.JobFinding <= 1) {
			t.Errorf("%s labour market %+v", w.Regions[r].Code, lab)
		}
	}
	// Every buyer buys in every region, and defence is the government's alone.
	def, _ := w.SectorIndex("DEF")
	for d := range w.R() {
		for b := range sim.NumBuyers {
			var y, yDef float64
			for o := range w.R() {
				for i := range w.S() {
					y += w.Y[w.YIndex(o, i, d, b)]
				}
				yDef += w.Y[w.YIndex(o, def, d, b)]
			}
			if !(y > 0) {
				t.Errorf("%s %s buys nothing", w.Regions[d].Code, sim.BuyerCodes[b])
			}
			if (b == sim.Government) != (yDef > 0) {
				t.Errorf("%s %s buys %v of defence", w.Regions[d].Code, sim.BuyerCodes[b], yDef)
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
				row += w.FinalDemand(o, i, d)
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

// TestDefaultCriticalRoutes: the routes this tool exists for carry small but nonzero flows, so a
// rare-earth licence or a chip allowance has something to act on: China's rare earths reach the
// magnet users (AUTO, DEF, EQP, ELEC) of every other region, US accelerators reach China, and
// Taiwan's and Korea's chips reach US accelerator makers.
func TestDefaultCriticalRoutes(t *testing.T) {
	w, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	idx := func(codes ...string) []int {
		var out []int
		for _, c := range codes {
			if k, ok := w.RegionIndex(c); ok {
				out = append(out, k)
			} else if k, ok := w.SectorIndex(c); ok {
				out = append(out, k)
			} else {
				t.Fatalf("no code %s", c)
			}
		}
		return out
	}
	chn, usa, twn, kor := idx("CHN")[0], idx("USA")[0], idx("TWN")[0], idx("KOR")[0]
	ree, semi, aic := idx("REE")[0], idx("SEMI")[0], idx("AIC")[0]
	for _, d := range idx("USA", "EU", "JPN", "KOR", "TWN", "ROW") {
		for _, j := range idx("AUTO", "DEF", "EQP", "ELEC") {
			if !(w.Z[w.ZIndex(chn, ree, d, j)] > 0) {
				t.Errorf("no rare earths from CHN to %s %s", w.Regions[d].Code, w.Sectors[j].Code)
			}
		}
	}
	var aicToChina float64
	for j := range w.S() {
		aicToChina += w.Z[w.ZIndex(usa, aic, chn, j)]
	}
	aicToChina += w.FinalDemand(usa, aic, chn)
	if !(aicToChina > 0) {
		t.Error("no US accelerators reach China")
	}
	for _, o := range []int{twn, kor} {
		if !(w.Z[w.ZIndex(o, semi, usa, aic)] > 0) {
			t.Errorf("no chips from %s to US accelerator makers", w.Regions[o].Code)
		}
	}
}

// TestDefaultLimits: a world.yaml beyond the region limit is refused before any table is read.
func TestDefaultLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: big\nbase_year: 2024\ncurrency: USD\nsectors:\n  - code: S\nregions:\n")
	for k := range MaxRegions + 1 {
		fmt.Fprintf(&b, "  - code: R%d\n", k)
	}
	_, err := LoadFS(fstest.MapFS{WorldFile: {Data: []byte(b.String())}}, func(n string) string { return n })
	if err == nil || !strings.Contains(err.Error(), "501 regions is more than the limit of 500") {
		t.Fatalf("err = %v", err)
	}
}
