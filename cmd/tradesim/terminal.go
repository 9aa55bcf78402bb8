package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// safeWriter passes text to a terminal with its control characters (other than newline and
// tab) written out as escapes, \x1b for ESC, so that user text (a scenario's title, a file
// name) cannot move the cursor, recolour or retitle the terminal. tradesim itself writes no
// control sequences to standard output (the progress bar writes to standard error).
type safeWriter struct {
	w       io.Writer
	pending []byte // an incomplete UTF-8 sequence at the end of the last write
}

func (s *safeWriter) Write(b []byte) (int, error) {
	n := len(b)
	if len(s.pending) > 0 {
		b = append(s.pending, b...)
		s.pending = nil
	}
	// Keep an incomplete rune for the next write (it may be a C1 control).
	if i := lastRuneStart(b); i >= 0 && !utf8.FullRune(b[i:]) {
		s.pending = append([]byte(nil), b[i:]...)
		b = b[:i]
	}
	if _, err := io.WriteString(s.w, terminalText(string(b))); err != nil {
		return 0, err
	}
	return n, nil
}

func lastRuneStart(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			return i
		}
	}
	return -1
}

// terminalText escapes the control characters of s other than newline and tab (C0, DEL and
// C1), and bytes that are not UTF-8.
func terminalText(s string) string {
	clean := true
	for _, r := range s {
		if isTerminalControl(r) || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				fmt.Fprintf(&b, `\x%02x`, s[i])
				continue
			}
			b.WriteRune(r)
		case r < 0x80 && isTerminalControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case isTerminalControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isTerminalControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f)
}

// maxErrorBytes caps an error message on the terminal: a message that copies a huge field
// would otherwise flood it.
const maxErrorBytes = 64 << 10

// errorText is an error message made safe for a terminal and cut to maxErrorBytes.
func errorText(err error) string {
	s := err.Error()
	if len(s) > maxErrorBytes {
		cut := maxErrorBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = fmt.Sprintf("%s… (%d more bytes of this message not shown)", s[:cut], len(s)-cut)
	}
	return terminalText(s)
}
