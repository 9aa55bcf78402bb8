package budget

import (
	"os"
	"strconv"
	"strings"
)

// envMemory reads TRADESIM_MEMORY: a number of bytes, or with a unit kB, MB, GB or TB (powers
// of 1000) or KiB, MiB, GiB, TiB.
func envMemory() (int64, bool) {
	s := strings.TrimSpace(os.Getenv("TRADESIM_MEMORY"))
	if s == "" {
		return 0, false
	}
	units := []struct {
		suffix string
		mult   float64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40}, {"kB", 1e3}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12}, {"B", 1}}
	mult := 1.0
	for _, u := range units {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || v*mult > 1e18 {
		return 0, false
	}
	return int64(v * mult), true
}
