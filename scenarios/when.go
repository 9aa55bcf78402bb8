package scenarios

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/expr-lang/expr/file"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/sim"
)

// conditionNames lists what a rule condition may use with the functions' arguments, and
// conditionWords the bare names (tariff, month), both from the engine's own list.
var conditionNames, conditionWords = func() (string, []string) {
	var names, words []string
	for _, f := range sim.ConditionFuncs {
		name, _, _ := strings.Cut(f, ":")
		word, _, _ := strings.Cut(name, "(")
		names, words = append(names, name), append(words, word)
	}
	return strings.Join(names, ", "), words
}()

// when compiles a rule condition against the world's functions and codes. A problem is reported
// at the character of the condition where it lies (when the condition stands on one line of the
// file as written), in words for someone who writes scenarios, not for expr-lang's parser.
func (c *checker) when(path, src string) {
	if strings.TrimSpace(src) == "" {
		c.errf(path, "is empty; write a condition such as %s", fieldHints["when"])
		return
	}
	if c.w == nil {
		return
	}
	_, err := sim.CompileCondition(c.w, src)
	if err == nil {
		return
	}
	var na *sim.NotAllowedError
	if errors.As(err, &na) {
		c.errAt(path, src, na.From, "%s", na.Msg)
		return
	}
	var code *sim.UnknownCodeError
	if errors.As(err, &code) {
		off := -1
		for _, q := range []string{"'", `"`} {
			if i := strings.Index(src, q+code.Code+q); i >= 0 {
				off = utf8.RuneCountInString(src[:i]) + 1
				break
			}
		}
		labels := c.w.Regions
		if code.Kind == "sector" {
			labels = c.w.Sectors
		}
		c.errAt(path, src, off, "%v; %s", code, didYouMeanCode(code.Code, labels))
		return
	}
	var fe *file.Error
	if !errors.As(err, &fe) {
		// expr-lang's result-type check: the condition is not true or false.
		c.errf(path, "gives a number or text, not true or false: compare it, for example %s", exampleCondition)
		return
	}
	c.errAt(path, src, fe.From, "%s", c.conditionProblem(fe.Message))
}

var (
	unexpectedToken = regexp.MustCompile(`^unexpected token (?:\w+)\("(.*)"\)$`)
	unknownName     = regexp.MustCompile(`^unknown name (\S+)$`)
)

// conditionProblem says what an expr-lang compile message means for a rule condition.
func (c *checker) conditionProblem(msg string) string {
	if msg == "unexpected token EOF" {
		return "the condition ends too early: a value, a closing ) or a closing quote is missing"
	}
	if m := unexpectedToken.FindStringSubmatch(msg); m != nil {
		switch tok := m[1]; tok {
		case "=":
			return "= does not compare: write == (or >=, <=, !=)"
		case "AND", "OR", "NOT":
			return fmt.Sprintf("unexpected %s: write %q or %q", tok, strings.ToLower(tok), map[string]string{"AND": "&&", "OR": "||", "NOT": "!"}[tok])
		default:
			return fmt.Sprintf("unexpected %q; a condition compares functions and numbers, such as %s", tok, exampleCondition)
		}
	}
	if m := unknownName.FindStringSubmatch(msg); m != nil {
		name := m[1]
		if _, ok := c.w.RegionIndex(name); ok {
			return fmt.Sprintf("%s is a region code: put it in quotes, '%s'", name, name)
		}
		if _, ok := c.w.SectorIndex(name); ok {
			return fmt.Sprintf("%s is a sector code: put it in quotes, '%s'", name, name)
		}
		s := diag.Suggest(name, conditionWords)
		for _, v := range conditionWords {
			if s == "" && strings.HasPrefix(v, name) {
				s = v // output for output_dev
			}
		}
		if s != "" {
			return fmt.Sprintf("unknown name %q; did you mean %q?", name, s)
		}
		return fmt.Sprintf("unknown name %q; a condition may use %s", name, conditionNames)
	}
	if strings.HasPrefix(msg, "unrecognized character") {
		for sym, ascii := range map[string]string{"≥": ">=", "≤": "<=", "≠": "!=", "“": `'`, "”": `'`, "‘": `'`, "’": `'`} {
			if strings.Contains(msg, sym) {
				return fmt.Sprintf("%s is not allowed in a condition: write %s", sym, ascii)
			}
		}
	}
	if strings.Contains(msg, "mismatched types") && strings.Contains(msg, "string") {
		return msg + "; date is text and compares with text in quotes (date >= '2025-06'), the functions and month give numbers"
	}
	if strings.HasPrefix(msg, "not enough arguments") || strings.HasPrefix(msg, "too many arguments") {
		return msg + "; the functions are " + conditionNames
	}
	return msg + "; a condition may use " + conditionNames
}

// errAt reports a problem at rune offset off of the text value at path: at that character when
// the value stands on one line of the file exactly as written (plain, or quoted without escapes),
// else at the value.
func (c *checker) errAt(path, value string, off int, format string, args ...any) {
	pos := c.at(path)
	if off >= 0 && pos.Line >= 1 && pos.Line <= len(c.d.lines) {
		line := []rune(c.d.lines[pos.Line-1])
		start := pos.Col - 1
		if start >= 0 && start < len(line) && (line[start] == '"' || line[start] == '\'') {
			start++
		}
		v := []rune(value)
		if start >= 0 && off <= len(v) && start+len(v) <= len(line) && string(line[start:start+len(v)]) == value {
			pos.Col = start + off + 1
		}
	}
	c.d.diags.Addf(c.d.file, pos.Line, pos.Col, path, format, args...)
}
