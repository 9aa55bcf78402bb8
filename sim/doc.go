// Package sim is tradesim's engine: an agent-based, price-and-quantity model of trade between
// regions and sectors, stepped month by month, with tariffs, export and import controls
// (bans, quotas, licences with fees) and governments that react to what they observe.
// This file states the model as implemented (version 2): its units, its equations with their
// sources, its invariants and the choices that are ours, and why.
//
// # Use
//
// Build a World (the scenarios/worlds package loads the default one), resolve a Scenario and its
// baseline, and call Run:
//
//	res, err := sim.Run(ctx, world, scenario, baseline, sim.Options{Workers: 4})
//
// Run simulates every replicate twice — the baseline, then the scenario — from the same
// calibrated state and the same random draws (common random numbers), so the difference is the
// policy's effect. Result holds every metric of every month of both runs of every replicate, in
// replicate order whatever the number of workers; with Options.OnReplicate set, replicates are
// handed over in order as they finish instead, and memory stays bounded. Options.Check verifies
// the accounting identities every month (tests turn it on).
//
// # Units and time
//
// One step is one calendar month. The world's flows are annual values in its currency (USD
// billions by default) at basic prices for a base year; the engine works with monthly flows
// (annual / 12). Every base price is 1, so a base quantity is a base value and quantities are
// "USD bn per month at base prices". Prices are indices (base 1); tariffs, fees, shares and rates
// are fractions (0.25 = 25%). Variables lists every reported metric with its unit.
//
// # Agents and state
//
// A region-sector ("cell") has n firms (Options.Firms, default 30). Firm f has a size weight w_f
// (log-normal, log SD 1, normalised to sum 1 in its cell: Cabral & Mata 2003), a labour
// requirement per unit of output l_f (the inverse of a cost factor z_f, log SD 0.2: Syverson 2011),
// a stock-target factor (log SD 0.5; assumption) and a sourcing-speed class (slow, median, fast;
// log SD 0.3; assumption). Every factor is normalised to an output-weighted mean of 1 in its cell,
// so heterogeneity never moves the base. Firms hold capacity, a price, input stocks by input
// sector, employment and expected orders. Each region has three final buyers — households
// (with NPISH), government (defence included) and investment (gross capital formation) — a
// labour market, a demand stabiliser standing in for monetary policy, a currency and a government
// (tariff and fee revenue, rules). State is a struct of dense slices indexed by region,
// sector, firm and route ids; one state per worker is reset, not reallocated, for each run, and
// a month allocates nothing.
//
// Sourcing groups. Buyers of one user type (a cell, or a region's final buyer) with the same
// sourcing speed start from the same base shares and face the same targets, so they hold the same
// origin shares; shares are therefore kept once per (user type, speed class), exactly. Per-firm
// quantities (orders, deliveries, stocks) stay per firm. The model's design draws a speed per firm; three
// classes keep the heterogeneity and cut the work per firm and input from O(R) to O(1).
//
// # Calibration (base = exact steady state)
//
//	X[o,i]       = sum_d,j Z[o,i->d,j] + sum_d,b Y[o,i->d,b]                        (row identity)
//	a[i;d,j]     = sum_o Z[o,i->d,j] / X[d,j]                    input i per unit of output of d,j
//	s0[o|i;u]    = Z[o,i->d,j] / sum_o Z (firms), Y[o,i->d,b] / sum_o Y (final buyer b)  base shares
//	va[d,j]      = 1 - sum_i a[i;d,j] (sum_o s0 (1 + t0[o->d,i]))              value added per unit
//	x0_f         = w_f X[d,j];  capacity0_f = x0_f (1 + max(slack_j, 1e-6))
//	l_f          = thetaL_j va[d,j] lfac_f;  c0_f = sum_i a[i] pin0[i] + l_f  (base unit cost)
//	stock0_f[i]  = tau_i tfac_f a[i] x0_f on hand, plus a[i] x0_f delivered last month
//	betaM[o|i;u] = s0[o|M] (1 + t0[o])^sigmaM_i        within imports (s0[o|M] = s0[o] / (1 - s0[d]))
//	betaH[i;u]   = s0[d] (1 + t0[d])^sigmaD_i;  betaC[i;u] = (1 - s0[d]) PM0^sigmaD_i  (top nest)
//	C0[d]        = sum_o,i Y[o,i->d,HH] (1 + t0)   (household budget at base buyer prices)
//	Y0[d]        = sum_j va X                        (household income: wages and profits)
//	LF[d]        = E0[d] / (1 - u0[d])               (labour force in base-wage-bill units)
//	tb0[d]       = (exports - imports) / GDP at base;  open[d] = (exports + imports) / 2 / GDP
//
// where PM0 = sum_o s0[o|M] (1 + t0[o]), so every target share equals its base share at base
// prices and the base is an exact steady state with every price, wage and exchange rate 1 and
// every unemployment rate at its base value u0.
//
// The markup of firm f is (1 + mu_f)/z_f = 1/c0_f, so every base price is 1 (the markup is
// calibrated per firm so that p* = 1 at base). The minimum slack of 1e-6 (our choice) keeps base
// orders strictly below capacity: with none at all, a rounding error of 1e-16 could bind it.
//
// # One month, in this order
//
// 1. Policy. Rules are evaluated on last month's recorded state; a rule whose condition holds in
// month c puts its policy in force from c + max(Lag, 1) (a state observed in c cannot change c)
// for Duration months, and ends the policies it lifts the month before. It does not fire again
// while its policy is pending or in force, nor within Cooldown months (our choice: a condition
// that keeps holding must not stack tariffs). Rule conditions read deviations from the baseline
// path of the same replicate (the scenario run) or from the base (the baseline run). Conditions
// are compiled once (expr-lang); a call with literal codes compared with a number is compiled
// into a comparison in Go, so a month with rules allocates nothing (ConditionEval). Then the
// effective border of the month is built from the policies in force: tariffs, export taxes and
// fees add; a ban closes the route; licence approvals multiply; the tighter quota or cap and the
// longer delay hold (our choice). Domestic routes are never restricted.
//
// 2. Arrivals. Last month's deliveries join the stock; capacity whose time to build has passed
// comes into use.
//
// 3. Labour market and wages (labour.go). u is last month's unemployment rate, pi last month's
// CPI inflation:
//
//	W_t = W_t-1 (1 + iota pi_t-1 + psi / 12 (u0 - u_t-1))     (wage Phillips curve; Galí 2011)
//
// with iota = wage_indexation = 0.25 (partial indexation: near-full indexation to prices that a
// tariff has raised makes wages and prices chase each other; assumption) and psi = 0.5 points of
// wage growth a year per point of unemployment gap (assumption in the range of Galí 2011's
// estimates). Sector wages keep their base ratios. A firm wants the labour of the output it
// plans, l_f min(expected orders + (tauF x expected orders - finished stock) / stock_close,
// capacity), as produce plans it; a capacity shock does not count (firms keep their workers
// through a fire). Labour for orders alone left a car maker that had sold its stock in a
// shortage short of the workers to rebuild it: its price stayed up, buyers left, and EU car
// output was still 16-20% below base two years after an 8-month rare-earth ban (now about -9%
// after one year of making above base to restock, back within 2% after four). One with more sheds a share hiring = 0.2 of the excess a month; one with
// less posts the gap as vacancies. The region hires at most f x last month's unemployed (the
// job-finding rate f; Shimer 2012 measures about 0.3 a month for the US; the world gives it by
// region) and never beyond the ceiling (1 - umin) LF, umin the frictional floor (about 0.6 u0);
// hires are shared in proportion to vacancies. Output is limited by labour: at most
// E_f / l_f (1 + overtime), overtime = 0.03 (hours move about 3% over the US cycle, BLS CES).
//
// 4. Demand stabiliser and exchange rates (macro.go).
//
//	I_t = I_t-1 (1 + zeta (u_t-1 - u0) + zetaD (u_t-1 - u_t-2))
//	A_t = I_t (1 - zetaY ybar_t),   both clamped to [0.5, 2]
//
// multiplies household and investment demand. It stands in for monetary policy and looks
// through prices, as central banks say they do with tariffs; without it the exchange rate and
// the wage rule fight and a permanent tariff leaves a lasting slump. I is the slow integral part
// that brings unemployment back to its base rate; ybar is the demand gap: last month's orders
// reaching the region's firms, weighted by base value added per unit, over base value added,
// less 1, smoothed over 2 months. It is a proportional term like a Taylor rule's output gap,
// with no memory, and a gap of demand, not of output: a car plant stopped for want of magnets
// still has its orders, and the stabiliser does not stimulate spending against a supply
// shortfall (with real GDP as the gap it did, and EU households spent 0.2% more in the month
// their car plants stopped). Why both parts: unemployment follows demand with the lags of
// hiring (hires are at most the job-finding rate times the unemployed, 0.06 a month in the euro
// area), so with the integral part alone (zeta 0.2, the value of an earlier prototype) every
// region's GDP cycled with a period of about 16 months after a temporary shock, ±1% for two
// years after an 8-month rare-earth quota. Orders answer demand at once, so the gap term damps
// the cycle. zeta = 0.1, zetaD = 2 and zetaY = 1 are calibrated on the default world (our
// choice): with them and the labour rule above, the largest deviation of real GDP, welfare,
// unemployment or the trade-balance share in any region four years after the shocks of
// TestReturnToBase fell from 2.2 to about 0.55, and the closure of a permanent tariff
// (TestClosure) is unchanged.
//
// Exchange rates: e_d is the price of d's currency in USD (the numeraire; up = appreciation).
// Every currency steps on its own trade-balance gap,
//
//	step_d = clip((xi (tbbar_d - tb0_d) + xiD (tbbar_d - tbbar'_d)) / open_d, ±fx_cap)
//	ln e_d += step_d - step_USA
//
// (the dollar's step moves every other rate the other way). The signal tbbar is the trade balance
// over GDP with this month's quantities valued at export, import and GDP prices smoothed over 12
// months, and smoothed itself over tb_smoothing = 3 months; tbbar' is its value a month earlier.
// In the long run it is the nominal trade-balance share, which therefore returns to base: saving
// and investment, not tariffs, set the balance, and the currency moves instead (the closure of
// CGE models; Hertel ed. 1997, ch. 2). Why these choices, found numerically on the default world
// (a 15-point uniform US tariff; a 10% import tariff plus export subsidy; an 8-month rare-earth
// ban), with the nominal signal first tried: the current nominal balance feeds an exchange-rate
// move back through its own valuation of this month's imports (a J-curve with the wrong sign on
// impact) and made the regions' rates cycle with growing swings; a balance at base prices was
// stable but left the nominal balance 0.7% of GDP above base for good (the terms of trade);
// smoothed prices keep the stability of the first and the long run of the second. Dividing by
// base openness open_d ((exports + imports) / 2 over GDP) measures gaps in units of the
// region's trade, so a very open economy (Taiwan: half its GDP is trade) is not driven harder
// than a closed one; xi = 0.08 and xiD = 1 bring the US trade balance back to within a twentieth
// of its peak deviation 36 months after a permanent tariff. Very open economies still swing:
// after large shocks Taiwan's exchange rate, GDP and welfare oscillate with a period of about a
// year and a half and die out slowly (TestReturnToBase logs the figures); dividing by open^2 or
// lowering xi traded that for a US balance that did not close. The cap of 2% a month (fx_cap)
// is not reached in these runs. Pricing is in the producer's currency: a buyer
// in d pays P_o e_o / e_d (1 + fee or export tax)(1 + tariff). With dollar invoicing, which
// Gopinath et al. (2020) find for most trade, border prices in dollars would stay put; that is a
// later extension.
//
// 5. Prices.
//
//	c_f   = sum_i a[i] pin_g(f)[i] + W_d l_f                (last month's delivered input prices)
//	p*_f  = c_f / c0_f x (1 + kappaS_j max(0, orders_f / capacity_f - 1))   (last month's orders)
//	p_f  += kappa_j (p*_f - p_f)                                   (Pichler et al. 2022 style)
//	share_f = w_f p_f^-eta_j / sum                      within-origin split (omega_f = w_f)
//	P[o,i] = sum_f share_f p_f                                     origin price
//	q[o->d,i] = P[o,i] e_o / e_d (1 + buyer fee or export tax)(1 + tariff)       buyer price
//
// Exporters price to every destination at their own price, so a tariff reaches the buyer in
// full on impact (Amiti, Redding & Weinstein 2019; Fajgelbaum et al. 2020). Costs use last
// month's delivered input prices: a firm observes what it paid (our choice; it makes the month
// a sequence without a fixed point).
//
// 6. Targets and sourcing: nested Armington (Armington 1969; the two-level nest of GTAP, Hertel
// ed. 1997). With qe = q (1 + penalty x unfilled) the buyer price seen through the route's
// reliability last month:
//
//	s*[o|M] = betaM[o] qe[o]^-sigmaM / sum_o' betaM[o'] qe[o']^-sigmaM         among import origins
//	PM      = sum_o s*[o|M] qe[o]                                  price of the import composite
//	s*[d]   = betaH qe[d]^-sigmaD / (betaH qe[d]^-sigmaD + betaC PM^-sigmaD)      home vs imports
//	s*[o]   = (1 - s*[d]) s*[o|M]
//	s      += lambda_i x speed class (s* - s);   pin = sum_o s[o] q[o]
//
// sigmaD (home against imports) and sigmaM (among import origins, about twice sigmaD: GTAP's
// ESUBD and ESUBM) come from the world. One nest with the among-origins elasticity, as version 1
// had, sent most of the imports lost to a tariff to domestic producers; the nest sends them to
// third origins first, as Fajgelbaum et al. (2021) find for 2018-19. Shares are quantity shares
// (physical sourcing under contracts), so the quantity response on impact is small and grows as
// shares move toward targets at speed lambda. Firms order
//
//	x^e  = min(e, capacity);  e_t = w orders_t-1 + (1 - w) e_t-1,  w = order_smoothing
//	dem  = max(0, a x^e + ((tau_i tfac_f + L) a x^e - (stock - a x^e) - on order) / stock_close)
//
// (order-up-to with partial adjustment; the stock target is tau of the input's sector, e.g.
// CLEPA's 3-4 weeks of magnets is tau of REE). Orders approved under a licence and not yet
// shipped count toward the position, and the target adds the use they cover while they wait:
// L = sum over licensed routes of last month's approved share times the delay (the lead time
// of an order-up-to level). Counting the pipeline without L left a car maker whose target is
// under the delay with less than its target on hand for as long as a routine one-month licence
// lasted: 2-3% of EU car output and a lasting Japanese gain in the 2025 rare-earth scenario.
// Final buyers:
//
//	households:  C_t = A_t C0 ((1 - m) CPI_t-1 + m Ybar_t / Y0),  Ybar_t = rho Ybar_t-1 + (1 - rho) Y_t-1
//	             spent across sectors at base budget shares (Cobb-Douglas), C alpha_i / pin_i
//	government:  its base real basket (nominal spending moves with its prices)
//	investment:  A_t times its base real basket
//
// The part (1 - m) of household spending not tied to this year's income is real, indexed to last
// month's CPI, so a price level alone has no real effect (m = 0.5, rho = 0.8; assumptions). Y is
// wages and profits; tariff and fee revenue joins it only under revenue: rebate (GTAP's regional
// household); under revenue: deficit, the default, the government saves it, as the Yale Budget
// Lab and CBO score tariffs. Household demand carries a shock exp(eps - noise_sd^2 / 2), eps an
// AR(1) of persistence noise_ar and stationary SD noise_sd by region and sector (off by default).
// Orders on a route a border rule closes (a ban; the unapproved share of a licence) go at once
// to the fully open origins in proportion to their shares; if there is none they stay unfilled.
// Approved licence orders enter the route's pipeline and are released Delay months later
// (within a group, to its firms in proportion to their orders in the pipeline); a fractional
// Delay d releases the share 1 - frac(d) after floor(d) months and the rest a month later. A final
// purchase that finds no goods waits for next month in the share durable_i of sector i (car
// buyers waited in 2021; the world gives the share) and is ordered again then; the rest vanish.
//
// 7. Border. A quota ships at most Limit x base monthly flow, rationed across buyers in
// proportion to their orders; released licence orders are capped by the licence Limit likewise.
// A fee is a share of the value shipped, paid to the exporter's government, borne by the exporter
// (its receipts fall) or the buyer (its price rises); an export tax is a buyer-borne fee that may
// be negative (a subsidy). Leakage: a share Leakage of the orders a ban or licence denies is
// placed with the restricted exporter's firms through the region coded ROW (LeakageRegion): the
// goods ship o -> ROW in transit (no fee, no ROW tariff) and ROW -> d at the maker's price times
// (1 + leakage_premium), paying d's tariff on ROW; ROW's traders keep the premium as profit.
// Only the rest of the denied orders is diverted to open origins.
//
// 8. Production and sales. Firms make to order and restock finished goods toward tauF months of
// expected sales (Census inventories-to-sales; car dealers' days' supply):
//
//	x_f = min(capacity_f, orders_f + (tauF e_f - F_f) / stock_close, E_f / l_f (1 + overtime),
//	          min_{i: phi>0} ((1 - phi[i,j]) capacity_f + phi[i,j] stock_f[i] / a[i]))
//	sales_f = min(orders_f, x_f + F_f);   F_f += x_f - sales_f
//
// so a plant stopped by a missing input still sells from its stock for a while, and its price's
// scarcity part reads orders against producible output plus that stock.
//
// (Pichler et al. 2022, with a continuous criticality phi). Inputs used are a x, or the whole
// stock of an input whose non-critical share runs without it. Quantities below 1e-12 of a firm's
// base flow left by subtracting nearly equal numbers are taken as zero (our choice).
//
// 9. Delivery and rationing. A seller short of its orders fills them by class: first the class
// the rationing rule (Scenario.Rationing) serves first — orders within the buyers' standing
// shares under ContractsFirst (the default: orders diverted to the seller from a closed route
// come last, as buyers without an offtake contract queue behind those with one; magnet makers
// outside China sold under such contracts in 2025), every order alike under Proportional
// (Pichler et al. 2022), orders from the seller's own region under DomesticFirst — then the
// rest, each class in proportion. Every unfilled order is a shortage at the buyer.
//
// 10. Stocks and income. stock += delivered - used. Profit = receipts (net of exporter-borne
// fees) - inputs used at this month's delivered prices - wages. Every money value is in the
// currency of the region it belongs to. The CPI, the unemployment rate and the exchange rates'
// signal update.
//
// 11. Capacity. When expected orders exceed capacity plus what is being built, a firm
// starts new capacity of at most g_j x base capacity a month, arriving after round(L_j) months.
// Idle capacity above base capacity depreciates at the depreciation rate a month; base capacity
// is maintained (our choice: a temporary slump does not destroy plants, so a temporary shock
// cannot leave a permanent hole).
//
// 12. Record: see Variables for units.
//
// # Accounting
//
// For every route and month, with v the value at exporter prices (exporter's currency), x = e_o /
// e_d, fb and fe the buyer- and exporter-borne fees (an export tax is fb) and t the tariff: the
// buyer pays v x (1+fb)(1+t); the exporter receives v (1-fe); the exporter's government v (fb+fe);
// the importer's government t v x (1+fb). Then, in each region's currency,
//
//	GDP by income      = wages + profits + tariff revenue + fee revenue
//	GDP by expenditure = C + G + K + (firm purchases - inputs used) + EX - IM
//
// where C, G and K are the final buyers' purchases at buyer prices, the bracket is inventory investment valued at
// purchase prices minus use at delivered prices, and EX and IM are border values v (1+fb) to and
// from other regions. The two are equal by construction; Options.Check verifies them every month
// with world exports = world imports per route and sector (what sellers shipped equals what
// buyers received), output = shipments + the change of finished goods, stock change = deliveries - use, buyers' payments =
// sellers' receipts + fees + tariffs (so tariff revenue = rate x import value), employment never
// above its ceiling (1 - umin) LF, and no NaN or Inf, to a relative 1e-9.
//
// Reported aggregates: real GDP = sum_j va x + base-rate tariffs on real imports (base prices);
// welfare = prod_i (h_i / h0_i)^alpha_i, the households' Cobb-Douglas utility of the goods
// actually delivered to them relative to base (an equivalent variation that sees rationing, which
// a price index does not); CPI = Laspeyres index of the base household basket at buyer prices;
// real consumption = household spending / CPI; unemployment rate = 1 - E / LF; wage = the
// region's nominal wage index; exchange_rate = USD per unit of the region's currency; trade
// balance = (EX - IM) in USD, and as a share of nominal GDP; government balance = tariff and
// fee revenue kept (not rebated) less the rise of the cost of the government's basket over its
// base cost, in USD (the budget items the engine moves); price of a cell = base-output-weighted
// mean of its firms' prices; inventory_months = stock on hand at month end over use at base
// output; shortage_rate = the share of the orders that reached the cell's firms left unfilled
// (what its customers did not get); input_shortage_rate = the largest unfilled share of the
// cell's input orders due this month (the input worst hit); output_lost_share = the share of
// planned output (min(capacity, orders)) not made for want of inputs or labour; export price =
// the average price of what shipped (the origin price when nothing did).
//
// # What a permanent tariff does (default world; sim tests TestClosure, TestLernerSymmetry)
//
// A 15-point US tariff on every import from April 2025 (3 firms, one replicate): US buyers pay
// it in full on impact; the US trade balance rises to 1.2% of GDP above base and is back to
// within 0.05 points 36 months later, while every other currency falls 4-6% against the dollar;
// US unemployment rises by up to 0.4 points and returns to base; real GDP is 0.1-0.4% below base
// throughout (it never rises; the literature's long-run figures are -0.4 to -0.6%); welfare falls
// about 0.65% in the first year, as prices rise before the currency moves; manufacturing
// employment falls about 2% (inputs cost more and the dollar hurts exporters). In the long run
// US welfare is about 0.6% above base: terms of trade +0.85% of GDP (the dollar buys more
// imports), efficiency and the rest -0.24%. That sign is not a theorem — a large country without
// retaliation can gain from a tariff — and under retaliation the sign turns: a 2018-19-style
// war (25 points on US imports of Chinese metals, machinery, electronics, chemicals and other
// manufactures; China's 25 points on US farm goods, cars and chemicals) costs the US 0.03-0.04%
// of welfare and 0.1% of real GDP over three years (Fajgelbaum et al. 2020: a net loss of 0.04%
// of GDP), with manufacturing employment 0.2% lower (Flaaen and Pierce 2019 find 1.4%; the
// engine has no firm-level input-cost channel beyond the sector's). A 10% import tariff plus a
// 9.1% export subsidy (Lerner symmetry) moves every other currency 9.2-9.8% against the dollar
// (a devaluation of 9.1% is exact) and leaves real GDP and consumption within 0.5% of base and
// trade within 1%; tariffs add to base tariffs (1 + t0 + t, not (1 + t0)(1 + t)) and impact
// inflation reaches wages, so the experiment is not an exact devaluation.
//
// # Cost
//
// The engine stores and visits only what is bought (sparse.go). With L the links of the network
// (a region-sector and an input sector it buys from some origin) and L_u those plus the final
// buyers' purchases, a month is one pass over the firms times the inputs their cell buys (n L:
// orders; then use and deliveries together), passes over the sourcing groups (up to three speed
// classes per user type) times their inputs times origin regions (shares, orders, deliveries),
// one over user types for the Armington targets (L_u R; none with one region) and one over
// routes (R^2 S). Memory grows the same way: 16 bytes per firm and input (32 with licence
// pipelines), about 60 + 8R per group and input, 24 + 16R per user type and input; only the
// world's own flow tables grow with S^2. BenchmarkPeerLeontief (one region, density 0.3, half
// the key supplier's capacity lost for 3 months) takes about 0.05 / 1.0 / 4.6 / 21 ms of CPU a
// month at N = 91 / 500 / 1000 / 2000 sectors with one firm each, and 0.5 / 13 / 52 / 226 ms
// with 30 (four times the links cost 4.1-4.6 times the time), holding 86 MB at N = 1000 with one
// firm. At 30 firms the month streams millions of firm-inputs, so memory bandwidth sets its
// time. On the default world a month is about 0.45 ms of CPU at 30 firms; a quarter of it is
// exact powers (math.Pow), kept when a price did not change since last month.
//
// # Randomness and determinism
//
// Every draw comes from a PCG stream (math/rand/v2) keyed by (seed, replicate, purpose, key):
// firm characteristics by region and sector code, parameter multipliers per replicate, demand
// shocks month by month (in region-code order). Nothing
// is global; a replicate's draws do not depend on other replicates, on workers or on the order of
// regions. The scenario and its baseline share every draw. Uncertainty multiplies a parameter by
// a per-replicate draw (lognormal: exp(N(0, SD)), median 1; normal: N(Mean or 1, SD); uniform;
// triangular); a multiplied parameter that leaves its valid range is clamped to it. Metrics are
// byte-identical whatever Options.Workers or GOMAXPROCS: each replicate runs on one goroutine in
// a fixed order, no map is iterated, and results are stored by replicate index. Sums over regions
// run in the order of region codes, so the order in which a world lists its regions does not
// matter either.
//
// # Invariants (tests)
//
//   - Replication: with no policy, every series stays at its base value for 120 months to a
//     relative 1e-9 (default world and random worlds), labour market and exchange rates included.
//   - Accounting identities above, every month, for random policies, rules and rationing rules.
//   - Closure: after a permanent tariff the trade balance returns, the currency appreciates,
//     unemployment returns to base and never falls below its floor, real GDP does not rise and
//     welfare falls in the first year; Lerner symmetry; diversion to third origins.
//   - Units: world values x 1024 scale every level by exactly 1024 and move no price, rate or
//     month, to the last bit (every equation is homogeneous in the units; 1024 scales exactly in
//     floating point); x 1000 on the default world moves no percentage deviation by more than a
//     relative 1e-9 over 36 months.
//   - Relabelling: listing the regions in another order permutes every result, to the last bit:
//     every sum over regions runs in the order of the region codes.
//   - Determinism: workers 1, 2, 8 and GOMAXPROCS 1, 2 give identical bits; replicate r is the
//     same alone (Options.FirstReplicate) and in a batch.
//   - Direction on the default world: tariff pass-through and diversion; a rare-earth ban runs
//     US AUTO on stock, cuts it thinnest-stocked firms first, spreads downstream, raises
//     rare-earth prices outside China; recovery after the ban; a licence with a fee.
//
// # Choices that are ours, and what is not built yet
//
//   - Costs and scarcity use last month's input prices and orders (see step 3).
//   - Sourcing speeds come in three classes per cell, not one per firm (see Sourcing groups).
//   - Stock targets are indexed by the input's sector; stock at the start of a month includes
//     last month's deliveries, so production is feasible for any tau.
//   - input_shortage_rate reports the worst-hit input rather than the quantity-weighted mean,
//     which a plentiful input would dilute.
//   - Final buyers spend what is delivered at buyer prices; a budget that finds no goods (a
//     shortage) is not spent that month.
//   - The exchange rates' signal and gain (step 4) differ from a plain smoothed nominal balance,
//     for the stability reasons given there.
//   - return_speed r: a share moving back toward its base share (the target lies on the base
//     side) covers the distance to the base share r times faster than it moves away, from
//     either side: a buyer returns to the suppliers it used before the policy faster than it
//     qualifies new ones, and leaves the stand-ins it took faster than it adopted them. It is 1,
//     off, by default. An earlier version sped up only the shares below base; where targets
//     waver (a supplier failing some orders one month and not the next) that asymmetry
//     ratcheted shares upward, and a random-world property test found a tariff raising the
//     taxed flow. The symmetric pull can only bring a share toward base, not past it. The
//     built-in scenarios draw r between 1 and 4.
//   - Released licence orders are shared among a sourcing group's firms in proportion to their
//     orders in the pipeline, not traced order by order.
//   - Rule timing: a policy a rule puts in force starts max(Lag, 1) months after the month whose
//     state met the condition (Lag 0 acts as 1).
//
// # Sources
//
// Pichler, Pangallo, del Rio-Chanona, Lafond & Farmer (2022), "Forecasting the propagation of
// pandemic shocks with a dynamic input-output model", JEDC 144. Armington (1969), IMF Staff
// Papers 16. Hertel (ed., 1997), Global Trade Analysis: Modeling and Applications (GTAP), ch. 2
// and 14. Galí (2011), "The return of the wage Phillips curve", JEEA 9(3). Shimer (2012),
// "Reassessing the ins and outs of unemployment", RED 15(2). Gopinath, Boz, Casas, Díez,
// Gourinchas & Plagborg-Møller (2020), "Dominant currency paradigm", AER 110(3). Lerner (1936),
// Economica 3. Fajgelbaum, Goldberg, Kennedy, Khandelwal & Taglioni (2021), "The US-China trade
// war and global reallocations". Flaaen & Pierce (2019), FEDS 2019-086. Amiti, Redding & Weinstein (2019), JEP 33(4). Fajgelbaum, Goldberg, Kennedy &
// Khandelwal (2020), QJE 135(1). Caliendo & Parro (2015), REStud 82(1). Cabral & Mata (2003),
// AER 93(4). Axtell (2001), Science 293. Syverson (2011), JEL 49(2).
package sim
