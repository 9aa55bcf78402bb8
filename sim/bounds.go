package sim

// The valid values of scenario inputs, in one place: the engine checks them (settings.check,
// compilePolicy) and clamps drawn parameters to them (settings.clampRanges), and a scenario
// parser can report a bad value with its file and line before a run starts.

// MaxDelay is the longest licence delay, in months, and the longest time to build L: the
// approval pipeline and the capacity pipeline are rings of at most MaxDelay + 1 monthly slots.
// Ten years is beyond any delay or build time the scenarios need.
const MaxDelay = 120

// FeeLimit is the exclusive upper bound of an export fee: a fee is a share of the value shipped,
// 0 <= fee < FeeLimit (a fee of 1 would take the whole value and leave the exporter nothing).
const FeeLimit = 1.0

// paramBound is the closed range [lo, hi] of one parameter.
type paramBound struct {
	name   string
	lo, hi float64
}

// sectorBounds and globalBounds are the valid ranges of every per-sector and global parameter,
// in the order of SectorParamNames and GlobalParamNames. Each keeps its equation meaningful:
// speeds and shares (lambda, kappa, kappaD, g, durable, thetaL, m, hiring, wage_indexation,
// depreciation) lie in [0, 1]; overtime at most 50% and an exchange-rate move of at most 20% a
// month (fx_cap) bound the arithmetic; psi, zeta, zetaD, zetaY, xi and xiD are slopes whose upper limits
// are far beyond any calibration (our choice); rho < 1 and noise_ar < 1 keep the smoothing and the AR(1)
// stable; a price ceiling pmax and a capacity ceiling capmax of 1 or more keep the base
// reachable; order_smoothing > 0 lets expectations move and stock_close >= 1 closes a gap no
// faster than in one month; the upper limits of the elasticities (50), tau and stock_close
// (60 months), kappaS, pmax, capmax and penalty (100), slack (10) and leakage_premium (10) are far beyond any
// estimate and only keep the arithmetic finite (our choice).
var (
	sectorBounds = []paramBound{
		{"sigmaD", 0, 50}, {"sigmaM", 0, 50}, {"eta", 0, 50}, {"lambda", 0, 1}, {"tau", 0, 60},
		{"tauF", 0, 60}, {"kappa", 0, 1}, {"kappaS", 0, 100}, {"kappaD", 0, 1}, {"pmax", 1, 100},
		{"slack", 0, 10}, {"g", 0, 1}, {"L", 0, MaxDelay}, {"capmax", 1, 100}, {"durable", 0, 1},
		{"thetaL", 0, 1},
	}
	globalBounds = []paramBound{
		{"m", 0, 1}, {"rho", 0, 0.999}, {"penalty", 0, 100}, {"hiring", 0, 1},
		{"leakage_premium", 0, 10}, {"order_smoothing", 0.01, 1}, {"return_speed", 1, 20}, {"stock_close", 1, 60},
		{"wage_indexation", 0, 1}, {"psi", 0, 10}, {"overtime", 0, 0.5}, {"zeta", 0, 5},
		{"zetaD", 0, 50}, {"zetaY", 0, 20}, {"xi", 0, 10}, {"xiD", 0, 100}, {"fx_cap", 0, 0.2}, {"tb_smoothing", 1, 60}, {"depreciation", 0, 1},
		{"noise_sd", 0, 1}, {"noise_ar", 0, 0.99},
	}
)

// ParamRange returns the closed range [lo, hi] of valid values of the parameter called name: a
// per-sector name without its sector ("sigma", not "sigma.REE") or a global name ("rho"). ok is
// false for a name that is neither. A scenario's value outside the range is an error; a value
// that an uncertainty multiplier pushes outside it is clamped to it.
func ParamRange(name string) (lo, hi float64, ok bool) {
	for _, bs := range [][]paramBound{sectorBounds, globalBounds} {
		for _, b := range bs {
			if b.name == name {
				return b.lo, b.hi, true
			}
		}
	}
	return 0, 0, false
}
