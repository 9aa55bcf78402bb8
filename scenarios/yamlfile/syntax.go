package yamlfile

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/tradesim/tradesim/scenarios/diag"
)

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// SyntaxError turns a yaml/v3 error into a positioned, plain-language diagnostic. yaml/v3 gives
// only a line, and for a badly indented line the line where the enclosing block starts; the
// source (data) lets us find the line and column at fault and say what to do in the words of
// someone who writes scenarios or worlds, not of a YAML parser. kind names what the file holds.
func SyntaxError(file string, data []byte, err error, kind Kind) diag.Diagnostic {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "excessive aliasing"):
		return diag.Diagnostic{File: file, Message: "the file's aliases (*name) expand to far more values than " + kind.Noun + " has (a \"billion laughs\" file?); write the values out instead of nesting aliases"}
	case strings.Contains(msg, "exceeded max depth"):
		return diag.Diagnostic{File: file, Message: fmt.Sprintf("the file nests lists or mappings more than %d levels deep; %s nests at most %d levels: is this the right file?", MaxDepth, kind.Noun, kind.Levels)}
	}
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return diag.Diagnostic{File: file, Message: "this is not valid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
	}
	line, _ := strconv.Atoi(m[1])
	problem := m[2]
	if strings.HasPrefix(problem, "did not find expected") {
		// yaml/v3 reports its parser's (not scanner's) errors with the 0-based line of the
		// mark; checked against files with the error on a known line.
		line++
	}
	lines := SplitLines(data)
	// At the end of a file without a final newline yaml/v3's mark is on the line after the last.
	line = min(line, len(lines))
	d := diag.Diagnostic{File: file, Line: line}
	text := func(n int) string {
		if n < 1 || n > len(lines) {
			return ""
		}
		return lines[n-1]
	}
	if strings.Contains(problem, "tab character") && tabIndent(text(line)) == 0 && tabIndent(text(line+1)) > 0 {
		line++ // yaml/v3 names the line before the tab (checked on a file with a known tab)
		d.Line = line
	}
	if col := tabIndent(text(line)); col > 0 {
		d.Col = col
		d.Message = "this line is indented with a tab; YAML indents with spaces only: replace the tab with spaces"
		return d
	}
	switch {
	case problem == "did not find expected key" || problem == "did not find expected '-' indicator":
		// The reported line opens the block; the line at fault is the first whose prefix of the
		// file no longer parses.
		if len(data) <= MaxBisect {
			if bad := firstFailingLine(lines, line, problem); bad > 0 {
				d.Line = bad
			}
		}
		if m := textAfterQuote.FindStringSubmatchIndex(text(d.Line)); m != nil {
			d.Col = column(text(d.Line), m[2])
			d.Message = "text follows the closing quote: put the whole value in quotes, or none of it"
			break
		}
		d.Col = indentCol(text(d.Line))
		d.Message = "this line is not aligned with the lines above it: indent it with spaces exactly as far as the fields next to it"
	case problem == "could not find expected ':'":
		d.Col = indentCol(text(line))
		d.Message = "a field name must be followed by a colon and a space: name: value"
	case problem == "mapping values are not allowed in this context":
		if prev := prevContent(lines, line); prev > 0 && indentCol(text(line)) > indentCol(text(prev)) && !strings.HasSuffix(strings.TrimSpace(stripComment(text(prev))), ":") {
			d.Col = indentCol(text(line))
			d.Message = fmt.Sprintf("this line is indented further than line %d above it: indent it with spaces exactly as far as the fields next to it", prev)
		} else {
			if i := strings.Index(text(line), ": "); i >= 0 {
				if j := strings.Index(text(line)[i+2:], ": "); j >= 0 {
					d.Col = column(text(line), i+2+j)
				}
			}
			d.Message = `a value that holds ": " must be written in quotes, for example title: "US: tariffs on steel"`
		}
	case problem == "found character that cannot start any token":
		if i := strings.IndexAny(text(line), "@`"); i >= 0 {
			d.Col = column(text(line), i)
			d.Message = fmt.Sprintf("a value cannot start with %c in YAML: put the value in quotes", text(line)[i])
		}
	case problem == "found unexpected end of stream":
		if i := strings.IndexAny(text(line), `"'`); i >= 0 {
			d.Col = column(text(line), i)
			d.Message = fmt.Sprintf("the quoted text that starts here is never closed: end it with %c on the same line", text(line)[i])
		}
	case strings.HasPrefix(problem, "did not find expected ',' or "):
		closing := problem[len(problem)-2 : len(problem)-1]
		opening := map[string]string{"]": "[", "}": "{"}[closing]
		if i := strings.LastIndex(text(line), opening); i >= 0 {
			d.Col = column(text(line), i)
			d.Message = fmt.Sprintf("the %s opened here is not closed: end it with %s on the same line, and separate its entries with commas", opening, closing)
		}
	}
	if d.Message == "" {
		d.Message = "this is not valid YAML: " + problem + "; check indentation (spaces, not tabs), colons and brackets"
	}
	return d
}

