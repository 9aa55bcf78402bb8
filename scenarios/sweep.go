package scenarios

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/scenarios/yamlfile"
	"github.com/tradesim/tradesim/sim"
)

// Sweep is a checked sweep file with its base scenario loaded.
type Sweep struct {
	Name, Title string
	Path        string // the file's path
	Source      []byte
	SHA256      string
	File        *SweepFile
	Base        *Loaded // the base scenario, without any factor set
	BaseRef     string  // the scenario field as written
	BaseDir     string  // the folder relative references start from (the sweep file's)
	Design      string
	Samples     int
	Levels      int
	Seed        uint64
	Replicates  int
	Firms       int
	Factors     []Factor
	Metrics     []Metric
	Points      [][]float64 // list: the CSV's rows, in factor order
}

// Factor is a checked factor: a scenario field by path and its values or range.
type Factor struct {
	Name     string
	Path     string
	Values   []float64 // grid: the values, in order
	Min, Max float64   // the range (lhs, sobol, morris); the values' extremes for a grid
	Log      bool
}

// Metric is a checked metric: the series and the statistic of its deviation path over the
// months [From, To] (0-based steps, inclusive).
type Metric struct {
	Name                     string
	Variable, Region, Sector string
	Stat                     string
	From, To                 int
}

// Set returns the set that gives the factor the value v. Values are written in the shortest
// form that reads back exactly (2 for 2.0, so whole-number fields accept them).
func (f Factor) Set(v float64) Set {
	return Set{Path: f.Path, Value: strconv.FormatFloat(v, 'g', -1, 64)}
}

// Value maps u in [0, 1] onto the factor's range, linearly or on a log scale.
func (f Factor) Value(u float64) float64 {
	if f.Log {
		return math.Exp(math.Log(f.Min) + u*(math.Log(f.Max)-math.Log(f.Min)))
	}
	return f.Min + u*(f.Max-f.Min)
}

// LoadSweep reads and checks a sweep file and loads its base scenario. Problems come back as a
// *diag.List with every message, FILE:LINE:COL: field: message.
func LoadSweep(path string, opt LoadOptions) (*Sweep, error) {
	if opt.ResolveWorld == nil {
		return nil, errors.New("scenarios: LoadOptions.ResolveWorld is nil")
	}
	l := &loader{opt: LoadOptions{ResolveWorld: opt.ResolveWorld}, worlds: map[string]worldResult{}}
	src, err := l.open(path, "")
	if err != nil {
		return nil, err
	}
	if src.builtin {
		return nil, listOf(diag.Diagnostic{File: path, Message: "is a built-in scenario, not a sweep file; give the path of a sweep file (tradesim schema sweep describes them)"})
	}
	return loadSweepBytes(src.name, src.data, src.dir, opt)
}

// loadSweepBytes is LoadSweep for a sweep given as bytes: name is used in messages, and
// relative references start from dir.
func loadSweepBytes(name string, data []byte, dir string, opt LoadOptions) (*Sweep, error) {
	diags := &diag.List{}
	if len(data) > maxSweepFileBytes {
		diags.Addf(name, 0, 0, "", "the file is larger than 1 MiB (%d bytes); a sweep file is a few kilobytes: is this the right file?", len(data))
		return nil, diags.Err()
	}
	doc := yamlfile.Read(name, data, sweepKind, diags)
	if doc == nil {
		return nil, diags.Err()
	}
	root := doc.Root
	d := newDecoder(name, data, diags)
	if root.Kind != yaml.MappingNode {
		d.errf(root, "", "a sweep file is a mapping of fields (name: ..., scenario: ..., design: ..., factors: ..., metrics: ...); this file holds %s", describe(root))
		return nil, diags.Err()
	}
	if !isSweepFile(root) {
		d.errf(root, "", "this is not a sweep file: it has no factors and no design (a scenario file? check it with tradesim validate)")
		return nil, diags.Err()
	}
	f := new(SweepFile)
	d.decodeStruct(root, reflect.ValueOf(f).Elem(), "")
	if d.fatal != nil {
		*diags = diag.List{}
		diags.Add(*d.fatal)
		return nil, diags.Err()
	}
	if diags.Len() > 0 {
		return nil, diags.Err()
	}
	sum := sha256.Sum256(data)
	sw := &Sweep{
		Name: f.Name, Title: f.Title, Path: name, Source: data, SHA256: hex.EncodeToString(sum[:]), File: f,
		BaseRef: f.Scenario, BaseDir: dir, Design: f.Design,
		Seed: DefaultSeed, Replicates: DefaultSweepReps, Levels: DefaultLevels,
	}
	c := &sweepChecker{d: d, sw: sw, opt: opt}
	c.check()
	if diags.Len() > 0 {
		return nil, diags.Err()
	}
	return sw, nil
}

