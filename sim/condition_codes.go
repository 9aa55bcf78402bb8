package sim

import (
	"fmt"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm"
)

// regionArgs says which arguments of each condition function are region codes; the last
// argument of every function is a sector code.
var regionArgs = map[string]int{"tariff": 2, "imports": 2, "output_dev": 1, "price_dev": 1, "shortage": 1}

type codeChecker struct {
	w   *World
	err error
}

func (c *codeChecker) Visit(node *ast.Node) {
	call, ok := (*node).(*ast.CallNode)
	if !ok || c.err != nil {
		return
	}
	id, ok := call.Callee.(*ast.IdentifierNode)
	if !ok {
		return
	}
	nRegions, ok := regionArgs[id.Value]
	if !ok {
		return
	}
	for k, arg := range call.Arguments {
		lit, ok := arg.(*ast.StringNode)
		if !ok {
			continue
		}
		if k < nRegions {
			if _, found := c.w.RegionIndex(lit.Value); !found {
				c.err = &UnknownCodeError{Kind: "region", Code: lit.Value, Valid: c.w.RegionCodes(), Func: id.Value}
			}
		} else if _, found := c.w.SectorIndex(lit.Value); !found {
			c.err = &UnknownCodeError{Kind: "sector", Code: lit.Value, Valid: c.w.SectorCodes(), Func: id.Value}
		}
	}
}

// UnknownCodeError reports a region or sector code in a rule condition that the world lacks.
type UnknownCodeError struct {
	Kind  string // "region" or "sector"
	Code  string
	Valid []string
	Func  string
}

func (e *UnknownCodeError) Error() string {
	return fmt.Sprintf("unknown %s %q in %s(...)", e.Kind, e.Code, e.Func)
}

func checkConditionCodes(w *World, p *vm.Program) error {
	c := &codeChecker{w: w}
	root := p.Node()
	ast.Walk(&root, c)
	return c.err
}
