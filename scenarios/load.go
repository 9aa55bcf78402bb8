package scenarios

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/sim"
)

// WorldResolver returns the world a scenario names in its world field: ref is "default" or a
// path to a world folder, relative to baseDir (the scenario file's folder; "" for built-ins).
type WorldResolver func(ref, baseDir string) (*sim.World, error)

// LoadOptions configure Load.
type LoadOptions struct {
	ResolveWorld WorldResolver // required
	// Sets change fields of the scenario (not of its baseline) before it is checked; messages
	// about their values are filed under --set PATH=VALUE.
	Sets []Set
}

// Loaded is a validated scenario with everything a run needs.
type Loaded struct {
	Name   string
	Path   string // the file's path, or "builtin:NAME" for a built-in
	Source []byte // the file's bytes
	SHA256 string // hex SHA-256 of Source
	File   *File  // as parsed; JSON-marshalable for a run's manifest

	World    *sim.World
	WorldRef string // the world field as written ("default" when absent)

	Scenario *sim.Scenario
	// Notes are values that are valid but probably not what was meant (rate: 5 is 500%), with
	// their positions; a command shows them and goes on.
	Notes []diag.Diagnostic
	// Baseline is never nil: the scenario without its policies and rules (baseline: null), or
	// this scenario's start, horizon, seed, replicates, parameters and uncertainty with the
	// policies and rules of the scenario that baseline names (sim/README.md §8), so that both share
	// every random draw.
	Baseline     *sim.Scenario
	BaselineName string // "" when the baseline is derived
	Firms        int    // firms per region-sector: the file's firms or sim.DefaultFirms
	Sets         []Set  // the changes made to the file (Source is the file as written)

	worldKey string // canonical world reference, to compare a scenario's and its baseline's worlds
}

// Load reads a scenario file path or a built-in name, validates it against its world, resolves
// its baseline, and returns everything a run needs. ref is a path when a file of that name
// exists, or it ends in .yaml or .yml, or it contains a slash; otherwise it names a built-in.
// Problems in the input are returned as a *diag.List with every message; an unreadable file
// returns an error that reads FILE: message and wraps the file-system error.
func Load(ref string, opt LoadOptions) (*Loaded, error) {
	if opt.ResolveWorld == nil {
		return nil, errors.New("scenarios: LoadOptions.ResolveWorld is nil")
	}
	l := &loader{opt: opt, worlds: map[string]worldResult{}}
	return l.load(ref, "")
}

// loadBytes is Load for a scenario given as bytes: name is used in messages, and relative
// references start from dir.
func loadBytes(name string, data []byte, dir string, opt LoadOptions) (*Loaded, error) {
	l := &loader{opt: opt, worlds: map[string]worldResult{}}
	key := "bytes:" + name
	l.stack, l.names = []string{key}, []string{name}
	return l.loadSource(&source{name: name, path: name, dir: dir, key: key, data: data})
}

