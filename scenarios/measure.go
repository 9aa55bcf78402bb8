package scenarios

import (
	"math"

	"github.com/tradesim/tradesim/scenarios/diag"
	"github.com/tradesim/tradesim/sim"
)

// measure checks a policy's or a rule's measure and resolves it (without id and dates).
// Fields that do not belong to the measure's type or mode are errors, so that a typo such as
// approval on a quota never silently does nothing.
func (c *checker) measure(path string, m *Measure) sim.Policy {
	var p sim.Policy
	kind, ok := sim.PolicyKindNames[m.Type]
	if !ok && c.has(join(path, "type")) {
		c.errf(join(path, "type"), "unknown policy type %q; %s", m.Type, diag.DidYouMean(m.Type, sortedKeys(sim.PolicyKindNames)))
	}
	p.Kind = kind
	p.Sectors = c.codes(join(path, "sectors"), m.Sectors, "sector")
	if kind == sim.CapacityShock {
		c.capacityShock(path, m, &p)
		return p
	}
	for _, f := range []string{"region", "share", "recovery"} {
		c.forbid(path, f, f+" applies to a capacity_shock")
	}
	for _, f := range []string{"exporter", "importer"} {
		if kind != 0 && !c.attempted(join(path, f)) {
			c.errf(join(path, f), "missing required field %q; add it, %s", f, hintFor(f))
		}
	}
	p.Exporters = c.codes(join(path, "exporter"), m.Exporter, "region")
	p.Importers = c.codes(join(path, "importer"), m.Importer, "region")
	if len(p.Exporters) == 1 && len(p.Importers) == 1 && p.Exporters[0] == p.Importers[0] {
		c.errf(join(path, "importer"), "exporter and importer are both %s; a policy acts on trade between two regions", m.Importer.List[0])
	}

	switch kind {
	case sim.Tariff, sim.ExportTax:
		what := "a tariff"
		if kind == sim.ExportTax {
			what = "an export_tax"
		}
		for _, f := range []string{"mode", "limit", "approval", "delay", "fee", "fee_borne_by", "leakage"} {
			c.forbid(path, f, f+" applies to export_control and import_control, not to "+what)
		}
		if m.Rate == nil {
			if !c.attempted(join(path, "rate")) {
				c.errf(path, "%s needs rate; %s", what, hintFor("rate"))
			}
		} else {
			p.Rate = *m.Rate
			switch {
			case kind == sim.ExportTax && (p.Rate < -0.99 || p.Rate > 10):
				c.errf(join(path, "rate"), "is %g; an export tax rate must be from -0.99 (a 99%% subsidy) to 10 (1000%%)", p.Rate)
			case kind == sim.ExportTax:
			case p.Rate < 0 || p.Rate > 10:
				c.errf(join(path, "rate"), "is %g; a tariff rate must be from 0 to 10 (1000%%); 0.25 is 25%% on top of base tariffs", p.Rate)
			case p.Rate > 1 && p.Rate == math.Trunc(p.Rate):
				// 145% was written 1.45 in 2025's scenarios; a whole number above 1 is more
				// often a percentage written as a number.
				c.notef(join(path, "rate"), "is %g, a tariff of %g%%; if you meant %g%%, write %g", p.Rate, 100*p.Rate, p.Rate, p.Rate/100)
			}
		}
		if m.PhaseIn != nil {
			p.PhaseIn = *m.PhaseIn
			c.months(join(path, "phase_in"), p.PhaseIn)
		}
	case sim.ExportControl, sim.ImportControl:
		c.forbid(path, "rate", "rate applies to tariffs; an export or import control restricts quantities (mode, limit, approval)")
		c.forbid(path, "phase_in", "phase_in applies to tariffs")
		c.control(path, m, &p)
	}
	return p
}

// capacityShock checks the fields of a capacity shock into p: region and share are required;
// the trade fields do not belong to it.
func (c *checker) capacityShock(path string, m *Measure, p *sim.Policy) {
	for _, f := range []string{"exporter", "importer", "rate", "phase_in", "mode", "limit", "approval", "delay", "fee", "fee_borne_by", "leakage"} {
		c.forbid(path, f, f+" applies to trade measures; a capacity_shock takes region, sectors, share and recovery")
	}
	if !c.attempted(join(path, "region")) {
		c.errf(path, "a capacity_shock needs region, the region(s) hit; %s", hintFor("region"))
	}
	p.Regions = c.codes(join(path, "region"), m.Region, "region")
	if m.Share == nil {
		if !c.attempted(join(path, "share")) {
			c.errf(path, "a capacity_shock needs share, the share of capacity lost; %s", hintFor("share"))
		}
	} else {
		p.Share = *m.Share
		c.share(join(path, "share"), m.Share)
	}
	if m.Recovery != nil {
		p.Recovery = *m.Recovery
		if p.Recovery < 0 || p.Recovery > MaxDelay {
			c.errf(join(path, "recovery"), "is %d months; it must be from 0 to %d", p.Recovery, MaxDelay)
		}
	}
}

