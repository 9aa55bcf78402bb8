package output

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/tradesim/tradesim/sim"
)

// writeBriefFixture writes a fixed results folder (the synthetic run, 5 replicates, CSV and
// JSON, with a policy and a rule's measure) and returns its brief.
func writeBriefFixture(t *testing.T, dir string) *Brief {
	t.Helper()
	ctx := context.Background()
	res := syntheticResult(5)
	tb, err := NewTables(ctx, res)
	if err != nil {
		t.Fatal(err)
	}
	f, err := NewFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := tb.Write(ctx, f, Formats{CSV: true, JSON: true}, false); err != nil {
		t.Fatal(err)
	}
	m := &Manifest{Tool: "tradesim", Version: "test", ScenarioName: "synthetic", ScenarioTitle: "Synthetic AIC controls <test data>",
		ScenarioSource: "synthetic.yaml", ScenarioSHA256: "0123abcd", Baseline: tb.Bands.Baseline, World: "default", WorldSHA256: "feed",
		Seed: 7, Replicates: 5, Firms: 3, Start: "2025-01", End: "2026-06", Regions: res.Regions, Sectors: res.Sectors,
		Policies: []PolicyWindow{
			{ID: "aic-control", Type: "export_control", Exporters: []string{"CHN"}, Importers: []string{"USA"}, Sectors: []string{"AIC"}, Start: "2025-04", End: "2026-06"},
			{ID: "retaliation", Type: "tariff", Exporters: []string{"USA"}, Importers: []string{"CHN"}, Sectors: []string{"REE"}, Start: "2025-09", End: "2026-06", Note: "rule tit-for-tat fired in 4 of 5 replicates"},
		}}
	if err := f.WriteManifest(m); err != nil {
		t.Fatal(err)
	}
	run, err := LoadRun(dir)
	if err != nil {
		t.Fatal(err)
	}
	br, err := NewRunBrief(run, &ScenarioFacts{
		Description: "China licenses AIC exports to the USA; the USA answers with a tariff.",
		Sources:     []string{"Test source, 2025"},
		Terms:       map[string]string{"aic-control": "license, 25% of orders approved", "retaliation": "rate 25%"},
		Settings:    []string{"rationing: proportional"},
		File:        "name: synthetic\nstart: 2025-01\nhorizon: 18\n", FileNote: "The file below is synthetic.yaml.",
	})
	if err != nil {
		t.Fatal(err)
	}
	return br
}

// briefOutline is the structure of an HTML brief, one line per landmark: sections, headings,
// table captions with their header cells, figures and list items counted per list.
func briefOutline(t *testing.T, doc []byte) string {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var text func(*html.Node) string
	text = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return n.Data
		}
		var s string
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			s += text(c)
		}
		return s
	}
	attr := func(n *html.Node, k string) string {
		for _, a := range n.Attr {
			if a.Key == k {
				return a.Val
			}
		}
		return ""
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "section":
				b.WriteString("section#" + attr(n, "id") + "\n")
			case "h1", "h2":
				b.WriteString("  " + n.Data + " " + strings.TrimSpace(text(n)) + "\n")
			case "caption":
				b.WriteString("  table " + strings.TrimSpace(text(n)) + "\n")
			case "thead":
				var ths []string
				for tr := n.FirstChild; tr != nil; tr = tr.NextSibling {
					for th := tr.FirstChild; th != nil; th = th.NextSibling {
						ths = append(ths, text(th))
					}
				}
				b.WriteString("    | " + strings.Join(ths, " | ") + "\n")
			case "figure":
				b.WriteString("  figure#" + attr(n, "id") + "\n")
				return
			case "ul":
				n := strings.Count(text(n), "\n") - 1
				b.WriteString("  list of " + strings.Repeat("*", n) + "\n")
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return b.String()
}

// TestBriefHTML: the brief of a fixed results folder has the expected structure (golden),
// parses with every element closed, escapes user text, and references no URL.
func TestBriefHTML(t *testing.T) {
	br := writeBriefFixture(t, t.TempDir())
	var buf bytes.Buffer
	if err := br.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	doc := buf.Bytes()
	golden := filepath.Join("testdata", "brief_structure.golden")
	got := briefOutline(t, doc)
	if *regen {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("brief structure differs from %s (go test -run TestBriefHTML -regen rewrites it):\n%s", golden, got)
	}
	checkWellFormed(t, doc)
	checkNoURL(t, doc)
	if bytes.Contains(doc, []byte("<test data>")) || !bytes.Contains(doc, []byte("&lt;test data&gt;")) {
		t.Error("the scenario title is not escaped")
	}
	for _, want := range []string{"falls", "at its trough in", "rule tit-for-tat fired in 4 of 5 replicates", "rate 25%", "2026 average (6 months)", "SHA-256 <code>0123abcd</code>"} {
		if !bytes.Contains(doc, []byte(want)) {
			t.Errorf("the brief lacks %q", want)
		}
	}
}

// voidElements have no end tag in HTML.
var voidElements = map[string]bool{"meta": true, "br": true, "hr": true, "img": true, "input": true, "link": true, "col": true, "wbr": true}

