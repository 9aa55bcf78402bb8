package scenarios

import (
	"fmt"
	"regexp"
	"strings"
)

// scenarioName is what a scenario's name may be: it becomes a file name (`scenarios init`),
// the results folder results/NAME and the scenario column of result files, so it holds no
// separator, no "..", no control character and no space, and starts with a letter or digit.
var scenarioName = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$`)

// Starter returns a commented starter scenario called name: a valid file on the default world
// that shows every section, for `tradesim scenarios init`.
func Starter(name string) ([]byte, error) {
	if !scenarioName.MatchString(name) {
		return nil, fmt.Errorf("scenario name %q: use letters, digits, '.', '_' and '-' (at most 64), starting with a letter or digit", name)
	}
	return []byte(strings.ReplaceAll(starterTemplate, "NAME", name)), nil
}

const starterTemplate = `# NAME: a tradesim scenario. Check it with: tradesim validate NAME.yaml
# Every field is described in scenarios/README.md; tradesim schema prints a JSON Schema for editors.
name: NAME
title: A 25% US tariff on Chinese electronics from April 2025, and China's reply
description: >
  What the scenario assumes and why. This example puts a 25% tariff on US imports of
  electronics from China from April 2025; if the tariff is still above 20% a month later,
  China answers with a 25% tariff on US farm goods. Replace it with your own.
sources:
  - "Where the policy facts come from, e.g. a government announcement"
world: default        # the built-in world, or the path of a world folder relative to this file
start: 2025-01        # first simulated month, YYYY-MM
horizon: 36           # months simulated (at most 600)
seed: 1               # the same seed gives the same results
replicates: 20        # Monte Carlo replicates (at most 10000)
baseline: null        # null: compare with this scenario without its policies and rules;
                      # or the name or path of another scenario to compare with

# Behavioural parameters: name.SECTOR, name.* (every sector) or a global name.
# parameters:
#   sigmaM.ELEC: 3.0
#   lambda.REE: 0.04

# Per-replicate multipliers of parameters (lognormal, normal, uniform, triangular): what the
# bands of the results cover. Without this block the bands show firm-level noise only. Keep the
# lines whose uncertainty your question hinges on; remove the others.
uncertainty:
  sigmaM.*: {dist: lognormal, sd: 0.25}        # substitution among import origins (GTAP ESUBM, +-25%)
  sigmaD.*: {dist: lognormal, sd: 0.25}        # home goods against imports (GTAP ESUBD, +-25%)
  kappaS.*: {dist: lognormal, sd: 0.3}         # how fast scarcity raises prices: assumption
  return_speed: {dist: uniform, min: 1, max: 4}     # how many times faster buyers return to old suppliers: assumption
  m: {dist: uniform, min: 0.6, max: 1.4}       # share of household spending that follows income: assumption

policies:
  - id: us-tariff-elec
    type: tariff              # tariff | export_tax | export_control | import_control
    importer: USA             # a region code, a list such as [USA, EU], or all
    exporter: CHN
    sectors: [ELEC]           # sector codes, or all
    rate: 0.25                # 25% on top of the world's base tariffs
    start: 2025-04
    end: null                 # last month in force; null = to the end of the horizon

  # An export control: mode ban, quota (with limit) or license (with approval and delay).
  # - id: ree-licence
  #   type: export_control
  #   exporter: CHN
  #   importer: [USA, EU, JPN]
  #   sectors: [REE]
  #   mode: license
  #   approval: 0.25          # a quarter of orders approved
  #   delay: 2                # months from order to shipment
  #   start: 2025-04

rules:
  - id: china-retaliates
    when: "tariff('USA','CHN','ELEC') > 0.2"   # checked on last month's state
    then: {type: tariff, importer: CHN, exporter: USA, sectors: [AGR], rate: 0.25}
    lag: 1                    # months from the condition to the measure
    once: true                # fire at most once
`
