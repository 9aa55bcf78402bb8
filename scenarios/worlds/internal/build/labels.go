package build

import "github.com/tradesim/tradesim/sim"

// Region and sector ids of the default world, in file order.
const (
	USA = iota
	CHN
	EU
	JPN
	KOR
	TWN
	ROW
	nRegions
)

const (
	AGR = iota
	MIN
	REE
	CHM
	MET
	SEMI
	AIC
	ELEC
	EQP
	AUTO
	DEF
	OMF
	SRV
	nSectors
)

var regions = []sim.Label{
	{Code: "USA", Name: "United States", Description: "the fifty states and DC (US Census trade data)"},
	{Code: "CHN", Name: "China", Description: "mainland China; Hong Kong and Macao are in ROW"},
	{Code: "EU", Name: "European Union", Description: "the 27 member states; trade figures are extra-EU"},
	{Code: "JPN", Name: "Japan", Description: "Japan"},
	{Code: "KOR", Name: "South Korea", Description: "Republic of Korea"},
	{Code: "TWN", Name: "Taiwan", Description: "Taiwan (Chinese Taipei in WTO data)"},
	{Code: "ROW", Name: "Rest of the world", Description: "every other economy, including Mexico, Canada, ASEAN, India, the UK, Hong Kong and Russia; trade within ROW is domestic here"},
}

var sectors = []sim.Label{
	{Code: "AGR", Name: "Agriculture", Description: "crops (soybeans, grains, cotton), livestock, forestry and fishing"},
	{Code: "MIN", Name: "Mining and fuels", Description: "coal, oil, gas and metal ores other than rare earths"},
	{Code: "REE", Name: "Rare earths and magnets", Description: "rare-earth mining, separation, metals and alloys, and sintered or bonded permanent magnets (NdFeB, SmCo)"},
	{Code: "CHM", Name: "Chemicals and pharmaceuticals", Description: "basic and fine chemicals, plastics in primary form, fertilisers, pharmaceuticals, refined petroleum"},
	{Code: "MET", Name: "Basic and fabricated metals", Description: "iron and steel, aluminium, copper and other non-ferrous metals, fabricated metal products"},
	{Code: "SEMI", Name: "Semiconductors", Description: "integrated circuits, memory, discrete devices, foundry wafers, assembly and test; AI accelerators are AIC"},
	{Code: "AIC", Name: "AI accelerators", Description: "advanced data-centre AI accelerators (GPUs and ASICs such as Nvidia H100/H20, AMD MI300/MI308, Huawei Ascend), attributed to the designer's region; their fabrication is a SEMI input"},
	{Code: "ELEC", Name: "Electronics and electrical equipment", Description: "phones, computers, servers, consumer electronics, batteries, electrical equipment"},
	{Code: "EQP", Name: "Machinery and equipment", Description: "industrial machinery, semiconductor tools, wind turbines, aircraft and other transport equipment"},
	{Code: "AUTO", Name: "Motor vehicles and parts", Description: "cars, trucks, buses, electric vehicles and their parts"},
	{Code: "DEF", Name: "Defence", Description: "military spending as SIPRI measures it: arms, equipment and the services of the armed forces"},
	{Code: "OMF", Name: "Other manufacturing", Description: "food and beverages, textiles and clothing, furniture, toys, paper, plastics and rubber products, other goods"},
	{Code: "SRV", Name: "Services", Description: "construction, utilities, trade, transport, finance, cloud and AI services, public services other than defence"},
}

var worldDescription = "The default world of tradesim: seven regions and thirteen sectors in 2024, USD billions a year at basic prices. " +
	"Built by scenarios/worlds/internal/build from the published figures in targets.csv and the documented assumptions in that package, " +
	"balanced by iterative proportional fitting (RAS); default/SOURCES.md lists every target with its source and the gap left after balancing."

var worldSources = []string{
	"GDP: World Bank, NBS, OECD, Cabinet Office, BOK, IMF (2024), see targets.csv",
	"Goods trade: US Census, GACC, Eurostat, Japan MOF, MOTIE, Taiwan MOF (2024), see targets.csv",
	"Sector facts: USGS, IEA, Adamas Intelligence, SIA/WSTS, Nvidia 10-K, OICA, SIPRI (2024), see targets.csv",
	"Tariffs: PIIE (Bown) averages on 20 Jan 2025; USTR Section 301 lists; WTO tariff profiles",
	"Input structure, final-demand mix and home bias: documented assumptions in scenarios/worlds/internal/build",
}
