package sim

import (
	"fmt"
	"strconv"
)

// Month is a calendar month counted from January of year 0: year*12 + (month-1).
// Scenario dates are calendar months ("2025-04"); one simulation step is one month.
type Month int

// Forever is the end of a policy that stays in force to the end of the horizon.
const Forever Month = 1 << 30

// NewMonth returns the Month for a calendar year and month (1-12).
func NewMonth(year, month int) Month { return Month(year*12 + month - 1) }

// Year is the calendar year of m.
func (m Month) Year() int { return int(m) / 12 }

// Calendar is the month of the year of m, 1 to 12.
func (m Month) Calendar() int { return int(m)%12 + 1 }

// String formats m as YYYY-MM, the date format of every result file.
func (m Month) String() string {
	if m == Forever {
		return "end of horizon"
	}
	return fmt.Sprintf("%04d-%02d", m.Year(), m.Calendar())
}

// ParseMonth reads a YYYY-MM date.
func ParseMonth(s string) (Month, error) {
	if len(s) != 7 || s[4] != '-' {
		return 0, fmt.Errorf("date %q is not of the form YYYY-MM (for example 2025-04)", s)
	}
	y, err1 := strconv.Atoi(s[:4])
	mo, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || y < 1900 || y > 2200 || mo < 1 || mo > 12 {
		return 0, fmt.Errorf("date %q is not a valid YYYY-MM month between 1900-01 and 2200-12", s)
	}
	return NewMonth(y, mo), nil
}
