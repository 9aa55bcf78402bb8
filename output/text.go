package output

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quote makes user text (a path, a name, a title) safe to print on a terminal: text of
// printable characters comes back as it is; anything else (control characters, escape
// sequences, invalid UTF-8) comes back in Go quotes with those characters escaped, so it can
// neither move the cursor nor recolour or retitle the terminal. Long text is cut (Cut).
func Quote(s string) string {
	s = Cut(s, 200)
	for _, r := range s {
		if r == utf8.RuneError || (!unicode.IsGraphic(r) && r != ' ') {
			return strconv.Quote(s)
		}
	}
	return s
}

// Cut shortens text to at most n characters for a message, saying how much was left out.
func Cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	var b strings.Builder
	k := 0
	for _, r := range s {
		if k == n {
			break
		}
		b.WriteRune(r)
		k++
	}
	fmt.Fprintf(&b, "… (%d more characters)", utf8.RuneCountInString(s)-n)
	return b.String()
}
