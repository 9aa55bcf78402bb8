// Package worlds reads, writes, checks and aggregates world folders: the base data of a tradesim
// simulation (MODEL.md §2), and holds the embedded default world.
//
// A world is a folder of five files:
//
//	world.yaml       name, base_year, currency, description, regions and sectors (code, name,
//	                 description), sources
//	flows.csv        from_region,from_sector,to_region,to_use,value: annual sales at basic prices in
//	                 the world's currency; to_use is a sector code (intermediate use) or FD (final
//	                 demand). Absent rows are zero.
//	tariffs.csv      importer,exporter,sector,rate[,source]: base ad valorem tariffs (0.25 = 25%);
//	                 absent rows are zero.
//	sectors.csv      sector,param,value,source: every sector has every parameter of
//	                 sim.SectorParamNames (sigma, eta, lambda, tau, kappa, kappaS, slack, g, L, thetaL),
//	                 each with its source or the word "assumption".
//	criticality.csv  input,user,phi[,reason]: the share of the user sector's output that cannot be
//	                 made without the input; 0..1 or the words critical (1), important (0.5),
//	                 noncritical (0). Absent pairs are zero.
//
// Invariants of a loaded world: gross output X[o,i] is the row sum of flows (exact by
// construction), every region-sector has positive output and positive value added
// VA[d,j] = X[d,j] - sum_{o,i} Z[o,i->d,j] (1 + t0[o->d,i]), every value is finite and not
// negative. Errors are reported all at once as a *diag.List (FILE:LINE:COL: message).
package worlds