// control checks the fields of an export or import control, by mode, into p.
func (c *checker) control(path string, m *Measure, p *sim.Policy) {
	mode, ok := sim.ControlModeNames[m.Mode]
	switch {
	case !c.attempted(join(path, "mode")):
		c.errf(path, "an %s needs mode; %s", m.Type, hintFor("mode"))
	case !c.has(join(path, "mode")):
		// a wrong type, reported by the decoder
	case !ok:
		c.errf(join(path, "mode"), "unknown mode %q; %s", m.Mode, diag.DidYouMean(m.Mode, sortedKeys(sim.ControlModeNames)))
	}
	p.Mode = mode
	switch mode {
	case sim.Ban:
		for _, f := range []string{"limit", "approval", "delay", "fee", "fee_borne_by"} {
			c.forbid(path, f, f+" does not apply to mode: ban, which ships nothing")
		}
	case sim.Quota:
		c.forbid(path, "approval", "approval applies to mode: license (a quota ships up to limit)")
		c.forbid(path, "delay", "delay applies to mode: license")
		if m.Limit == nil && !c.attempted(join(path, "limit")) {
			c.errf(path, "a quota needs limit, the share of the base monthly flow that may ship; %s", hintFor("limit"))
		}
	case sim.License:
		if m.Approval == nil && !c.attempted(join(path, "approval")) {
			c.errf(path, "a license needs approval, the share of orders approved (0 = none granted); %s", hintFor("approval"))
		}
		if m.Limit != nil && *m.Limit == 0 {
			c.errf(join(path, "limit"), "is 0, which would stop every shipment; for that write mode: ban, or leave limit out for no cap")
		}
	}
	if m.Limit != nil {
		p.Limit = *m.Limit
		c.share(join(path, "limit"), m.Limit)
	}
	if m.Approval != nil {
		p.Approval = *m.Approval
		c.share(join(path, "approval"), m.Approval)
	}
	if m.Delay != nil {
		p.Delay = *m.Delay
		if !(p.Delay >= 0 && p.Delay <= MaxDelay) {
			c.errf(join(path, "delay"), "is %g months; a licence delay must be from 0 to %d", p.Delay, MaxDelay)
		}
	}
	if m.Fee != nil {
		p.Fee = *m.Fee
		if p.Fee < 0 || p.Fee >= sim.FeeLimit {
			c.errf(join(path, "fee"), "is %g; a fee is a share of the value shipped, from 0 to below 1 (0.15 = 15%%)", p.Fee)
		}
		if p.Kind == sim.ImportControl {
			c.errf(join(path, "fee"), "a fee is paid to the exporter's government, so it belongs to an export_control; remove it")
		}
	}
	if c.has(join(path, "fee_borne_by")) {
		if m.Fee == nil {
			c.keyErrf(join(path, "fee_borne_by"), "says who pays a fee, but this policy has no fee; add fee or remove fee_borne_by")
		}
		if _, ok := sim.FeeBearerNames[m.FeeBorneBy]; !ok {
			c.errf(join(path, "fee_borne_by"), "unknown payer %q; %s", m.FeeBorneBy, diag.DidYouMean(m.FeeBorneBy, sortedKeys(sim.FeeBearerNames)))
		}
	}
	if p.Fee > 0 || m.Fee != nil {
		p.FeeBorneBy = sim.FeeExporter
		if b, ok := sim.FeeBearerNames[m.FeeBorneBy]; ok {
			p.FeeBorneBy = b
		}
	}
	if m.Leakage != nil {
		p.Leakage = *m.Leakage
		c.share(join(path, "leakage"), m.Leakage)
	}
}

// forbid reports field of the measure at path, if given, as not belonging to it.
func (c *checker) forbid(path, field, why string) {
	if c.has(join(path, field)) {
		c.keyErrf(join(path, field), "%s; remove it", why)
	}
}

// share checks that a share, if given, lies in [0, 1].
func (c *checker) share(path string, x *float64) {
	if x != nil && (*x < 0 || *x > 1) {
		c.errf(path, "is %g; %s is a share and must lie in [0, 1] (0.25 = 25%%)", *x, lastField(path))
	}
}

// codes resolves region or sector codes to dense ids of the world, suggesting the nearest
// valid code for an unknown one.
func (c *checker) codes(path string, cs Codes, kind string) []int {
	if c.w == nil {
		return nil
	}
	labels, lookup := c.w.Regions, c.w.RegionIndex
	if kind == "sector" {
		labels, lookup = c.w.Sectors, c.w.SectorIndex
	}
	if cs.All {
		ids := make([]int, len(labels))
		for i := range ids {
			ids[i] = i
		}
		return ids
	}
	var ids []int
	for k, code := range cs.List {
		id, ok := lookup(code)
		if !ok {
			ipath := path
			if c.has(index(path, k)) {
				ipath = index(path, k)
			}
			c.errf(ipath, "unknown %s %q in world %q; %s", kind, code, c.w.Name, didYouMeanCode(code, labels))
			continue
		}
		ids = append(ids, id)
	}
	return ids
}