// sweepKind names sweep files in the YAML reader's messages.
var sweepKind = yamlfile.Kind{Noun: "a sweep file", One: "sweep", Levels: 4, Empty: "see tradesim sweep --help for an example"}

// isSweepFile reports whether a mapping has a sweep's own keys.
func isSweepFile(root *yaml.Node) bool {
	for i := 0; i+1 < len(root.Content); i += 2 {
		switch root.Content[i].Value {
		case "factors", "design", "metrics":
			return true
		}
	}
	return false
}

// IsSweepFile reports whether data looks like a sweep file (a mapping with factors, design or
// metrics), so that `tradesim validate` can tell sweeps from scenarios.
func IsSweepFile(data []byte) bool {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return false
	}
	return isSweepFile(doc.Content[0])
}

type sweepChecker struct {
	d   *decoder
	sw  *Sweep
	opt LoadOptions
}

func (c *sweepChecker) errf(path, format string, args ...any) {
	pos, ok := c.d.vals[path]
	for p := path; !ok && p != ""; {
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
		pos, ok = c.d.vals[p]
	}
	if !ok {
		pos = position{1, 1}
	}
	c.d.diags.Addf(c.d.file, pos.Line, pos.Col, path, format, args...)
}

var (
	columnName = regexp.MustCompile(`[^A-Za-z0-9]+`)
	validName  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
)

// reservedColumns are the plan's and the runs table's own columns.
var reservedColumns = []string{"run_id", "seed", "point", "replicates"}

func (c *sweepChecker) check() {
	f, sw := c.f(), c.sw
	if f.Seed != nil {
		sw.Seed = *f.Seed
	}
	if f.Replicates != nil {
		sw.Replicates = *f.Replicates
	}
	if f.Levels != nil {
		sw.Levels = *f.Levels
	}
	if f.Samples != nil {
		sw.Samples = *f.Samples
	}
	designs := []string{DesignGrid, DesignLHS, DesignSobol, DesignMorris, DesignList}
	if !slices.Contains(designs, f.Design) {
		c.errf("design", "unknown design %q; %s", f.Design, diag.DidYouMean(f.Design, designs))
		return
	}
	for i, fs := range f.Factors {
		if fs.Scale != "" && fs.Scale != "linear" && fs.Scale != "log" {
			c.errf(index("factors", i)+".scale", "unknown scale %q; write linear or log", fs.Scale)
			return
		}
	}
	stats := []string{StatEnd, StatPeak, StatTrough, StatMean, StatCumulative}
	for i, ms := range f.Metrics {
		if !slices.Contains(stats, ms.Stat) {
			c.errf(index("metrics", i)+".stat", "unknown statistic %q; %s", ms.Stat, diag.DidYouMean(ms.Stat, stats))
		}
	}
	if len(f.Factors) == 0 {
		c.errf("factors", "needs at least one factor, for example factors: [{path: policies[us-tariff].rate, values: [0.1, 0.25, 0.5]}]")
	}
	if len(f.Metrics) == 0 {
		c.errf("metrics", "needs at least one metric, for example metrics: [{variable: gdp_real, region: USA, stat: trough}]")
	}
	// The base scenario.
	base, err := sw.LoadPoint(nil, c.opt.ResolveWorld)
	if err != nil {
		c.baseError(err)
		return
	}
	sw.Base = base
	sw.Firms = base.Firms
	if f.Firms != nil {
		sw.Firms = *f.Firms
	}
	names := map[string]string{}
	claim := func(name, path string) {
		if slices.Contains(reservedColumns, name) {
			c.errf(path, "%q is a column of the sweep's own tables (%s); choose another name", name, strings.Join(reservedColumns, ", "))
			return
		}
		if other, dup := names[name]; dup {
			c.errf(path, "column %q is also %s's; give one of them another name", name, other)
			return
		}
		names[name] = path
	}
	for i, fs := range f.Factors {
		p := index("factors", i)
		fc := c.factor(fs, p)
		claim(fc.Name, p)
		sw.Factors = append(sw.Factors, fc)
	}
	c.design()
	c.factorPaths()
	for i, ms := range f.Metrics {
		p := index("metrics", i)
		m := c.metric(ms, p)
		claim(m.Name, p)
		sw.Metrics = append(sw.Metrics, m)
	}
	if n := sw.Runs(); n > MaxRuns {
		c.errf("design", "makes %d runs; at most %d are allowed: fewer values, samples or factors", n, MaxRuns)
	}
}

