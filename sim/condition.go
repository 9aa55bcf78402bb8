package sim

import (
	"fmt"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"
)

// ConditionState is what a rule condition may read: the state observed in the last completed
// month. Region and sector arguments are dense ids. Deviations are from the baseline path in
// percent, rates are shares.
type ConditionState interface {
	Tariff(importer, exporter, sector int) float64  // effective ad valorem tariff in force
	Imports(importer, exporter, sector int) float64 // import quantity relative to base (1 = base)
	OutputDev(region, sector int) float64           // output deviation from base, percent
	PriceDev(region, sector int) float64            // price deviation from base, percent
	Shortage(region, sector int) float64            // unfilled share of orders, 0 to 1
}

// ConditionFuncs documents the functions and variables a rule's `when` expression may use.
var ConditionFuncs = []string{
	"tariff(importer, exporter, sector): effective tariff rate in force, e.g. tariff('USA','CHN','ELEC') > 0.5",
	"imports(importer, exporter, sector): import quantity relative to base, 1 = base",
	"output_dev(region, sector): output deviation from base, percent",
	"price_dev(region, sector): price deviation from base, percent",
	"shortage(region, sector): share of orders unfilled, 0 to 1",
	"month: months since the scenario start (0 in the first month)",
	"date: the current month as 'YYYY-MM' (compare as text: date >= '2025-06')",
}

// Condition is a compiled rule condition.
type Condition struct {
	src     string
	program *vm.Program
}

// conditionEnv builds the evaluation environment. With a nil state it is the type prototype used
// to compile; unknown codes then go unchecked here (CheckConditionNames does that).
func conditionEnv(w *World, st ConditionState, month int, date Month) map[string]any {
	region := func(code string) int {
		r, ok := w.RegionIndex(code)
		if !ok {
			panic(fmt.Sprintf("unknown region %q", code))
		}
		return r
	}
	sector := func(code string) int {
		s, ok := w.SectorIndex(code)
		if !ok {
			panic(fmt.Sprintf("unknown sector %q", code))
		}
		return s
	}
	return map[string]any{
		"tariff": func(imp, exp, sec string) float64 {
			return st.Tariff(region(imp), region(exp), sector(sec))
		},
		"imports": func(imp, exp, sec string) float64 {
			return st.Imports(region(imp), region(exp), sector(sec))
		},
		"output_dev": func(reg, sec string) float64 { return st.OutputDev(region(reg), sector(sec)) },
		"price_dev":  func(reg, sec string) float64 { return st.PriceDev(region(reg), sector(sec)) },
		"shortage":   func(reg, sec string) float64 { return st.Shortage(region(reg), sector(sec)) },
		"month":      month,
		"date":       date.String(),
	}
}

// CompileCondition compiles a rule's `when` expression: it must be a boolean expression over
// ConditionFuncs. Region and sector codes given as string literals must exist in w.
func CompileCondition(w *World, src string) (*Condition, error) {
	p, err := expr.Compile(src, expr.Env(conditionEnv(w, nil, 0, 0)), expr.AsBool())
	if err != nil {
		return nil, err
	}
	if err := checkConditionCodes(w, p); err != nil {
		return nil, err
	}
	return &Condition{src: src, program: p}, nil
}

// Eval evaluates the condition on the observed state; month counts from the scenario start.
func (c *Condition) Eval(w *World, st ConditionState, month int, date Month) (ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("rule condition %q: %v", c.src, r)
		}
	}()
	out, err := expr.Run(c.program, conditionEnv(w, st, month, date))
	if err != nil {
		return false, fmt.Errorf("rule condition %q: %w", c.src, err)
	}
	return out.(bool), nil
}

// String is the source of the condition.
func (c *Condition) String() string { return c.src }
