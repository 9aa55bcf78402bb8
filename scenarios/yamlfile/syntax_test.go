package yamlfile

import (
	"slices"
	"testing"
)

// TestSplitLines: lines break where yaml/v3 counts a new line, so positions index them.
func TestSplitLines(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"a\nb\n", []string{"a", "b", ""}},
		{"a\r\nb", []string{"a", "b"}},
		{"\r0", []string{"", "0"}},
		{"a\u2028b\u0085c", []string{"a", "b", "c"}},
		{"", []string{""}},
	} {
		if got := SplitLines([]byte(c.in)); !slices.Equal(got, c.want) {
			t.Errorf("SplitLines(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