// SplitLines splits a file into lines as yaml/v3 counts them: at CR LF, LF, CR, NEL, LS and PS
// (YAML 1.2 line breaks), so that line n of a position is lines[n-1].
func SplitLines(data []byte) []string {
	var lines []string
	s, start := string(data), 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\r', '\n', '\u0085', '\u2028', '\u2029':
			lines = append(lines, s[start:i])
			if r == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				size = 2
			}
			start = i + size
		}
		i += size
	}
	return append(lines, s[start:])
}

// textAfterQuote matches a field whose quoted value is followed by more text; group 1 is the text.
var textAfterQuote = regexp.MustCompile(`^[ -]*[^:#]+:\s+(?:"[^"]*"|'[^']*')\s*([^\s#,}\]].*)$`)

// column is the 1-based column, in characters as yaml/v3 counts them, of byte i of line.
func column(line string, i int) int { return utf8.RuneCountInString(line[:i]) + 1 }

// tabIndent is the 1-based column of a tab in the indentation of line, or 0.
func tabIndent(line string) int {
	for i, r := range line {
		switch r {
		case '\t':
			return i + 1
		case ' ':
		default:
			return 0
		}
	}
	return 0
}

// indentCol is the 1-based column of the first character of line that is not a space or a
// list dash, where a field name starts.
func indentCol(line string) int {
	i := len(line) - len(strings.TrimLeft(line, " -"))
	return i + 1
}

// prevContent is the number of the last line before line n that holds more than a comment.
func prevContent(lines []string, n int) int {
	for k := n - 1; k >= 1 && k <= len(lines); k-- {
		if strings.TrimSpace(stripComment(lines[k-1])) != "" {
			return k
		}
	}
	return 0
}

// stripComment drops a trailing # comment (a # after a space, or at the start).
func stripComment(line string) string {
	if strings.HasPrefix(strings.TrimSpace(line), "#") {
		return ""
	}
	if i := strings.Index(line, " #"); i >= 0 {
		return line[:i]
	}
	return line
}

// MaxBisect is the largest file whose syntax errors are located by parsing its prefixes: about
// 12 parses of up to this size take at most about 60 ms; a scenario is a few kilobytes, and a
// larger (hostile) file gets the line of the block only.
const MaxBisect = 32 << 10 // bytes: four times the longest built-in

// firstFailingLine is the smallest n >= from such that the file's first n lines fail to parse
// with problem, found by bisection (a prefix that ends before the fault parses, or fails with
// another problem at its end; one that holds the fault fails with it). 0 if none does.
func firstFailingLine(lines []string, from int, problem string) int {
	fails := func(n int) bool {
		dec := yaml.NewDecoder(strings.NewReader(strings.Join(lines[:n], "\n") + "\n"))
		for {
			var doc yaml.Node
			err := dec.Decode(&doc)
			if errors.Is(err, io.EOF) {
				return false
			}
			if err != nil {
				return strings.HasSuffix(err.Error(), problem)
			}
		}
	}
	lo, hi := max(from, 1), len(lines)
	if lo > hi || !fails(hi) {
		return 0
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}
