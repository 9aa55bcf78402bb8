package build

import "github.com/tradesim/tradesim/sim"

// labourMarkets are the default world's labour markets in 2024: labour force
// in millions of people, base unemployment rate u0, frictional floor umin and monthly job-finding
// rate f, with their sources. The floor is 0.6 x u0 everywhere (assumption: the lowest rates of
// the last decades were about 0.6-0.85 of 2024's, e.g. US 3.4% in 2023 against 4.0%).
var labourMarkets = [nRegions]struct {
	lab sim.RegionLabour
	src string
}{
	USA: {sim.RegionLabour{Force: 168.1, Unemployment: 0.040, Floor: 0.024, JobFinding: 0.30},
		"labour force and unemployment: BLS CPS 2024 annual averages; floor 0.6 x u0 (assumption); job finding: about 0.25-0.30 a month " +
			"in 2023-24 CPS flows, measured as in Shimer (2012), whose 1948-2007 average was about 0.45 [U]"},
	CHN: {sim.RegionLabour{Force: 770, Unemployment: 0.051, Floor: 0.031, JobFinding: 0.10},
		"labour force: NBS, about 770 million economically active (2024) [U]; unemployment: NBS urban surveyed rate 5.1% (2024 average); " +
			"floor 0.6 x u0 (assumption); job finding 0.10 a month (assumption: no flow data published)"},
	EU: {sim.RegionLabour{Force: 221, Unemployment: 0.059, Floor: 0.035, JobFinding: 0.06},
		"labour force (15-74) and unemployment: Eurostat LFS, EU27 2024 (about 221 million, 5.9%) [U]; floor 0.6 x u0 (assumption); " +
			"job finding: euro area about 0.05-0.07 a month (Elsby, Hobijn and Sahin 2013)"},
	JPN: {sim.RegionLabour{Force: 69.6, Unemployment: 0.025, Floor: 0.015, JobFinding: 0.15},
		"labour force and unemployment: Statistics Bureau of Japan LFS, 2024 averages (69.6 million, 2.5%) [U]; floor 0.6 x u0 (assumption); " +
			"job finding: about 0.15 a month, between the US and continental Europe (Elsby, Hobijn and Sahin 2013) [U]"},
	KOR: {sim.RegionLabour{Force: 29.6, Unemployment: 0.028, Floor: 0.017, JobFinding: 0.25},
		"labour force and unemployment: Statistics Korea EAPS, 2024 averages (29.6 million, 2.8%) [U]; floor 0.6 x u0 (assumption); " +
			"job finding 0.25 a month (assumption: short unemployment spells, flows close to the US)"},
	TWN: {sim.RegionLabour{Force: 12.1, Unemployment: 0.034, Floor: 0.020, JobFinding: 0.20},
		"labour force and unemployment: DGBAS manpower survey, 2024 averages (12.1 million, 3.4%) [U]; floor 0.6 x u0 (assumption); " +
			"job finding: about 0.2 a month from an average unemployment spell of about 20 weeks (DGBAS) [U]"},
	ROW: {sim.RegionLabour{Force: 2300, Unemployment: 0.050, Floor: 0.030, JobFinding: 0.10},
		"labour force: ILO world labour force of about 3.6 billion (2024) less the six regions (derived) [U]; unemployment: ILO global rate " +
			"about 5% (2024) [S]; floor 0.6 x u0 (assumption); job finding 0.10 a month (assumption)"},
}
