package worlds

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
	"testing/fstest"
)

// defaultFlowsSource returns the default world's flows.csv as an import source.
func defaultFlowsSource(t *testing.T) (ImportSource, *Folder) {
	t.Helper()
	f, err := DefaultFolder()
	if err != nil {
		t.Fatal(err)
	}
	files, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	return ImportSource{FS: fstest.MapFS{"flows.csv": {Data: files[FlowsFile]}}, Name: "flows.csv", Display: "flows.csv"}, f
}

// TestImportIdentity: importing the default world's own flows without a map, with the default
// world as template, gives back the same world (same digest once named alike).
func TestImportIdentity(t *testing.T) {
	src, def := defaultFlowsSource(t)
	g, err := Import(src, nil, ImportOptions{Name: def.World.Name, Template: def})
	if err != nil {
		t.Fatal(err)
	}
	if Digest(g.World) != Digest(def.World) {
		t.Fatal("identity import changed the world")
	}
	a, _ := Encode(def)
	b, _ := Encode(g)
	for _, name := range []string{FlowsFile, TariffsFile, SectorsFile, CriticalityFile} {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs after an identity import", name)
		}
	}
}

// TestImportAggregationKeepsTotals aggregates the default world to 3 regions and 4 sectors,
// splitting SEMI in two, and checks that every total survives: world output, each aggregated
// row (sum of the source rows mapped to it, shares applied), final demand by region, and the
// sum of every column's intermediate purchases. Tolerance 1e-9 relative: only the order of
// float additions differs.
func TestImportAggregationKeepsTotals(t *testing.T) {
	src, def := defaultFlowsSource(t)
	mapCSV := "kind,from,to,share\n" +
		"region,USA,USA\nregion,CHN,CHN\nregion,EU,OTH\nregion,JPN,OTH\nregion,KOR,OTH\nregion,TWN,OTH\nregion,ROW,OTH\n" +
		"sector,AGR,GDS\nsector,MIN,GDS\nsector,REE,GDS\nsector,CHM,GDS\nsector,MET,GDS\n" +
		"sector,SEMI,SEMI,0.25\nsector,SEMI,ELEC,0.75\nsector,AIC,SEMI\nsector,ELEC,ELEC\n" +
		"sector,EQP,GDS\nsector,AUTO,GDS\nsector,DEF,GDS\nsector,OMF,GDS\nsector,SRV,SRV\n"
	m, err := ReadMapping(fstest.MapFS{"map.csv": {Data: []byte(mapCSV)}}, "map.csv", "map.csv")
	if err != nil {
		t.Fatal(err)
	}
	params := "sector,param,value,source\n"
	for _, s := range []string{"GDS", "SEMI", "ELEC", "SRV"} {
		for _, p := range []string{"sigma", "eta", "lambda", "tau", "kappa", "kappaS", "slack", "g", "L", "thetaL"} {
			params += s + "," + p + ",0.5,assumption\n"
		}
	}
	g, err := Import(src, m, ImportOptions{Name: "agg", Template: def,
		Sectors: ImportSource{FS: fstest.MapFS{"p.csv": {Data: []byte(params)}}, Name: "p.csv", Display: "p.csv"}})
	if err != nil {
		t.Fatal(err)
	}
	w, dw := g.World, def.World
	if got := strings.Join(w.RegionCodes(), ","); got != "USA,CHN,OTH" {
		t.Fatalf("regions %s", got)
	}
	if got := strings.Join(w.SectorCodes(), ","); got != "SEMI,ELEC,SRV,GDS" {
		t.Fatalf("sectors %s (template order first, then the map's)", got)
	}
	close := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9*math.Abs(want) {
			t.Errorf("%s: %.12g, want %.12g", what, got, want)
		}
	}
	regionOf := map[string]string{"USA": "USA", "CHN": "CHN"}
	share := func(from, to string) float64 { // sector mapping share
		for _, s := range m.Sectors[from] {
			if s.To == to {
				return s.Share
			}
		}
		return 0
	}
	var srcTotal, aggTotal float64
	for o := range w.R() {
		for i := range w.S() {
			aggTotal += w.Output(o, i)
			var want float64
			for so := range dw.R() {
				to := regionOf[dw.Regions[so].Code]
				if to == "" {
					to = "OTH"
				}
				if to != w.Regions[o].Code {
					continue
				}
				for si := range dw.S() {
					want += dw.Output(so, si) * share(dw.Sectors[si].Code, w.Sectors[i].Code)
				}
			}
			close("output "+w.Regions[o].Code+" "+w.Sectors[i].Code, w.Output(o, i), want)
		}
	}
	for o := range dw.R() {
		for i := range dw.S() {
			srcTotal += dw.Output(o, i)
		}
	}
	close("world output", aggTotal, srcTotal)
	var fdAgg, fdSrc, zAgg, zSrc float64
	for _, y := range w.Y {
		fdAgg += y
	}
	for _, y := range dw.Y {
		fdSrc += y
	}
	for _, z := range w.Z {
		zAgg += z
	}
	for _, z := range dw.Z {
		zSrc += z
	}
	close("final demand", fdAgg, fdSrc)
	close("intermediate", zAgg, zSrc)
	checkWorldInvariants(t, w)
}

