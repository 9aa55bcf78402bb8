package output

import (
	"bytes"
	"html/template"
	"io"
	"regexp"
	"strings"
)

// WriteHTML writes the brief as one self-contained HTML file: CSS and SVG charts inline, no
// script, and no URL of any kind (no link, image source, font or namespace URL), so it opens
// offline, prints on A4 and Letter, and reads on a phone.
func (br *Brief) WriteHTML(w io.Writer) error {
	type chart struct {
		Name, Title string
		SVG         template.HTML
	}
	type section struct {
		BriefSection
		InlineCharts []chart
	}
	data := struct {
		*Brief
		CSS      template.CSS
		Sections []section
	}{Brief: br, CSS: template.CSS(briefCSS)}
	for _, s := range br.Sections {
		sec := section{BriefSection: s}
		for _, c := range s.Charts {
			sec.InlineCharts = append(sec.InlineCharts, chart{c.Name, c.Title, template.HTML(InlineSVG(c.SVG, c.Title))})
		}
		data.Sections = append(data.Sections, sec)
	}
	var buf bytes.Buffer
	if err := briefTemplate.Execute(&buf, data); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

var (
	svgProlog = regexp.MustCompile(`(?s)<\?xml.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>`)
	svgRoot   = regexp.MustCompile(`(?s)<svg\b[^>]*>`)
	svgAttr   = regexp.MustCompile(`\s(?:xmlns(?::\w+)?|width|height)="[^"]*"`)
)

// InlineSVG turns an SVG file into an element for an HTML page: without the XML prolog and
// comments, without namespace declarations (HTML does not need them, and they are URLs), and
// without a fixed size, so the chart scales to the page width through its viewBox. title
// becomes its accessible name.
func InlineSVG(svg []byte, title string) string {
	s := svgProlog.ReplaceAllString(string(svg), "")
	s = svgRoot.ReplaceAllStringFunc(s, func(root string) string {
		root = svgAttr.ReplaceAllString(root, "")
		root = strings.Join(strings.Fields(strings.TrimSuffix(root, ">")), " ") + ">"
		return strings.Replace(root, "<svg", `<svg role="img" aria-label="`+template.HTMLEscapeString(title)+`"`, 1)
	})
	return strings.TrimSpace(s)
}

const briefCSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem 1rem 3rem; font: 16px/1.5 "Liberation Sans", Arial, Helvetica, sans-serif; color: #222; background: #fff; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
p.sub { color: #595959; margin: 0 0 1rem; }
p.summary { font-size: 1.05rem; }
.table-wrap { overflow-x: auto; max-width: 100%; margin: .4rem 0 1rem; }
table { border-collapse: collapse; font-size: .85rem; min-width: 50%; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { padding: .25rem .5rem; border-bottom: 1px solid #e3e3e3; vertical-align: top; text-align: left; }
th { background: #f4f4f4; font-weight: bold; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
p.note { font-size: .8rem; color: #595959; margin: .2rem 0 1rem; }
figure { margin: 1rem 0 1.5rem; }
figure svg { display: block; width: 100%; height: auto; max-width: 100%; }
figcaption { font-size: .8rem; color: #595959; }
.methods { border: 1px solid #bbb; background: #fafafa; padding: .4rem 1rem; margin: 2rem 0; }
.methods h2 { border: 0; margin-top: .6rem; }
.methods li { font-size: .9rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .8rem; background: #f6f6f6; padding: .6rem; border: 1px solid #e3e3e3; }
code { overflow-wrap: anywhere; }
@media (max-width: 40rem) {
  body { padding: 1rem .6rem 2rem; font-size: 15px; }
  h1 { font-size: 1.3rem; }
  table { font-size: .75rem; }
}
@page { margin: 15mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  figure, table, .methods { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  pre { font-size: 8pt; }
}
`

var briefTemplate = template.Must(template.New("brief").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="sub">{{.Subtitle}}</p>
</header>
<section id="summary">
<h2>Summary</h2>
<p class="summary">{{range $i, $s := .Summary}}{{if $i}} {{end}}{{$s}}{{end}}</p>
</section>
{{range .Sections}}<section id="{{.ID}}">
<h2>{{.Heading}}</h2>
{{range .Text}}<p>{{.}}</p>
{{end}}{{range .Tables}}{{template "table" .}}{{end}}{{range .InlineCharts}}<figure id="chart-{{.Name}}">
{{.SVG}}
<figcaption>{{.Title}}</figcaption>
</figure>
{{end}}</section>
{{end}}<section class="methods" id="methods">
<h2>Methods</h2>
<ul>
{{range .Methods}}<li>{{.}}</li>
{{end}}</ul>
</section>
<section id="appendix">
<h2>Appendix: the scenario</h2>
<p>Scenario <code>{{.ScenarioName}}</code>, SHA-256 <code>{{.ScenarioSHA256}}</code>.{{if .ScenarioNote}} {{.ScenarioNote}}{{end}}</p>
{{if .ScenarioFile}}<pre>{{.ScenarioFile}}</pre>{{end}}
</section>
</body>
</html>
{{define "table"}}<div class="table-wrap">
<table>
<caption>{{.Caption}}</caption>
<thead><tr>{{range .Header}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{$num := .Numeric}}{{range .Rows}}<tr>{{range $i, $c := .}}<td{{if index $num $i}} class="num"{{end}}>{{$c}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
</div>
{{if .Note}}<p class="note">{{.Note}}</p>
{{end}}{{end}}`))
