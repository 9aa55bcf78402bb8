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
	notes     []diag.Diagnostic // valid but probably not meant (Loaded.Notes)
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

// notef records a note: the value is valid, but probably not what was meant.
func (c *checker) notef(path, format string, args ...any) {
	pos := c.at(path)
	c.notes = append(c.notes, diag.Diagnostic{File: c.d.file, Line: pos.Line, Col: pos.Col, Field: path, Message: fmt.Sprintf(format, args...)})
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
func check(f *File, d *decoder, w *sim.World) (*sim.Scenario, []diag.Diagnostic) {
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
	return c.s, c.notes
}

func (c *checker) header() {
	f, s := c.f, c.s
	if c.has("name") && strings.TrimSpace(f.Name) == "" {
		c.errf("name", "is empty; give the scenario a short name such as h20-allowance")
	} else if c.has("name") && !scenarioName.MatchString(f.Name) {
		c.errf("name", "%s is not a safe file name; the name becomes the results folder results/NAME, so use letters, digits, '.', '_' and '-' (at most 64), starting with a letter or digit, such as h20-allowance",
			diag.Value(f.Name))
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
		if now, old := sim.RationingAliases[f.Rationing]; old {
			c.notef("rationing", "%s is the old name of %s; write rationing: %s", f.Rationing, now, now)
		}
		s.Rationing = r
	}
	if c.has("revenue") {
		r, ok := sim.RevenueNames[f.Revenue]
		if !ok {
			c.errf("revenue", "unknown revenue use %q; %s", f.Revenue, diag.DidYouMean(f.Revenue, sortedKeys(sim.RevenueNames)))
		}
		s.Revenue = r
	}
	if f.Baseline != nil && strings.TrimSpace(*f.Baseline) == "" {
		c.errf("baseline", "is empty; write null for the scenario without its policies, or the name or path of another scenario")
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
