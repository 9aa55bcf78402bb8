package output

import (
	"encoding/json"
	"math"
	"testing"
)

// TestSummaryRowJSON: a summary row's JSON is what json.Marshal writes for its fields, with
// figures as floats, whatever its strings hold; a figure that is not finite is an error.
func TestSummaryRowJSON(t *testing.T) {
	type plain struct {
		Region   string    `json:"region"`
		Sector   string    `json:"sector"`
		Variable string    `json:"variable"`
		Stat     string    `json:"stat"`
		Mean     jsonFloat `json:"mean"`
		P05      jsonFloat `json:"p05"`
		P50      jsonFloat `json:"p50"`
		P95      jsonFloat `json:"p95"`
		Month    string    `json:"month,omitempty"`
	}
	for _, r := range []SummaryRow{
		{"USA", "AIC", "output", StatTrough, -1.25, -3, 0, 12, "2025-06"},
		{"ALL", "ALL", "gdp_real", StatAtEnd, 1e-300, 2e21, -0.0, 7, ""},
		{`Q"uote\`, "<b>&", "tab\there", "ünï ☃ \u2028", 1, 2, 3, 4, "x"},
	} {
		got, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(plain{r.Region, r.Sector, r.Variable, r.Stat, jsonFloat(r.Mean), jsonFloat(r.P05), jsonFloat(r.P50), jsonFloat(r.P95), r.Month})
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	}
	if _, err := json.Marshal(SummaryRow{Mean: math.NaN()}); err == nil {
		t.Error("a NaN figure was written to JSON")
	}
}
