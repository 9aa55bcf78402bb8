// Package sim is tradesim's engine: an agent-based, price-and-quantity model of trade between
// regions and sectors, stepped month by month, with tariffs, export and import controls
// (bans, quotas, licences with fees) and governments that react to what they observe.
// It implements ../MODEL.md; this file states the model as implemented, its units, its
// invariants and where it departs from MODEL.md, and why.
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
// sector, employment and expected orders. Each region has one household (final demand) and one
// government (tariff and fee revenue, rules). State is a struct of dense slices indexed by region,
// sector, firm and route ids; one state per worker is reset, not reallocated, for each run, and
// a month allocates nothing.
//
// Sourcing groups. Buyers of one user type (a cell, or a region's households) with the same
// sourcing speed start from the same base shares and face the same targets, so they hold the same
// origin shares; shares are therefore kept once per (user type, speed class), exactly. Per-firm
// quantities (orders, deliveries, stocks) stay per firm. MODEL.md draws a speed per firm; three
// classes keep the heterogeneity and cut the work per firm and input from O(R) to O(1).
//
// # Calibration (base = exact steady state)
//
//	X[o,i]       = sum_d,j Z[o,i->d,j] + sum_d Y[o,i->d]                            (row identity)
//	a[i;d,j]     = sum_o Z[o,i->d,j] / X[d,j]                    input i per unit of output of d,j
//	s0[o|i;u]    = Z[o,i->d,j] / sum_o Z  (firms), Y[o,i->d] / sum_o Y (households)  base shares
//	va[d,j]      = 1 - sum_i a[i;d,j] (sum_o s0 (1 + t0[o->d,i]))              value added per unit
//	x0_f         = w_f X[d,j];  capacity0_f = x0_f (1 + max(slack_j, 1e-6))
//	l_f          = thetaL_j va[d,j] lfac_f;  c0_f = sum_i a[i] pin0[i] + l_f  (base unit cost)
//	stock0_f[i]  = tau_i tfac_f a[i] x0_f on hand, plus a[i] x0_f delivered last month
//	beta[o|i;u]  = s0 (1 + t0)^sigma_i                                 (targets = base shares)
//	B_base[d]    = sum_o,i Y[o,i->d] (1 + t0)      (household budget at base buyer prices)
//	I_base[d]    = sum_j va X + sum t0 x base imports   (income = value added + tariff revenue)
//
// The markup of firm f is (1 + mu_f)/z_f = 1/c0_f, so every base price is 1 (MODEL.md §4.2: "mu
// calibrated so p* = 1 at base", per firm). The minimum slack of 1e-6 (our choice) keeps base
// orders strictly below capacity: with none at all, a rounding error of 1e-16 could bind it.
//
// # One month, in MODEL.md §4's order
//
// 1. Policy (§4.1). Rules are evaluated on last month's recorded state; a rule whose condition
// holds in month c puts its policy in force from c + max(Lag, 1) (a state observed in c cannot
// change c) for Duration months, and ends the policies it lifts the month before. It does not
// fire again while its policy is pending or in force, nor within Cooldown months (our choice: a
// condition that keeps holding must not stack tariffs). Rule conditions read deviations from the
// baseline path of the same replicate (the scenario run) or from the base (the baseline run).
// Conditions are compiled once (expr-lang); a call with literal codes compared with a number
// is compiled into a comparison in Go, so a month with rules allocates nothing (ConditionEval).
// Then the effective border of the month is built from the policies in force: tariffs and fees
// add; a ban closes the route; licence approvals multiply; the tighter quota or cap and the
// longer delay hold (our choice). Domestic routes are never restricted.
//
// 2. Arrivals (§4.5). Last month's deliveries join the stock; capacity whose time to build has
// passed comes into use.
//
// 3. Prices (§4.2).
//
//	c_f   = sum_i a[i] pin_g(f)[i] + wage_d l_f         (last month's delivered input prices)
//	p*_f  = c_f / c0_f x (1 + kappaS_j max(0, orders_f / capacity_f - 1))   (last month's orders)
//	p_f  += kappa_j (p*_f - p_f)                                   (Pichler et al. 2022 style)
//	share_f = w_f p_f^-eta_j / sum                      within-origin split (omega_f = w_f)
//	P[o,i] = sum_f share_f p_f                                     origin price
//	q[o->d,i] = P[o,i] (1 + buyer fee)(1 + tariff)                 buyer price
//
// Exporters price to every destination at their own price, so a tariff reaches the buyer in
// full on impact (Amiti, Redding & Weinstein 2019; Fajgelbaum et al. 2020). Costs use last
// month's delivered input prices: a firm observes what it paid (our choice; it makes the month
// a sequence without a fixed point). The tariff is levied on the value including a buyer-borne
// fee, so the buyer pays P (1 + fee)(1 + tariff) and every cent is booked (MODEL.md writes the
// same product).
//
// 4. Targets and sourcing (§4.3).
//
//	s*[o] = beta[o] (q[o] (1 + penalty x unfilled[o]))^-sigma_i / sum    (Armington 1969 CES)
//	s    += lambda_i x speed class (s* - s)
//	pin   = sum_o s[o] q[o]
//
// unfilled[o] is the route's unfilled share last month (a ban counts as fully unfilled), so
// buyers leave suppliers who fail them and come back when they deliver. Firms order
//
//	x^e  = min(e, capacity);  e_t = w orders_t-1 + (1 - w) e_t-1,  w = order_smoothing
//	dem  = max(0, a x^e + (tau_i tfac_f a x^e - (stock - a x^e) - on order) / stock_close)
//
// (order-up-to with partial adjustment; the stock target is tau of the input's sector, e.g.
// CLEPA's 3-4 weeks of magnets is tau of REE). Households spend
//
//	B_t = B_base (1 + m (Ibar_t / I_base - 1)),  Ibar_t = rho Ibar_t-1 + (1 - rho) I_t-1
//
// across sectors at base budget shares (Cobb-Douglas) and order B share_i / pin_i, times a demand
// shock exp(eps - noise_sd^2 / 2) with eps an AR(1) of persistence noise_ar and stationary SD
// noise_sd by region and sector (MODEL.md §5; off by default, noise_sd = 0). The base
// trade balance share is kept because B_base, not I_base, is the level (the closure of MODEL.md
// §4.3). Orders on a route a border rule closes (a ban; the unapproved share of a licence) go at
// once to the fully open origins in proportion to their shares; if there is none they stay
// unfilled. Approved licence orders enter the route's pipeline and are released Delay months
// later (within a group, to its firms in proportion to their orders in the pipeline).
//
// 5. Border (§4.4). A quota ships at most Limit x base monthly flow, rationed across buyers in
// proportion to their orders; released licence orders are capped by the licence Limit likewise.
// A fee is a share of the value shipped, paid to the exporter's government, borne by the exporter
// (its receipts fall) or the buyer (its price rises). Leakage: a share Leakage of the orders a
// ban or licence denies is placed with the restricted exporter's firms through the region coded
// ROW (LeakageRegion): the goods ship o -> ROW in transit (no fee, no ROW tariff) and ROW -> d at
// the maker's price times (1 + leakage_premium), paying d's tariff on ROW; ROW's traders keep the
// premium as profit. Trade statistics then show the detour, as they did for chips in 2023-25.
// Only the rest of the denied orders is diverted to open origins.
//
// 6. Production (§4.5).
//
//	x_f = min(capacity_f, orders_f, min_{i: phi>0} ((1 - phi[i,j]) capacity_f + phi[i,j] stock_f[i] / a[i]))
//
// (Pichler et al. 2022, with a continuous criticality phi). Inputs used are a x, or the whole
// stock of an input whose non-critical share runs without it. Quantities below 1e-12 of a firm's
// base flow left by subtracting nearly equal numbers are taken as zero (our choice).
//
// 7. Delivery and rationing (§4.6). A seller short of its orders fills them by class: first the
// class the rationing rule (Scenario.Rationing) serves first — all orders under Proportional (the
// default, Pichler et al. 2022), orders from the seller's own region under DomesticFirst, orders
// within the buyers' standing shares under LoyalFirst (orders diverted from a closed origin come
// last) — then the rest, each class in proportion. Every unfilled order is a shortage at the buyer.
//
// 8. Stocks, labour, income (§4.7). stock += delivered - used. Employment moves toward x l_f at
// the hiring speed. The nominal wage is sticky and partly indexed: wage += wage_speed (1 +
// wage_indexation (CPI - 1) - wage) (our choice of MODEL.md's "sticky nominal wages"). Profit =
// receipts (net of exporter-borne fees) - inputs used at this month's delivered prices - wages.
// Income = wages + profits + tariff and fee revenue, smoothed into next month's budget.
//
// 9. Capacity (§4.8). When expected orders exceed capacity plus what is being built, a firm
// starts new capacity of at most g_j x base capacity a month, arriving after round(L_j) months.
// Idle capacity above base capacity depreciates at the depreciation rate a month; base capacity
// is maintained (our choice: a temporary slump does not destroy plants, so a temporary shock
// cannot leave a permanent hole).
//
// 10. Record (§4.9, §7): see Variables for units.
//
// # Accounting (MODEL.md §6.2)
//
// For every route and month, with v the value at exporter prices, fb and fe the buyer- and
// exporter-borne fees and t the tariff: the buyer pays v (1+fb)(1+t); the exporter receives
// v (1-fe); the exporter's government v (fb+fe); the importer's government t v (1+fb). Then
//
//	GDP by income      = wages + profits + tariff revenue + fee revenue
//	GDP by expenditure = C + (firm purchases - inputs used) + EX - IM
//
// where C is household purchases at buyer prices, the bracket is inventory investment valued at
// purchase prices minus use at delivered prices, and EX and IM are border values v (1+fb) to and
// from other regions. The two are equal by construction; Options.Check verifies them every month
// with world exports = world imports per route and sector (what sellers shipped equals what
// buyers received), output = shipments, stock change = deliveries - use, buyers' payments =
// sellers' receipts + fees + tariffs (so tariff revenue = rate x import value), and no NaN or
// Inf, to a relative 1e-9.
//
// Reported aggregates: real GDP = sum_j va x + base-rate tariffs on real imports (base prices);
// CPI = Laspeyres index of the base household basket at buyer prices; real consumption = C / CPI;
// unemployment rate = (base employment - employment) / base employment; trade balance = EX - IM;
// price of a cell = base-output-weighted mean of its firms' prices; inventory_months = stock on
// hand at month end over use at base output; shortage_rate = the largest unfilled share of the
// cell's input orders due this month, over its inputs (the input worst hit); export price = the
// average price of what shipped (the origin price when nothing did).
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
//     relative 1e-9 (default world and random worlds).
//   - Accounting identities above, every month, for random policies, rules and rationing rules.
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
// # Departures from MODEL.md
//
//   - Costs and scarcity use last month's input prices and orders (see step 3).
//   - Sourcing speeds come in three classes per cell, not one per firm (see Sourcing groups).
//   - Stock targets are indexed by the input's sector; stock at the start of a month includes
//     last month's deliveries, so production is feasible for any tau.
//   - shortage_rate reports the worst-hit input rather than the quantity-weighted mean, which
//     a plentiful input would dilute.
//   - Households spend what is delivered at buyer prices; a budget that finds no goods (a
//     shortage) is not spent that month (our choice: MODEL.md leaves it open).
//   - Released licence orders are shared among a sourcing group's firms in proportion to their
//     orders in the pipeline, not traced order by order.
//   - Rule timing: a policy a rule puts in force starts max(Lag, 1) months after the month whose
//     state met the condition (Lag 0 acts as 1).
//
// # Sources
//
// Pichler, Pangallo, del Rio-Chanona, Lafond & Farmer (2022), "Forecasting the propagation of
// pandemic shocks with a dynamic input-output model", JEDC 144. Armington (1969), IMF Staff
// Papers 16. Amiti, Redding & Weinstein (2019), JEP 33(4). Fajgelbaum, Goldberg, Kennedy &
// Khandelwal (2020), QJE 135(1). Caliendo & Parro (2015), REStud 82(1). Cabral & Mata (2003),
// AER 93(4). Axtell (2001), Science 293. Syverson (2011), JEL 49(2).
package sim
