// Package validation checks tradesim's built-in 2025 scenarios against what happened.
//
// Each Fact names a built-in scenario, a published figure with its source, a measure computed
// from a real run of that scenario against its baseline (per replicate, so the figure comes
// with its Monte Carlo band), and a pass band with the reason for its width. Report writes
// scenarios/VALIDATION.md from those runs; a test in this package regenerates it and fails if
// the committed file differs, so the document never goes stale.
//
// A model deviation from its baseline is compared with a year-on-year change in the record:
// the baseline holds January 2025 policies, so it stands for "2025 without the measure", and the
// record's year-on-year change also contains a year of trend growth and noise. The bands allow
// for that; each says why it is as wide as it is.
//
// Facts marked Required are the stylized facts the model must reproduce (directions and
// timing): the test fails when one of them fails. The others are magnitudes reported honestly,
// pass or fail, with what the model lacks where they fail.
package validation
