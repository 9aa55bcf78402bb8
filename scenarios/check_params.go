package scenarios

import (
	"slices"
	"strings"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/sim"
)

func (c *checker) parameters() {
	for _, p := range c.f.Parameters {
		path := join("parameters", p.Key)
		if !c.paramKey(path, p.Key) {
			continue
		}
		name, _ := sim.SplitParamKey(p.Key)
		// The engine's own ranges, so that a value out of range is reported here with its
		// position rather than when the run starts.
		if lo, hi, ok := sim.ParamRange(name); ok && (p.Value < lo || p.Value > hi) {
			c.errf(path, "is %g; %s must lie between %g and %g", p.Value, name, lo, hi)
		}
		c.s.Parameters = append(c.s.Parameters, sim.ParamSetting{Key: p.Key, Value: p.Value})
	}
}

// paramKey checks a parameter key and reports it at the key with the nearest valid name.
func (c *checker) paramKey(path, key string) bool {
	name, sector := sim.SplitParamKey(key)
	names := append(append([]string(nil), sim.SectorParamNames...), sim.GlobalParamNames()...)
	if !slices.Contains(names, name) {
		c.keyErrf(path, "unknown parameter %q; %s", name, diag.DidYouMean(name, names))
		return false
	}
	if c.w == nil {
		return true
	}
	if err := sim.CheckParamKey(c.w, key); err != nil {
		if _, ok := c.w.SectorIndex(sector); !ok && sector != "" && sector != "*" {
			c.keyErrf(path, "unknown sector %q in parameter %q; %s", sector, key, didYouMeanCode(sector, c.w.Sectors))
		} else {
			c.keyErrf(path, "%v", err)
		}
		return false
	}
	return true
}

// distFields are the fields each distribution needs, and those it takes (the needed ones and
// the optional mean of a normal).
var distFields = map[sim.Dist]struct{ need, allowed []string }{
	sim.DistNormal:     {[]string{"sd"}, []string{"sd", "mean"}},
	sim.DistLognormal:  {[]string{"sd"}, []string{"sd"}},
	sim.DistUniform:    {[]string{"min", "max"}, []string{"min", "max"}},
	sim.DistTriangular: {[]string{"min", "mode", "max"}, []string{"min", "mode", "max"}},
}

// uncertainty checks each entry of the uncertainty block: its key, its distribution, the fields
// that distribution takes, and that every multiplier it can draw is positive.
func (c *checker) uncertainty() {
	for _, u := range c.f.Uncertainty {
		path := join("uncertainty", u.Key)
		if !c.paramKey(path, u.Key) {
			continue
		}
		dist, ok := sim.DistNames[u.Dist]
		if !ok {
			c.errf(join(path, "dist"), "unknown distribution %q; %s", u.Dist, diag.DidYouMean(u.Dist, sortedKeys(sim.DistNames)))
			continue
		}
		x := sim.Uncertain{Key: u.Key, Dist: dist, Mean: 1}
		given := map[string]*float64{"mean": u.Mean, "sd": u.SD, "min": u.Min, "max": u.Max, "mode": u.Mode}
		need, allowed := distFields[dist].need, distFields[dist].allowed
		bad := false
		for _, k := range []string{"mean", "sd", "min", "max", "mode"} {
			if c.present(join(path, k)) && !slices.Contains(allowed, k) {
				c.keyErrf(join(path, k), "%s does not apply to a %s distribution (it takes %s); remove it", k, u.Dist, strings.Join(allowed, ", "))
				bad = true
			}
		}
		for _, k := range need {
			if given[k] == nil {
				if !c.attempted(join(path, k)) {
					c.errf(path, "a %s distribution needs %s; %s", u.Dist, k, hintFor(k))
				}
				bad = true
			}
		}
		if bad {
			continue
		}
		switch dist {
		case sim.DistLognormal:
			x.SD = *u.SD
			if x.SD <= 0 {
				c.errf(join(path, "sd"), "is %g; the standard deviation of the log must be above 0", x.SD)
			}
		case sim.DistNormal:
			x.SD = *u.SD
			if u.Mean != nil {
				x.Mean = *u.Mean
			}
			switch {
			case x.Mean <= 0:
				c.errf(join(path, "mean"), "is %g; a multiplier of a parameter must be positive, so its mean must be above 0", x.Mean)
			case x.SD <= 0:
				c.errf(join(path, "sd"), "is %g; the standard deviation must be above 0", x.SD)
			case x.SD > x.Mean/5:
				c.errf(join(path, "sd"), "is %g; with mean %g a normal multiplier could fall below zero: keep sd at most mean/5 (%g), or use dist: lognormal", x.SD, x.Mean, x.Mean/5)
			}
		case sim.DistUniform:
			x.Min, x.Max = *u.Min, *u.Max
			switch {
			case x.Min <= 0:
				c.errf(join(path, "min"), "is %g; a multiplier of a parameter must be above 0", x.Min)
			case x.Max <= x.Min:
				c.errf(join(path, "max"), "is %g; it must be above min (%g)", x.Max, x.Min)
			}
		case sim.DistTriangular:
			x.Min, x.Mode, x.Max = *u.Min, *u.Mode, *u.Max
			switch {
			case x.Min <= 0:
				c.errf(join(path, "min"), "is %g; a multiplier of a parameter must be above 0", x.Min)
			case x.Max <= x.Min:
				c.errf(join(path, "max"), "is %g; it must be above min (%g)", x.Max, x.Min)
			case x.Mode < x.Min || x.Mode > x.Max:
				c.errf(join(path, "mode"), "is %g; it must lie between min (%g) and max (%g)", x.Mode, x.Min, x.Max)
			}
		}
		c.s.Uncertainty = append(c.s.Uncertainty, x)
	}
}
