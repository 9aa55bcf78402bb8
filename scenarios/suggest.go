package scenarios

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/sim"
)

// didYouMeanCode suggests the region or sector that got stands for: the code nearest to it
// (US for USA, CHINA for CHN), or else the one whose name it abbreviates (rare-earths for REE,
// "Rare earths and magnets"; europe for EU), since an economist often writes the name.
func didYouMeanCode(got string, labels []sim.Label) string {
	codes := make([]string, len(labels))
	for i, l := range labels {
		codes[i] = l.Code
	}
	if s := diag.Suggest(got, codes); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	var hits []sim.Label
	for _, l := range labels {
		if abbreviates(got, l.Name) {
			hits = append(hits, l)
		}
	}
	if len(hits) == 1 {
		return fmt.Sprintf("did you mean %q, %s?", hits[0].Code, hits[0].Name)
	}
	return diag.DidYouMean(got, codes)
}

// abbreviates reports whether every word of got (of three letters or more, a plural s dropped)
// begins a word of name, case aside: rare-earths and "Rare earths and magnets".
func abbreviates(got, name string) bool {
	split := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	words, nameWords := split(got), split(name)
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		w = strings.TrimSuffix(w, "s")
		if len(w) < 3 {
			return false
		}
		found := false
		for _, n := range nameWords {
			if strings.HasPrefix(n, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
