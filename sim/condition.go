package sim

import (
	"fmt"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
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
//
// expr-lang's machine holds every value as an interface, so each number a function returns
// would be boxed on the heap at every evaluation. Compilation therefore rewrites each call whose
// arguments are literal codes into a probe (the function with its region and sector ids
// resolved), and each comparison of a probe with a number literal into a test that compares in
// Go and returns a bool, which needs no allocation. Other calls still work, through the
// environment's functions (and allocate).
type Condition struct {
	src     string
	program *vm.Program
	probes  []probe
	tests   []probeTest
}

// condFunc is a condition function, in the order of condFuncNames.
type condFunc int

const (
	fnTariff condFunc = iota
	fnImports
	fnOutputDev
	fnPriceDev
	fnShortage
)

var condFuncNames = map[string]condFunc{
	"tariff": fnTariff, "imports": fnImports, "output_dev": fnOutputDev, "price_dev": fnPriceDev, "shortage": fnShortage,
}

// probe is a call of a condition function with literal codes, resolved to ids.
type probe struct {
	fn      condFunc
	a, b, c int // tariff and imports: importer, exporter, sector; the others: region, sector
}

func (p probe) eval(st ConditionState) float64 {
	switch p.fn {
	case fnTariff:
		return st.Tariff(p.a, p.b, p.c)
	case fnImports:
		return st.Imports(p.a, p.b, p.c)
	case fnOutputDev:
		return st.OutputDev(p.a, p.b)
	case fnPriceDev:
		return st.PriceDev(p.a, p.b)
	}
	return st.Shortage(p.a, p.b)
}

// probeTest is `probe op k` (or `k op probe` when constLeft), compared as expr-lang compares a
// float with a number: in float64.
type probeTest struct {
	probe     int
	op        string
	k         float64
	constLeft bool
}

func (t probeTest) eval(v float64) bool {
	x, y := v, t.k
	if t.constLeft {
		x, y = y, x
	}
	switch t.op {
	case "<":
		return x < y
	case "<=":
		return x <= y
	case ">":
		return x > y
	case ">=":
		return x >= y
	case "==":
		return x == y
	}
	return x != y // "!="
}

// Names of the environment entries that compiled probes and tests call. CompileCondition refuses
// an expression that names them itself.
const (
	probeValueName = "$probe"
	probeTestName  = "$test"
)

// probePatcher rewrites calls with literal, known codes into probes and their comparisons with
// number literals into tests (expr-lang's Patch visits children before their parent).
type probePatcher struct {
	w     *World
	cond  *Condition
	calls map[ast.Node]int // rewritten call node -> probe index
	err   error            // the expression names a probe itself
}

func (pp *probePatcher) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.IdentifierNode:
		// The patcher visits only what the scenario wrote, never the nodes it creates.
		if n.Value == probeValueName || n.Value == probeTestName {
			pp.err = fmt.Errorf("unknown name %s", n.Value)
		}
	case *ast.CallNode:
		if p, ok := pp.resolve(n); ok {
			k := len(pp.cond.probes)
			pp.cond.probes = append(pp.cond.probes, p)
			call := &ast.CallNode{Callee: &ast.IdentifierNode{Value: probeValueName}, Arguments: []ast.Node{&ast.IntegerNode{Value: k}}}
			ast.Patch(node, call)
			pp.calls[*node] = k
		}
	case *ast.BinaryNode:
		switch n.Operator {
		case "<", "<=", ">", ">=", "==", "!=":
		default:
			return
		}
		t := probeTest{op: n.Operator}
		var ok bool
		if k, isProbe := pp.calls[n.Left]; isProbe {
			t.probe = k
			t.k, ok = numberLiteral(n.Right)
		} else if k, isProbe := pp.calls[n.Right]; isProbe {
			t.probe, t.constLeft = k, true
			t.k, ok = numberLiteral(n.Left)
		}
		if !ok {
			return
		}
		j := len(pp.cond.tests)
		pp.cond.tests = append(pp.cond.tests, t)
		ast.Patch(node, &ast.CallNode{Callee: &ast.IdentifierNode{Value: probeTestName}, Arguments: []ast.Node{&ast.IntegerNode{Value: j}}})
	}
}

// resolve turns a call of a condition function whose arguments are all literal codes of w into
// a probe; anything else (a wrong number of arguments, an unknown code, a computed argument) is
// left for the type checker and CheckConditionNames to report or for the environment to run.
func (pp *probePatcher) resolve(n *ast.CallNode) (probe, bool) {
	id, ok := n.Callee.(*ast.IdentifierNode)
	if !ok {
		return probe{}, false
	}
	fn, ok := condFuncNames[id.Value]
	if !ok || len(n.Arguments) != regionArgs[id.Value]+1 {
		return probe{}, false
	}
	ids := make([]int, 0, 3)
	for k, arg := range n.Arguments {
		lit, ok := arg.(*ast.StringNode)
		if !ok {
			return probe{}, false
		}
		var x int
		if k < regionArgs[id.Value] {
			x, ok = pp.w.RegionIndex(lit.Value)
		} else {
			x, ok = pp.w.SectorIndex(lit.Value)
		}
		if !ok {
			return probe{}, false
		}
		ids = append(ids, x)
	}
	p := probe{fn: fn, a: ids[0], b: ids[1]}
	if len(ids) == 3 {
		p.c = ids[2]
	}
	return p, true
}

// numberLiteral is the value of an integer or float literal, possibly negated.
func numberLiteral(n ast.Node) (float64, bool) {
	sign := 1.0
	if u, ok := n.(*ast.UnaryNode); ok && (u.Operator == "-" || u.Operator == "+") {
		if u.Operator == "-" {
			sign = -1
		}
		n = u.Node
	}
	switch v := n.(type) {
	case *ast.IntegerNode:
		return sign * float64(v.Value), true
	case *ast.FloatNode:
		return sign * v.Value, true
	}
	return 0, false
}

