package budget

import (
	"errors"
	"strings"
	"testing"

	"github.com/tradesim/tradesim/sim"
)

func world(R, S int) *sim.World {
	var regions, sectors []sim.Label
	for r := range R {
		regions = append(regions, sim.Label{Code: string(rune('A'+r/26)) + string(rune('A'+r%26))})
	}
	for s := range S {
		sectors = append(sectors, sim.Label{Code: "S" + string(rune('A'+s/26)) + string(rune('A'+s%26))})
	}
	return sim.NewWorld("t", regions, sectors)
}

func TestEnvMemory(t *testing.T) {
	for in, want := range map[string]int64{"512MB": 512e6, "8GB": 8e9, "1.5 GiB": 3 << 29, "1000": 1000, "2kB": 2000} {
		t.Setenv("TRADESIM_MEMORY", in)
		if got, ok := envMemory(); !ok || got != want {
			t.Errorf("TRADESIM_MEMORY=%s: %d %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "lots", "-5GB", "1e30"} {
		t.Setenv("TRADESIM_MEMORY", in)
		if got, ok := envMemory(); ok {
			t.Errorf("TRADESIM_MEMORY=%q: %d; want unset", in, got)
		}
	}
}

func TestOfAndCheck(t *testing.T) {
	w := world(7, 13)
	r := Run{World: w, Horizon: 24, Replicates: 4, Firms: 5, Workers: 2, CSV: true, Parquet: true, JSON: true, ChartFormats: 3}
	e := Of(r)
	// The default world's folder measured 21.8 MB for this run (November 2026).
	if e.Disk < 15e6 || e.Disk > 35e6 {
		t.Errorf("disk estimate %s; the run wrote 21.8 MB", Bytes(e.Disk))
	}
	r.Raw, r.ChartFormats = true, 0
	raw := Of(r)
	// With --raw and no charts it wrote 34.6 MB.
	if raw.Disk < 25e6 || raw.Disk > 50e6 {
		t.Errorf("disk estimate with --raw %s; the run wrote 34.6 MB", Bytes(raw.Disk))
	}
	r.Replicates = 2000
	big := Of(r)
	t.Setenv("TRADESIM_MEMORY", "100MB")
	err := Check(r, big)
	var ex *ExceededError
	if !errors.As(err, &ex) || !strings.Contains(err.Error(), "but 100 MB are available (TRADESIM_MEMORY); fewer replicates") {
		t.Errorf("Check: %v", err)
	}
	t.Setenv("TRADESIM_MEMORY", "100GB")
	if err := Check(r, big); err != nil {
		t.Errorf("Check with 100 GB: %v", err)
	}
}