// checkWellFormed fails unless every element is closed in order (the browser's parser would
// repair anything else, silently).
func checkWellFormed(t *testing.T, doc []byte) {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(doc))
	var stack []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatal(z.Err())
			}
			if len(stack) > 0 {
				t.Errorf("unclosed elements at the end: %v", stack)
			}
			return
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				stack = append(stack, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				t.Fatalf("</%s> closes %v", name, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
}

var urlInCSS = regexp.MustCompile(`(?i)url\s*\(|@import`)

// checkNoURL fails if the document would load or link anything: an attribute naming a URL
// (src, href, xlink:href, srcset, action, xmlns), CSS url() or @import, or any "http".
func checkNoURL(t *testing.T, doc []byte) {
	t.Helper()
	if bytes.Contains(bytes.ToLower(doc), []byte("http")) || bytes.Contains(doc, []byte("://")) {
		t.Error("the brief contains a URL")
	}
	if urlInCSS.Match(doc) {
		t.Error("the brief's CSS loads something")
	}
	z := html.NewTokenizer(bytes.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			switch key := string(k); {
			case key == "src" || key == "href" || key == "xlink:href" || key == "srcset" || key == "action" || strings.HasPrefix(key, "xmlns"):
				t.Errorf("<%s %s=%q> references a resource", name, k, v)
			case bytes.HasPrefix(bytes.TrimSpace(v), []byte("data:")):
				t.Errorf("<%s %s=%q> holds a data URL", name, k, v)
			}
		}
		if string(name) == "script" || string(name) == "link" || string(name) == "iframe" {
			t.Errorf("the brief has a <%s> element", name)
		}
	}
}

// TestBriefMarkdown: the Markdown brief has the same sections and tables, and points at its
// charts by relative path.
func TestBriefMarkdown(t *testing.T) {
	br := writeBriefFixture(t, t.TempDir())
	var buf bytes.Buffer
	if err := br.WriteMarkdown(&buf, "brief_charts"); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{"# Synthetic AIC controls &lt;test data&gt;", "## Summary", "## Policies", "**Policy timeline**",
		"| region | Welfare (% from baseline) | Real GDP (% from baseline) |", "---:|", "## Annual averages and Q4/Q4", "![", "](brief_charts/fan_output_", "## Methods", "```yaml\nname: synthetic"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown brief lacks %q", want)
		}
	}
	if strings.Contains(md, "http") {
		t.Error("the Markdown brief holds a URL")
	}
}

// TestInlineSVG: a chart's SVG loses its prolog, namespaces and fixed size, and keeps its
// viewBox and content.
func TestInlineSVG(t *testing.T) {
	svg := []byte(`<?xml version="1.0"?>
<!-- Generated by SVGo -->
<svg width="720pt" height="405pt" viewBox="0 0 720 405"
	xmlns="http://www.w3.org/2000/svg"
	xmlns:xlink="http://www.w3.org/1999/xlink">
<path d="M0,0L1,1" style="fill:#FFFFFF" />
</svg>`)
	got := InlineSVG(svg, `a "title"`)
	want := `<svg role="img" aria-label="a &#34;title&#34;" viewBox="0 0 720 405">
<path d="M0,0L1,1" style="fill:#FFFFFF" />
</svg>`
	if got != want {
		t.Errorf("InlineSVG =\n%s\nwant\n%s", got, want)
	}
}

// TestAnnualTables: annual averages of the median deviation and Q4/Q4 growth differences,
// on a path computed by hand: real GDP 100 in the baseline, 99 in the scenario from 2026-01.
func TestAnnualTables(t *testing.T) {
	const steps = 24
	b := &SeriesBands{Scenario: "s", Start: sim.NewMonth(2025, 1), Steps: steps, Replicates: 1,
		Keys: []Key{{"USA", All, "gdp_real"}}, Vars: []sim.Variable{sim.RegionVars[sim.VarGDPReal]},
		Value: make([][]sim.Band, 1), Base: make([][]sim.Band, 1), Dev: make([][]sim.Band, 1)}
	for t := range steps {
		v := 100.0
		if t >= 12 {
			v = 99
		}
		b.Value[0] = append(b.Value[0], sim.Band{P50: v})
		b.Base[0] = append(b.Base[0], sim.Band{P50: 100})
		b.Dev[0] = append(b.Dev[0], sim.Band{P50: 100 * (v/100 - 1)})
	}
	ts := annualTables(b, []string{"USA"})
	if len(ts) != 1 {
		t.Fatalf("%d tables, want 1 (real GDP)", len(ts))
	}
	want := []string{"region", "2025 average", "2026 average", "Q4/Q4 2026"}
	if strings.Join(ts[0].Header, "|") != strings.Join(want, "|") {
		t.Errorf("header %q, want %q", ts[0].Header, want)
	}
	// 2025: no change; 2026: -1% all year; Q4/Q4 2026: 99/100 - 1 = -1% against 0% in the baseline.
	if got := strings.Join(ts[0].Rows[0], "|"); got != "USA|0.0|−1.0|−1.0" {
		t.Errorf("row %s, want USA|0.0|−1.0|−1.0", got)
	}
}
