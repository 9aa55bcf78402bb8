package output

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// NewRunBrief builds the brief of a finished run: summary in words, policy timeline, headline
// tables, annual figures, the chart pack, the methods box and the scenario file.
func NewRunBrief(run *LoadedRun, facts *ScenarioFacts) (*Brief, error) {
	m, b := run.Manifest, run.Bands
	e := NewExtremes(run.Summary)
	regions := m.Regions
	title := m.ScenarioTitle
	if title == "" {
		title = m.ScenarioName
	}
	br := &Brief{
		Title: title,
		Subtitle: fmt.Sprintf("Scenario %s, %s, against the baseline: %s. %d replicates; tradesim %s.",
			m.ScenarioName, periodText(b.Start, b.Steps), BaselineText(m.ScenarioName, m.Baseline), m.Replicates, m.Version),
		Summary:        summarySentences(b, run.Summary, e, regions, m.Policies),
		ScenarioName:   m.ScenarioName,
		ScenarioSHA256: m.ScenarioSHA256,
	}
	if facts == nil {
		facts = &ScenarioFacts{}
	}
	br.ScenarioFile, br.ScenarioNote = facts.File, facts.FileNote

	policy := BriefSection{ID: "policies", Heading: "Policies", Tables: []BriefTable{timelineTable(m.Policies, facts)}}
	if facts.Description != "" {
		policy.Text = append(policy.Text, strings.TrimSpace(facts.Description))
	}
	if len(facts.Sources) > 0 {
		policy.Text = append(policy.Text, "Sources: "+strings.Join(facts.Sources, "; ")+".")
	}
	br.Sections = append(br.Sections, policy)

	headline := BriefSection{ID: "headline", Heading: "Headline effects",
		Tables: []BriefTable{regionTable(b, e, regions), sectorTable(b, run.Summary, e, 10)}}
	if t, ok := shortageTable(b, e); ok {
		headline.Tables = append(headline.Tables, t)
	} else {
		headline.Text = append(headline.Text, fmt.Sprintf("No region-sector runs short of supply: no median shortage rate rises by %g points or more.", ShortageThreshold))
	}
	br.Sections = append(br.Sections, headline)
	if ts := annualTables(b, regions); len(ts) > 0 {
		br.Sections = append(br.Sections, BriefSection{ID: "annual", Heading: "Annual averages and Q4/Q4", Tables: ts})
	}
	charts, notes, err := runCharts(run)
	if err != nil {
		return nil, err
	}
	br.Sections = append(br.Sections, BriefSection{ID: "charts", Heading: "Charts", Text: notes, Charts: charts})
	br.Methods = methodsLines(m, facts)
	return br, nil
}

// runCharts renders the chart pack of a run at page size, as SVG, from its bands; the flow
// chart, which needs the replicates' flows, comes from the run's own charts/ folder when it
// drew one.
func runCharts(run *LoadedRun) ([]BriefChart, []string, error) {
	figs, notes := DefaultPack(PackInput{Bands: run.Bands, Summary: run.Summary,
		Regions: run.Manifest.Regions, Sectors: run.Manifest.Sectors, Meta: run.Meta(SizePage)})
	var out []BriefChart
	for _, f := range figs {
		var buf bytes.Buffer
		if err := f.WriteTo(&buf, "svg", false); err != nil {
			return nil, nil, err
		}
		out = append(out, BriefChart{Name: f.Name, Title: f.Title, SVG: buf.Bytes()})
	}
	if svg, err := os.ReadFile(filepath.Join(run.Dir, "charts", "flows_policy_routes.svg")); err == nil {
		out = append(out, BriefChart{Name: "flows_policy_routes", Title: "Trade on the policy routes", SVG: svg})
	}
	return out, notes, nil
}

// methodsLines is the methods box: model and version, world, settings, uncertainty, seeds.
func methodsLines(m *Manifest, facts *ScenarioFacts) []string {
	world := m.World
	if facts.WorldNote != "" {
		world = facts.WorldNote
	}
	out := []string{
		fmt.Sprintf("Model: tradesim %s, a monthly agent-based model of firms trading across regions and sectors; the scenario and its baseline run side by side with the same random draws, so each replicate's difference is the policy's effect.", m.Version),
		fmt.Sprintf("World: %s (SHA-256 %s).", world, short(m.WorldSHA256)),
		fmt.Sprintf("Baseline: %s.", BaselineText(m.ScenarioName, m.Baseline)),
		fmt.Sprintf("Replicates: %d, seed %d, %d firms per region and sector; period %s to %s.", m.Replicates, m.Seed, m.Firms, m.Start, m.End),
	}
	if len(facts.Settings) > 0 {
		out = append(out, "Settings that differ from the defaults: "+strings.Join(facts.Settings, "; ")+".")
	} else {
		out = append(out, "Settings: the defaults (no parameter overrides).")
	}
	unc := "Uncertainty: the bands are the 5th and 95th percentiles over replicates. Each replicate draws the random choices of firms and buyers"
	if len(facts.Uncertainty) > 0 {
		unc += " and these parameters: " + strings.Join(facts.Uncertainty, "; ")
	}
	unc += ". The bands do not cover errors in the model's structure or in the world data."
	out = append(out, unc,
		"Deviations are percent from the baseline for levels and percentage points for rates (shortage and unemployment rates); the trade balance moves in USD bn a month.")
	return out
}

// short abbreviates a hash for a sentence.
func short(h string) string {
	if len(h) > 12 {
		return h[:12] + "…"
	}
	return h
}