// CompileCondition compiles a rule's `when` expression: it must be a boolean expression over
// ConditionFuncs. Region and sector codes given as string literals must exist in w.
//
// The condition must be in the language condition_rules.go describes (a NotAllowedError
// otherwise), so that it cannot fail, loop or allocate without bound at run time.
func CompileCondition(w *World, src string) (*Condition, error) {
	if err := checkConditionText(src); err != nil {
		return nil, err
	}
	if err := checkConditionTree(src); err != nil {
		return nil, err
	}
	return compileCondition(w, src)
}

// compileCondition compiles src with expr-lang, probes and all, without the checks of the
// condition language (tests compare probes with expr-lang's generic calls through it).
func compileCondition(w *World, src string) (*Condition, error) {
	env := expr.Env(newConditionEval(w, nil).env)
	// Checked as written first: expr-lang type-checks a tree before running a patcher, and a
	// name it did not know inside a call's arguments then goes unreported.
	p, err := expr.Compile(src, env, expr.AsBool(), expr.MaxNodes(maxConditionNodes))
	if err != nil {
		return nil, err
	}
	if err := checkConditionCodes(w, p); err != nil {
		return nil, err
	}
	c := &Condition{src: src}
	pp := &probePatcher{w: w, cond: c, calls: map[ast.Node]int{}}
	if c.program, err = expr.Compile(src, env, expr.AsBool(), expr.MaxNodes(maxConditionNodes), expr.Patch(pp)); err != nil {
		return nil, err
	}
	if pp.err != nil {
		return nil, pp.err
	}
	return c, nil
}

// Eval evaluates the condition on the observed state; month counts from the scenario start.
// It builds an evaluator for the call; ConditionEval evaluates month after month without
// allocating.
func (c *Condition) Eval(w *World, st ConditionState, month int, date Month) (ok bool, err error) {
	return NewConditionEval(w, st).Eval(c, month, date)
}

// String is the source of the condition.
func (c *Condition) String() string { return c.src }

// ConditionEval evaluates conditions on one ConditionState, month after month. Its environment
// (functions, month, date) and expr-lang machine are built once and reused; with the month's
// number and date text prepared (Prepare, or a first evaluation of that month), an evaluation
// allocates nothing when every function call has literal codes and is compared with a number
// (the usual `output_dev('USA','AUTO') < -5`). It is not safe for concurrent use.
type ConditionEval struct {
	st     ConditionState
	cur    *Condition
	env    map[string]any
	vm     vm.VM
	months []any   // boxed month numbers, by month
	dates  []any   // boxed date texts, by month
	dateOf []Month // the date each entry of dates holds
}

// NewConditionEval returns an evaluator of conditions of world w on st.
func NewConditionEval(w *World, st ConditionState) *ConditionEval { return newConditionEval(w, st) }

// newConditionEval builds the environment. With a nil state it is the type prototype used to
// compile; unknown codes then go unchecked here (checkConditionCodes does that).
func newConditionEval(w *World, st ConditionState) *ConditionEval {
	ev := &ConditionEval{st: st}
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
	ev.env = map[string]any{
		"tariff": func(imp, exp, sec string) float64 {
			return ev.st.Tariff(region(imp), region(exp), sector(sec))
		},
		"imports": func(imp, exp, sec string) float64 {
			return ev.st.Imports(region(imp), region(exp), sector(sec))
		},
		"output_dev": func(reg, sec string) float64 { return ev.st.OutputDev(region(reg), sector(sec)) },
		"price_dev":  func(reg, sec string) float64 { return ev.st.PriceDev(region(reg), sector(sec)) },
		"shortage":   func(reg, sec string) float64 { return ev.st.Shortage(region(reg), sector(sec)) },
		"month":      0,
		"date":       "",
		probeValueName: func(k int) float64 {
			return ev.cur.probes[k].eval(ev.st)
		},
		probeTestName: func(k int) bool {
			t := ev.cur.tests[k]
			return t.eval(ev.cur.probes[t.probe].eval(ev.st))
		},
	}
	return ev
}

// Prepare boxes the month numbers and date texts of months 0 to steps-1 from start, so that
// evaluations in those months allocate nothing. Entries already prepared are kept.
func (ev *ConditionEval) Prepare(start Month, steps int) {
	for t := range steps {
		ev.box(t, start+Month(t))
	}
}

// box returns the boxed month number and date text of month t, date.
func (ev *ConditionEval) box(t int, date Month) (month, text any) {
	if t < 0 {
		return t, date.String()
	}
	for len(ev.months) <= t {
		ev.months = append(ev.months, len(ev.months))
		ev.dates = append(ev.dates, nil)
		ev.dateOf = append(ev.dateOf, 0)
	}
	if ev.dates[t] == nil || ev.dateOf[t] != date {
		ev.dates[t], ev.dateOf[t] = date.String(), date
	}
	return ev.months[t], ev.dates[t]
}

// Eval evaluates c in month (counted from the scenario start), whose calendar month is date.
func (ev *ConditionEval) Eval(c *Condition, month int, date Month) (ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("rule condition %q: %v", c.src, r)
		}
	}()
	ev.cur = c
	ev.env["month"], ev.env["date"] = ev.box(month, date)
	out, err := ev.vm.Run(c.program, ev.env)
	if err != nil {
		return false, fmt.Errorf("rule condition %q: %w", c.src, err)
	}
	return out.(bool), nil
}
