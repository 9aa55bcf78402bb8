package sim_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/tradesim/tradesim/sim"
)

// TestParamRangeIsWhatRunChecks: every parameter a scenario may set has a range, and Run accepts
// a value at either end of it and refuses one just outside, naming the parameter: ParamRange is
// the engine's own check, not a copy of it.
func TestParamRangeIsWhatRunChecks(t *testing.T) {
	w := twoCountryWorld()
	var keys []string
	for _, n := range sim.SectorParamNames {
		keys = append(keys, n+".*")
	}
	keys = append(keys, sim.GlobalParamNames()...)
	for _, key := range keys {
		name, _ := sim.SplitParamKey(key)
		lo, hi, ok := sim.ParamRange(name)
		if !ok || !(lo < hi) {
			t.Fatalf("ParamRange(%q) = %v, %v, %v; want a range", name, lo, hi, ok)
		}
		for _, c := range []struct {
			v  float64
			ok bool
		}{{lo, true}, {hi, true}, {math.Nextafter(lo, math.Inf(-1)), false}, {math.Nextafter(hi, math.Inf(1)), false}} {
			sc := baseScenario(2, 1)
			sc.Parameters = []sim.ParamSetting{{Key: key, Value: c.v}}
			_, err := sim.Run(context.Background(), w, sc, sc, sim.Options{Firms: 1, Workers: 1})
			if c.ok && err != nil {
				t.Errorf("%s = %v (in range) is refused: %v", key, c.v, err)
			}
			if !c.ok && (err == nil || !strings.Contains(err.Error(), name)) {
				t.Errorf("%s = %v (out of range) gives error %v; want one naming %s", key, c.v, err, name)
			}
		}
	}
	for _, bad := range []string{"", "sigmaM.REE", "Sigma", "delay"} {
		if _, _, ok := sim.ParamRange(bad); ok {
			t.Errorf("ParamRange(%q) is ok; want unknown", bad)
		}
	}
}

// TestPolicyBounds: a licence delay of MaxDelay and a fee just below FeeLimit run; one month more
// or a fee of FeeLimit are refused.
func TestPolicyBounds(t *testing.T) {
	w := twoCountryWorld()
	for _, c := range []struct {
		delay float64
		fee   float64
		ok    bool
	}{
		{sim.MaxDelay, math.Nextafter(sim.FeeLimit, 0), true},
		{sim.MaxDelay + 0.5, 0.15, false},
		{0, sim.FeeLimit, false},
	} {
		sc := baseScenario(2, 1)
		sc.Policies = []sim.Policy{{ID: "lic", Kind: sim.ExportControl, Mode: sim.License, Approval: 0.5,
			Delay: c.delay, Fee: c.fee, FeeBorneBy: sim.FeeExporter,
			Exporters: []int{0}, Importers: []int{1}, Sectors: []int{0}, Start: sc.Start, End: sim.Forever}}
		base := *sc
		base.Policies = nil
		_, err := sim.Run(context.Background(), w, sc, &base, sim.Options{Firms: 1, Workers: 1})
		if (err == nil) != c.ok {
			t.Errorf("delay %v, fee %v: error %v; want ok = %v", c.delay, c.fee, err, c.ok)
		}
	}
}
