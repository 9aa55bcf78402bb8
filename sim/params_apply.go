package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
)

// settings are the behavioural parameters of one replicate: sector parameters and globals.
type settings struct {
	sp []SectorParams
	g  Globals
}

// applyParameters returns the world's sector parameters and DefaultGlobals with the scenario's
// settings applied: wildcard keys first, then specific ones, each group in file order.
func applyParameters(w *World, ps []ParamSetting) (settings, error) {
	st := settings{sp: append([]SectorParams(nil), w.Params...), g: DefaultGlobals()}
	for pass := range 2 {
		for _, p := range ps {
			_, sector := SplitParamKey(p.Key)
			if (sector == "*") != (pass == 0) {
				continue
			}
			if !finite(p.Value) {
				return st, fmt.Errorf("parameter %s is %v; it must be a finite number", p.Key, p.Value)
			}
			if err := st.scale(w, p.Key, func(float64) float64 { return p.Value }); err != nil {
				return st, err
			}
		}
	}
	return st, nil
}

// scale replaces every parameter that key names by f(old value).
func (st *settings) scale(w *World, key string, f func(float64) float64) error {
	if err := CheckParamKey(w, key); err != nil {
		return err
	}
	name, sector := SplitParamKey(key)
	if sector == "" {
		p := GlobalParam(&st.g, name)
		*p = f(*p)
		return nil
	}
	for j := range st.sp {
		if sector == "*" || w.Sectors[j].Code == sector {
			p := SectorParam(&st.sp[j], name)
			*p = f(*p)
		}
	}
	return nil
}

// clone copies st so a replicate may scale it.
func (st settings) clone() settings {
	return settings{sp: append([]SectorParams(nil), st.sp...), g: st.g}
}

// check verifies that every parameter lies in its valid range.
func (st *settings) check(w *World) error {
	for j, p := range st.sp {
		code := w.Sectors[j].Code
		for _, c := range []struct {
			name   string
			v      float64
			lo, hi float64
		}{
			{"sigma", p.Sigma, 0, 50}, {"eta", p.Eta, 0, 50}, {"lambda", p.Lambda, 0, 1},
			{"tau", p.Tau, 0, 60}, {"kappa", p.Kappa, 0, 1}, {"kappaS", p.KappaS, 0, 100},
			{"slack", p.Slack, 0, 10}, {"g", p.G, 0, 1}, {"L", p.L, 0, maxDelay}, {"thetaL", p.ThetaL, 0, 1},
		} {
			if !(c.v >= c.lo && c.v <= c.hi) {
				return fmt.Errorf("parameter %s.%s is %v; it must lie between %v and %v", c.name, code, c.v, c.lo, c.hi)
			}
		}
	}
	g := st.g
	for _, c := range []struct {
		name   string
		v      float64
		lo, hi float64
	}{
		{"m", g.M, 0, 1}, {"rho", g.Rho, 0, 0.999}, {"penalty", g.Penalty, 0, 100}, {"hiring", g.Hiring, 0, 1},
		{"leakage_premium", g.LeakagePremium, 0, 10}, {"order_smoothing", g.OrderSmoothing, 0.01, 1},
		{"stock_close", g.StockClose, 1, 60}, {"wage_speed", g.WageSpeed, 0, 1},
		{"wage_indexation", g.WageIndexation, 0, 1}, {"depreciation", g.Depreciation, 0, 1},
		{"noise_sd", g.NoiseSD, 0, 1}, {"noise_ar", g.NoiseAR, 0, 0.99},
	} {
		if !(c.v >= c.lo && c.v <= c.hi) {
			return fmt.Errorf("global parameter %s is %v; it must lie between %v and %v", c.name, c.v, c.lo, c.hi)
		}
	}
	return nil
}

