package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadErrorsNameTheProblem: a table without a column, or with a bad number, is refused
// with the file, the line and the column named.
func TestReadErrorsNameTheProblem(t *testing.T) {
	dir := t.TempDir()
	write := func(body string) {
		if err := os.WriteFile(filepath.Join(dir, "series.csv"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("scenario,stat,replicate,step,date,region,sector,value,baseline,deviation\ns,mean,,1,2025-01,USA,AIC,1,1,0\n")
	_, _, err := ReadSeries(dir)
	if err == nil || !strings.Contains(err.Error(), "series.csv") || !strings.Contains(err.Error(), "[variable]") {
		t.Errorf("missing column: %v", err)
	}
	write("scenario,stat,replicate,step,date,region,sector,variable,value,baseline,deviation\ns,mean,,1,2025-01,USA,AIC,output,1,x,0\n")
	_, _, err = ReadSeries(dir)
	if err == nil || !strings.Contains(err.Error(), "series.csv:2") || !strings.Contains(err.Error(), "column baseline") {
		t.Errorf("bad number: %v", err)
	}
	os.Remove(filepath.Join(dir, "series.csv"))
	_, _, err = ReadSeries(dir)
	if err == nil || !strings.Contains(err.Error(), "neither series.csv nor series.parquet") {
		t.Errorf("no table: %v", err)
	}
	if _, err := BandsFromRows([]SeriesRow{{Scenario: "s", Stat: "p50", Step: 1, Date: "2025-01", Region: "USA", Sector: "AIC", Variable: "happiness"}}); err == nil || !strings.Contains(err.Error(), `"happiness"`) {
		t.Errorf("unknown variable: %v", err)
	}
}