func (c *sweepChecker) f() *SweepFile { return c.sw.File }

// baseError reports why the base scenario cannot be loaded.
func (c *sweepChecker) baseError(err error) {
	var list *diag.List
	switch {
	case errors.As(err, &list) && isUnknownBuiltin(list):
		c.errf("scenario", "%s", list.Items[0].Message)
	case errors.As(err, &list):
		for _, it := range list.Items {
			c.d.diags.Add(it)
		}
		c.errf("scenario", "the base scenario %q has the problems listed; fix them or choose another scenario", c.f().Scenario)
	default:
		c.errf("scenario", "cannot read the base scenario: %v (paths are relative to this file's folder)", err)
	}
}

func (c *sweepChecker) factor(fs FactorSpec, p string) Factor {
	fc := Factor{Path: fs.Path, Name: fs.Name, Log: fs.Scale == "log"}
	if fs.Name != "" && !validName.MatchString(fs.Name) {
		c.errf(p+".name", "%q cannot be a column name: start with a letter and use letters, digits and _", fs.Name)
	}
	if fc.Name == "" {
		fc.Name = strings.ToLower(strings.Trim(columnName.ReplaceAllString(fs.Path, "_"), "_"))
		if fc.Name == "" || !(fc.Name[0] >= 'a' && fc.Name[0] <= 'z') {
			fc.Name = "f_" + fc.Name
		}
	}
	for _, v := range fs.Values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			c.errf(p+".values", "must be finite numbers; got %v", v)
			return fc
		}
	}
	hasRange := fs.Min != nil || fs.Max != nil
	if hasRange {
		switch {
		case fs.Min == nil || fs.Max == nil:
			c.errf(p, "a range needs both min and max")
			return fc
		case !(*fs.Min < *fs.Max):
			c.errf(p+".max", "must be above min (%g); got %g", *fs.Min, *fs.Max)
			return fc
		case fc.Log && *fs.Min <= 0:
			c.errf(p+".min", "a log scale needs min above 0; got %g", *fs.Min)
			return fc
		}
		fc.Min, fc.Max = *fs.Min, *fs.Max
	}
	if len(fs.Values) > 0 && hasRange {
		c.errf(p, "give either values or a range (min and max), not both")
		return fc
	}
	switch c.f().Design {
	case DesignGrid:
		switch {
		case len(fs.Values) > 0:
			if fs.Steps != nil {
				c.errf(p+".steps", "steps spreads a range; with values, leave it out")
			}
			fc.Values = slices.Clone(fs.Values)
			fc.Min, fc.Max = slices.Min(fs.Values), slices.Max(fs.Values)
		case hasRange && fs.Steps != nil:
			for k := range *fs.Steps {
				fc.Values = append(fc.Values, fc.Value(float64(k)/float64(*fs.Steps-1)))
			}
			fc.Values[len(fc.Values)-1] = fc.Max // exactly, whatever the rounding
		case hasRange:
			c.errf(p, "a grid over a range needs steps (the number of values from min to max), for example steps: 5")
		default:
			c.errf(p, "a grid factor needs values, for example values: [0.1, 0.25, 0.5], or min, max and steps")
		}
	case DesignLHS, DesignSobol, DesignMorris:
		switch {
		case len(fs.Values) > 0:
			c.errf(p+".values", "design %s samples a range: give min and max instead of values", c.f().Design)
		case !hasRange:
			c.errf(p, "design %s samples a range: give min and max, for example min: 0.1, max: 1", c.f().Design)
		case fs.Steps != nil:
			c.errf(p+".steps", "steps is for grids; design %s chooses its own points", c.f().Design)
		}
	case DesignList:
		if len(fs.Values) > 0 || hasRange || fs.Steps != nil {
			c.errf(p, "with design list the points come from the points CSV: give only path and name")
		}
	}
	return fc
}

