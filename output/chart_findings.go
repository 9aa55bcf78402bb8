package output

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/tradesim/tradesim/sim"
)

// A chart's title states its finding ("Output in KOR AUTO falls up to 13.4% (2025-06); −1.0%
// by 2027-12"), read off the median path; what the chart shows goes into the subtitle.

// peakOf is the month index of the median of largest magnitude (the first, on ties).
func peakOf(dev []sim.Band) int {
	at := 0
	for t, b := range dev {
		if math.Abs(b.P50) > math.Abs(dev[at].P50) {
			at = t
		}
	}
	return at
}

// negligible is the magnitude below which a median deviation reads as no change: a
// thousandth of a percent or point (assumption: below what any table in a brief reports).
const negligible = 1e-3

// pathFinding says how subject moves on the median path dev: its largest deviation, when,
// and where it ends when that differs by more than a tenth, e.g. "Output in KOR AUTO falls up to 13.4% (2025-06);
// −1.0% by 2027-12" or "Output in CHN REE barely moves". diffUnit is the unit of a
// difference ("USD bn a month"), used when kind is sim.DevDifference.
func pathFinding(subject string, kind sim.DevKind, diffUnit string, dev []sim.Band, start sim.Month) string {
	if len(dev) == 0 {
		return subject
	}
	at := peakOf(dev)
	peak := dev[at].P50
	if math.Abs(peak) < negligible {
		return subject + " barely moves"
	}
	verb := "rises"
	if peak < 0 {
		verb = "falls"
	}
	s := fmt.Sprintf("%s %s up to %s (%s)", subject, verb, devText(math.Abs(peak), kind, diffUnit, false), start+sim.Month(at))
	last := len(dev) - 1
	switch end := dev[last].P50; {
	case at == last:
	case math.Abs(end-peak) <= 0.1*math.Abs(peak):
		s += " and stays there"
	case math.Abs(end) < negligible:
		s += fmt.Sprintf("; back to baseline by %s", start+sim.Month(last))
	default:
		s += fmt.Sprintf("; %s by %s", devText(end, kind, diffUnit, true), start+sim.Month(last))
	}
	return s
}

// devText writes a deviation with its unit: "13.4%", "69.7 points", "6.1 USD bn a month";
// signed adds + or −.
func devText(x float64, kind sim.DevKind, diffUnit string, signed bool) string {
	s := magnitude(math.Abs(x))
	if signed {
		if x < 0 {
			s = "−" + s
		} else {
			s = "+" + s
		}
	}
	switch kind {
	case sim.DevPoints:
		return s + " points"
	case sim.DevDifference:
		return s + " " + diffUnit
	}
	return s + "%"
}

// magnitude writes a non-negative number with one decimal from 1 up and two significant
// digits below (0.82, 0.0045), so small effects do not read as zero.
func magnitude(x float64) string {
	if x >= 1 {
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	return strconv.FormatFloat(x, 'g', 2, 64)
}

// differenceUnit is the unit of a difference of v: "USD bn per month" reads "USD bn a month".
func differenceUnit(v sim.Variable) string {
	u := strings.TrimSuffix(v.Unit, " at base prices")
	return strings.Replace(u, " per month", " a month", 1)
}

// mostFinding says where, among places, what moves most on the median paths devs: "Real GDP
// falls most in KOR: 0.82% (2025-12)" (prep "in"). It returns what alone when devs is empty.
func mostFinding(what, prep string, places []string, kind sim.DevKind, diffUnit string, devs [][]sim.Band, start sim.Month) string {
	i := largestOf(devs)
	if i < 0 {
		return what
	}
	at := peakOf(devs[i])
	peak := devs[i][at].P50
	if math.Abs(peak) < negligible {
		return what + " barely moves"
	}
	verb := "rises"
	if peak < 0 {
		verb = "falls"
	}
	return fmt.Sprintf("%s %s most %s %s: %s (%s)", what, verb, prep, places[i], devText(math.Abs(peak), kind, diffUnit, false), start+sim.Month(at))
}

// largestOf returns the index among dev paths whose median peaks highest in magnitude
// (the first, on ties), or -1 for none.
func largestOf(paths [][]sim.Band) int {
	best, bestPeak := -1, -1.0
	for i, p := range paths {
		if len(p) == 0 {
			continue
		}
		if m := math.Abs(p[peakOf(p)].P50); m > bestPeak {
			best, bestPeak = i, m
		}
	}
	return best
}
