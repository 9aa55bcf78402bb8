package scenarios

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/tradesim/tradesim/sim"
)

// TestPropertyRoundTrip writes random valid scenarios as YAML text and checks that Load accepts
// each and resolves every policy exactly as written: the parser accepts the whole format, not
// only the hand-picked corpus, and numbers survive the trip bit for bit.
func TestPropertyRoundTrip(t *testing.T) {
	num := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	codes := func(all bool, list []string) string {
		switch {
		case all:
			return "all"
		case len(list) == 1:
			return list[0]
		}
		return "[" + strings.Join(list, ", ") + "]"
	}
	ids := func(cs []string, index func(string) (int, bool)) []int {
		var out []int
		for _, c := range cs {
			i, _ := index(c)
			out = append(out, i)
		}
		return out
	}
	allIDs := func(n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	}
	rapid.Check(t, func(rt *rapid.T) {
		start := sim.NewMonth(rapid.IntRange(1900, 2150).Draw(rt, "year"), rapid.IntRange(1, 12).Draw(rt, "month"))
		horizon := rapid.IntRange(1, MaxHorizon).Draw(rt, "horizon")
		last := start + sim.Month(horizon) - 1
		var b strings.Builder
		n := rapid.IntRange(0, 6).Draw(rt, "policies")
		fmt.Fprintf(&b, "name: prop\nstart: %s\nhorizon: %d\n", start, horizon)
		if n == 0 {
			b.WriteString("policies: []\n")
		} else {
			b.WriteString("policies:\n")
		}
		var want []sim.Policy
		for k := range n {
			p := sim.Policy{ID: fmt.Sprintf("p%d", k)}
			exp := rapid.SliceOfNDistinct(rapid.SampledFrom(defaultRegions), 1, 3, rapid.ID[string]).Draw(rt, "exporters")
			imp := rapid.SliceOfNDistinct(rapid.SampledFrom(defaultRegions), 1, 3, rapid.ID[string]).Draw(rt, "importers")
			if len(exp) == 1 && len(imp) == 1 && exp[0] == imp[0] {
				imp = []string{"ROW"}
				if exp[0] == "ROW" {
					imp = []string{"USA"}
				}
			}
			allSectors := rapid.Bool().Draw(rt, "all sectors")
			sec := rapid.SliceOfNDistinct(rapid.SampledFrom(defaultSectors), 1, 4, rapid.ID[string]).Draw(rt, "sectors")
			p.Exporters = ids(exp, testWorld.RegionIndex)
			p.Importers = ids(imp, testWorld.RegionIndex)
			p.Sectors = ids(sec, testWorld.SectorIndex)
			if allSectors {
				p.Sectors = allIDs(len(defaultSectors))
			}
			p.Start = start + sim.Month(rapid.IntRange(0, horizon-1).Draw(rt, "start"))
			p.End = sim.Forever
			endText := "null"
			if rapid.Bool().Draw(rt, "has end") {
				p.End = p.Start + sim.Month(rapid.IntRange(0, int(last-p.Start)).Draw(rt, "end"))
				endText = p.End.String()
			}
			fields := []string{"id: " + p.ID, "exporter: " + codes(false, exp), "importer: " + codes(false, imp),
				"sectors: " + codes(allSectors, sec), "start: " + p.Start.String(), "end: " + endText}
			switch rapid.IntRange(0, 2).Draw(rt, "kind") {
			case 0:
				p.Kind = sim.Tariff
				p.Rate = rapid.Float64Range(0, 10).Draw(rt, "rate")
				p.PhaseIn = rapid.IntRange(0, MaxHorizon).Draw(rt, "phase_in")
				fields = append(fields, "type: tariff", "rate: "+num(p.Rate), fmt.Sprintf("phase_in: %d", p.PhaseIn))
			default:
				p.Kind = sim.ExportControl
				typ := "export_control"
				if rapid.Bool().Draw(rt, "import") {
					p.Kind, typ = sim.ImportControl, "import_control"
				}
				fields = append(fields, "type: "+typ)
				switch rapid.IntRange(0, 2).Draw(rt, "mode") {
				case 0:
					p.Mode = sim.Ban
					fields = append(fields, "mode: ban")
				case 1:
					p.Mode = sim.Quota
					p.Limit = rapid.Float64Range(0, 1).Draw(rt, "limit")
					fields = append(fields, "mode: quota", "limit: "+num(p.Limit))
				case 2:
					p.Mode = sim.License
					p.Approval = rapid.Float64Range(0, 1).Draw(rt, "approval")
					p.Delay = float64(rapid.IntRange(0, 4*MaxDelay).Draw(rt, "delay")) / 4
					fields = append(fields, "mode: license", "approval: "+num(p.Approval), "delay: "+num(p.Delay))
				}
				if p.Mode != sim.Ban && p.Kind == sim.ExportControl && rapid.Bool().Draw(rt, "fee") {
					p.Fee = rapid.Float64Range(0, 0.999).Draw(rt, "fee value")
					p.FeeBorneBy = rapid.SampledFrom([]sim.FeeBearer{sim.FeeExporter, sim.FeeBuyer}).Draw(rt, "bearer")
					fields = append(fields, "fee: "+num(p.Fee), "fee_borne_by: "+map[sim.FeeBearer]string{sim.FeeExporter: "exporter", sim.FeeBuyer: "buyer"}[p.FeeBorneBy])
				}
				p.Leakage = rapid.Float64Range(0, 1).Draw(rt, "leakage")
				fields = append(fields, "leakage: "+num(p.Leakage))
			}
			// Field order does not matter: shuffle it; flow or block style neither.
			fields = rapid.Permutation(fields).Draw(rt, "order")
			if rapid.Bool().Draw(rt, "flow") {
				b.WriteString("  - {" + strings.Join(fields, ", ") + "}\n")
			} else {
				b.WriteString("  - " + strings.Join(fields, "\n    ") + "\n")
			}
			want = append(want, p)
		}
		text := b.String()
		l, err := loadBytes("prop.yaml", []byte(text), "", testOpts)
		if err != nil {
			rt.Fatalf("rejected a valid file:\n%s\n%v", text, err)
		}
		got := l.Scenario.Policies
		if len(got) != len(want) {
			rt.Fatalf("%d policies, want %d", len(got), len(want))
		}
		for k := range want {
			g, w := got[k], want[k]
			if g.ID != w.ID || g.Kind != w.Kind || g.Start != w.Start || g.End != w.End || g.Rate != w.Rate ||
				g.PhaseIn != w.PhaseIn || g.Mode != w.Mode || g.Limit != w.Limit || g.Approval != w.Approval ||
				g.Delay != w.Delay || g.Fee != w.Fee || g.FeeBorneBy != w.FeeBorneBy || g.Leakage != w.Leakage ||
				!slices.Equal(g.Exporters, w.Exporters) || !slices.Equal(g.Importers, w.Importers) || !slices.Equal(g.Sectors, w.Sectors) {
				rt.Fatalf("policy %d of\n%s\n got %+v\nwant %+v", k, text, g, w)
			}
		}
	})
}
