package output

import (
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the brief as Markdown; its charts are referenced as chartDir/NAME.svg,
// files the caller writes beside it (BriefChart.SVG).
func (br *Brief) WriteMarkdown(w io.Writer, chartDir string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n## Summary\n\n%s\n", mdText(br.Title), mdText(br.Subtitle), mdText(strings.Join(br.Summary, " ")))
	for _, s := range br.Sections {
		fmt.Fprintf(&b, "\n## %s\n", mdText(s.Heading))
		for _, t := range s.Text {
			fmt.Fprintf(&b, "\n%s\n", mdText(t))
		}
		for _, t := range s.Tables {
			writeMarkdownTable(&b, t)
		}
		for _, c := range s.Charts {
			fmt.Fprintf(&b, "\n![%s](%s/%s.svg)\n", mdText(c.Title), chartDir, c.Name)
		}
	}
	b.WriteString("\n## Methods\n\n")
	for _, m := range br.Methods {
		fmt.Fprintf(&b, "- %s\n", mdText(m))
	}
	fmt.Fprintf(&b, "\n## Appendix: the scenario\n\nScenario `%s`, SHA-256 `%s`.", br.ScenarioName, br.ScenarioSHA256)
	if br.ScenarioNote != "" {
		fmt.Fprintf(&b, " %s", mdText(br.ScenarioNote))
	}
	b.WriteString("\n")
	if br.ScenarioFile != "" {
		fence := "```"
		for strings.Contains(br.ScenarioFile, fence) {
			fence += "`"
		}
		fmt.Fprintf(&b, "\n%syaml\n%s\n%s\n", fence, strings.TrimRight(br.ScenarioFile, "\n"), fence)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeMarkdownTable(b *strings.Builder, t BriefTable) {
	fmt.Fprintf(b, "\n**%s**\n\n", mdText(t.Caption))
	cells := func(row []string) {
		b.WriteString("|")
		for _, c := range row {
			fmt.Fprintf(b, " %s |", strings.ReplaceAll(mdText(c), "|", `\|`))
		}
		b.WriteString("\n")
	}
	cells(t.Header)
	b.WriteString("|")
	for i := range t.Header {
		if i < len(t.Numeric) && t.Numeric[i] {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for _, r := range t.Rows {
		cells(r)
	}
	if t.Note != "" {
		fmt.Fprintf(b, "\n%s\n", mdText(t.Note))
	}
}

// mdText keeps user text from turning into Markdown markup: it escapes the characters that
// start emphasis, links, code and HTML.
func mdText(s string) string {
	return mdEscaper.Replace(s)
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "#", `\#`)
