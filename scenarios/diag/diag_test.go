package diag

import (
	"strings"
	"testing"
)

// TestSuggest: the nearest name within half the length of what was written, case aside; none
// when nothing is that close.
func TestSuggest(t *testing.T) {
	valid := []string{"USA", "CHN", "EU", "JPN", "ROW"}
	for _, c := range []struct{ got, want string }{
		{"US", "USA"}, {"usa", "USA"}, {"CHA", "CHN"}, {"China", "CHN"}, {"E", "EU"},
		{"Brazil", ""}, {"", ""},
	} {
		if got := Suggest(c.got, valid); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.got, got, c.want)
		}
	}
}

// TestList: messages print as FILE:LINE:COL: field: message in position order, without the
// parts that are unknown, and past MaxReported only a count.
func TestList(t *testing.T) {
	var l List
	l.Addf("a.yaml", 9, 3, "rate", "second")
	l.Addf("a.yaml", 2, 0, "", "first")
	l.Addf("a.yaml", 0, 0, "", "whole file")
	want := "a.yaml: whole file\na.yaml:2: first\na.yaml:9:3: rate: second"
	if got := l.Err().Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for range MaxReported {
		l.Addf("a.yaml", 1, 1, "", "more")
	}
	if l.Len() != MaxReported+3 || l.Dropped != 3 || !strings.HasSuffix(l.Error(), "... and 3 more problems not shown") {
		t.Errorf("len %d, dropped %d, tail %q", l.Len(), l.Dropped, l.Error()[len(l.Error())-40:])
	}
	if (&List{}).Err() != nil {
		t.Error("an empty list is an error")
	}
}
