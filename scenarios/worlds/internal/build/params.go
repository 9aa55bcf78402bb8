package build

import "github.com/tradesim/tradesim/sim"

// sourced is a value with where it comes from.
type sourced struct {
	v   float64
	src string
}

// tableParams names the columns of sectorParams.
var tableParams = []string{"sigma", "eta", "lambda", "tau", "kappa", "kappaS", "slack", "g", "L", "thetaL"}

// sectorParams are the default behavioural parameters (sim/README.md §2), by sector, in the order of
// tableParams; param derives the rest.
var sectorParams = [nSectors][10]sourced{
	AGR: {
		{4.9, "GTAP food 2.49 (IMF-ENV comments) x2 among origins (rule of two)"},
		{6, "Amiti-Redding-Weinstein (2019) variety elasticity 6"},
		{0.2, "assumption: bulk crops switch origin within a season (China moved soybean orders to Brazil in 2018)"},
		{2.0, "assumption: harvests are stored for months; above the 1.37 US inventories/sales ratio (Census, Jul 2024)"},
		{0.5, "assumption: commodity prices are flexible, set on exchanges"},
		{1.0, "assumption"},
		{0.05, "assumption: land is fixed within a season"},
		{0.02, "assumption"},
		{6, "assumption: one growing season"},
		{0.55, "assumption: default labour share"},
	},
	MIN: {
		{5.6, "assumption: homogeneous commodities; rule of two on 2.8"},
		{6, "Amiti-Redding-Weinstein (2019) variety elasticity 6"},
		{0.15, "assumption: bulk commodities re-route within months"},
		{1.4, "US inventories/sales 1.37 months (Census, Jul 2024)"},
		{0.5, "assumption: commodity prices are flexible"},
		{1.0, "assumption"},
		{0.1, "assumption"},
		{0.01, "assumption"},
		{24, "assumption: new mines and wells take years"},
		{0.35, "assumption: capital-intensive, below the 0.55 default"},
	},
	REE: {
		{0.5, "assumption: magnets are qualified per application; calibration.md: a critical input with sigma near 0"},
		{2, "assumption: few qualified suppliers per buyer"},
		{0.03, "assumption: requalifying a magnet or oxide supplier takes about three years"},
		{1.4, "derived: CLEPA (Reuters, 4 Jun 2025) warned of more stops in 3-4 weeks as inventories deplete, two months after the 4 April licences; " +
			"with April's arrivals shipped before the rule, May's at April's exports (about half of a year earlier: May 1,238 t was -52.9% on April and -74% y/y) " +
			"and early June's at May's, about 2.6 weeks were drawn by 4 June, so stocks covered about 6.1 weeks (5.6-6.6) at the start: 1.4 months"},
		{0.3, "assumption: oxide prices are quoted spot"},
		{7.5, "Nd prices rose ~750% after China's 2010-11 curbs (IDTechEx): 7.5 per unit of excess orders"},
		{0.05, "assumption: little idle separation capacity outside China"},
		{0.01, "assumption: new capacity outside China ramps slowly"},
		{36, "assumption: new separation and magnet plants outside China take years (IEA projects China still 77% of refining in 2030)"},
		{0.45, "assumption"},
	},
	CHM: {
		{6.6, "GTAP chemicals 3.3 (IMF-ENV comments) x2 (rule of two)"},
		{6, "Amiti-Redding-Weinstein (2019) variety elasticity 6"},
		{0.1, "assumption: about 10 months, the median life of an import price (Gopinath-Rigobon 10.6)"},
		{1.4, "US inventories/sales 1.37 months (Census, Jul 2024)"},
		{0.1, "Nakamura-Steinsson: 9-12% of prices change each month"},
		{1.0, "assumption"},
		{0.1, "assumption"},
		{0.02, "assumption"},
		{18, "assumption"},
		{0.55, "assumption: default labour share"},
	},
	MET: {
		{8.4, "GTAP non-ferrous metals 4.2 (IMF-ENV comments) x2 (rule of two)"},
		{6, "Amiti-Redding-Weinstein (2019) variety elasticity 6"},
		{0.1, "assumption: about 10 months, the median life of an import price (Gopinath-Rigobon 10.6)"},
		{1.4, "US inventories/sales 1.37 months (Census, Jul 2024)"},
		{0.3, "assumption: metal prices follow exchange quotes with a lag"},
		{1.0, "assumption"},
		{0.1, "assumption"},
		{0.02, "assumption"},
		{18, "assumption"},
		{0.55, "assumption: default labour share"},
	},
	SEMI: {
		{4.4, "GTAP electronics 4.4 (IMF-ENV comments), not doubled: chips are design-specific (assumption)"},
		{4, "assumption: below the variety elasticity 6 of ARW (2019) as chips are specified per design"},
		{0.05, "assumption: requalifying a chip supplier takes 1-2 years"},
		{2.0, "assumption: buyers hold more chip stock since the 2021 shortage"},
		{0.094, "Gopinath-Rigobon: import prices last a median 10.6 months"},
		{1.5, "assumption: 2021 shortage premiums"},
		{0.05, "assumption: fabs run near full utilisation"},
		{0.015, "assumption"},
		{24, "assumption: a fab takes two to three years"},
		{0.55, "assumption: default labour share"},
	},
	AIC: {
		{2.0, "assumption: few suppliers and software lock-in (CUDA)"},
		{3, "assumption"},
		{0.04, "assumption: porting models to another accelerator takes months (Huawei Ascend adoption)"},
		{1.0, "assumption"},
		{0.094, "Gopinath-Rigobon: import prices last a median 10.6 months"},
		{2.0, "assumption: grey-market premiums on restricted accelerators"},
		{0.02, "assumption: 2024 supply was limited by advanced packaging (CoWoS)"},
		{0.04, "assumption: Huawei planned to double Ascend output in 2025 (FT via DIGITIMES)"},
		{12, "assumption"},
		{0.35, "assumption: very high margins (Nvidia gross margin ~75% in FY2025)"},
	},
	ELEC: {
		{8.8, "GTAP electronics 4.4 (IMF-ENV comments) x2 (rule of two)"},
		{6, "Amiti-Redding-Weinstein (2019) variety elasticity 6"},
		{0.1, "assumption: about 10 months, the median life of an import price (Gopinath-Rigobon 10.6)"},
		{1.4, "US inventories/sales 1.37 months (Census, Jul 2024)"},
		{0.1, "Nakamura-Steinsson: 9-12% of prices change each month"},
		{1.0, "assumption"},
		{0.1, "assumption"},
		{0.02, "assumption"},
		{9, "assumption"},
		{0.55, "assumption: default labour share"},
	},
	EQP: {
		{5.6, "assumption: rule of two on 2.8 (GTAP motor vehicles as the nearest machinery figure)"},
		{6, "Amiti-Redding-Weinstein (2019) variety elasticity 6"},
		{0.08, "assumption: capital goods are ordered a year ahead"},
		{1.4, "US inventories/sales 1.37 months (Census, Jul 2024)"},
		{0.094, "Gopinath-Rigobon: import prices last a median 10.6 months"},
		{1.0, "assumption"},
		{0.1, "assumption"},
		{0.02, "assumption"},
		{12, "assumption"},
		{0.55, "assumption: default labour share"},
	},
	AUTO: {
		{5.6, "GTAP motor vehicles 2.8 (IMF-ENV comments) x2 (rule of two)"},
		{6, "Amiti-Redding-Weinstein (2019) variety elasticity 6"},
		{0.08, "assumption: parts are sourced per model cycle"},
		{1.4, "US inventories/sales 1.37 months (Census, Jul 2024)"},
		{0.1, "Nakamura-Steinsson: 9-12% of prices change each month"},
		{1.0, "assumption"},
		{0.1, "assumption"},
		{0.02, "assumption"},
		{18, "assumption"},
		{0.55, "assumption: default labour share"},
	},
	DEF: {
		{1.0, "assumption: arms purchases follow alliances, not prices"},
		{2, "assumption"},
		{0.03, "assumption: defence programmes change suppliers over years"},
		{2.0, "assumption: defence keeps larger stocks"},
		{0.05, "assumption: multi-year contracts"},
		{0.5, "assumption"},
		{0.05, "assumption"},
		{0.01, "assumption"},
		{24, "assumption"},
		{0.55, "assumption: default labour share"},
	},
	OMF: {
		{7.6, "GTAP textiles 3.78 (IMF-ENV comments) x2 (rule of two)"},
		{6, "Amiti-Redding-Weinstein (2019) variety elasticity 6"},
		{0.1, "assumption: about 10 months, the median life of an import price (Gopinath-Rigobon 10.6)"},
		{1.4, "US inventories/sales 1.37 months (Census, Jul 2024)"},
		{0.1, "Nakamura-Steinsson: 9-12% of prices change each month"},
		{1.0, "assumption"},
		{0.1, "assumption"},
		{0.02, "assumption"},
		{6, "assumption"},
		{0.55, "assumption: default labour share"},
	},
	SRV: {
		{3.8, "assumption: services are mostly local; rule of two on 1.9"},
		{6, "Amiti-Redding-Weinstein (2019) variety elasticity 6"},
		{0.05, "assumption"},
		{0.5, "assumption: services cannot be stored; a small buffer stands for contracts in progress"},
		{0.08, "assumption: below Nakamura-Steinsson's 9-12% for goods; service prices are stickier"},
		{0.5, "assumption"},
		{0.1, "assumption"},
		{0.02, "assumption"},
		{6, "assumption"},
		{0.6, "assumption: services are more labour-intensive than the 0.55 default"},
	},
}

