// Package scenarios reads, checks and resolves tradesim scenario files.
//
// A scenario file is YAML (the reference is scenarios/README.md). Load parses it strictly
// through yaml.Node, so every problem carries FILE:LINE:COL, checks every field against the
// scenario's world, and resolves the file into the engine's *sim.Scenario together with its
// baseline (sim/README.md §8). All problems of a file are reported at once, as a *diag.List.
//
// The Go types of this package (File, PolicySpec, Measure, RuleSpec, ...) are the single source
// of both the parser and the JSON Schema that Schema returns for editors.
//
// Invariants:
//   - Load never panics on any input and refuses oversized or hostile files (Limits) before
//     doing work proportional to them.
//   - A *Loaded that Load returns has a Scenario and a Baseline that share start, horizon, seed,
//     replicates, parameters and uncertainty, so a run's random draws are common to both.
//   - Region and sector codes stay text: `exporter: NO` is Norway, never false.
package scenarios
