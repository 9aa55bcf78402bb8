package worlds

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"testing/fstest"
)

// TestBuiltinICIOMap imports a synthetic table in the OECD ICIO 2023 layout (50 industries, its
// final-demand columns, the TLS/VA/OUT rows and negative inventory changes) through the shipped
// map: every code is mapped, the result is the default world's 7 x 13, and the shares of the
// split industries arrive where the map says.
func TestBuiltinICIOMap(t *testing.T) {
	if got := BuiltinMaps(); len(got) != 1 || got[0] != "icio2023" {
		t.Fatalf("built-in maps %v", got)
	}
	m, ok, err := ReadBuiltinMap("icio2023")
	if !ok || err != nil {
		t.Fatalf("icio2023: ok %v, err %v", ok, err)
	}
	if _, ok, _ := ReadBuiltinMap("wiod"); ok {
		t.Fatal("an unknown built-in map was found")
	}
	industries := strings.Fields("A01 A02 A03 B05 B06 B07 B08 B09 C10T12 C13T15 C16 C17_18 C19 C20 C21 C22 C23 C24A C24B C25 C26 C27 C28 C29 C301 C302T309 C31T33 D E F G H49 H50 H51 H52 H53 I J58T60 J61 J62_63 K L M N O P Q R S T")
	countries := strings.Fields("USA DEU FRA CN1 CN2 JPN KOR TWN MEX IND ROW")
	var b strings.Builder
	b.WriteString("from_region,from_sector,to_region,to_use,value\n")
	var c26 float64
	var fd [3]float64 // by buyer: HH, GOV, INV
	for _, o := range countries {
		for k, i := range industries {
			for _, d := range countries {
				for _, j := range industries[:5] { // a few intermediate users keep the file small
					v := float64(1 + (k % 7))
					fmt.Fprintf(&b, "%s,%s,%s,%s,%g\n", o, i, d, j, v)
					if i == "C26" {
						c26 += v
					}
				}
				// Households 500 - 1 bought abroad, government 100, investment 20 - 3 of
				// inventory draws; US crops draw 30 of inventories, more than their 20 of fixed
				// investment, so those investment cells stay negative and are set to 0.
				invnt := -3.0
				if o == "USA" && strings.HasPrefix(i, "A0") {
					invnt = -30
				}
				fmt.Fprintf(&b, "%s,%s,%s,HFCE,500\n%s,%s,%s,DPABR,-1\n%s,%s,%s,GGFC,100\n", o, i, d, o, i, d, o, i, d)
				fmt.Fprintf(&b, "%s,%s,%s,GFCF,20\n%s,%s,%s,INVNT,%g\n", o, i, d, o, i, d, invnt)
				fd[0] += 499
				fd[1] += 100
				if invnt == -3 {
					fd[2] += 17
				}
				if i == "C26" {
					c26 += 499 + 100 + 17
				}
			}
		}
	}
	for _, d := range countries {
		for _, j := range industries {
			fmt.Fprintf(&b, "TLS,TLS,%s,%s,-1\nVA,VA,%s,%s,100\nOUT,OUT,%s,%s,999\n", d, j, d, j, d, j)
		}
	}
	def, err := DefaultFolder()
	if err != nil {
		t.Fatal(err)
	}
	f, err := Import(ImportSource{FS: fstest.MapFS{"icio.csv": {Data: []byte(b.String())}}, Name: "icio.csv", Display: "icio.csv"},
		m, ImportOptions{Name: "icio", Template: def, Currency: "USD millions", BaseYear: 2020})
	if err != nil {
		t.Fatal(err)
	}
	w := f.World
	if strings.Join(w.RegionCodes(), ",") != strings.Join(def.World.RegionCodes(), ",") ||
		strings.Join(w.SectorCodes(), ",") != strings.Join(def.World.SectorCodes(), ",") {
		t.Fatalf("codes %v %v", w.RegionCodes(), w.SectorCodes())
	}
	var semi, aic, tot float64
	for r := range w.R() {
		semi += w.Output(r, 5)
		aic += w.Output(r, 6)
		for i := range w.S() {
			tot += w.Output(r, i)
		}
	}
	// C26 splits 30% to SEMI and 5% to AIC; nothing else feeds them. 1e-9 relative: sums only.
	if math.Abs(semi-0.30*c26) > 1e-9*c26 || math.Abs(aic-0.05*c26) > 1e-9*c26 {
		t.Errorf("SEMI %v, AIC %v; want %v and %v of C26's %v", semi, aic, 0.30*c26, 0.05*c26, c26)
	}
	var y [3]float64
	for k, v := range w.Y {
		y[k%3] += v // YIndex puts the buyer last
	}
	for b := range y {
		if math.Abs(y[b]-fd[b]) > 1e-9*fd[b] {
			t.Errorf("final demand of %s %v, want %v", []string{"HH", "GOV", "INV"}[b], y[b], fd[b])
		}
	}
	src := strings.Join(f.Sources, "\n")
	if !strings.Contains(src, "rows of the source left out by the map's drop rows") {
		t.Errorf("sources %q do not record the dropped rows", f.Sources)
	}
	// US crops' investment: 3 ICIO industries (all AGR) x 11 buying countries x (20 - 30), in 7 regions.
	if !strings.Contains(src, "7 final-demand cells negative after aggregation (net inventory draws or purchases abroad) set to 0 (total value -330)") {
		t.Errorf("sources %q do not record the negative final demand set to 0", f.Sources)
	}
}
