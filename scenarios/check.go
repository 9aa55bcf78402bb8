package scenarios

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/sim"
)

// checker validates a decoded File against its world and resolves it into a *sim.Scenario.
// World-dependent checks are skipped when the world could not be resolved (w == nil); that
// problem is reported at the world field instead.
type checker struct {
	d *decoder
	w *sim.World
	s *sim.Scenario
	f *File

	policyIDs map[string]int    // id -> index in policies
	ids       map[string]string // policy or rule id -> its path, for duplicates
}

// at returns the position of path, or of its nearest recorded parent.
func (c *checker) at(path string) position {
	for p := path; p != ""; {
		if pos, ok := c.d.vals[p]; ok {
			return pos
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return position{1, 1}
}

func (c *checker) errf(path, format string, args ...any) {
	pos := c.at(path)
	c.d.diags.Addf(c.d.file, pos.Line, pos.Col, path, format, args...)
}

// keyErrf reports at the key of path (for a bad parameter name) rather than its value.
func (c *checker) keyErrf(path, format string, args ...any) {
	pos, ok := c.d.keys[path]
	if !ok {
		pos = c.at(path)
	}
	c.d.diags.Addf(c.d.file, pos.Line, pos.Col, path, format, args...)
}

// present reports whether the file gives path a value, valid or not.
func (c *checker) present(path string) bool { _, ok := c.d.vals[path]; return ok }

// attempted reports whether the file gives path a value or a misspelt key that stands for it;
// either way a problem with it is reported already, so "needs path" would only repeat it.
func (c *checker) attempted(path string) bool { return c.present(path) || c.d.misspelt[path] }

// has reports whether the file gives path a value that decoded without error.
func (c *checker) has(path string) bool { _, ok := c.d.vals[path]; return ok && !c.d.failed[path] }

// check validates f and returns the resolved scenario (meaningful only when no problem was added).
func check(f *File, d *decoder, w *sim.World) *sim.Scenario {
	c := &checker{d: d, w: w, f: f, policyIDs: map[string]int{}, ids: map[string]string{}}
	c.s = &sim.Scenario{Name: f.Name, Title: f.Title, Description: f.Description, Sources: f.Sources}
	c.header()
	c.parameters()
	c.uncertainty()
	for i := range f.Policies {
		c.policy(i, &f.Policies[i])
	}
	for i := range f.Rules {
		c.rule(i, &f.Rules[i])
	}
	return c.s
}

func (c *checker) header() {
	f, s := c.f, c.s
	if c.has("name") && strings.TrimSpace(f.Name) == "" {
		c.errf("name", "is empty; give the scenario a short name such as h20-allowance")
	}
	for i, src := range f.Sources {
		if strings.TrimSpace(src) == "" {
			c.errf(index("sources", i), "is empty; name the source or remove the entry")
		}
	}
	if c.has("start") {
		s.Start, _ = c.month("start", f.Start)
	}
	if c.has("horizon") && (f.Horizon < 1 || f.Horizon > MaxHorizon) {
		c.errf("horizon", "is %d months; it must be from 1 to %d (50 years)", f.Horizon, MaxHorizon)
	}
	s.Horizon = f.Horizon
	s.Seed = DefaultSeed
	if f.Seed != nil {
		s.Seed = *f.Seed
	}
	s.Replicates = DefaultReplicates
	if f.Replicates != nil {
		s.Replicates = *f.Replicates
		if s.Replicates < 1 || s.Replicates > MaxReplicates {
			c.errf("replicates", "is %d; it must be from 1 to %d (use a sweep for more runs)", s.Replicates, MaxReplicates)
		}
	}
	if f.Firms != nil && (*f.Firms < 1 || *f.Firms > MaxFirms) {
		c.errf("firms", "is %d firms per region and sector; it must be from 1 to %d", *f.Firms, MaxFirms)
	}
	if c.has("rationing") {
		r, ok := sim.RationingNames[f.Rationing]
		if !ok {
			c.errf("rationing", "unknown rationing rule %q; %s", f.Rationing, diag.DidYouMean(f.Rationing, sortedKeys(sim.RationingNames)))
		}
		s.Rationing = r
	}
	if f.Baseline != nil && strings.TrimSpace(*f.Baseline) == "" {
		c.errf("baseline", "is empty; write null for the scenario without its policies, or the name or path of another scenario")
	}
}

// paramRanges are the valid values of each parameter: the ranges that the engine checks after
// applying a scenario's parameters (sim/params_apply.go, settings.check), so that a value out of
// range is reported here with its position rather than when the run starts.
var paramRanges = map[string][2]float64{
	"sigma": {0, 50}, "eta": {0, 50}, "lambda": {0, 1}, "tau": {0, 60}, "kappa": {0, 1},
	"kappaS": {0, 100}, "slack": {0, 10}, "g": {0, 1}, "L": {0, 120}, "thetaL": {0, 1},
	"m": {0, 1}, "rho": {0, 0.999}, "penalty": {0, 100}, "hiring": {0, 1}, "leakage_premium": {0, 10},
	"order_smoothing": {0.01, 1}, "stock_close": {1, 60}, "wage_speed": {0, 1},
	"wage_indexation": {0, 1}, "depreciation": {0, 1}, "noise_sd": {0, 1}, "noise_ar": {0, 0.99},
}

func (c *checker) parameters() {
	for _, p := range c.f.Parameters {
		path := join("parameters", p.Key)
		if !c.paramKey(path, p.Key) {
			continue
		}
		name, _ := sim.SplitParamKey(p.Key)
		if r, ok := paramRanges[name]; ok && (p.Value < r[0] || p.Value > r[1]) {
			c.errf(path, "is %g; %s must lie between %g and %g", p.Value, name, r[0], r[1])
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
		present := map[string]*float64{"mean": u.Mean, "sd": u.SD, "min": u.Min, "max": u.Max, "mode": u.Mode}
		need := map[sim.Dist][]string{
			sim.DistNormal:     {"sd"},
			sim.DistLognormal:  {"sd"},
			sim.DistUniform:    {"min", "max"},
			sim.DistTriangular: {"min", "mode", "max"},
		}[dist]
		allowed := append([]string{}, need...)
		if dist == sim.DistNormal {
			allowed = append(allowed, "mean")
		}
		bad := false
		for _, k := range []string{"mean", "sd", "min", "max", "mode"} {
			if c.present(join(path, k)) && !slices.Contains(allowed, k) {
				c.keyErrf(join(path, k), "%s does not apply to a %s distribution (it takes %s); remove it", k, u.Dist, strings.Join(allowed, ", "))
				bad = true
			}
		}
		for _, k := range need {
			if present[k] == nil {
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

func (c *checker) policy(i int, p *PolicySpec) {
	path := index("policies", i)
	c.id(path, p.ID)
	if p.ID != "" {
		if _, dup := c.policyIDs[p.ID]; !dup {
			c.policyIDs[p.ID] = i
		}
	}
	pol := c.measure(path, &p.Measure)
	pol.ID = p.ID
	pol.Start, pol.End = c.s.Start, sim.Forever
	end := c.s.End()
	horizonOK := c.s.Start != 0 && c.f.Horizon >= 1
	if p.Start != "" || c.has(join(path, "start")) {
		m, ok := c.month(join(path, "start"), p.Start)
		switch {
		case !ok:
		case horizonOK && (m < c.s.Start || m > end):
			c.errf(join(path, "start"), "%s is outside the scenario's horizon (%s to %s); move it or change the scenario's start and horizon", m, c.s.Start, end)
		}
		pol.Start = m
	}
	if p.End != nil {
		m, ok := c.month(join(path, "end"), *p.End)
		switch {
		case !ok:
		case m < pol.Start:
			c.errf(join(path, "end"), "%s is before the policy's start (%s); end is the last month in force", m, pol.Start)
		case horizonOK && m > end:
			c.errf(join(path, "end"), "%s is after the scenario's last month (%s); write end: null to keep the policy to the end of the horizon", m, end)
		}
		pol.End = m
	}
	c.s.Policies = append(c.s.Policies, pol)
}

// looseMonth is a month written with one digit, another separator or a day: 2025-4, 2025/04,
// 2025-04-01.
var looseMonth = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?$`)

// month reads the YYYY-MM month at path; a month written loosely is reported with the form to
// write.
func (c *checker) month(path, text string) (sim.Month, bool) {
	m, err := sim.ParseMonth(text)
	if err == nil {
		return m, true
	}
	if g := looseMonth.FindStringSubmatch(text); g != nil {
		if mo, _ := strconv.Atoi(g[2]); mo >= 1 && mo <= 12 && fmt.Sprintf("%s-%02d", g[1], mo) != text {
			c.errf(path, "date %q is not of the form YYYY-MM: write %s-%02d", text, g[1], mo)
			return 0, false
		}
	}
	c.errf(path, "%v", err)
	return 0, false
}

// id checks a policy or rule id: present, unique across policies and rules.
func (c *checker) id(path, id string) {
	if !c.has(join(path, "id")) {
		return // reported as missing
	}
	if strings.TrimSpace(id) == "" {
		c.errf(join(path, "id"), "is empty; give it a short id such as us-tariff")
		return
	}
	if prev, dup := c.ids[id]; dup {
		c.errf(join(path, "id"), "%q is already the id of %s (line %d); ids must be unique", id, prev, c.at(join(prev, "id")).Line)
		return
	}
	c.ids[id] = path
}

func (c *checker) rule(i int, r *RuleSpec) {
	path := index("rules", i)
	c.id(path, r.ID)
	rule := sim.Rule{ID: r.ID, When: r.When}
	if c.has(join(path, "when")) {
		c.when(join(path, "when"), r.When)
	}
	if r.Then == nil && len(r.Lift) == 0 && !c.attempted(join(path, "then")) && !c.attempted(join(path, "lift")) {
		c.errf(path, "a rule needs then (a measure that comes into force), lift (policies it ends), or both; %s", hintFor("then"))
	}
	if r.Then != nil {
		p := c.measure(join(path, "then"), r.Then)
		p.ID, p.Start, p.End = r.ID, 0, sim.Forever
		rule.Then = &p
	}
	seen := map[string]bool{}
	for k, id := range r.Lift {
		ipath := index(join(path, "lift"), k)
		j, ok := c.policyIDs[id]
		switch {
		case seen[id]:
			c.errf(ipath, "%q is listed twice; remove one", id)
		case !ok:
			c.errf(ipath, "unknown policy %q; %s", id, diag.DidYouMean(id, sortedKeys(c.policyIDs)))
		default:
			rule.Lift = append(rule.Lift, j)
		}
		seen[id] = true
	}
	if r.Duration != nil {
		rule.Duration = *r.Duration
		c.months(join(path, "duration"), rule.Duration)
		if r.Then == nil {
			c.errf(join(path, "duration"), "duration is how long the then measure stays in force; this rule has no then: remove it")
		}
	}
	if r.Lag != nil {
		rule.Lag = *r.Lag
		c.months(join(path, "lag"), rule.Lag)
	}
	if r.Once != nil {
		rule.Once = *r.Once
	}
	if r.Cooldown != nil {
		rule.Cooldown = *r.Cooldown
		c.months(join(path, "cooldown"), rule.Cooldown)
		if rule.Once {
			c.errf(join(path, "cooldown"), "has no effect with once: true (the rule fires at most once); remove one of them")
		}
	}
	c.s.Rules = append(c.s.Rules, rule)
}

// months checks a count of months in [0, MaxHorizon].
func (c *checker) months(path string, n int) {
	if n < 0 || n > MaxHorizon {
		c.errf(path, "is %d months; it must be from 0 to %d", n, MaxHorizon)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
