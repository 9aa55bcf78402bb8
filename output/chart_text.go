package output

import (
	"strings"
	"unicode"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// cleanText draws every text of a chart (titles, labels, legends: some come from the user's
// scenario) without control characters, which no font draws and which make an SVG invalid
// XML; each becomes a space.
type cleanText struct{ vg.CanvasWriterTo }

func (c cleanText) FillString(f font.Face, pt vg.Point, s string) {
	c.CanvasWriterTo.FillString(f, pt, chartText(s))
}

// chartText replaces control characters (and invalid UTF-8) with spaces.
func chartText(s string) string {
	clean := true
	for _, r := range s {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return ' '
		}
		return r
	}, s)
}
