package sim_test

import (
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tradesim/tradesim/sim"
)

// hostileConditions are conditions that expr-lang runs but that must not pass: each would
// allocate without bound, recurse, loop, read the clock or fail at run time.
var hostileConditions = map[string]string{
	"len(repeat(repeat('x',100000),100000)) > 0":               "repeat() is not a condition function",
	strings.Repeat("!", 1_000_000) + "true":                    "the condition is 1000004 bytes long; at most 2000",
	strings.Repeat("!", 1000) + "true":                         "repeats !, - or + 1000 times in a row",
	strings.Repeat("(", 40) + "true" + strings.Repeat(")", 40): "brackets are nested more than 32 deep",
	"let r = 1..3000; all(r,{all(r,{all(r,{month>=0})})})":     "the operator .. is not allowed",
	"let r = 3; r > 1":                                         "a variable (let) is not allowed",
	"all(1..3000, {month >= 0})":                               "the operator .. is not allowed",
	"now().Year() > 2000":                                      "now() is not a condition function",
	"month % (month - month) == 0":                             "the operator % is not allowed",
	"[1,2][month+5] > 0":                                       "a list ([...]) is not allowed",
	"output_dev(date, 'GOODS') < 0":                            "the arguments of output_dev must be codes in quotes",
	"output_dev('HO' + 'ME', 'GOODS') < 0":                     "the arguments of output_dev must be codes in quotes",
	"int(date) > 0":                                            "int() is not a condition function",
	"date matches '2025-.*'":                                   "the operator matches is not allowed",
	"month in [1, 2]":                                          "a list ([...]) is not allowed",
	"date in 'x'":                                              "the operator in is not allowed",
	"{'a': 1}.a > 0":                                           "is not allowed",
	"(month ?? 1) > 0":                                         "the operator ?? is not allowed",
	"month ** 2 > 0":                                           "the operator ** is not allowed",
	"nil == nil":                                               "nil is not a value a condition can use",
	strings.Repeat("1>0&&", 150) + "true":                      "the condition has more than 500 parts",
	"upper(date) == date":                                      "upper() is not a condition function",
}

func TestConditionLanguageRefuses(t *testing.T) {
	w := twoCountryWorld()
	for src, want := range hostileConditions {
		_, err := sim.CompileCondition(w, src)
		var na *sim.NotAllowedError
		if err == nil || !errors.As(err, &na) || !strings.Contains(err.Error(), want) {
			t.Errorf("%.60s: %v; want a NotAllowedError saying %q", src, err, want)
		}
	}
}

// Conditions of the language: what the scenarios use, and arithmetic that cannot fail (a
// division by zero is ±Inf or NaN, which compare false or true as in Go).
func TestConditionLanguageAccepts(t *testing.T) {
	w := twoCountryWorld()
	st := &fakeState{v: 0}
	for _, src := range []string{
		"output_dev('HOME','GOODS') < -5 && month >= 3",
		"not (shortage('HOME','GOODS') > 0.1) or date >= '2025-06'",
		"tariff('HOME','FOR','GOODS') / (month - month) > 1",
		"month / 0 > 1 || -month < 0",
		"(month > 2 ? price_dev('FOR','SERV') : imports('HOME','FOR','GOODS')) > 0",
		"date + 'x' != date",
	} {
		c, err := sim.CompileCondition(w, src)
		if err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		for _, m := range []int{0, 1, 5} {
			if _, err := c.Eval(w, st, m, sim.NewMonth(2025, 1)+sim.Month(m)); err != nil {
				t.Errorf("%s in month %d: %v", src, m, err)
			}
		}
	}
}

// FuzzCondition: whatever the text, compiling takes bounded time and memory and never
// panics; a condition that compiles evaluates without error on any state (NaN and infinite
// readings included), within the same budget. The budget is generous (the shared test machine
// is slow): it catches hangs and unbounded allocation, not slowness.
func FuzzCondition(f *testing.F) {
	for src := range hostileConditions {
		if len(src) < 5000 {
			f.Add(src)
		}
	}
	for _, src := range []string{
		"output_dev('HOME','GOODS') < -5", "shortage('FOR','SERV') >= 0.2 && month > 2",
		"tariff('HOME','FOR','GOODS') > 0.25 || date >= '2026-01'", "imports('FOR','HOME','SERV') * 2 < 1",
		"!(price_dev('HOME','SERV') != 0)", "month / (month - 1) > 0", "'a' < date",
	} {
		f.Add(src)
	}
	w := twoCountryWorld()
	const timeBudget = 5 * time.Second
	const memBudget = 64 << 20
	f.Fuzz(func(t *testing.T, src string) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		done := make(chan error, 1)
		go func() {
			c, err := sim.CompileCondition(w, src)
			if err != nil {
				done <- nil
				return
			}
			ev := sim.NewConditionEval(w, &fakeState{})
			for _, v := range []float64{0, -1, math.NaN(), math.Inf(1)} {
				for _, m := range []int{0, 7, 1000} {
					if _, err := ev.Eval(c, m, sim.NewMonth(2025, 1)+sim.Month(m)); err != nil {
						done <- err
						return
					}
					_ = v
				}
			}
			done <- nil
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("%q compiles but fails at run time: %v", src, err)
			}
		case <-time.After(timeBudget):
			t.Fatalf("%q: compiling and evaluating took more than %v", src, timeBudget)
		}
		runtime.ReadMemStats(&after)
		if n := after.TotalAlloc - before.TotalAlloc; n > memBudget {
			t.Fatalf("%q: compiling and evaluating allocated %d MB", src, n>>20)
		}
	})
}
