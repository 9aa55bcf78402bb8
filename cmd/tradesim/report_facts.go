package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/tradesim/tradesim/output"
	"github.com/tradesim/tradesim/scenarios"
	"github.com/tradesim/tradesim/scenarios/worlds"
)

func builtinScenario(name string) ([]byte, error) { return scenarios.Builtin(name) }

// scenarioFacts reads what a brief says about the scenario from the run's manifest (the
// scenario as parsed, in JSON), the scenario file and the world.
func scenarioFacts(m *output.Manifest) *output.ScenarioFacts {
	f := &output.ScenarioFacts{Terms: map[string]string{}}
	f.File, f.FileNote = scenarioText(m)
	f.WorldNote = worldNote(m)
	sc, _ := m.Scenario.(map[string]any)
	if sc == nil {
		return f
	}
	f.Description, _ = sc["description"].(string)
	for _, s := range list(sc["sources"]) {
		if s, ok := s.(string); ok {
			f.Sources = append(f.Sources, s)
		}
	}
	for _, p := range list(sc["policies"]) {
		if p, ok := p.(map[string]any); ok {
			id, _ := p["id"].(string)
			f.Terms[id] = measureTerms(p)
		}
	}
	for _, r := range list(sc["rules"]) {
		r, _ := r.(map[string]any)
		then, ok := r["then"].(map[string]any)
		if !ok {
			continue
		}
		id, _ := then["id"].(string)
		if id == "" {
			id, _ = r["id"].(string)
		}
		f.Terms[id] = measureTerms(then)
	}
	for _, k := range []string{"rationing", "revenue"} {
		if v, ok := sc[k].(string); ok && v != "" {
			f.Settings = append(f.Settings, k+": "+v)
		}
	}
	if ps, ok := sc["parameters"].(map[string]any); ok {
		for _, k := range sortedKeys(ps) {
			f.Settings = append(f.Settings, fmt.Sprintf("%s = %v", k, ps[k]))
		}
	}
	if us, ok := sc["uncertainty"].(map[string]any); ok {
		for _, k := range sortedKeys(us) {
			d, _ := us[k].(map[string]any)
			var parts []string
			for _, p := range []string{"mean", "sd", "min", "mode", "max"} {
				if v, ok := d[p]; ok {
					parts = append(parts, fmt.Sprintf("%s %v", p, v))
				}
			}
			dist, _ := d["dist"].(string)
			f.Uncertainty = append(f.Uncertainty, fmt.Sprintf("%s × a %s multiplier (%s)", k, dist, strings.Join(parts, ", ")))
		}
	}
	return f
}

// measureTerms says what a measure does, in words: "rate 25%", "licence: 25% of orders
// approved, 2 months' delay, fee 15% borne by the exporter".
func measureTerms(p map[string]any) string {
	pct := func(k string) (string, bool) {
		x, ok := p[k].(float64)
		if !ok {
			return "", false
		}
		return strconv.FormatFloat(100*x, 'f', -1, 64) + "%", true
	}
	var parts []string
	if s, ok := pct("rate"); ok {
		parts = append(parts, "rate "+s)
	}
	if mode, ok := p["mode"].(string); ok {
		parts = append(parts, mode)
	}
	if s, ok := pct("limit"); ok {
		parts = append(parts, "limit "+s+" of the base flow")
	}
	if s, ok := pct("approval"); ok {
		parts = append(parts, s+" of orders approved")
	}
	if d, ok := p["delay"].(float64); ok && d > 0 {
		parts = append(parts, fmt.Sprintf("%g %s delay", d, map[bool]string{true: "month's", false: "months'"}[d == 1]))
	}
	if s, ok := pct("fee"); ok {
		by, _ := p["fee_borne_by"].(string)
		if by == "" {
			by = "exporter"
		}
		parts = append(parts, "fee "+s+" borne by the "+by)
	}
	if d, ok := p["phase_in"].(float64); ok && d > 0 {
		parts = append(parts, fmt.Sprintf("phased in over %g months", d))
	}
	if s, ok := pct("share"); ok {
		parts = append(parts, s+" of capacity out of use")
	}
	if d, ok := p["recovery"].(float64); ok && d > 0 {
		parts = append(parts, fmt.Sprintf("back over %g months", d))
	}
	if s, ok := pct("leakage"); ok {
		parts = append(parts, "leakage "+s)
	}
	return strings.Join(parts, ", ")
}

// worldNote names the run's world with its base year, when the world can be read and is the
// one the run used.
func worldNote(m *output.Manifest) string {
	base := ""
	if !strings.HasPrefix(m.ScenarioSource, "builtin:") {
		base = filepath.Dir(m.ScenarioSource)
	}
	f, err := worlds.ResolveFolder(m.World, base)
	if err != nil || worlds.Digest(f.World) != m.WorldSHA256 {
		return fmt.Sprintf("%s (not readable now, or changed since the run; its hash identifies it)", m.World)
	}
	w := f.World
	return fmt.Sprintf("%s: %s, base year %d, flows in %s, %d regions and %d sectors", m.World, w.Name, w.BaseYear, w.Currency, len(m.Regions), len(m.Sectors))
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
