package worlds

import (
	"math"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/sim"
)

// labourKeys are the keys of one entry of world.yaml's labour list.
var labourKeys = []string{"region", "labour_force", "unemployment", "unemployment_floor", "job_finding", "source"}

// labourEntry is one parsed entry of the labour list, before its region is resolved.
type labourEntry struct {
	region     string
	field      string // labour[k], for messages
	regionNode *yaml.Node
	floorNode  *yaml.Node
	lab        sim.RegionLabour
	source     string
}

// labour parses world.yaml's labour list: per region its labour force (millions of people),
// base unemployment rate, frictional floor and monthly job-finding rate, with a source. Regions
// are resolved once the regions list is read (resolveLabour).
func (p metaParser) labour(n *yaml.Node, field string) []labourEntry {
	if deref(n).Kind != yaml.SequenceNode {
		p.errf(n, field, "labour must be a list of {region, labour_force, unemployment, unemployment_floor, job_finding, source}")
		return nil
	}
	var out []labourEntry
	for k, item := range deref(n).Content {
		f := field + "[" + strconv.Itoa(k) + "]"
		e := labourEntry{field: f, floorNode: item}
		seen := p.mapping(item, f, labourKeys, func(key string, v *yaml.Node) {
			switch key {
			case "region":
				e.region, e.regionNode = p.str(v, f+".region"), v
			case "labour_force":
				e.lab.Force = p.rate(v, f+"."+key, 1e5, "a number of millions of people such as 168.1")
			case "unemployment":
				e.lab.Unemployment = p.rate(v, f+"."+key, 0.999, "a share of the labour force such as 0.04 (4%)")
			case "unemployment_floor":
				e.floorNode = v
				e.lab.Floor = p.rate(v, f+"."+key, 0.999, "a share of the labour force such as 0.024 (2.4%)")
			case "job_finding":
				e.lab.JobFinding = p.rate(v, f+"."+key, 1, "a monthly share of the unemployed such as 0.3")
			case "source":
				e.source = p.str(v, f+".source")
			}
		})
		if seen == nil {
			continue
		}
		if !seen["region"] {
			p.errf(item, f+".region", "missing key \"region\"; each labour entry names the region it describes")
			continue
		}
		if e.source == "" {
			p.errf(item, f+".source", "the labour data of %s have no source; cite one or write \"assumption\"", e.region)
		}
		if u, m := e.lab.Unemployment, e.lab.Floor; u > 0 && m > u {
			p.errf(e.floorNode, f+".unemployment_floor", "the unemployment floor %g is above the base rate %g; the floor is the lowest rate reachable (about 0.6 x the base rate)", m, u)
		}
		out = append(out, e)
	}
	return out
}

// rate decodes a finite number in [0, max] (0 means the engine's default).
func (p metaParser) rate(n *yaml.Node, field string, max float64, what string) float64 {
	v := deref(n)
	var x float64
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" || v.Decode(&x) != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		p.errf(n, field, "%q is not a number; write %s", v.Value, what)
		return 0
	}
	if x < 0 || x > max {
		p.errf(n, field, "%s is %s; write %s (at most %g; 0 takes the default)", field, v.Value, what, max)
		return 0
	}
	return x
}

// resolveLabour places the parsed entries by region id; regions without an entry keep zero
// values, which the engine replaces by its defaults.
func (p metaParser) resolveLabour(es []labourEntry, regions []sim.Label) ([]sim.RegionLabour, []string) {
	labs := make([]sim.RegionLabour, len(regions))
	srcs := make([]string, len(regions))
	codes := make([]string, len(regions))
	index := make(map[string]int, len(regions))
	for r, l := range regions {
		codes[r] = l.Code
		index[l.Code] = r
	}
	first := map[int]int{}
	for _, e := range es {
		r, ok := index[e.region]
		if !ok {
			p.errf(e.regionNode, e.field+".region", "unknown region %q; %s", e.region, diag.DidYouMean(e.region, codes))
			continue
		}
		if line, dup := first[r]; dup {
			p.errf(e.regionNode, e.field+".region", "region %s has two labour entries (first at line %d); merge them", e.region, line)
			continue
		}
		first[r] = e.regionNode.Line
		labs[r], srcs[r] = e.lab, e.source
	}
	return labs, srcs
}
