package build

import "github.com/tradesim/tradesim/sim"

// The documented assumptions behind the prior table. Every number here is either a published
// figure (with its source) or an assumption stated as such; targets.csv holds the figures the
// balanced table must meet, and SOURCES.md reprints both.

// vaSharePct is value added of broad sectors in percent of GDP, by region (assumption, shaped to
// the published aggregates in targets.csv: US manufacturing 9.98% and mining 1.35% of GDP (BEA),
// China agriculture 6.8% and manufacturing 27.7% (NBS), EU agriculture 2.3% and manufacturing
// ~16.6% (OECD, Eurostat), Japan manufacturing 20.6% (World Bank), Korea manufacturing 27.6%
// (NABO)). Sectors sized by output instead (REE, SEMI, AIC, AUTO, DEF) are 0 here; SRV is the
// residual that makes value added sum to GDP.
var vaSharePct = [nRegions][nSectors]float64{
	//     AGR  MIN  REE  CHM  MET  SEMI AIC ELEC EQP AUTO DEF  OMF  SRV
	USA: {0.9, 1.35, 0, 2.0, 0.9, 0, 0, 1.2, 1.5, 0, 0, 3.1, 0},
	CHN: {6.8, 2.5, 0, 4.5, 4.0, 0, 0, 4.5, 5.0, 0, 0, 7.5, 0},
	EU:  {2.3, 0.4, 0, 3.0, 1.9, 0, 0, 1.8, 3.2, 0, 0, 5.0, 0},
	JPN: {1.0, 0.1, 0, 3.5, 2.5, 0, 0, 3.4, 3.8, 0, 0, 4.2, 0},
	KOR: {1.6, 0.1, 0, 4.5, 3.0, 0, 0, 5.0, 4.0, 0, 0, 3.5, 0},
	TWN: {1.4, 0.1, 0, 4.0, 2.5, 0, 0, 6.0, 2.5, 0, 0, 3.0, 0},
	ROW: {4.5, 5.0, 0, 2.5, 2.0, 0, 0, 1.5, 1.5, 0, 0, 4.0, 0},
}

// outputBn is gross output in USD billions of the sectors sized from industry facts rather than
// from value-added shares.
//
//   - REE: world ~15.4 (rare earths $3.95-5.8bn plus magnets $8.78bn, market estimates [U]); China
//     13.0 so that its share (~85%) sits between USGS mining (69%) and IEA separation (91%) and
//     magnets (94%); USA 0.5 (mine and concentrate), JPN 0.7 and EU 0.2 (magnet makers: of the
//     20,000 t of magnets EU industry uses, 17,000 t come from China (European Court of Auditors),
//     so the EU's own makers and Japan supply at most 3,000 t), ROW 0.6
//     (Australia/Malaysia separation, Vietnam, Myanmar): assumption.
//   - SEMI: by location of fabrication, assembly and test, gross of chip-to-chip sales; sized so
//     that exports fit (TWN 146.9, KOR 141.9, CHN 159 of exports; CHN 385 of imports): assumption
//     on top of world sales of $630.5bn (SIA/WSTS).
//   - AIC: attributed to the designer's region, as US export controls are (foreign direct product
//     rule). USA 125 = Nvidia Data Center $115.2bn (FY2025) plus AMD (~$5bn) and custom ASICs;
//     CHN 5 (~200k Huawei Ascend 910B in 2024 plus Cambricon); the rest small: assumption.
//   - AUTO: OICA 2024 vehicle production x an average factory value (USA $38k, EU $35k, JPN $30k,
//     KOR $25k, CHN $20k, ROW $25k) x 1.6 for parts and components sold outside the vehicle
//     makers: assumption. EU production 12.1m units = sum of the OICA member figures (drv).
//   - DEF: SIPRI military spending (final demand) plus arms exports, less arms imports
//     (assumption on the net trade).
var outputBn = [nRegions][nSectors]float64{
	//     AGR MIN REE   CHM MET SEMI AIC   ELEC EQP AUTO  DEF   OMF SRV
	USA: {0, 0, 0.5, 0, 0, 250, 125, 0, 0, 642, 1020, 0, 0},
	CHN: {0, 0, 13.0, 0, 0, 230, 5, 0, 0, 1001, 316, 0, 0},
	EU:  {0, 0, 0.2, 0, 0, 70, 0.5, 0, 0, 678, 365, 0, 0},
	JPN: {0, 0, 0.7, 0, 0, 60, 0.5, 0, 0, 395, 52, 0, 0},
	KOR: {0, 0, 0.1, 0, 0, 200, 0.5, 0, 0, 165, 45, 0, 0},
	TWN: {0, 0, 0.05, 0, 0, 230, 2, 0, 0, 25, 14, 0, 0},
	ROW: {0, 0, 0.6, 0, 0, 180, 2, 0, 0, 1036, 905, 0, 0},
}

