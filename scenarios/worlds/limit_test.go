package worlds

import (
	"io"
	"strings"
	"testing"
)

// TestLimitedReader: a file of exactly the limit reads to EOF; one byte more is refused.
func TestLimitedReader(t *testing.T) {
	for _, c := range []struct {
		size int
		ok   bool
	}{{10, true}, {11, false}, {3, true}} {
		lr := &limitedReader{r: strings.NewReader(strings.Repeat("x", c.size)), n: 10}
		b, err := io.ReadAll(lr)
		if c.ok && (err != nil || len(b) != c.size) {
			t.Errorf("size %d: read %d bytes, err %v; want all of it", c.size, len(b), err)
		}
		if !c.ok && (err == nil || !lr.exceeded) {
			t.Errorf("size %d: err %v, exceeded %v; want a refusal", c.size, err, lr.exceeded)
		}
	}
}