// criticality lists phi[input, user] (sim/README.md §2; Pichler et al. 2022 classes critical = 1,
// important = 0.5, noncritical = 0). Pairs not listed are noncritical: the user can keep
// producing without the input for a while (substitutes, stocks downstream, or a small share).
var criticality = []struct {
	in, user int
	phi      float64
	reason   string
}{
	{REE, AUTO, 0.8, "assumption: nearly every vehicle carries NdFeB motors (power steering, seats, EV traction); CLEPA and Ford stopped lines in 2025 without magnets; not 1 as some lines hold finished modules"},
	{REE, DEF, 0.5, "assumption: equipment (F-35 ~40-70 kg, guided munitions, ships) needs magnets; personnel and operations do not"},
	{REE, EQP, 0.4, "assumption: industrial motors, robots and wind turbines use NdFeB; many machines use ferrite or induction motors"},
	{REE, ELEC, 0.3, "assumption: speakers, hard drives, vibration motors and EV batteries' systems need magnets; much electrical equipment does not"},
	{REE, REE, 1, "critical: magnet makers cannot work without rare-earth metals and alloys"},
	{SEMI, ELEC, 1, "critical: phones, computers and servers cannot be built without chips"},
	{SEMI, AIC, 1, "critical: an accelerator is a chip; wafers, packaging and HBM come from SEMI"},
	{SEMI, AUTO, 0.8, "assumption: the 2021 chip shortage stopped vehicle lines worldwide; every car needs microcontrollers"},
	{SEMI, EQP, 0.6, "assumption: most machinery has controls with chips"},
	{SEMI, DEF, 0.5, "assumption: equipment needs chips; personnel and operations do not"},
	{SEMI, SEMI, 0.5, "important: assembly and test need wafers; some output uses stock"},
	{AIC, SRV, 0.02, "assumption: AI cloud services are a small share of services and cannot run without accelerators"},
	{AIC, ELEC, 0.05, "assumption: AI servers are a small share of electronics output and need accelerators"},
	{AIC, DEF, 0.05, "assumption: a small share of defence work depends on AI compute"},
	{MIN, MET, 1, "critical: smelters need ores and fuel"},
	{MIN, CHM, 0.5, "important: petrochemicals need oil and gas feedstock"},
	{MIN, REE, 0.5, "important: separation needs reagents and concentrates beyond the sector's own mining"},
	{CHM, AGR, 0.5, "important: fertilisers and pesticides; yields fall without them"},
	{CHM, SEMI, 0.5, "important: specialty gases and wet chemicals"},
	{MET, AUTO, 0.5, "important: steel and aluminium bodies and parts"},
	{MET, EQP, 0.5, "important: machinery is mostly metal"},
	{MET, DEF, 0.3, "assumption: armour, munitions and hulls"},
	{ELEC, AUTO, 0.5, "important: wiring, batteries and electronic modules"},
	{ELEC, EQP, 0.5, "important: motors, drives and controls"},
	{AUTO, AUTO, 0.5, "important: vehicle makers need parts from suppliers"},
	{AGR, OMF, 0.5, "important: food processing needs crops"},
}

// param is the value and source of parameter name (one of sim.SectorParamNames) of sector j.
func param(j int, name string) sourced {
	switch name {
	case "sigmaM":
		s := sectorParams[j][0]
		return sourced{s.v, s.src}
	case "sigmaD":
		s := sectorParams[j][0]
		return sourced{s.v / 2, "half of sigmaM (rule of two, GTAP ESUBM = 2 x ESUBD): " + s.src}
	}
	for k, n := range tableParams {
		if n == name {
			return sectorParams[j][k]
		}
	}
	def := sim.DefaultSectorParams()
	return sourced{*sim.SectorParam(&def, name), "assumption (tradesim default)"}
}

func paramsOf(j int) sim.SectorParams {
	var p sim.SectorParams
	for _, name := range sim.SectorParamNames {
		*sim.SectorParam(&p, name) = param(j, name).v
	}
	return p
}
