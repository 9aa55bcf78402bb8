package sim

import (
	"fmt"
	"math"
)

// compiledPolicy is a Policy with its routes expanded to dense route-sector indices once, so
// that the effective border of a month is a pass over a few short index lists.
type compiledPolicy struct {
	Policy
	routes []int // route indices (o*R+d)*S+i; domestic routes (o == d) are skipped
}

// compilePolicy checks p against the dimensions and expands its routes.
func compilePolicy(p *Policy, R, S int) (compiledPolicy, error) {
	cp := compiledPolicy{Policy: *p}
	name := p.ID
	if name == "" {
		name = "(unnamed)"
	}
	bad := func(format string, args ...any) (compiledPolicy, error) {
		return cp, fmt.Errorf("policy %s: %s", name, fmt.Sprintf(format, args...))
	}
	for _, ids := range [][]int{p.Exporters, p.Importers, p.Regions} {
		for _, r := range ids {
			if r < 0 || r >= R {
				return bad("region id %d is outside the world's %d regions", r, R)
			}
		}
	}
	for _, i := range p.Sectors {
		if i < 0 || i >= S {
			return bad("sector id %d is outside the world's %d sectors", i, S)
		}
	}
	for _, v := range []float64{p.Rate, p.Limit, p.Approval, p.Fee, p.Leakage} {
		if !finite(v) {
			return bad("a rate, limit, approval, fee or leakage is %v; it must be a finite number", v)
		}
	}
	if p.End < p.Start {
		return bad("ends (%v) before it starts (%v)", p.End, p.Start)
	}
	switch p.Kind {
	case CapacityShock:
		if !(p.Share >= 0 && p.Share <= 1) {
			return bad("share of capacity lost %v must lie between 0 and 1", p.Share)
		}
		if p.Recovery < 0 || p.Recovery > MaxDelay {
			return bad("recovery %d months must lie between 0 and %d", p.Recovery, MaxDelay)
		}
		return cp, nil // no routes: it acts on cells (capacityShocks)
	case Tariff, ExportTax:
		if p.Rate <= -1 {
			return bad("rate %v would make the buyer's price negative", p.Rate)
		}
		if p.PhaseIn < 0 {
			return bad("phase-in %d months is negative", p.PhaseIn)
		}
	case ExportControl, ImportControl:
		switch p.Mode {
		case Ban, Quota, License:
		default:
			return bad("control mode %d is not ban, quota or license", p.Mode)
		}
		if p.Limit < 0 {
			return bad("limit %v is negative; it is a share of the base monthly flow", p.Limit)
		}
		if p.Mode == License && (p.Approval < 0 || p.Approval > 1) {
			return bad("approval %v must lie between 0 and 1", p.Approval)
		}
		if !(p.Delay >= 0 && p.Delay <= MaxDelay) {
			return bad("delay %v months must lie between 0 and %d", p.Delay, MaxDelay)
		}
		if p.Fee < 0 || p.Fee >= FeeLimit {
			return bad("fee %v must lie in [0, 1): it is a share of the value shipped", p.Fee)
		}
		if p.Fee > 0 && p.FeeBorneBy != FeeExporter && p.FeeBorneBy != FeeBuyer {
			return bad("a fee needs fee_borne_by exporter or buyer")
		}
		if p.Leakage < 0 || p.Leakage > 1 {
			return bad("leakage %v must lie between 0 and 1", p.Leakage)
		}
	default:
		return bad("kind %d is not tariff, export_tax, export_control, import_control or capacity_shock", p.Kind)
	}
	for _, o := range p.Exporters {
		for _, d := range p.Importers {
			if o == d {
				continue // a region's trade with itself is not crossing a border
			}
			for _, i := range p.Sectors {
				cp.routes = append(cp.routes, (o*R+d)*S+i)
			}
		}
	}
	return cp, nil
}

// border is the effective trade regime of one month, by route (sim/README.md §4.1, §4.7).
type border struct {
	tariff   []float64 // effective ad valorem tariff: base + policies
	open     []float64 // share of orders that may be placed on the route: 1 open, 0 banned, approval under licence
	quota    []float64 // most that may ship this month (quantity); +Inf without a quota
	licence  []bool    // approved orders go through the licence pipeline
	delay    []float64 // licence delay, months (fractional: split between two months)
	licCap   []float64 // most that approved licences may ship this month; +Inf without a cap
	feeBuyer []float64 // export fee share added to the buyer's price
	feeExp   []float64 // export fee share taken from the exporter's receipts
	leak     []float64 // share of denied orders that reach the buyer through the leakage region
	// restricted[d*S+i] says that some route into d of sector i is closed, licensed or leaky:
	// buyers of i in d must split their orders with the border in mind.
	restricted []bool
}

func newBorder(n int) border {
	return border{
		tariff: make([]float64, n), open: make([]float64, n), quota: make([]float64, n),
		licence: make([]bool, n), delay: make([]float64, n), licCap: make([]float64, n),
		feeBuyer: make([]float64, n), feeExp: make([]float64, n), leak: make([]float64, n),
		restricted: make([]bool, n),
	}
}

// markRestricted sets restricted from the month's regime; R regions, S sectors.
func (b *border) markRestricted(R, S int) {
	clear(b.restricted)
	for rt := range b.open {
		if b.open[rt] < 1 || b.licence[rt] {
			b.restricted[rt/S%R*S+rt%S] = true
		}
	}
}

// reset sets the base regime: base tariffs, every route open.
func (b *border) reset(t0 []float64) {
	copy(b.tariff, t0)
	inf := math.Inf(1)
	for k := range b.open {
		b.open[k] = 1
		b.quota[k] = inf
		b.licence[k] = false
		b.delay[k] = 0
		b.licCap[k] = inf
		b.feeBuyer[k] = 0
		b.feeExp[k] = 0
		b.leak[k] = 0
	}
}

// apply adds policy p, in force in month m, to the regime; flow0 is the base monthly flow by
// route, the unit of quotas and licence caps. Several measures on one route combine: tariffs
// and fees add, a ban closes, approvals multiply, the tighter quota or cap and the longer
// delay hold (our choice).
func (b *border) apply(p *compiledPolicy, m Month, flow0 []float64) {
	if m < p.Start || m > p.End {
		return
	}
	switch p.Kind {
	case Tariff, ExportTax:
		rate := p.Rate
		if p.PhaseIn > 0 {
			rate *= math.Min(1, float64(m-p.Start+1)/float64(p.PhaseIn))
		}
		// An export tax is paid by the buyer on top of the exporter's price and collected by
		// the exporter's government, as a buyer-borne export fee is.
		dst := b.tariff
		if p.Kind == ExportTax {
			dst = b.feeBuyer
		}
		for _, rt := range p.routes {
			dst[rt] += rate
		}
	case ExportControl, ImportControl:
		for _, rt := range p.routes {
			switch p.Mode {
			case Ban:
				b.open[rt] = 0
			case Quota:
				b.quota[rt] = math.Min(b.quota[rt], p.Limit*flow0[rt])
			case License:
				b.licence[rt] = true
				b.open[rt] *= p.Approval
				b.delay[rt] = max(b.delay[rt], p.Delay)
				if p.Limit > 0 {
					b.licCap[rt] = math.Min(b.licCap[rt], p.Limit*flow0[rt])
				}
			}
			if p.FeeBorneBy == FeeBuyer {
				b.feeBuyer[rt] += p.Fee
			} else {
				b.feeExp[rt] += p.Fee
			}
			b.leak[rt] = math.Max(b.leak[rt], p.Leakage)
		}
	}
}
