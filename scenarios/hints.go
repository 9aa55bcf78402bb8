package scenarios

import (
	"strings"

	"github.com/tradesim/tradesim/scenarios/diag"
)

// exampleCondition is a rule condition for messages.
const exampleCondition = "tariff('USA','CHN','ELEC') > 0.5"

// fieldHints are examples of each field, for "missing" and "needs a value" messages.
var fieldHints = map[string]string{
	"name":         "name: my-scenario",
	"title":        "title: US tariff on Chinese electronics",
	"world":        "world: default",
	"start":        "start: 2025-01",
	"horizon":      "horizon: 36",
	"seed":         "seed: 7",
	"replicates":   "replicates: 20",
	"firms":        "firms: 30",
	"id":           "id: us-tariff",
	"type":         "type: tariff (or export_tax, export_control, import_control, capacity_shock)",
	"region":       "region: JPN (a code, a list such as [JPN, KOR], or all)",
	"share":        "share: 0.3 (30% of capacity out of use)",
	"recovery":     "recovery: 6 (months to come back after end)",
	"exporter":     "exporter: CHN (a code, a list such as [CHN, ROW], or all)",
	"importer":     "importer: USA (a code, a list such as [USA, EU], or all)",
	"sectors":      "sectors: [REE] (a code, a list, or all)",
	"rate":         "rate: 0.25 (25% on top of base tariffs)",
	"phase_in":     "phase_in: 0",
	"mode":         "mode: license (or ban, quota)",
	"limit":        "limit: 0.5 (half of the base monthly flow)",
	"approval":     "approval: 0.25 (a quarter of orders approved)",
	"delay":        "delay: 2 (months)",
	"fee":          "fee: 0.15 (15% of what ships)",
	"fee_borne_by": "fee_borne_by: exporter (or buyer)",
	"leakage":      "leakage: 0.1",
	"end":          "end: 2025-12 (or null for the end of the horizon)",
	"when":         "when: \"" + exampleCondition + "\"",
	"then":         "then: {type: tariff, importer: CHN, exporter: USA, sectors: [AGR], rate: 0.25}",
	"lift":         "lift: [us-tariff]",
	"lag":          "lag: 1",
	"duration":     "duration: 6",
	"once":         "once: true",
	"cooldown":     "cooldown: 6",
	"dist":         "dist: lognormal (or normal, uniform, triangular)",
	"mean":         "mean: 1",
	"sd":           "sd: 0.25",
	"min":          "min: 0.5",
	"max":          "max: 1.5",
	"rationing":    "rationing: contracts-first (or proportional, domestic-first)",
	"revenue":      "revenue: deficit (or rebate)",
	"baseline":     "baseline: null (or the name or path of another scenario)",
}

func hintFor(field string) string {
	if h, ok := fieldHints[field]; ok {
		return "for example " + h
	}
	return "write a value after the colon"
}

// unknownHint explains an unknown field: the nearest valid one, or where the field belongs.
func unknownHint(path, key string, valid []string) string {
	inThen := strings.HasSuffix(path, ".then")
	switch {
	case inThen && (key == "start" || key == "end"):
		return "a rule's measure comes into force when the rule fires: remove it and use the rule's lag (delay after the condition) and duration (months in force)"
	case inThen && key == "id":
		return "the measure takes the rule's id: remove it"
	case path == "" && key == "end":
		return "the scenario ends horizon months after start: set horizon instead"
	case path == "" && (key == "type" || key == "exporter" || key == "importer" || key == "sectors"):
		return "policy fields belong inside a policy: policies: [{id: ..., type: ..., ...}]"
	case key == "duration" || key == "lag" || key == "once" || key == "cooldown":
		if strings.HasPrefix(path, "policies[") {
			return "lag, duration, once and cooldown belong to rules; a policy is in force from start to end"
		}
	}
	return diag.DidYouMean(key, valid)
}