// isPathIn reports whether a reference written in a file in folder dir (or given on the command
// line, dir "") names a file rather than a built-in: a file of that name exists, or it ends in
// .yaml or .yml, or it contains a slash.
func isPathIn(ref, dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, ref)); err == nil {
		return true
	}
	ext := strings.ToLower(filepath.Ext(ref))
	return ext == ".yaml" || ext == ".yml" || strings.ContainsAny(ref, `/\`)
}

type worldResult struct {
	w   *sim.World
	err error
}

type loader struct {
	opt    LoadOptions
	stack  []string // keys of the scenarios being loaded, outermost first: cycle detection
	names  []string // their names for messages
	worlds map[string]worldResult
}

// source is a scenario's bytes and where they came from.
type source struct {
	name    string // for messages: the path as given, or the built-in's name
	path    string // Loaded.Path
	dir     string // folder that relative references start from; "" for built-ins
	key     string // canonical identity for cycle detection
	builtin bool
	data    []byte
}

// errCycle is returned by load when ref is already being loaded further up the chain.
type errCycle struct{ chain []string }

func (e *errCycle) Error() string { return "baseline cycle: " + strings.Join(e.chain, " -> ") }

func (l *loader) load(ref, relDir string) (*Loaded, error) {
	src, err := l.open(ref, relDir)
	if err != nil {
		return nil, err
	}
	if i := slices.Index(l.stack, src.key); i >= 0 {
		return nil, &errCycle{chain: append(append([]string(nil), l.names[i:]...), src.name)}
	}
	l.stack, l.names = append(l.stack, src.key), append(l.names, src.name)
	defer func() { l.stack, l.names = l.stack[:len(l.stack)-1], l.names[:len(l.names)-1] }()
	return l.loadSource(src)
}

func (l *loader) open(ref, relDir string) (*source, error) {
	if !isPathIn(ref, relDir) {
		data, err := Builtin(ref)
		if err != nil {
			for _, ext := range []string{".yaml", ".yml"} {
				if st, statErr := os.Stat(filepath.Join(relDir, ref+ext)); statErr == nil && st.Mode().IsRegular() {
					return nil, listOf(diag.Diagnostic{File: ref, Message: fmt.Sprintf("%s; did you mean the file %s?", unknownBuiltinPrefix, ref+ext)})
				}
			}
			return nil, err
		}
		return &source{name: ref, path: "builtin:" + ref, key: "builtin:" + ref, builtin: true, data: data}, nil
	}
	path := ref
	if relDir != "" && !filepath.IsAbs(ref) {
		path = filepath.Join(relDir, ref)
	}
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &fileError{path, "no such file; check the path (a built-in is named without .yaml: see tradesim scenarios list)", err}
	}
	if err != nil {
		return nil, &fileError{path, "cannot read it: " + err.Error(), err}
	}
	if st.IsDir() {
		return nil, listOf(diag.Diagnostic{File: path, Message: "is a folder, not a scenario file (a world folder is named in a scenario's world field)"})
	}
	if !st.Mode().IsRegular() {
		// A device or a pipe could block or never end; scenario files are plain files.
		return nil, listOf(diag.Diagnostic{File: path, Message: "is not a regular file; save the scenario to a file and name that"})
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &fileError{path, "cannot read it: " + err.Error(), err}
	}
	defer f.Close()
	// Read one byte past the limit, never the whole of a huge file.
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, &fileError{path, "cannot read it: " + err.Error(), err}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return &source{name: path, path: path, dir: filepath.Dir(path), key: abs, data: data}, nil
}

// fileError is a scenario file that cannot be read. It prints as FILE: message, like the
// problems of a file that can be read, and unwraps to the file-system error (fs.ErrNotExist for
// a missing file).
type fileError struct {
	path, msg string
	err       error
}

func (e *fileError) Error() string { return e.path + ": " + e.msg }
func (e *fileError) Unwrap() error { return e.err }

func listOf(ds ...diag.Diagnostic) *diag.List {
	l := &diag.List{}
	for _, d := range ds {
		l.Add(d)
	}
	return l
}

func (l *loader) world(ref, dir string) (*sim.World, string, error) {
	key := ref
	if ref != DefaultWorld {
		p := ref
		if dir != "" && !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		key = p
	}
	r, ok := l.worlds[key]
	if !ok {
		r.w, r.err = l.opt.ResolveWorld(ref, dir)
		l.worlds[key] = r
	}
	return r.w, key, r.err
}

func (l *loader) loadSource(src *source) (*Loaded, error) {
	diags := &diag.List{}
	var sets []Set
	if len(l.stack) == 1 { // the scenario itself, not a baseline it names
		sets = l.opt.Sets
	}
	defer func() { fileUnderSets(src.name, sets, diags.Items) }()
	f, d := parse(src.name, src.data, sets, diags)
	if f == nil {
		return nil, diags.Err()
	}
	worldRef := f.World
	if worldRef == "" {
		worldRef = DefaultWorld
	}
	var w *sim.World
	var worldKey string
	if src.builtin && worldRef != DefaultWorld {
		pos := d.vals["world"]
		diags.Addf(src.name, pos.Line, pos.Col, "world", "a built-in scenario runs on the default world")
	} else {
		var err error
		w, worldKey, err = l.world(worldRef, src.dir)
		if err != nil {
			pos, ok := d.vals["world"]
			if !ok {
				pos = position{1, 1}
			}
			msg := fmt.Sprintf("cannot use world %q: %v", worldRef, err)
			if _, statErr := os.Stat(filepath.Join(src.dir, worldRef)); statErr != nil && diag.Suggest(worldRef, []string{DefaultWorld}) != "" {
				msg = fmt.Sprintf("there is no world folder %q; did you mean %q, the built-in world?", worldRef, DefaultWorld)
			}
			diags.Addf(src.name, pos.Line, pos.Col, "world", "%s", msg)
			w = nil
		}
	}
	s, notes := check(f, d, w)
	fileUnderSets(src.name, sets, notes)
	if diags.Len() > 0 {
		return nil, diags.Err()
	}
	sum := sha256.Sum256(src.data)
	out := &Loaded{
		Name: f.Name, Path: src.path, Source: src.data, SHA256: hex.EncodeToString(sum[:]), File: f,
		World: w, WorldRef: worldRef, Scenario: s, Notes: notes, Firms: sim.DefaultFirms, worldKey: worldKey, Sets: sets,
	}
	if f.Firms != nil {
		out.Firms = *f.Firms
	}
	if f.Baseline == nil {
		out.Baseline = withMeasures(s, nil, nil)
		out.Baseline.Name = s.Name + " baseline"
		out.Baseline.Title = "No policy change: " + s.Name + " without its policies and rules"
		return out, nil
	}
	l.baseline(src, d, out, *f.Baseline, diags)
	if diags.Len() > 0 {
		return nil, diags.Err()
	}
	return out, nil
}

// baseline loads the scenario that baseline names and gives out a baseline with this
// scenario's settings and the named scenario's policies and rules.
func (l *loader) baseline(src *source, d *decoder, out *Loaded, ref string, diags *diag.List) {
	pos := d.vals["baseline"]
	report := func(format string, args ...any) {
		diags.Addf(src.name, pos.Line, pos.Col, "baseline", format, args...)
	}
	if src.builtin && isPathIn(ref, "") {
		report("a built-in scenario's baseline must be another built-in's name, not the path %q", ref)
		return
	}
	b, err := l.load(ref, src.dir)
	if err != nil {
		var list *diag.List
		var cyc *errCycle
		switch {
		case errors.As(err, &cyc):
			report("%q leads back to this scenario (%s); a baseline cannot depend on the scenario it is the baseline of", ref, strings.Join(cyc.chain, " -> "))
		case errors.As(err, &list) && isUnknownBuiltin(list):
			report("%s", list.Items[0].Message)
		case errors.As(err, &list):
			for _, it := range list.Items {
				diags.Add(it)
			}
			report("the baseline scenario %q has the problems listed; fix them or choose another baseline", ref)
		case errors.Is(err, fs.ErrNotExist):
			report("cannot read %q: no such file (paths are relative to this file's folder)", ref)
		default:
			report("cannot read %q: %v", ref, err)
		}
		return
	}
	s := out.Scenario
	if b.worldKey != out.worldKey {
		report("%q runs on world %q but this scenario on %q; a baseline must use the same world", ref, b.WorldRef, out.WorldRef)
		return
	}
	for _, p := range b.Scenario.Policies {
		if p.Start < s.Start || p.Start > s.End() || (p.End != sim.Forever && p.End > s.End()) {
			report("the baseline's policy %q runs from %s to %s, outside this scenario's horizon (%s to %s); align the two scenarios' start and horizon", p.ID, p.Start, p.End, s.Start, s.End())
		}
	}
	out.Baseline = withMeasures(s, b.Scenario.Policies, b.Scenario.Rules)
	out.Baseline.Name, out.Baseline.Title = b.Scenario.Name, b.Scenario.Title
	out.Baseline.Description, out.Baseline.Sources = b.Scenario.Description, b.Scenario.Sources
	out.BaselineName = b.Name
}

// withMeasures copies s with the given policies and rules (deep copies).
func withMeasures(s *sim.Scenario, policies []sim.Policy, rules []sim.Rule) *sim.Scenario {
	c := *s
	c.Sources = slices.Clone(s.Sources)
	c.Parameters = slices.Clone(s.Parameters)
	c.Uncertainty = slices.Clone(s.Uncertainty)
	c.Policies = clonePolicies(policies)
	c.Rules = make([]sim.Rule, len(rules))
	for i, r := range rules {
		c.Rules[i] = r
		c.Rules[i].Lift = slices.Clone(r.Lift)
		if r.Then != nil {
			t := clonePolicies([]sim.Policy{*r.Then})[0]
			c.Rules[i].Then = &t
		}
	}
	return &c
}

func clonePolicies(ps []sim.Policy) []sim.Policy {
	out := make([]sim.Policy, len(ps))
	for i, p := range ps {
		out[i] = p
		out[i].Exporters = slices.Clone(p.Exporters)
		out[i].Importers = slices.Clone(p.Importers)
		out[i].Sectors = slices.Clone(p.Sectors)
	}
	return out
}
