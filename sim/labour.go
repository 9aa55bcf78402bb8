package sim

// Default labour market of a region whose world gives none (sim/README.md §2). Each is an
// assumption near the middle of the seven default regions' 2024 figures.
const (
	defaultUnemployment = 0.05 // base unemployment rate u0
	floorShare          = 0.6  // frictional floor umin as a share of u0 (sim/README.md §4.3; assumption)
	defaultJobFinding   = 0.2  // share of the unemployed hired a month: between the euro area (~0.06) and the US (~0.3)
)

// labourOf returns region r's labour market with defaults for the fields its world leaves at 0.
func labourOf(w *World, r int) RegionLabour {
	var l RegionLabour
	if r < len(w.Labour) {
		l = w.Labour[r]
	}
	if !(l.Unemployment > 0 && l.Unemployment < 1) {
		l.Unemployment = defaultUnemployment
	}
	if !(l.Floor > 0 && l.Floor <= l.Unemployment) {
		l.Floor = floorShare * l.Unemployment
	}
	if !(l.JobFinding > 0 && l.JobFinding <= 1) {
		l.JobFinding = defaultJobFinding
	}
	return l
}

// labour is the labour market of the month (sim/README.md §4.3), before prices.
//
// The nominal wage follows a wage Phillips curve,
// W_t = W_t-1 (1 + iota pi_t-1 + psi/12 (u0 - u_t-1)), with pi last month's CPI inflation and u
// last month's unemployment rate (Galí 2011; Blanchard and Galí 2010). Sector wages keep their
// base ratios (every wage is the region's index times the firm's base labour cost).
//
// Firms want the labour their planned output needs: lab_f times expected orders plus a share
// 1/stock_close of the gap to their finished-goods target, within capacity. A
// firm with more sheds a share Hiring of the excess; a firm with less posts the gap as
// vacancies. The region hires at most f times last month's unemployed (the job-finding rate,
// Shimer 2012) and never beyond the ceiling (1 - umin) LF; hires are shared among firms in
// proportion to their vacancies.
func (s *state) labour() {
	e := s.e
	R, S, n := e.R, e.S, e.n
	g := &s.g
	for d := range R {
		pi := 0.0
		if s.cpiPrev[d] > 0 {
			pi = s.cpi[d]/s.cpiPrev[d] - 1
		}
		s.wage[d] *= 1 + g.WageIndexation*pi + g.Psi/12*(s.u0[d]-s.uPrev[d])
	}
	closeK := 1 / g.StockClose
	for d := range R {
		emp, vac := 0.0, 0.0
		for f := d * S * n; f < (d+1)*S*n; f++ {
			// The labour for the output the firm plans: expected orders plus the restocking of
			// its finished goods (as produce plans), within its capacity. A capacity shock does
			// not count: firms keep their workers through a fire or a lockdown.
			plan := s.xe[f] + s.restock(f, s.sp[f/n%S].TauF, closeK)
			want := s.lab[f] * max(0, min(plan, s.cap[f]))
			s.vac[f] = 0
			if s.emp[f] > want {
				s.emp[f] -= g.Hiring * (s.emp[f] - want)
			} else {
				s.vac[f] = want - s.emp[f]
				vac += s.vac[f]
			}
			emp += s.emp[f]
		}
		if vac <= 0 {
			continue
		}
		unemployed := max(0, s.lf[d]-emp)
		room := max(0, (1-s.uMin[d])*s.lf[d]-emp)
		hires := min(vac, s.jobF[d]*unemployed, room)
		fill := hires / vac
		for f := d * S * n; f < (d+1)*S*n; f++ {
			s.emp[f] += s.vac[f] * fill
		}
	}
}
