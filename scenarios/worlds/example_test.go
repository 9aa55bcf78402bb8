package worlds_test

import (
	"fmt"

	"github.com/tradesim/tradesim/scenarios/worlds"
)

// The default world's US-China goods trade and China's share of US rare-earth imports, measured
// with the same quantities as default/targets.csv.
func ExampleDefault() {
	w, err := worlds.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range []string{"trade(CHN,USA,goods)", "trade(USA,CHN,goods)", "import_share(CHN,USA,REE)", "trade(USA,CHN,AIC)"} {
		q, err := worlds.ParseQuantity(s, w)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s = %.4g\n", s, q.Eval(w))
	}
	// Output:
	// trade(CHN,USA,goods) = 438.9
	// trade(USA,CHN,goods) = 143.5
	// import_share(CHN,USA,REE) = 0.8
	// trade(USA,CHN,AIC) = 15
}

// A scenario's world reference: "default" or a folder relative to the scenario file.
func ExampleResolve() {
	w, err := worlds.Resolve("small", "testdata")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(w.Name, w.RegionCodes(), w.SectorCodes())
	_, err = worlds.Resolve("missing", "testdata")
	fmt.Println(err)
	// Output:
	// small [AAA BBB] [GDS SVC]
	// testdata/missing: not a world folder: no such folder
}
