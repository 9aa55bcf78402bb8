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

// TestSizeLimits: EXIOBASE 3 (49 regions x 163 industries, 63.8 million cells) and OECD ICIO
// (77 x 50) fit; 100 x 100 (100 million cells) and more than MaxSectors sectors do not.
func TestSizeLimits(t *testing.T) {
	for _, c := range []struct {
		R, S int
		ok   bool
	}{{49, 163, true}, {77, 50, true}, {7, 13, true}, {100, 100, false}, {1, MaxSectors + 1, false}, {MaxRegions + 1, 1, false}} {
		if got := sizeOK(c.R, c.S); got != c.ok {
			t.Errorf("sizeOK(%d, %d) = %v, want %v", c.R, c.S, got, c.ok)
		}
	}
}
