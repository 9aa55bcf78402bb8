package worlds

import (
	"math"
	"strings"
	"testing"
)

// TestQuantities measures quantities on testdata/small, whose values are computed by hand from
// its flows.csv (reference values in the comments).
func TestQuantities(t *testing.T) {
	w, err := Load("testdata/small")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		q    string
		want float64
	}{
		{"output(AAA,GDS)", 55},                  // 10+5+4+30+6
		{"output(*,all)", 278},                   // 55+128+31+64
		{"gdp(BBB)", 68.6},                       // (31-6-4-4*1.1) + (64-2-10)
		{"exports(AAA,goods)", 10},               // 4+6
		{"imports(BBB,all)", 10},                 // from AAA
		{"trade(BBB,AAA,GDS)", 3},                // intermediate
		{"trade2(AAA,BBB,GDS)", 13},              // 10 + 3
		{"import_share(AAA,BBB,GDS)", 1},         // AAA is BBB's only foreign supplier
		{"source_share(AAA,BBB,GDS)", 10.0 / 38}, // 10 of BBB's 10+28 purchases
		{"source_share(BBB,BBB,GDS)", 28.0 / 38}, // home: 6+2 intermediate, 20 final
		{"fd(BBB,GDS)", 26},                      // 6 imported + 20 domestic
		{"final(BBB,HH,GDS)", 26},                // FD rows are the households'
		{"final(BBB,GOV,all)", 0},                // no government rows
		{"balance(AAA,all)", 10 - 3},             // exports 4+6 less imports 3
		{"balance2(BBB,AAA,GDS)", 3 - 10},        // 3 less 10
		{"domestic(AAA,GDS)", 45},                // 10+5+30
		{"inputs(BBB,GDS,GDS)", 10},              // 6 home + 4 from AAA
		{"input_share(AAA,BBB,GDS,GDS)", 0.4},    // 4 of 10
		{"avg_tariff(AAA,BBB,GDS)", 0.1},         // one sector at 10%
		{"supply_share(BBB,GDS)", 31.0 / 86},     // 31 of 55+31
		{"va_share(AAA,SVC)", 103.0 / 136.85},    // (128-25) / (33.85+103)
		{"export_share(AAA,GDS)", 10.0 / 13},     // 10 of 10+3
		{"va(AAA,GDS+SVC)", 136.85},              // 55-18-3*1.05 + 103
	}
	for _, c := range cases {
		q, err := ParseQuantity(c.q, w)
		if err != nil {
			t.Errorf("%s: %v", c.q, err)
			continue
		}
		// 1e-12 relative: a handful of float additions.
		if got := q.Eval(w); math.Abs(got-c.want) > 1e-12*math.Max(1, math.Abs(c.want)) {
			t.Errorf("%s = %.15g, want %.15g", c.q, got, c.want)
		}
	}
	bad := map[string]string{
		"gdp(XXX)":                   `unknown region "XXX"`,
		"output(AAA,GDS+FOO)":        `unknown sector "FOO"`,
		"trade(AAA,AAA,GDS)":         "origin and destination must differ",
		"trade(AAA,GDS)":             "trade takes 3 arguments",
		"gpd(AAA)":                   `unknown function "gpd"`,
		"exports AAA":                "is not a quantity",
		"input_share(AAA,BBB,X,GDS)": `unknown sector "X"`,
		"final(AAA,FD,GDS)":          `unknown buyer "FD" in "final(AAA,FD,GDS)"; buyers are HH, GOV, INV`,
	}
	for q, want := range bad {
		if _, err := ParseQuantity(q, w); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", q, err, want)
		}
	}
}

func TestReadTargetsErrors(t *testing.T) {
	w, err := Load("testdata/small")
	if err != nil {
		t.Fatal(err)
	}
	data := "id,use,quantity,value,tolerance,description,source\n" +
		"a,fit,gdp(AAA),1,5%,,src\n" +
		"a,fit,gdp(AAA),1,5%,,src\n" +
		"b,guess,gdp(AAA),1,5%,,src\n" +
		"c,fit,gdp(AAA),x,5%,,src\n" +
		"d,fit,gdp(AAA),1,five,,src\n" +
		"e,fit,gdp(AAA),1,5%,,\n"
	_, err = ReadTargets([]byte(data), "targets.csv", w)
	want := strings.Join([]string{
		`targets.csv:3:1: id: target "a" is defined twice (first at line 2)`,
		`targets.csv:4:3: use: use "guess" must be fit, input or check`,
		`targets.csv:5:16: value: "x" is not a finite number`,
		`targets.csv:6:18: tolerance: "five" is neither a percentage (10%) nor an amount (0.05)`,
		`targets.csv:7:1: source: target "e" has no source`,
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", err, want)
	}
}