// design checks the fields the design needs and reads a list's points.
func (c *sweepChecker) design() {
	f, sw := c.f(), c.sw
	needSamples := f.Design == DesignLHS || f.Design == DesignSobol || f.Design == DesignMorris
	switch {
	case needSamples && f.Samples == nil:
		hint := map[string]string{DesignLHS: "samples: 100 (points)", DesignSobol: "samples: 1024 (base sample; runs = samples x (factors + 2))", DesignMorris: "samples: 20 (trajectories; runs = samples x (factors + 1))"}[f.Design]
		c.errf("design", "design %s needs samples, for example %s", f.Design, hint)
	case !needSamples && f.Samples != nil:
		c.errf("samples", "design %s does not sample; leave samples out", f.Design)
	}
	if f.Levels != nil && f.Design != DesignMorris {
		c.errf("levels", "levels is for design morris; leave it out")
	}
	if f.Design == DesignSobol && f.Samples != nil && *f.Samples&(*f.Samples-1) != 0 {
		c.errf("samples", "design sobol needs a power of 2 (512, 1024, 2048, ...) so that its quasi-random points stay balanced; got %d", *f.Samples)
	}
	if f.Design == DesignList {
		if f.Points == "" {
			c.errf("design", "design list needs points: a CSV file with one column per factor name")
			return
		}
		pts, err := readPoints(sw.BaseDir, f.Points, sw.Factors)
		if err != nil {
			c.errf("points", "%v", err)
			return
		}
		sw.Points = pts
		for i := range sw.Factors {
			col := make([]float64, len(pts))
			for r, row := range pts {
				col[r] = row[i]
			}
			sw.Factors[i].Min, sw.Factors[i].Max = slices.Min(col), slices.Max(col)
		}
	} else if f.Points != "" {
		c.errf("points", "points is for design list; leave it out")
	}
}

// factorPaths checks every factor's path and its extreme values against the base scenario, as
// --set would: all factors at their lowest values, then at their highest.
func (c *sweepChecker) factorPaths() {
	sw := c.sw
	if sw.Base == nil || len(sw.Factors) == 0 {
		return
	}
	for _, corner := range []string{"lowest", "highest"} {
		var sets []Set
		for _, fc := range sw.Factors {
			v := fc.Min
			if corner == "highest" {
				v = fc.Max
			}
			sets = append(sets, fc.Set(v))
		}
		_, err := sw.LoadPoint(sets, c.opt.ResolveWorld)
		var list *diag.List
		if !errors.As(err, &list) {
			if err != nil {
				c.errf("scenario", "%v", err)
			}
			continue
		}
		const shown = 3 // of the base scenario's own messages: the rest repeat the cause
		other := 0
		for _, it := range list.Items {
			k := slices.IndexFunc(sets, func(s Set) bool { return s.String() == it.File })
			if k < 0 {
				if other++; other <= shown {
					c.errf("factors", "with every factor at its %s value the scenario is invalid: %s", corner, it.Error())
				}
				continue
			}
			msg := it.Message
			if it.Field != "" {
				msg = it.Field + ": " + msg
			}
			c.errf(index("factors", k)+".path", "%s = %s: %s", sets[k].Path, sets[k].Value, msg)
		}
		if other > shown {
			c.errf("factors", "with every factor at its %s value the scenario has %d more problems like these", corner, other-shown)
		}
		return // one corner's messages are enough
	}
}