func TestImportErrors(t *testing.T) {
	_, def := defaultFlowsSource(t)
	flows := "from_region,from_sector,to_region,to_use,value\nUSA,AGR,USA,FD,1\nUSA,XYZ,USA,FD,2\nUSA,AGR,USA,AGR,-3\n"
	src := ImportSource{FS: fstest.MapFS{"f.csv": {Data: []byte(flows)}}, Name: "f.csv", Display: "f.csv"}
	_, err := Import(src, nil, ImportOptions{Template: def})
	if err == nil {
		t.Fatal("want an error")
	}
	want := "f.csv:4:17: value: the flow value is negative (-3); intermediate flows must be 0 or more (only final-demand columns such as inventory changes may be negative)"
	if err.Error() != want {
		t.Errorf("got %q\nwant %q", err, want)
	}
	flows = "from_region,from_sector,to_region,to_use,value\nUSA,AGR,USA,FD,1\nUSA,XYZ,USA,FD,2\n"
	src.FS = fstest.MapFS{"f.csv": {Data: []byte(flows)}}
	_, err = Import(src, nil, ImportOptions{Template: def})
	if err == nil || !strings.Contains(err.Error(), "sectors XYZ have no default parameters") {
		t.Errorf("err = %v, want a request for XYZ's parameters", err)
	}
}

// TestImportDrop: drop rows of the map leave out the value-added, tax and total rows and columns
// an ICIO-style table carries, and the world records what was left out.
func TestImportDrop(t *testing.T) {
	flows := "from_region,from_sector,to_region,to_use,value\n" +
		"A,X,A,X,1\nA,X,A,FD,9\nA,X,A,OUT,10\nTLS,X,A,X,0.5\nVA,X,A,X,7\nA,Y,A,X,1\nA,Y,A,HFCE,4\n"
	mp := "kind,from,to\nregion,A,AAA\nsector,X,GDS\nsector,Y,SVC\nuse,HFCE,FD\ndrop,TLS,\ndrop,VA,-\ndrop,OUT,\n"
	m, err := ReadMapping(fstest.MapFS{"m.csv": {Data: []byte(mp)}}, "m.csv", "m.csv")
	if err != nil {
		t.Fatal(err)
	}
	params := "sector,param,value,source\n"
	for _, s := range []string{"GDS", "SVC"} {
		for _, p := range []string{"sigma", "eta", "lambda", "tau", "kappa", "kappaS", "slack", "g", "L", "thetaL"} {
			params += s + "," + p + ",0.5,assumption\n"
		}
	}
	g, err := Import(ImportSource{FS: fstest.MapFS{"f.csv": {Data: []byte(flows)}}, Name: "f.csv", Display: "f.csv"}, m,
		ImportOptions{BaseYear: 2020, Currency: "USD millions",
			Sectors: ImportSource{FS: fstest.MapFS{"p.csv": {Data: []byte(params)}}, Name: "p.csv", Display: "p.csv"}})
	if err != nil {
		t.Fatal(err)
	}
	w := g.World
	if x := w.Output(0, 0); x != 10 {
		t.Errorf("output of GDS = %v, want 10 (1 + 9; the OUT column is dropped)", x)
	}
	if !strings.Contains(strings.Join(g.Sources, "\n"), "3 rows of the source left out by the map's drop rows (total value 17.5)") {
		t.Errorf("sources = %q", g.Sources)
	}
	bad := "kind,from,to\ndrop,VA,AAA\n"
	if _, err := ReadMapping(fstest.MapFS{"m.csv": {Data: []byte(bad)}}, "m.csv", "m.csv"); err == nil ||
		!strings.Contains(err.Error(), `m.csv:2:9: to: a drop row leaves to empty (or -), not "AAA"`) {
		t.Errorf("err = %v", err)
	}
}

// TestImportTooLarge: an identity import whose aggregated table would exceed MaxCells is refused
// before anything is allocated.
func TestImportTooLarge(t *testing.T) {
	var b strings.Builder
	b.WriteString("from_region,from_sector,to_region,to_use,value\n")
	for k := range 100 { // 100 regions x 100 sectors: 100 million cells
		fmt.Fprintf(&b, "R%d,S%d,R%d,FD,1\n", k, k, k)
	}
	_, err := Import(ImportSource{FS: fstest.MapFS{"f.csv": {Data: []byte(b.String())}}, Name: "f.csv", Display: "f.csv"}, nil, ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "100 regions and 100 sectors after aggregation exceed the limits") {
		t.Fatalf("err = %v", err)
	}
}