// vaRatio is value added per unit of gross output by sector (assumption, typical of OECD ICIO
// tables; AIC high because Nvidia's gross margin was ~75% in FY2025; ELEC and SEMI vary by
// region: Taiwan's server assemblers earn thin margins, China's chip plants are less profitable).
var vaRatio = [nSectors]float64{
	AGR: 0.45, MIN: 0.55, REE: 0.30, CHM: 0.30, MET: 0.27, SEMI: 0.45, AIC: 0.60,
	ELEC: 0.25, EQP: 0.35, AUTO: 0.25, DEF: 0.50, OMF: 0.30, SRV: 0.60,
}

var vaRatioOverride = map[[2]int]float64{
	{TWN, ELEC}: 0.12, {CHN, ELEC}: 0.20, {CHN, SEMI}: 0.35, {ROW, SEMI}: 0.30, {TWN, SEMI}: 0.50,
	{USA, AIC}: 0.65, {CHN, AUTO}: 0.22, {ROW, AUTO}: 0.22,
}

func valueAddedRatio(r, i int) float64 {
	if v, ok := vaRatioOverride[[2]int{r, i}]; ok {
		return v
	}
	return vaRatio[i]
}

// inputMix[i][j] is the share of input sector i in user sector j's intermediate purchases
// (assumption: rounded from the typical structure of OECD ICIO tables; REE's shares are its
// magnet content, tiny in value; SEMI is 60% of an AI accelerator's inputs: foundry wafers,
// advanced packaging and HBM memory). Each column sums to 1.
var inputMix = [nSectors][nSectors]float64{
	//      AGR   MIN   REE   CHM   MET   SEMI  AIC   ELEC   EQP    AUTO   DEF    OMF   SRV
	AGR:  {0.25, 0.01, 0, 0.08, 0, 0, 0, 0, 0, 0, 0, 0.20, 0.02},
	MIN:  {0.03, 0.15, 0.35, 0.20, 0.30, 0.02, 0, 0.01, 0, 0, 0, 0.03, 0.03},
	REE:  {0, 0, 0.15, 0, 0.001, 0, 0, 0.0008, 0.0008, 0.0012, 0.0008, 0, 0},
	CHM:  {0.22, 0.08, 0.20, 0.30, 0.06, 0.12, 0.01, 0.07, 0.04, 0.06, 0.02, 0.15, 0.04},
	MET:  {0.02, 0.08, 0.05, 0.03, 0.30, 0.04, 0.01, 0.08, 0.20, 0.15, 0.06, 0.06, 0.01},
	SEMI: {0, 0, 0, 0, 0, 0.35, 0.60, 0.25, 0.05, 0.04, 0.03, 0, 0.005},
	AIC:  {0, 0, 0, 0, 0, 0, 0, 0.02, 0, 0, 0.005, 0, 0.01},
	ELEC: {0.01, 0.02, 0.02, 0.01, 0.02, 0.05, 0.08, 0.25, 0.12, 0.10, 0.10, 0.03, 0.04},
	EQP:  {0.07, 0.12, 0.03, 0.02, 0.03, 0.05, 0, 0.04, 0.25, 0.05, 0.10, 0.03, 0.03},
	AUTO: {0.01, 0.02, 0, 0, 0, 0, 0, 0, 0.01, 0.35, 0.03, 0, 0.03},
	DEF:  {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.10, 0, 0},
	OMF:  {0.09, 0.07, 0.02, 0.06, 0.04, 0.04, 0.02, 0.06, 0.06, 0.08, 0.05, 0.20, 0.08},
	SRV:  {0.30, 0.45, 0.18, 0.30, 0.249, 0.33, 0.28, 0.2192, 0.2692, 0.1688, 0.5042, 0.30, 0.705},
}

