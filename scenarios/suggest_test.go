package scenarios

import "testing"

// TestDidYouMeanCode: an unknown code is matched to the nearest code, or else to the region or
// sector whose name it abbreviates; anything else lists the valid codes.
func TestDidYouMeanCode(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{"US", `did you mean "USA"?`},
		{"China", `did you mean "CHN"?`},
		{"europe", `did you mean "EU", European Union (27)?`},
		{"united-states", `did you mean "USA", United States?`},
		{"rare-earths", `did you mean "REE", Rare earths and magnets?`},
		{"Semiconductors", `did you mean "SEMI", Semiconductors (without AI accelerators)?`},
		{"chips", "valid: AGR, MIN, REE, CHM, MET, SEMI, AIC, ELEC, EQP, AUTO, DEF, OMF, SRV"},
		{"and", "valid: AGR, MIN, REE, CHM, MET, SEMI, AIC, ELEC, EQP, AUTO, DEF, OMF, SRV"}, // in several names
	} {
		labels := defaultSectorLabels
		if c.got == "US" || c.got == "China" || c.got == "europe" || c.got == "united-states" {
			labels = defaultRegionLabels
		}
		if got := didYouMeanCode(c.got, labels); got != c.want {
			t.Errorf("didYouMeanCode(%q) = %s, want %s", c.got, got, c.want)
		}
	}
}
