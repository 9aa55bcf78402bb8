// Package diag holds the positioned error messages that tradesim's file readers report:
// FILE:LINE:COL: message, several at once, with the nearest valid name suggested for typos.
package diag

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Diagnostic is one problem in one input file. Line and Col are 1-based; 0 means unknown.
type Diagnostic struct {
	File    string
	Line    int
	Col     int
	Field   string // dotted path of the field, e.g. policies[0].rate; may be empty
	Message string
}

func (d Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.Field != "" {
		b.WriteString(d.Field)
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// MaxReported caps how many diagnostics one file reports; the rest are counted.
const MaxReported = 50

// List is a set of diagnostics; as an error it prints one per line, in file and position order.
type List struct {
	Items   []Diagnostic
	Dropped int // diagnostics beyond MaxReported
}

// Add appends a diagnostic, counting it as dropped past MaxReported.
// A message longer than MaxMessageChars (one that quotes a huge value) is cut.
func (l *List) Add(d Diagnostic) {
	if len(l.Items) >= MaxReported {
		l.Dropped++
		return
	}
	if utf8.RuneCountInString(d.Message) > MaxMessageChars {
		r := []rune(d.Message)
		d.Message = fmt.Sprintf("%s… (%d more characters)", string(r[:MaxMessageChars]), len(r)-MaxMessageChars)
	}
	if utf8.RuneCountInString(d.Field) > MaxMessageChars {
		d.Field = Value(d.Field)
	}
	l.Items = append(l.Items, d)
}

// Addf appends a formatted diagnostic.
func (l *List) Addf(file string, line, col int, field, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Col: col, Field: field, Message: fmt.Sprintf(format, args...)})
}

// Len is the number of diagnostics, dropped ones included.
func (l *List) Len() int { return len(l.Items) + l.Dropped }

// Err returns the list as an error, or nil if it is empty.
func (l *List) Err() error {
	if l.Len() == 0 {
		return nil
	}
	sort.SliceStable(l.Items, func(a, b int) bool {
		x, y := l.Items[a], l.Items[b]
		if x.File != y.File {
			return x.File < y.File
		}
		if x.Line != y.Line {
			return x.Line < y.Line
		}
		return x.Col < y.Col
	})
	return l
}

func (l *List) Error() string {
	lines := make([]string, 0, len(l.Items)+1)
	for _, d := range l.Items {
		lines = append(lines, d.Error())
	}
	if l.Dropped > 0 {
		lines = append(lines, fmt.Sprintf("... and %d more problems not shown", l.Dropped))
	}
	return strings.Join(lines, "\n")
}

// Suggest returns the valid name nearest to got by edit distance (case-insensitive), or ""
// when nothing is close enough to be a plausible typo.
func Suggest(got string, valid []string) string {
	best, bestD := "", 1<<30
	g := strings.ToLower(got)
	for _, v := range valid {
		d := distance(g, strings.ToLower(v))
		if d < bestD {
			best, bestD = v, d
		}
	}
	limit := max(1, len(got)/2)
	if bestD > limit {
		return ""
	}
	return best
}

// DidYouMean formats a suggestion sentence, or the list of valid names when none is close.
func DidYouMean(got string, valid []string) string {
	if s := Suggest(got, valid); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	if len(valid) <= 20 {
		return "valid: " + strings.Join(valid, ", ")
	}
	return ""
}

// distance is the Levenshtein edit distance between a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// MaxMessageChars caps one diagnostic's message.
const MaxMessageChars = 600

// MaxValueChars is how much of a field's value a message quotes.
const MaxValueChars = 80

// Value quotes a value for a message (Go quotes, control characters escaped), cut to
// MaxValueChars characters with how many were left out.
func Value(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= MaxValueChars {
		return strconv.Quote(s)
	}
	r := []rune(s)
	return fmt.Sprintf("%s… (%d characters in all)", strconv.Quote(string(r[:MaxValueChars])), n)
}
