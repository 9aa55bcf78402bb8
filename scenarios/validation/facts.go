package validation

import "github.com/tradesim/tradesim/sim"

// measure computes a fact's figure for every replicate of a run.
type measure func(r *run) ([]float64, error)

// Fact is a published figure that a built-in scenario should reproduce.
type Fact struct {
	ID       string
	Scenario string // built-in scenario name
	Claim    string // what the model should show, in words
	Record   string // the published figure
	Source   string
	Unit     string
	Lo, Hi   float64 // the median over replicates passes when Lo <= median <= Hi
	Why      string  // why the band is as wide as it is
	Required bool    // a stylized fact the model must reproduce: the test fails without it
	Gap      string  // for a fact that fails: what the model lacks (written after looking, never to force a pass)

	measure measure
}

func month(y, m int) sim.Month { return sim.NewMonth(y, m) }

// Facts are the checks against the record, in the order of VALIDATION.md.
var Facts = []Fact{
	{
		ID: "ree-magnets-to-usa-may", Scenario: "rare-earth-licensing-2025",
		Claim:  "China's rare-earth and magnet exports to the US fall by about 90% in the first full month of licensing (May 2025)",
		Record: "China's magnet exports to the US, May 2025: 46.4 t, -93.3% year on year",
		Source: "China customs via Reuters and WSJ (20 June 2025)",
		Unit:   "% change in value, CHN->USA REE, May 2025", Lo: -99, Hi: -80,
		Why: "The record is a year-on-year change, which also holds a year of trend (magnet exports grew 10% in 2024) " +
			"and monthly noise of several points; the REE sector holds all rare earths and magnets, not only the seven licensed elements. " +
			"The scenario's approval share (0.07) was set from this figure, so this checks that the licence mechanics deliver it, not predictive skill.",
		Required: true,
		measure:  flowChange("CHN", []string{"USA"}, []string{"REE"}, month(2025, 5), month(2025, 5)),
	},
	{
		ID: "ree-magnets-all-may", Scenario: "rare-earth-licensing-2025",
		Claim:  "China's rare-earth and magnet exports to all destinations fall by about three quarters in May 2025",
		Record: "China's magnet exports, May 2025: 1,238 t, -74% year on year",
		Source: "China customs via Reuters (20 June 2025)",
		Unit:   "% change in value, CHN->all REE, May 2025", Lo: -85, Hi: -60,
		Why: "As above: trend and monthly noise of about ten points around a year-on-year figure. The approval share elsewhere (0.26) " +
			"was set from this figure, and Japan's (0.16) from May's -84.1% to Japan: a check of the mechanics (demand diverted among " +
			"destinations moves the total), not of predictive skill.",
		Required: true,
		measure:  flowChange("CHN", nil, []string{"REE"}, month(2025, 5), month(2025, 5)),
	},
	{
		ID: "ree-magnets-to-usa-recovery", Scenario: "rare-earth-licensing-2025",
		Claim:  "Exports to the US partly recover from June to September 2025",
		Record: "June 2025: 353 t to the US (against more than 400 t a month in 2024); total exports above 2024 by August and September (+17.5% y/y in September)",
		Source: "China customs via Reuters; asiacity.news for 2024 monthly US volumes",
		Unit:   "% change in value, CHN->USA REE, June-September 2025", Lo: -60, Hi: 25,
		Why: "Partly recovered: well above May's fall of about 90% but not necessarily back to base; " +
			"restocking after the shortage can push flows above base, as the September figure shows.",
		Required: true,
		measure:  flowChange("CHN", []string{"USA"}, []string{"REE"}, month(2025, 6), month(2025, 9)),
	},
	{
		ID: "usa-auto-falls", Scenario: "rare-earth-licensing-2025",
		Claim:  "US car output falls within one to two months of April 2025",
		Record: "Ford idled its Chicago (Explorer) plant for about a week in May 2025; suppliers warned of stops within 3-4 weeks as magnet stocks ran down",
		Source: "Reuters (June 2025); CLEPA (4 June 2025)",
		Unit:   "lowest % deviation of USA AUTO output, May-June 2025", Lo: -100, Hi: -0.1,
		Why: "The fact is the direction and the timing: no aggregate output figure for the stops was published. " +
			"The size is checked separately (auto-no-broad-shutdown-usa and -eu).",
		Required: true,
		measure:  extremeDeviation(sim.VarOutput, "USA", "AUTO", month(2025, 5), month(2025, 6), false),
	},
	{
		ID: "eu-auto-falls", Scenario: "rare-earth-licensing-2025",
		Claim:  "EU car output falls within one to two months of April 2025",
		Record: "CLEPA: several European supplier plants and production lines shut in May-June 2025; about a quarter of licence requests granted",
		Source: "CLEPA (4 June 2025) via Reuters",
		Unit:   "lowest % deviation of EU AUTO output, May-June 2025", Lo: -100, Hi: -0.1,
		Why:      "As for the US: direction and timing are the fact; the size is checked separately.",
		Required: true,
		measure:  extremeDeviation(sim.VarOutput, "EU", "AUTO", month(2025, 5), month(2025, 6), false),
	},
	{
		ID: "auto-no-broad-shutdown-usa", Scenario: "rare-earth-licensing-2025",
		Claim:  "No broad shutdown: US car output stays within 10% of its baseline through 2025",
		Record: "Stops were local and short (days to weeks at single plants); US light-vehicle production in 2025 was close to 2024's",
		Source: "Reuters (May-June 2025); OICA and S&P Global Mobility production estimates",
		Unit:   "lowest % deviation of USA AUTO output, April-December 2025", Lo: -10, Hi: 0,
		Why: "A magnitude check, not a stylized fact: firms in 2025 stretched stocks, reworked designs and got " +
			"emergency licences, which the model's one-month licence delay and critical-input rule leave out. " +
			"What moves it: the rare-earth stock cover (tau.REE 1.4 months, derived from CLEPA's 4 June warning; read as the cover at the start, " +
			"0.875 months, it gives a US trough of about -20%), approvals set from the customs month in which approved orders ship, the world's " +
			"US rare-earth sourcing (more than 95% imported, USGS and GAO; with half bought at home, as an earlier world had, the trough was -0.8%) " +
			"and the criticality of rare earths for car output (phi 0.5 gives about -3%, 0.8 as now about -8%, 1.0 about -11%).",
		Gap: "With realistic US sourcing (more than 95% of rare earths imported) US auto makers buy their magnets directly, 80% from China at the " +
			"US approval share of 7%, and 80% of their output cannot run without them. In 2025 much of the magnet content of US vehicles likely arrived " +
			"inside motors and modules made in Mexico, Japan, Korea and Europe, and firms moved scarce parts between lines and obtained emergency " +
			"licences; the model has one criticality per sector pair, one stock target and no emergency channel.",
		measure: extremeDeviation(sim.VarOutput, "USA", "AUTO", month(2025, 4), month(2025, 12), false),
	},
	{
		ID: "auto-no-broad-shutdown-eu", Scenario: "rare-earth-licensing-2025",
		Claim: "No broad shutdown: EU car output stays within 10% of its baseline through 2025",
		Record: "Stops were local and short (single supplier plants and lines for days to weeks); German car production, about a third of the EU's, " +
			"rose year on year in May (+19%), July (+9%) and 2025 as a whole (+2%); EU automotive output was -4.3% y/y in Q2 2025 (-11.4% in Q1, before the licences)",
		Source: "CLEPA and Reuters (June 2025); VDA monthly releases (4 June and 5 August 2025) and annual figures (6 January 2026); EUROFER Economic and Steel Market Outlook Q4 2025",
		Unit:   "lowest % deviation of EU AUTO output, April-December 2025", Lo: -10, Hi: 0,
		Why: "A magnitude check, not a stylized fact: firms in 2025 stretched stocks, reworked designs and got " +
			"emergency licences, which the model's one-month licence delay and critical-input rule leave out. " +
			"What moves it: the rare-earth stock cover (tau.REE 1.4 months, derived from CLEPA's 4 June warning; read as the cover at the start, " +
			"0.875 months, it gives an EU trough of about -30%), approvals set from the customs month in which approved orders ship, the criticality " +
			"of rare earths for car output (phi 0.5 gives about -6%, 0.8 as now about -13%, 1.0 about -18%) and the world's EU sourcing (85% of the EU's " +
			"rare earths and magnets from China, European Court of Auditors; an earlier world had the EU buying a third at home, and a trough of about -3%). " +
			"CLEPA on 30 June 2025: suppliers had received enough licences to avoid widespread disruption. Japan's approval share (0.16, from customs) " +
			"moves it by less than 0.1 point.",
		Gap: "The record has no aggregate dip at all: German production rose year on year in May and July 2025. In the model EU car output is -1% in May, " +
			"-13% in June and -8% in July, then 1-2.5% above base as plants restock until early 2026. The June-July trough comes from the car makers that buy their " +
			"magnets from China (85% of the EU's supply): at approvals of 0.26 for April's orders and 0.62 for May's, their six weeks of stock run out and, " +
			"with rare earths critical to 80% of car output (phi 0.8), they stop (with one firm per region and sector, buying from every origin at once, " +
			"the trough is about -2%; with ten or more firms, about -13%). Firms in 2025 stretched magnet stocks, moved scarce parts between lines, " +
			"redesigned parts and obtained emergency licences; the model has a fixed criticality of REE for AUTO, one inventory target per sector for every " +
			"region and no emergency channel, so once stocks run out output follows the approved share down.",
		measure: extremeDeviation(sim.VarOutput, "EU", "AUTO", month(2025, 4), month(2025, 12), false),
	},
	{
		ID: "jpn-auto-falls", Scenario: "rare-earth-licensing-2025",
		Claim:  "Japanese car output dips in May-June 2025",
		Record: "Suzuki halted Swift production in Japan from 26 May to mid-June 2025 for want of parts, which people familiar with the matter tied to China's rare-earth licences: the first Japanese carmaker hit",
		Source: "Nikkei and Reuters (5 June 2025)",
		Unit:   "lowest % deviation of JPN AUTO output, May-June 2025", Lo: -100, Hi: -0.1,
		Why: "As for the US and the EU: the fact is the direction and the timing; one model line for three weeks is no aggregate figure " +
			"(Japan made 637,918 vehicles in May 2025, JAMA). Not required: the model fails it (see Gap).",
		Gap: "The licences do apply to Japan: approvals of 0.16 for April's orders (May's exports to Japan -84.1%), 0.62 for May's, routine from June. " +
			"But in the world Japan's car makers buy only about 37% of their rare earths and magnets directly from China (USD 0.09 of 0.25 bn a year) " +
			"and 47% from Japanese magnet makers, whose own purchases of rare earths are about 9% of their output (0.07 of 0.7 bn, 37% of it Chinese); " +
			"those makers keep running, as Shin-Etsu's magnet plant did (at full capacity, the company told investors in July 2025; CNA, 9 January 2026), " +
			"and serve their contracted customers first. So the car " +
			"makers' input shortage peaks at 16% in May, which their six weeks of stock bridge: output moves less than 0.1%. Suzuki's stop (parts for one " +
			"model) needs what the model lacks: firms tied to one foreign parts supplier inside a region's AUTO sector, and heavy rare earths apart from " +
			"light ones (Japan imports nearly all its dysprosium and terbium from China, against about 60-70% of its rare earths overall: JOGMEC via " +
			"the Wall Street Journal, 27 July 2025; Economic Daily, 10 December 2025). " +
			"Separately, Japanese car output then rises a little (+0.6% at the end of 2025, back at base by mid-2026) while US and EU car prices are " +
			"1-2% above baseline in the summer of 2025 and buyers turn to Japanese cars for a while; JAMA counted exports down 1% in 2025 " +
			"(US tariffs on Japanese cars, not in this scenario, weigh on that figure).",
		measure: extremeDeviation(sim.VarOutput, "JPN", "AUTO", month(2025, 5), month(2025, 6), false),
	},
	{
		ID: "jpn-auto-no-broad-shutdown", Scenario: "rare-earth-licensing-2025",
		Claim: "No broad shutdown in Japan: Japanese car output stays within 10% of its baseline through 2025",
		Record: "Japan made 637,918 vehicles in May 2025, -2.0% year on year, and 8,410,334 in 2025, +2.1%; " +
			"Shin-Etsu's magnet plant ran at full capacity (July 2025)",
		Source: "JAMA via SteelOrbis (4 August 2025, and the 2025 year); Shin-Etsu to investors, July 2025, via CNA (9 January 2026)",
		Unit:   "lowest % deviation of JPN AUTO output, April-December 2025", Lo: -10, Hi: 0,
		Why: "A magnitude check, as for the US, the EU and Korea. The year-on-year figures also carry the recovery from 2024's " +
			"certification-scandal stoppages (January-May 2025 +7.5%), so they are not deviations from a baseline; a dip of under 10% reads as no broad shutdown.",
		measure: extremeDeviation(sim.VarOutput, "JPN", "AUTO", month(2025, 4), month(2025, 12), false),
	},
	{
		ID: "kor-auto-no-broad-shutdown", Scenario: "rare-earth-licensing-2025",
		Claim: "No broad shutdown in Korea: Korean car output stays within 10% of its baseline through 2025",
		Record: "Hyundai and Kia kept producing: Hyundai had a stockpile of rare earths for about a year of EV and hybrid output; the strain fell on small suppliers " +
			"(a Daegu magnet maker imported 2.5% of its heavy rare earths in five months and warned in September 2025 that it may stop)",
		Source: "Reuters (10 June 2025), from a Hyundai investor call; Korea JoongAng Daily (26 September 2025)",
		Unit:   "lowest % deviation of KOR AUTO output, April-December 2025", Lo: -10, Hi: 0,
		Why: "A magnitude check, as for the US and the EU: Korea's heavy rare earths come about half from China (industry ministry, April 2025), " +
			"and public reserves of about six months and Hyundai's stock of about a year covered the gap, which the model's single stock target " +
			"(about six weeks for every region) does not see: its Korean trough of about -6% in July is larger than the record allows for a maker with a year of stock.",
		measure: extremeDeviation(sim.VarOutput, "KOR", "AUTO", month(2025, 4), month(2025, 12), false),
	},
	{
		ID: "kor-auto-exports-hold", Scenario: "rare-earth-licensing-2025",
		Claim:  "Korea's car exports hold up in June 2025, two months into the licences",
		Record: "Korea's car exports, June 2025: USD 6.34 bn, +2.3% year on year, a record for June (to the US -16%, to the EU +32.6%); parts exports +2.5%",
		Source: "Ministry of Trade, Industry and Energy (MOTIE) release of 18 July 2025",
		Unit:   "% change in value, KOR->all AUTO, June 2025", Lo: -8, Hi: 10,
		Why: "As for China's total exports: a year of trend and monthly noise of several points around a year-on-year figure; the record also carries " +
			"US tariffs on Korean cars (25% from 3 April 2025), which this scenario leaves out and which pull it down. A fall of less than 8% still reads as holding up.",
		measure: flowChange("KOR", nil, []string{"AUTO"}, month(2025, 6), month(2025, 6)),
	},
	{
		ID: "ree-prices-outside-china-usa", Scenario: "rare-earth-licensing-2025",
		Claim:  "Prices of rare earths from outside China rise",
		Record: "Dysprosium and terbium in Europe traded at about three times China's domestic price by mid-2025",
		Source: "Benchmark Mineral Intelligence and Argus via Reuters (June-July 2025)",
		Unit:   "highest % deviation of the USA REE producer price, May-December 2025", Lo: 0.1, Hi: 2000,
		Why: "The fact is the direction. The ceiling is the largest move on record: after China's 2010-11 curbs neodymium rose about 750% " +
			"and dysprosium about 2000% (IDTechEx); a rise beyond that would be a model failure.",
		Required: true,
		measure:  extremeDeviation(sim.VarPrice, "USA", "REE", month(2025, 5), month(2025, 12), true),
	},
	{
		ID: "ree-prices-outside-china-eu", Scenario: "rare-earth-licensing-2025",
		Claim:  "Prices of rare earths from outside China rise (EU producers)",
		Record: "As above",
		Source: "Benchmark Mineral Intelligence and Argus via Reuters (June-July 2025)",
		Unit:   "highest % deviation of the EU REE producer price, May-December 2025", Lo: 0.1, Hi: 2000,
		Why:      "As above.",
		Required: true,
		measure:  extremeDeviation(sim.VarPrice, "EU", "REE", month(2025, 5), month(2025, 12), true),
	},
	{
		ID: "china-exports-to-usa-may", Scenario: "tariff-escalation-2025",
		Claim:  "China's goods exports to the US fall by about a third in May 2025",
		Record: "China's exports to the US, May 2025: $28.8B against $44B, -34.5% year on year",
		Source: "China customs (GAC) via Reuters (9 June 2025)",
		Unit:   "% change in value, CHN->USA goods, May 2025", Lo: -50, Hi: -20,
		Why: "Year-on-year noise and trend of a few points, plus front-loading in early 2025 that the model does not have; " +
			"half of the record's fall either way would still read as 'about a third'.",
		Required: true,
		measure:  flowChange("CHN", []string{"USA"}, nil, month(2025, 5), month(2025, 5)),
	},
	{
		ID: "china-total-exports-hold", Scenario: "tariff-escalation-2025",
		Claim:  "China's total goods exports hold up through other destinations in May 2025",
		Record: "China's total exports, May 2025: +4.8% year on year (ASEAN +14.8%, EU +12%)",
		Source: "China customs (GAC) via Reuters (9 June 2025)",
		Unit:   "% change in value, CHN->all goods, May 2025", Lo: -8, Hi: 10,
		Why: "The baseline has no trend growth, so +4.8% y/y corresponds to a deviation near 0 once 2025's trend of about 5% is taken out; " +
			"a fall of less than 8% still reads as holding up.",
		Required: true,
		measure:  flowChange("CHN", nil, nil, month(2025, 5), month(2025, 5)),
	},
	{
		ID: "h20-exports-near-zero", Scenario: "h20-ban",
		Claim:  "US AI-accelerator exports to China fall to near zero",
		Record: "Nvidia: no H20 sales to China in fiscal Q2 2026 (May-July 2025)",
		Source: "Nvidia Q2 FY2026 results (27 August 2025)",
		Unit:   "% change in value, USA->CHN AIC, May-July 2025", Lo: -100, Hi: -95,
		Why:      "Near zero: a licence requirement with no licence granted leaves only leakage, which this scenario does not assume.",
		Required: true,
		measure:  flowChange("USA", []string{"CHN"}, []string{"AIC"}, month(2025, 5), month(2025, 7)),
	},
	{
		ID: "h20-lost-sales", Scenario: "h20-ban",
		Claim:  "Lost US AI-accelerator sales to China of the order of Nvidia's reported $2.5B plus about $8B",
		Record: "Nvidia: $2.5B of H20 orders could not ship in Q1 FY2026 (to 27 April 2025) and about $8B of Q2 revenue (to 27 July 2025) was lost: about $10.5B",
		Source: "Nvidia Q1 FY2026 results (28 May 2025) and Q2 FY2026 results (27 August 2025)",
		Unit:   "USD bn of USA->CHN AIC sales lost, April-July 2025", Lo: 5.25, Hi: 16,
		Why: "Of the order of: within a factor 2 below and 1.5 above $10.5B (5.25 to about 16). The default world's AIC route is calibrated to 2024 sales " +
			"(about $17B a year), while 2025 H20 demand was higher, so the model should land in the lower half. The floor is 10.5/2 exactly, " +
			"not a rounded 5: losing the whole 2024 route for four months is 5.0, and a floor at 5 let rounding decide the result.",
		Gap: "The model's figure is exactly four months of the 2024 route (15/12 x 4 = 5.00) in every replicate: the ban is total, and the baseline " +
			"route is the world's stationary flow, which none of the scenario's uncertain parameters (sigmaM, lambda, g, capmax, pmax of AIC, return_speed) " +
			"changes, so the band has no width. The measure and the timing are right (licences from 9 April; Q1 FY2026 ended 27 April, Q2 27 July: " +
			"3.6 of the model's 4 months); the level is not: the world's route is 2024's (Nvidia China revenue of about USD 17 bn in FY2025 x an 88% " +
			"data-centre share), while in 2025 H20 demand ran at about twice that (Q1 FY2026: USD 4.6 bn sold plus 2.5 bn that could not ship; " +
			"Q2: about 8 bn lost). Passing needs the 2025 demand in both the baseline and the scenario, and the engine has no instrument for a " +
			"demand shift; the world stays a 2024 world.",
		measure: lostSales("USA", "CHN", "AIC", month(2025, 4), month(2025, 7)),
	},
}
