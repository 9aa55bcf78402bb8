package build

// Base tariffs as of 20 January 2025.
//
// US on China and China on the US: the sector profile follows the Section 301 lists and China's
// retaliation lists (shape, assumption below), and one factor per direction scales the profile so
// that the trade-weighted average over the balanced flows equals PIIE's figures: 20.8% (US on
// China) and 21.2% (China on the US) on 20 January 2025 (targets.csv, avg_tariff rows).
//
// Everything else is the importer's MFN profile: a trade-weighted average (WTO: USA 2.2%, EU 2.7%,
// JPN 1.9%; assumptions for CHN, KOR, TWN and ROW) times a sector shape; semiconductors, AI
// accelerators and most electronics are duty free under the WTO Information Technology Agreement.

// us301Shape is the US tariff on Chinese goods by sector before scaling (assumption from the
// Section 301 lists: lists 1-3 at 25% cover machinery, components, chemicals and metals; list 4A
// at 7.5% covers consumer goods; phones, laptops and toys (list 4B) were never tariffed;
// semiconductors 50% from 2025 and EVs 100% after the 2024 review; magnets 0 until 2026).
var us301Shape = [nSectors]float64{
	AGR: 0.20, MIN: 0.25, REE: 0.035, CHM: 0.20, MET: 0.28, SEMI: 0.50, AIC: 0.25,
	ELEC: 0.15, EQP: 0.25, AUTO: 0.30, DEF: 0.25, OMF: 0.18, SRV: 0,
}

// us301Fixed are statutory US rates on Chinese goods that the scaling leaves alone.
var us301Fixed = [nSectors]sourced{
	SEMI: {0.50, "Section 301 four-year review: semiconductors 25% -> 50% from 1 Jan 2025 (White & Case)"},
	REE:  {0.035, "Section 301 review: permanent magnets 0% until 2026 (White & Case); MFN duty about 3.5% (assumption)"},
}

// chinaRetaliationShape is China's tariff on US goods by sector before scaling (assumption from
// the 2018-19 retaliation lists, with Phase One exclusions: soybeans, pork and autos hit hardest;
// chips largely excluded).
var chinaRetaliationShape = [nSectors]float64{
	AGR: 0.30, MIN: 0.20, REE: 0.20, CHM: 0.18, MET: 0.20, SEMI: 0.03, AIC: 0.03,
	ELEC: 0.12, EQP: 0.15, AUTO: 0.25, DEF: 0.25, OMF: 0.22, SRV: 0,
}

// mfnAverage is each importer's trade-weighted MFN average.
var mfnAverage = [nRegions]sourced{
	USA: {0.022, "WTO trade-weighted average 2.2% (via Eide Bailly)"},
	CHN: {0.04, "assumption: simple MFN average 7.5% (WTO, 2022), trade-weighted lower as chips and fuels enter duty free"},
	EU:  {0.027, "WTO trade-weighted average 2.7% (via Eide Bailly)"},
	JPN: {0.019, "WTO trade-weighted average 1.9% (via Eide Bailly)"},
	KOR: {0.05, "assumption: simple average 14.07% (World Bank 2020) is dominated by agriculture at 57%; industrial rates are lower"},
	TWN: {0.02, "assumption: low industrial tariffs, ITA member"},
	ROW: {0.04, "assumption: a mix of low (Singapore, Hong Kong) and high (India) tariff economies"},
}

// mfnShape multiplies an importer's MFN average by sector (assumption: agriculture carries the
// highest MFN duties in every region; ITA products are duty free; services bear no tariff).
var mfnShape = [nSectors]float64{
	AGR: 3.0, MIN: 0.3, REE: 1.0, CHM: 1.2, MET: 1.0, SEMI: 0, AIC: 0,
	ELEC: 0.4, EQP: 0.8, AUTO: 1.5, DEF: 0.5, OMF: 1.8, SRV: 0,
}

// baseTariffs returns the tariff vector indexed like sim.World.Tariff0 and the source of each
// rate, with the US-China profiles scaled by usScale and cnScale.
func baseTariffs(usScale, cnScale float64) (rates []float64, src []string) {
	R, S := nRegions, nSectors
	rates = make([]float64, R*R*S)
	src = make([]string, R*R*S)
	for o := range R {
		for d := range R {
			if o == d {
				continue
			}
			for i := range S {
				k := (o*R+d)*S + i
				switch {
				case d == USA && o == CHN && us301Fixed[i].src != "":
					rates[k] = us301Fixed[i].v
					src[k] = us301Fixed[i].src
				case d == USA && o == CHN && us301Shape[i] > 0:
					rates[k] = round4(us301Shape[i] * usScale)
					src[k] = "Section 301 profile scaled to PIIE's 20.8% average US tariff on China (20 Jan 2025)"
				case d == CHN && o == USA && chinaRetaliationShape[i] > 0:
					rates[k] = round4(chinaRetaliationShape[i] * cnScale)
					src[k] = "retaliation profile scaled to PIIE's 21.2% average China tariff on the US (20 Jan 2025)"
				case mfnShape[i] > 0:
					rates[k] = round4(mfnAverage[d].v * mfnShape[i])
					src[k] = "MFN: " + mfnAverage[d].src + "; sector shape assumption"
				}
			}
		}
	}
	return rates, src
}

func round4(x float64) float64 { return float64(int64(x*10000+0.5)) / 10000 }