// clampRanges pulls parameters that a random multiplier pushed outside their valid range back to
// the nearest valid value (a normal draw can make a speed exceed 1 or turn negative).
func (st *settings) clampRanges() {
	cl := func(p *float64, lo, hi float64) { *p = math.Min(hi, math.Max(lo, *p)) }
	for j := range st.sp {
		p := &st.sp[j]
		cl(&p.Sigma, 0, 50)
		cl(&p.Eta, 0, 50)
		cl(&p.Lambda, 0, 1)
		cl(&p.Tau, 0, 60)
		cl(&p.Kappa, 0, 1)
		cl(&p.KappaS, 0, 100)
		cl(&p.Slack, 0, 10)
		cl(&p.G, 0, 1)
		cl(&p.L, 0, maxDelay)
		cl(&p.ThetaL, 0, 1)
	}
	g := &st.g
	cl(&g.M, 0, 1)
	cl(&g.Rho, 0, 0.999)
	cl(&g.Penalty, 0, 100)
	cl(&g.Hiring, 0, 1)
	cl(&g.LeakagePremium, 0, 10)
	cl(&g.OrderSmoothing, 0.01, 1)
	cl(&g.StockClose, 1, 60)
	cl(&g.WageSpeed, 0, 1)
	cl(&g.WageIndexation, 0, 1)
	cl(&g.Depreciation, 0, 1)
	cl(&g.NoiseSD, 0, 1)
	cl(&g.NoiseAR, 0, 0.99)
}

// checkUncertain verifies an uncertainty entry.
func checkUncertain(w *World, u Uncertain) error {
	if err := CheckParamKey(w, u.Key); err != nil {
		return fmt.Errorf("uncertainty: %w", err)
	}
	for _, v := range []float64{u.Mean, u.SD, u.Min, u.Max, u.Mode} {
		if !finite(v) {
			return fmt.Errorf("uncertainty %s: a number is %v; it must be finite", u.Key, v)
		}
	}
	switch u.Dist {
	case DistNormal, DistLognormal:
		if u.SD < 0 {
			return fmt.Errorf("uncertainty %s: sd %v is negative", u.Key, u.SD)
		}
	case DistUniform:
		if u.Min > u.Max {
			return fmt.Errorf("uncertainty %s: min %v is above max %v", u.Key, u.Min, u.Max)
		}
	case DistTriangular:
		if !(u.Min <= u.Mode && u.Mode <= u.Max) {
			return fmt.Errorf("uncertainty %s: needs min <= mode <= max, got %v, %v, %v", u.Key, u.Min, u.Mode, u.Max)
		}
	default:
		return fmt.Errorf("uncertainty %s: unknown distribution %d (use one of %s)", u.Key, u.Dist, strings.Join(sortedKeys(DistNames), ", "))
	}
	return nil
}

// drawMultiplier draws the multiplier of one uncertainty entry (MODEL.md §5): lognormal has
// median 1; normal has mean Mean (0 means 1); uniform and triangular use Min, Mode and Max.
func drawMultiplier(rng *rand.Rand, u Uncertain) float64 {
	switch u.Dist {
	case DistNormal:
		mean := u.Mean
		if mean == 0 {
			mean = 1
		}
		return mean + u.SD*rng.NormFloat64()
	case DistLognormal:
		return math.Exp(u.SD * rng.NormFloat64())
	case DistUniform:
		return u.Min + (u.Max-u.Min)*rng.Float64()
	case DistTriangular:
		// Inverse CDF of the triangular distribution.
		a, b, c := u.Min, u.Max, u.Mode
		if b == a {
			return a
		}
		v := rng.Float64()
		fc := (c - a) / (b - a)
		if v < fc {
			return a + math.Sqrt(v*(b-a)*(c-a))
		}
		return b - math.Sqrt((1-v)*(b-a)*(b-c))
	}
	return 1
}

// replicateSettings returns the settings of replicate r: base with every uncertainty multiplier
// applied (a draw per entry, shared by scenario and baseline), and the draws.
func replicateSettings(w *World, base settings, us []Uncertain, seed uint64, r int, out settings) (settings, []float64) {
	st := out
	copy(st.sp, base.sp)
	st.g = base.g
	draws := make([]float64, len(us))
	if len(us) == 0 {
		return st, draws
	}
	rng := newStream(seed, r, streamUncertainty, "")
	for k, u := range us {
		m := drawMultiplier(rng, u)
		draws[k] = m
		_ = st.scale(w, u.Key, func(v float64) float64 { return v * m }) // key checked in Run
	}
	st.clampRanges()
	return st, draws
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
