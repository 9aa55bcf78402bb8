package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

func TestTerminalText(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, tabs\tand\nnewlines": "plain text, tabs\tand\nnewlines",
		"title \x1b]0;pwned\x07":          `title \x1b]0;pwned\x07`,
		"c1 \u009b31m and é":              `c1 \u009b31m and é`,
		"bad \xff byte":                   `bad \xff byte`,
		"cr\rover":                        `cr\x0dover`,
	} {
		if got := terminalText(in); got != want {
			t.Errorf("terminalText(%q) = %q; want %q", in, got, want)
		}
	}
	// A C1 control split across two writes is still escaped.
	var buf bytes.Buffer
	w := &safeWriter{w: &buf}
	w.Write([]byte("a\xc2"))
	w.Write([]byte("\x9bb"))
	if got := buf.String(); got != `a\u009bb` {
		t.Errorf("split write: %q", got)
	}
	long := errors.New(strings.Repeat("x", maxErrorBytes+10))
	if got := errorText(long); !strings.HasSuffix(got, "… (10 more bytes of this message not shown)") {
		t.Errorf("a long error is not cut: ...%q", got[len(got)-60:])
	}
}

type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("broken writer") }

// A panic inside a command exits 1 (a failed run), never 2 (bad input).
func TestMainPanicExitsOne(t *testing.T) {
	var errOut bytes.Buffer
	if code := Main(context.Background(), []string{"version"}, nil, panicWriter{}, &errOut); code != exitRunFailed {
		t.Errorf("exit %d; want %d", code, exitRunFailed)
	}
	if !strings.Contains(errOut.String(), "tradesim: internal error (please report it): broken writer") {
		t.Errorf("stderr: %q", errOut.String())
	}
}
