package sim

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
)

// Rule conditions are a small, total language: whatever passes CompileCondition evaluates in
// a time and memory bounded by its length, never fails at run time and gives the same answer
// for the same state. expr-lang itself is much larger (loops over ranges, string builders, the
// clock, indexing), so a condition is checked in three steps before expr-lang compiles it:
//
//  1. its text: at most MaxConditionBytes, brackets nested at most MaxConditionDepth deep,
//     so the parser's recursion and the tree stay small;
//  2. its tree (expr-lang's parser only; nothing is evaluated): only numbers, text and true or
//     false; month and date; the functions of ConditionFuncs called with codes in quotes;
//     comparisons, and, or, not, + - * / and ?: (see allowedOperators). Not: ranges, loops and
//     other built-ins (now, repeat, len, all, ...), indexing, member access, variables (let),
//     %, which fails on a zero divisor, and conversions;
//  3. expr-lang's type check: the result is true or false.
//
// Division by zero gives ±Inf or NaN (float division), which compare as in Go.
const (
	MaxConditionBytes = 2000
	MaxConditionDepth = 32
	maxConditionNodes = 500
)

// allowedOperators are the operators a condition may use.
var allowedOperators = map[string]bool{
	"==": true, "!=": true, "<": true, "<=": true, ">": true, ">=": true,
	"&&": true, "||": true, "and": true, "or": true, "!": true, "not": true,
	"+": true, "-": true, "*": true, "/": true,
}

// NotAllowedError is a condition outside the language: too long or too deep, or using a
// construct conditions do not have. From is the rune offset (0-based) where the problem is.
type NotAllowedError struct {
	From int
	Msg  string
}

func (e *NotAllowedError) Error() string { return e.Msg }

func conditionError(from int, format string, args ...any) error {
	return &NotAllowedError{From: from, Msg: fmt.Sprintf(format, args...)}
}

// checkConditionText enforces step 1.
func checkConditionText(src string) error {
	if len(src) > MaxConditionBytes {
		return conditionError(0, "the condition is %d bytes long; at most %d are allowed: split it into simpler rules", len(src), MaxConditionBytes)
	}
	if !utf8.ValidString(src) {
		return conditionError(0, "the condition is not valid UTF-8 text")
	}
	depth, quote := 0, rune(0)
	for i, r := range []rune(src) {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"' || r == '`':
			quote = r
		case r == '(' || r == '[' || r == '{':
			if depth++; depth > MaxConditionDepth {
				return conditionError(i, "brackets are nested more than %d deep", MaxConditionDepth)
			}
		case r == ')' || r == ']' || r == '}':
			depth--
		}
	}
	// Long runs of prefix operators (!!!!...) recurse in the parser like brackets do.
	if run := longestRun(src, "!-+ \t\n"); run > 2*MaxConditionDepth {
		return conditionError(0, "the condition repeats !, - or + %d times in a row; write it without the repetition", run)
	}
	return nil
}

func longestRun(s, chars string) int {
	best, n := 0, 0
	for _, r := range s {
		if strings.ContainsRune(chars, r) {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// checkConditionTree enforces step 2 on the parsed, unchecked tree.
func checkConditionTree(src string) error {
	tree, err := parser.Parse(src)
	if err != nil {
		return err
	}
	v := &totalVisitor{}
	ast.Walk(&tree.Node, v)
	return v.err
}

type totalVisitor struct {
	err   error
	nodes int
}

func (v *totalVisitor) Visit(node *ast.Node) {
	if v.err != nil {
		return
	}
	v.nodes++
	n := *node
	at := n.Location().From
	if v.nodes > maxConditionNodes {
		v.err = conditionError(at, "the condition has more than %d parts: split it into simpler rules", maxConditionNodes)
		return
	}
	switch n := n.(type) {
	case *ast.NilNode:
		v.err = conditionError(at, "nil is not a value a condition can use")
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.StringNode:
	case *ast.IdentifierNode:
		// Names are checked with their types when expr-lang compiles (an unknown one is an
		// error there, with a suggestion).
	case *ast.UnaryNode:
		if !allowedOperators[n.Operator] {
			v.err = conditionError(at, "%s is not allowed in a condition", n.Operator)
		}
	case *ast.BinaryNode:
		if !allowedOperators[n.Operator] {
			v.err = conditionError(at, "the operator %s is not allowed in a condition; use comparisons, && || !, + - * /", n.Operator)
		}
	case *ast.ConditionalNode:
	case *ast.CallNode:
		id, ok := n.Callee.(*ast.IdentifierNode)
		if !ok {
			v.err = conditionError(at, "only the condition functions can be called")
			return
		}
		if _, ok := condFuncNames[id.Value]; !ok {
			return // an unknown name: expr-lang reports it, with a suggestion
		}
		for _, arg := range n.Arguments {
			switch a := arg.(type) {
			case *ast.StringNode:
				continue
			case *ast.IdentifierNode:
				if a.Value != "month" && a.Value != "date" {
					continue // an unquoted code or a typo: expr-lang reports it
				}
			}
			v.err = conditionError(arg.Location().From, "the arguments of %s must be codes in quotes, such as %s", id.Value, exampleCall[id.Value])
			return
		}
	case *ast.BuiltinNode:
		v.err = conditionError(at, "%s() is not a condition function", n.Name)
	default:
		v.err = conditionError(at, "%s is not allowed in a condition", describeNode(n))
	}
}

var exampleCall = map[string]string{
	"tariff": "tariff('USA','CHN','ELEC')", "imports": "imports('USA','CHN','ELEC')",
	"output_dev": "output_dev('USA','AUTO')", "price_dev": "price_dev('USA','AUTO')", "shortage": "shortage('USA','AUTO')",
}

// describeNode names a construct of expr-lang that conditions do not have.
func describeNode(n ast.Node) string {
	switch n.(type) {
	case *ast.MemberNode, *ast.ChainNode:
		return "member access (. or ?.)"
	case *ast.SliceNode:
		return "slicing ([a:b])"
	case *ast.ArrayNode:
		return "a list ([...])"
	case *ast.MapNode, *ast.PairNode:
		return "a map ({...})"
	case *ast.PredicateNode, *ast.PointerNode:
		return "a predicate ({...} or #)"
	case *ast.VariableDeclaratorNode:
		return "a variable (let)"
	case *ast.SequenceNode:
		return "a sequence (;)"
	}
	return "this construct"
}
