package build

import "github.com/tradesim/tradesim/sim"

// sourced is a value with where it comes from.
type sourced struct {
	v   float64
	src string
}

// tableParams names the columns of sectorParams; v2Params holds the others.
var tableParams = []string{"eta", "lambda", "tau", "kappa", "kappaS", "slack", "g", "L", "thetaL"}

// sectorParams are the default behavioural parameters, by sector, in the order of
// tableParams; param derives the rest.
var sectorParams = [nSectors][9]sourced{
	AGR: {
		{6, "Amiti-Redding-Weinstein (2019) variety elasticity 6"},
		{0.2, "assumption: bulk crops switch origin within a season (China moved soybean orders to Brazil in 2018)"},
		{2.0, "assumption: harvests are stored for months; above the 1.37 US inventories/sales ratio (Census, Jul 2024)"},
		{0.5, "assumption: commodity prices are flexible, set on exchanges"},
		{1.0, "assumption"},
		{0.05, "assumption: land is fixed within a season"},
		{0.02, "assumption"},
		{6, "assumption: one growing season"},
		{0.55, "assumption: a typical labour share of value added (about 0.55 across OECD economies)"},
	},
	MIN: {
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
		{2, "assumption: few qualified suppliers per buyer"},
		{0.03, "assumption: requalifying a magnet or oxide supplier takes about three years"},
		{1.4, "derived: CLEPA (Reuters, 4 Jun 2025) warned of more stops in 3-4 weeks as inventories deplete, two months after the 4 April licences; " +
			"with April's arrivals shipped before the rule, May's at April's exports (about half of a year earlier: May 1,238 t was -52.9% on April and -74% y/y) " +
			"and early June's at May's, about 2.6 weeks were drawn by 4 June, so stocks covered about 6.1 weeks (5.6-6.6) at the start: 1.4 months"},
		{0.3, "assumption: oxide prices are quoted spot"},
		{1.0, "price response, not a cumulative episode: with China's magnet exports down 50-75% in spring 2025 (customs: May -74% y/y), orders ran 2-4 times producible supply outside China, and Dy/Tb in Europe traded at about 3 times China's price (mid-2025): kappaS = (3 - 1) / (rho - 1) = 0.7-2, so 1.0 (the earlier 7.5 read the 2010-11 Nd rise of 750%, a multi-year cumulative episode, as a monthly rate)"},
		{0.05, "assumption: little idle separation capacity outside China"},
		{0.01, "assumption: new capacity outside China ramps slowly"},
		{36, "assumption: new separation and magnet plants outside China take years (IEA projects China still 77% of refining in 2030)"},
		{0.45, "assumption"},
	},
	CHM: {
		{6, "Amiti-Redding-Weinstein (2019) variety elasticity 6"},
		{0.1, "assumption: about 10 months, the median life of an import price (Gopinath-Rigobon 10.6)"},
		{1.4, "US inventories/sales 1.37 months (Census, Jul 2024)"},
		{0.1, "Nakamura-Steinsson: 9-12% of prices change each month"},
		{1.0, "assumption"},
		{0.1, "assumption"},
		{0.02, "assumption"},
		{18, "assumption"},
		{0.55, "assumption: a typical labour share of value added (about 0.55 across OECD economies)"},
	},
	MET: {
		{6, "Amiti-Redding-Weinstein (2019) variety elasticity 6"},
		{0.1, "assumption: about 10 months, the median life of an import price (Gopinath-Rigobon 10.6)"},
		{1.4, "US inventories/sales 1.37 months (Census, Jul 2024)"},
		{0.3, "assumption: metal prices follow exchange quotes with a lag"},
		{1.0, "assumption"},
		{0.1, "assumption"},
		{0.02, "assumption"},
		{18, "assumption"},
		{0.55, "assumption: a typical labour share of value added (about 0.55 across OECD economies)"},
	},
	SEMI: {
		{4, "assumption: below the variety elasticity 6 of ARW (2019) as chips are specified per design"},
		{0.05, "assumption: requalifying a chip supplier takes 1-2 years"},
		{2.0, "assumption: buyers hold more chip stock since the 2021 shortage"},
		{0.094, "Gopinath-Rigobon: import prices last a median 10.6 months"},
		{0.5, "price response in the 2021 shortage: foundry and contract chip prices rose about 10-20% while orders ran about 20-30% above output (lead times doubled) [S][U]: about 0.5"},
		{0.05, "assumption: fabs run near full utilisation"},
		{0.015, "assumption"},
		{24, "assumption: a fab takes two to three years"},
		{0.55, "assumption: a typical labour share of value added (about 0.55 across OECD economies)"},
	},
	AIC: {
		{3, "assumption"},
		{0.04, "assumption: porting models to another accelerator takes months (Huawei Ascend adoption)"},
		{1.0, "assumption"},
		{0.094, "Gopinath-Rigobon: import prices last a median 10.6 months"},
		{1.0, "price response: in 2023-24 data-centre accelerators sold at up to about twice list in grey markets while supply (CoWoS-limited) met about half of orders [S][U]: (2 - 1) / (2 - 1) = 1"},
		{0.02, "assumption: 2024 supply was limited by advanced packaging (CoWoS)"},
		{0.04, "assumption: Huawei planned to double Ascend output in 2025 (FT via DIGITIMES)"},
		{12, "assumption"},
		{0.35, "assumption: very high margins (Nvidia gross margin ~75% in FY2025)"},
	},
	ELEC: {
		{6, "Amiti-Redding-Weinstein (2019) variety elasticity 6"},
		{0.1, "assumption: about 10 months, the median life of an import price (Gopinath-Rigobon 10.6)"},
		{1.4, "US inventories/sales 1.37 months (Census, Jul 2024)"},
		{0.1, "Nakamura-Steinsson: 9-12% of prices change each month"},
		{1.0, "assumption"},
		{0.1, "assumption"},
		{0.02, "assumption"},
		{9, "assumption"},
		{0.55, "assumption: a typical labour share of value added (about 0.55 across OECD economies)"},
	},
	EQP: {
		{6, "Amiti-Redding-Weinstein (2019) variety elasticity 6"},
		{0.08, "assumption: capital goods are ordered a year ahead"},
		{1.4, "US inventories/sales 1.37 months (Census, Jul 2024)"},
		{0.094, "Gopinath-Rigobon: import prices last a median 10.6 months"},
		{1.0, "assumption"},
		{0.1, "assumption"},
		{0.02, "assumption"},
		{12, "assumption"},
		{0.55, "assumption: a typical labour share of value added (about 0.55 across OECD economies)"},
	},
	AUTO: {
		{6, "Amiti-Redding-Weinstein (2019) variety elasticity 6"},
		{0.08, "assumption: parts are sourced per model cycle"},
		{1.4, "US inventories/sales 1.37 months (Census, Jul 2024)"},
		{0.1, "Nakamura-Steinsson: 9-12% of prices change each month"},
		{0.4, "price response in the 2021-22 chip shortage: US output about 25-30% below orders while new-vehicle prices rose about 12% (BLS CPI) and dealer discounts vanished: 0.12 / 0.3 = 0.4"},
		{0.1, "assumption"},
		{0.02, "assumption"},
		{18, "assumption"},
		{0.55, "assumption: a typical labour share of value added (about 0.55 across OECD economies)"},
	},
	DEF: {
		{2, "assumption"},
		{0.03, "assumption: defence programmes change suppliers over years"},
		{2.0, "assumption: defence keeps larger stocks"},
		{0.05, "assumption: multi-year contracts"},
		{0.5, "assumption"},
		{0.05, "assumption"},
		{0.01, "assumption"},
		{24, "assumption"},
		{0.55, "assumption: a typical labour share of value added (about 0.55 across OECD economies)"},
	},
	OMF: {
		{6, "Amiti-Redding-Weinstein (2019) variety elasticity 6"},
		{0.1, "assumption: about 10 months, the median life of an import price (Gopinath-Rigobon 10.6)"},
		{1.4, "US inventories/sales 1.37 months (Census, Jul 2024)"},
		{0.1, "Nakamura-Steinsson: 9-12% of prices change each month"},
		{1.0, "assumption"},
		{0.1, "assumption"},
		{0.02, "assumption"},
		{6, "assumption"},
		{0.55, "assumption: a typical labour share of value added (about 0.55 across OECD economies)"},
	},
	SRV: {
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

// criticality lists phi[input, user] (Pichler et al. 2022 classes critical = 1,
// important = 0.5, noncritical = 0). Pairs not listed are noncritical: the user can keep
// producing without the input for a while (substitutes, stocks downstream, or a small share).
var criticality = []struct {
	in, user int
	phi      float64
	reason   string
}{
	{REE, AUTO, 0.8, "assumption: nearly every vehicle carries NdFeB motors (power steering, seats, EV traction); CLEPA and Ford stopped lines in 2025 without magnets; not 1 as some lines hold finished modules"},
	{REE, DEF, 0.25, "procurement only: procurement and RDT&E are about 30-35% of the US defence budget (DoD budget requests FY2024-25), the rest personnel, operations and maintenance, which need no magnets; of equipment, about 0.8 cannot be made without them (assumption: guided munitions, aircraft such as the F-35 with 40-70 kg, ships and motors use NdFeB or SmCo): 0.33 x 0.8 = 0.25"},
	{REE, EQP, 0.4, "assumption: industrial motors, robots and wind turbines use NdFeB; many machines use ferrite or induction motors"},
	{REE, ELEC, 0.3, "assumption: speakers, hard drives, vibration motors and EV batteries' systems need magnets; much electrical equipment does not"},
	{REE, REE, 1, "critical: magnet makers cannot work without rare-earth metals and alloys"},
	{SEMI, ELEC, 1, "critical: phones, computers and servers cannot be built without chips"},
	{SEMI, AIC, 1, "critical: an accelerator is a chip; wafers, packaging and HBM come from SEMI"},
	{SEMI, AUTO, 0.8, "assumption: the 2021 chip shortage stopped vehicle lines worldwide; every car needs microcontrollers"},
	{SEMI, EQP, 0.6, "assumption: most machinery has controls with chips"},
	{SEMI, DEF, 0.3, "procurement only, as for REE: procurement and RDT&E about 30-35% of US defence spending (DoD), nearly all equipment needs chips (assumption 0.9): 0.33 x 0.9 = 0.3"},
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
	{MET, DEF, 0.3, "procurement only: procurement and RDT&E about 30-35% of US defence spending (DoD); armour, munitions and hulls are metal (assumption 0.9): 0.3"},
	{ELEC, AUTO, 0.5, "important: wiring, batteries and electronic modules"},
	{ELEC, EQP, 0.5, "important: motors, drives and controls"},
	{AUTO, AUTO, 0.5, "important: vehicle makers need parts from suppliers"},
	{AGR, OMF, 0.5, "important: food processing needs crops"},
}

// param is the value and source of parameter name (one of sim.SectorParamNames) of sector j.
func param(j int, name string) sourced {
	if vs, ok := v2Params[name]; ok {
		return vs[j]
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