// fdShare is the spending of each final-demand buyer in percent of GDP, 2024: households (and
// NPISH), government consumption (defence included) and gross capital formation (fixed capital
// and inventories, private and public). Net exports are the rest of GDP. The government and
// investment figures are fit targets in targets.csv (final_gov_*, final_inv_*); the households'
// follow from GDP less net trade and are checked (final_hh_*). Sources: BEA NIPA table 1.1.5
// (USA), NBS expenditure-approach GDP (CHN), Eurostat nama_10_gdp (EU27), Cabinet Office SNA
// (JPN), Bank of Korea (KOR), DGBAS (TWN), World Bank WDI world shares less the six regions (ROW);
// see targets.csv for each figure's source and uncertainty.
var fdShare = [nRegions][sim.NumBuyers]float64{
	//    HH    GOV   INV
	USA: {67.9, 13.8, 21.5},
	CHN: {39.5, 16.5, 40.5},
	EU:  {52.5, 21.5, 21.0},
	JPN: {53.5, 21.0, 26.0},
	KOR: {48.0, 18.5, 29.5},
	TWN: {47.0, 13.5, 25.5},
	ROW: {58.5, 16.0, 27.5},
}

// fdMix[b] is the share of each sector in buyer b's spending (assumption, shaped to national
// accounts by product; defence is the government's and sized by SIPRI, so it is not in the mix):
//   - households: goods were about 31% of US personal consumption in 2024 (BEA PCE by type:
//     food, clothing, fuels, vehicles, electronics), services the rest;
//   - government consumption: compensation of public employees and purchased services, with
//     medicines (CHM) and a little equipment (OECD government-at-a-glance: services dominate);
//   - gross capital formation: construction and intellectual property (software, R&D) are SRV
//     and about two thirds of fixed investment (BEA: structures, residential and IP about 72% of
//     US private fixed investment in 2024; Eurostat: construction about half of EU GFCF); the
//     rest is machinery and aircraft (EQP), computers and electrical equipment (ELEC), vehicles
//     (AUTO), fabricated metal structures (MET), data-centre accelerators (AIC), furniture
//     (OMF), and small inventory changes.
var fdMix = [sim.NumBuyers][nSectors]float64{
	sim.Households: {AGR: 0.035, MIN: 0.005, CHM: 0.045, MET: 0.002, SEMI: 0.001, ELEC: 0.04, EQP: 0.005,
		AUTO: 0.045, OMF: 0.13, SRV: 0.692},
	sim.Government: {CHM: 0.03, ELEC: 0.008, EQP: 0.004, OMF: 0.008, SRV: 0.95},
	sim.Investment: {AGR: 0.005, MIN: 0.003, CHM: 0.005, MET: 0.025, SEMI: 0.002, AIC: 0.01, ELEC: 0.07,
		EQP: 0.14, AUTO: 0.055, OMF: 0.02, SRV: 0.665},
}

// importShare is the prior share of imports in a region's purchases of a sector (assumption,
// scaled by the region's openness below; the balancing then fits the published trade totals;
// defence is bought at home or from allies' arms makers, a few percent of spending).
var importShare = [nSectors]float64{
	AGR: 0.15, MIN: 0.35, REE: 0.45, CHM: 0.30, MET: 0.25, SEMI: 0.55, AIC: 0.6,
	ELEC: 0.40, EQP: 0.35, AUTO: 0.30, DEF: 0.03, OMF: 0.25, SRV: 0.04,
}

// openness scales importShare by region: goods imports / GDP in 2024 were USA 11%, CHN 14%, EU
// 14% (extra-EU), JPN 18%, KOR 34%, TWN 50% (targets.csv); ROW's internal trade is domestic here.
var openness = [nRegions]float64{USA: 0.7, CHN: 0.7, EU: 0.8, JPN: 0.9, KOR: 1.3, TWN: 1.6, ROW: 0.8}

// exportAffinity multiplies an origin's weight in the prior split of other regions' imports
// (default 1: proportional to the origin's output). Assumption, for origins whose export
// orientation is far from their size: the US is the largest exporter of bulk crops (soybean
// exports USD 24.47 bn, USDA), China is a net importer of crops and fuels.
//
// China's AI accelerators are not exported (0): Huawei, which makes more than 75% of them (FT via
// DIGITIMES), has been on the US Entity List since May 2019 and its Ascend chips cannot be sold
// into US networks (FCC covered list under the Secure and Trusted Communications Networks Act);
// BIS warned in May 2025 that using Ascend chips anywhere risks breaching US export controls; and
// China's own output (~200k Ascend 910B in 2024) fell far short of its home demand, which imported
// some USD 15 bn of US designs (targets.csv usa_chn_aic). Output-proportional sharing had given
// CHN->USA AIC 0.6 a year (a fifth of US accelerator imports), an artefact of the prior.
var exportAffinity = map[[2]int]float64{
	{USA, AGR}: 2.5, {CHN, AGR}: 0.25, {CHN, MIN}: 0.3, {CHN, AIC}: 0,
}

func affinity(o, i int) float64 {
	if a, ok := exportAffinity[[2]int{o, i}]; ok {
		return a
	}
	return 1
}