// metric checks a metric against the world and the variables of series.csv.
func (c *sweepChecker) metric(ms MetricSpec, p string) Metric {
	m := Metric{Variable: ms.Variable, Region: ms.Region, Sector: ms.Sector, Stat: ms.Stat, Name: ms.Name}
	if m.Sector == "" {
		m.Sector = All
	}
	if ms.Name != "" && !validName.MatchString(ms.Name) {
		c.errf(p+".name", "%q cannot be a column name: start with a letter and use letters, digits and _", ms.Name)
	}
	if m.Name == "" {
		m.Name = strings.ToLower(columnName.ReplaceAllString(strings.Join([]string{m.Variable, m.Region, m.Sector, m.Stat}, "_"), "_"))
	}
	base := c.sw.Base
	w := base.World
	rsV, isRS := varIn(sim.RSVars[:], ms.Variable)
	regV, isReg := varIn(sim.RegionVars[:], ms.Variable)
	if !isRS && !isReg {
		var names []string
		for _, vs := range [][]sim.Variable{sim.RSVars[:], sim.RegionVars[:]} {
			for _, v := range vs {
				if !slices.Contains(names, v.Name) {
					names = append(names, v.Name)
				}
			}
		}
		c.errf(p+".variable", "unknown variable %q; %s", ms.Variable, diag.DidYouMean(ms.Variable, names))
		return m
	}
	if m.Region != All && !slices.Contains(w.RegionCodes(), m.Region) {
		c.errf(p+".region", "unknown region %q in world %q; %s", m.Region, w.Name, didYouMeanCode(m.Region, w.Regions))
	}
	if m.Sector != All && !slices.Contains(w.SectorCodes(), m.Sector) {
		c.errf(p+".sector", "unknown sector %q in world %q; %s", m.Sector, w.Name, didYouMeanCode(m.Sector, w.Sectors))
	}
	// The series that exist are those of series.csv: totals (ALL) of additive variables only.
	var v sim.Variable
	switch {
	case m.Sector == All && isReg:
		v = regV
		if m.Region == All && !v.Additive {
			c.errf(p+".region", "%s has no world total (it is not additive): give a region", m.Variable)
		}
	case m.Sector == All:
		v = rsV
		if !v.Additive {
			c.errf(p+".sector", "%s has no total over sectors (it is not additive): give a sector", m.Variable)
		}
	case !isRS:
		c.errf(p+".sector", "%s is reported by region only: write sector: ALL", m.Variable)
		return m
	default:
		v = rsV
		if m.Region == All && !v.Additive {
			c.errf(p+".region", "%s has no total over regions (it is not additive): give a region", m.Variable)
		}
	}
	if m.Stat == StatCumulative && !v.Additive {
		c.errf(p+".stat", "cumulative sums scenario minus baseline over months; %s is not additive: use mean, peak, trough or end", m.Variable)
	}
	sc := base.Scenario
	m.From, m.To = 0, sc.Horizon-1
	for _, x := range []struct {
		field, val string
		to         *int
	}{{"from", ms.From, &m.From}, {"to", ms.To, &m.To}} {
		if x.val == "" {
			continue
		}
		month, err := sim.ParseMonth(x.val)
		if err != nil {
			c.errf(p+"."+x.field, "must be a month written YYYY-MM; got %q", x.val)
			continue
		}
		t := int(month - sc.Start)
		if t < 0 || t >= sc.Horizon {
			c.errf(p+"."+x.field, "%s is outside the base scenario's horizon (%s to %s)", x.val, sc.Start, sc.End())
			continue
		}
		*x.to = t
	}
	if m.From > m.To {
		c.errf(p+".to", "the window ends (%s) before it begins (%s)", ms.To, ms.From)
	}
	return m
}

// varIn finds a variable by name in one of sim's lists.
func varIn(vs []sim.Variable, name string) (sim.Variable, bool) {
	for _, v := range vs {
		if v.Name == name {
			return v, true
		}
	}
	return sim.Variable{}, false
}

// All is the region or sector code of totals.
const All = "ALL"

// LoadPoint loads the base scenario with sets (a point's factor values), relative to the
// sweep file's folder.
func (sw *Sweep) LoadPoint(sets []Set, resolve WorldResolver) (*Loaded, error) {
	l := &loader{opt: LoadOptions{ResolveWorld: resolve, Sets: sets}, worlds: map[string]worldResult{}}
	return l.load(sw.BaseRef, sw.BaseDir)
}

// Runs is the number of runs the sweep plans.
func (sw *Sweep) Runs() int {
	k := len(sw.Factors)
	switch sw.Design {
	case DesignGrid:
		n := 1
		for _, f := range sw.Factors {
			n *= max(1, len(f.Values))
			if n > MaxRuns {
				return MaxRuns + 1
			}
		}
		return n
	case DesignLHS:
		return sw.Samples
	case DesignSobol:
		return sw.Samples * (k + 2)
	case DesignMorris:
		return sw.Samples * (k + 1)
	case DesignList:
		return len(sw.Points)
	}
	return 0
}
