package sim_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/tradesim/tradesim/sim"
)

// fakeState is a ConditionState whose every reading is v plus a distinct offset per function and
// argument, so a probe that read the wrong function or ids would give another value.
type fakeState struct{ v float64 }

func (f *fakeState) Tariff(imp, exp, sec int) float64 {
	return f.v + float64(100*imp+10*exp+sec)
}
func (f *fakeState) Imports(imp, exp, sec int) float64 {
	return f.v - float64(100*imp+10*exp+sec)
}
func (f *fakeState) OutputDev(r, s int) float64 { return 2*f.v + float64(10*r+s) }
func (f *fakeState) PriceDev(r, s int) float64  { return 3*f.v - float64(10*r+s) }
func (f *fakeState) Shortage(r, s int) float64  { return f.v * float64(1+10*r+s) }

// TestConditionProbesMatchCalls: the comparisons compiled into Go tests give what expr-lang's
// own evaluation of the same expression gives (the calls kept generic by a computed code), for
// every function, operator, side of the constant and a NaN reading.
func TestConditionProbesMatchCalls(t *testing.T) {
	w := twoCountryWorld()
	calls := [][2]string{
		{"tariff('HOME','FOR','GOODS')", "tariff('HOME'+'','FOR','GOODS')"},
		{"imports('FOR','HOME','SERV')", "imports('FOR'+'','HOME','SERV')"},
		{"output_dev('FOR','SERV')", "output_dev('FOR'+'','SERV')"},
		{"price_dev('HOME','GOODS')", "price_dev('HOME'+'','GOODS')"},
		{"shortage('FOR','GOODS')", "shortage('FOR'+'','GOODS')"},
	}
	var pairs [][2]string
	for _, c := range calls {
		for _, op := range []string{"<", "<=", ">", ">=", "==", "!="} {
			for _, k := range []string{"0", "12", "-3.5", "0.25"} {
				pairs = append(pairs,
					[2]string{c[0] + " " + op + " " + k, c[1] + " " + op + " " + k},
					[2]string{k + " " + op + " " + c[0], k + " " + op + " " + c[1]})
			}
		}
		pairs = append(pairs, [2]string{c[0] + " * 2 > 1 && month >= 3", c[1] + " * 2 > 1 && month >= 3"})
	}
	st := &fakeState{}
	for _, p := range pairs {
		fast, err := sim.CompileCondition(w, p[0])
		if err != nil {
			t.Fatalf("%s: %v", p[0], err)
		}
		slow, err := sim.CompileConditionGeneric(w, p[1])
		if err != nil {
			t.Fatalf("%s: %v", p[1], err)
		}
		ev := sim.NewConditionEval(w, st)
		for _, v := range []float64{-12, -3.5, 0, 0.25, 1, 12, 1e9, math.NaN(), math.Inf(-1)} {
			st.v = v
			for _, month := range []int{0, 3, 400} {
				a, err1 := ev.Eval(fast, month, sim.NewMonth(2025, 1)+sim.Month(month))
				b, err2 := slow.Eval(w, st, month, sim.NewMonth(2025, 1)+sim.Month(month))
				if err1 != nil || err2 != nil || a != b {
					t.Fatalf("%s at %v, month %d: %v (%v); the generic call gives %v (%v)", p[0], v, month, a, err1, b, err2)
				}
			}
		}
	}
}

// TestConditionEvalAllocs: a condition of literal calls compared with numbers, month and date
// allocates nothing once the months are prepared.
func TestConditionEvalAllocs(t *testing.T) {
	w := twoCountryWorld()
	c, err := sim.CompileCondition(w, "output_dev('HOME','GOODS') < -5 && shortage('HOME','GOODS') > 0.1 || "+
		"price_dev('FOR','SERV') > 10 && imports('HOME','FOR','GOODS') < 0.5 || tariff('HOME','FOR','GOODS') >= 0.25 || "+
		"month >= 300 && date >= '2045-06'")
	if err != nil {
		t.Fatal(err)
	}
	st := &fakeState{v: 0.3}
	ev := sim.NewConditionEval(w, st)
	start := sim.NewMonth(2025, 1)
	ev.Prepare(start, 360)
	month := 0
	allocs := testing.AllocsPerRun(200, func() {
		if _, err := ev.Eval(c, month, start+sim.Month(month)); err != nil {
			t.Fatal(err)
		}
		month = (month + 7) % 360
	})
	if allocs != 0 {
		t.Errorf("a condition evaluation allocates %v times; want 0", allocs)
	}
}

// TestRuleMonthAllocs: a month of a scenario with rules allocates nothing once warmed up.
func TestRuleMonthAllocs(t *testing.T) {
	w := twoCountryWorld()
	sc := baseScenario(24, 1)
	sc.Policies = []sim.Policy{{ID: "tariff", Kind: sim.Tariff, Rate: 0.25, Exporters: []int{1}, Importers: []int{0},
		Sectors: []int{0}, Start: sc.Start + 2, End: sim.Forever}}
	sc.Rules = []sim.Rule{{ID: "retaliate", When: "tariff('HOME','FOR','GOODS') > 0.2 && output_dev('FOR','GOODS') < 0 && date >= '2025-03'",
		Lag: 1, Cooldown: 6, Then: &sim.Policy{Kind: sim.Tariff, Rate: 0.01, Exporters: []int{0}, Importers: []int{1}, Sectors: []int{0}}},
		// Never holds, so it is evaluated every month.
		{ID: "watch", When: "shortage('HOME','GOODS') > 0.9 || price_dev('FOR','SERV') > 1000 && month >= 1",
			Then: &sim.Policy{Kind: sim.Tariff, Rate: 0.5, Exporters: []int{0}, Importers: []int{1}, Sectors: []int{1}}}}
	step, _, err := sim.Stepper(w, sc, 3)
	if err != nil {
		t.Fatal(err)
	}
	for m := range 30 { // past the horizon: every month's date is prepared
		if err := step(m); err != nil {
			t.Fatal(err)
		}
	}
	m := 30
	allocs := testing.AllocsPerRun(24, func() {
		if err := step(m); err != nil {
			t.Fatal(err)
		}
		m++
	})
	if allocs != 0 {
		t.Errorf("a month with a rule allocates %v times; want 0", allocs)
	}
	// The rule fires (its condition is really evaluated) in a whole run.
	base := *sc
	base.Policies, base.Rules = nil, nil
	res, err := sim.Run(context.Background(), w, sc, &base, sim.Options{Firms: 3, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if f := res.Fired[0]; len(f) != 1 || f[0].Rule != "retaliate" {
		t.Errorf("fired %v; want the retaliation rule only", f)
	}
}

// TestConditionCompileErrors: the names compiled probes call cannot be written in a scenario's
// expression, and an unknown name inside a call is reported as it was before probes.
func TestConditionCompileErrors(t *testing.T) {
	w := twoCountryWorld()
	for _, c := range []struct{ src, want string }{
		{"$test(0)", "unknown name $test"},
		{"$probe(0) > 1", "unknown name $probe"},
		{"shortage(HOME, 'GOODS') > 0.3", "unknown name HOME"},
		{"tariff('HOME', 'MARS', 'GOODS') > 0.3", `unknown region "MARS"`},
	} {
		if _, err := sim.CompileCondition(w, c.src); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v; want %s", c.src, err, c.want)
		}
	}
}
