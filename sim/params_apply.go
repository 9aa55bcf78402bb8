package sim

import (
	"fmt"
	"gonum.org/v1/gonum/stat/distuv"
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

// check verifies that every parameter lies in its valid range (ParamRange).
func (st *settings) check(w *World) error {
	for j := range st.sp {
		code := w.Sectors[j].Code
		for _, b := range sectorBounds {
			if v := *SectorParam(&st.sp[j], b.name); !(v >= b.lo && v <= b.hi) {
				return fmt.Errorf("parameter %s.%s is %v; it must lie between %v and %v", b.name, code, v, b.lo, b.hi)
			}
		}
	}
	for _, b := range globalBounds {
		if v := *GlobalParam(&st.g, b.name); !(v >= b.lo && v <= b.hi) {
			return fmt.Errorf("global parameter %s is %v; it must lie between %v and %v", b.name, v, b.lo, b.hi)
		}
	}
	return nil
}

// clampRanges pulls parameters that a random multiplier pushed outside their valid range back to
// the nearest valid value (a normal draw can make a speed exceed 1 or turn negative).
func (st *settings) clampRanges() {
	cl := func(p *float64, b paramBound) { *p = math.Min(b.hi, math.Max(b.lo, *p)) }
	for j := range st.sp {
		for _, b := range sectorBounds {
			cl(SectorParam(&st.sp[j], b.name), b)
		}
	}
	for _, b := range globalBounds {
		cl(GlobalParam(&st.g, b.name), b)
	}
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

// drawMultiplier draws the multiplier of one uncertainty entry (sim/README.md §5) with gonum's
// distributions on the replicate's own stream: lognormal has median 1 (log-mean 0, log-SD SD);
// normal has mean Mean (0 means 1) and SD; uniform and triangular use Min, Mode and Max.
func drawMultiplier(rng *rand.Rand, u Uncertain) float64 {
	switch u.Dist {
	case DistNormal:
		mean := u.Mean
		if mean == 0 {
			mean = 1
		}
		return distuv.Normal{Mu: mean, Sigma: u.SD, Src: rng}.Rand()
	case DistLognormal:
		return distuv.LogNormal{Mu: 0, Sigma: u.SD, Src: rng}.Rand()
	case DistUniform:
		return distuv.Uniform{Min: u.Min, Max: u.Max, Src: rng}.Rand()
	case DistTriangular:
		if u.Max == u.Min { // a point: distuv.NewTriangle needs Min < Max
			return u.Min
		}
		return distuv.NewTriangle(u.Min, u.Max, u.Mode, rng).Rand()
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
