#!/usr/bin/env python3
"""Writes scenarios/testdata/bad/*.yaml: each case is a scenario text with a marker @@ placed by
hand before the token where the error must be reported. The marker is removed and its line and
column are written into the file's header (# at: LINE:COL), which the Go test checks against the
parser's diagnostics. Run from scenarios/testdata: python3 gen/bad.py"""
import os

HEAD = "name: bad\nstart: 2025-01\nhorizon: 36\n"
TARIFF = """policies:
  - id: us-tariff
    type: tariff
    importer: USA
    exporter: CHN
    sectors: [ELEC]
    rate: 0.25
    start: 2025-04
"""
CONTROL = """policies:
  - id: ree-licence
    type: export_control
    exporter: CHN
    importer: [USA, EU, JPN]
    sectors: [REE]
    mode: license
    approval: 0.25
    delay: 2
    start: 2025-04
"""
RULE = """rules:
  - id: tit-for-tat
    when: "tariff('USA','CHN','ELEC') > 0.2"
    then: {type: tariff, importer: CHN, exporter: USA, sectors: [AGR], rate: 0.25}
    lag: 1
    once: true
"""

def sub(text, old, new, count=1):
    assert old in text, (old, text)
    return text.replace(old, new, count)

S, M = "structural", "semantic"
cases = {}
def case(name, cls, what, text):
    assert name not in cases, name
    cases[name] = (cls, what, text)

# --- structural: the JSON Schema rejects these too -------------------------------------------
case("unknown-top-key", S, "typo in a top-level key", HEAD + sub(TARIFF, "policies:", "@@polices:"))
case("unknown-policy-key", S, "typo in a policy key (rat for rate)", HEAD + sub(TARIFF, "    rate:", "    @@rat:"))
case("required-key-typo", S, "horizn for horizon: one message, at the typo, not also 'missing horizon'", "name: bad\nstart: 2025-01\n@@horizn: 36\n")
case("uncertainty-sd-typo", S, "sdd for sd in a lognormal: one message, at the typo", HEAD + "uncertainty:\n  sigmaM.*: {dist: lognormal, @@sdd: 0.25}\n")
case("duplicate-top-key", S, "horizon given twice", HEAD + "@@horizon: 24\n" + TARIFF)
case("duplicate-policy-key", S, "rate given twice", HEAD + sub(TARIFF, "    start:", "    @@rate: 0.3\n    start:"))
case("missing-name", S, "no name", "@@start: 2025-01\nhorizon: 36\n")
case("missing-start", S, "no start", "@@name: bad\nhorizon: 36\n")
case("missing-horizon", S, "no horizon", "@@name: bad\nstart: 2025-01\n")
case("horizon-quoted", S, "horizon written as text", "name: bad\nstart: 2025-01\nhorizon: @@\"36\"\n")
case("horizon-fraction", S, "horizon not a whole number", "name: bad\nstart: 2025-01\nhorizon: @@36.5\n")
case("horizon-zero", S, "horizon below 1", "name: bad\nstart: 2025-01\nhorizon: @@0\n")
case("horizon-too-long", S, "horizon above 600 months", "name: bad\nstart: 2025-01\nhorizon: @@601\n")
case("horizon-billion", S, "horizon of a billion months", "name: bad\nstart: 2025-01\nhorizon: @@1000000000\n")
case("replicates-zero", S, "replicates below 1", HEAD + "replicates: @@0\n")
case("replicates-too-many", S, "replicates above the limit", HEAD + "replicates: @@10001\n")
case("firms-too-many", S, "firms above the limit", HEAD + "firms: @@1001\n")
case("seed-negative", S, "negative seed", HEAD + "seed: @@-1\n")
case("rate-negative", S, "negative tariff rate", HEAD + sub(TARIFF, "rate: 0.25", "rate: @@-0.1"))
case("rate-percent", S, "rate written as 25%", HEAD + sub(TARIFF, "rate: 0.25", "rate: @@25%"))
case("rate-decimal-comma", S, "rate written with a decimal comma", HEAD + sub(TARIFF, "rate: 0.25", "rate: @@0,25"))
case("start-number", S, "start written as a number 202501", "name: bad\nstart: @@202501\nhorizon: 36\n")
case("rate-null", S, "rate left empty", HEAD + sub(TARIFF, "rate: 0.25", "rate:@@"))
case("approval-above-one", S, "approval above 1", HEAD + sub(CONTROL, "approval: 0.25", "approval: @@1.5"))
case("limit-negative", S, "negative quota limit", HEAD + sub(sub(CONTROL, "mode: license", "mode: quota"), "    approval: 0.25\n    delay: 2\n", "    limit: @@-0.2\n"))
case("fee-as-percent", S, "fee written as 15 for 15%", HEAD + sub(CONTROL, "    delay: 2\n", "    delay: 2\n    fee: @@15\n"))
case("leakage-above-one", S, "leakage above 1", HEAD + sub(CONTROL, "    delay: 2\n", "    delay: 2\n    leakage: @@2\n"))
case("delay-ten-years", S, "licence delay of 121 months", HEAD + sub(CONTROL, "delay: 2", "delay: @@121"))
case("fee-whole", S, "fee of 1 (100%)", HEAD + sub(CONTROL, "    delay: 2\n", "    delay: 2\n    fee: @@1\n"))
case("delay-negative", S, "negative licence delay", HEAD + sub(CONTROL, "delay: 2", "delay: @@-1"))
case("phase-in-negative", S, "negative phase_in", HEAD + sub(TARIFF, "    start:", "    phase_in: @@-3\n    start:"))
case("type-unknown", S, "policy type misspelt", HEAD + sub(TARIFF, "type: tariff", "type: @@tarif"))
case("mode-licence", S, "British spelling of license", HEAD + sub(CONTROL, "mode: license", "mode: @@licence"))
case("fee-borne-by-unknown", S, "fee borne by an unknown party", HEAD + sub(CONTROL, "    delay: 2\n", "    delay: 2\n    fee: 0.15\n    fee_borne_by: @@importer\n"))
case("policies-mapping", S, "policies written as a mapping", HEAD + "policies: @@{id: x, type: tariff}\n")
case("policy-missing-id", S, "policy without id", HEAD + sub(TARIFF, "  - id: us-tariff\n    type: tariff", "  - @@type: tariff"))
case("policy-missing-type", S, "policy without type", HEAD + sub(TARIFF, "    type: tariff\n", ""). replace("  - id: us-tariff", "  - @@id: us-tariff"))
case("policy-missing-sectors", S, "policy without sectors", HEAD + sub(TARIFF, "    sectors: [ELEC]\n", "").replace("  - id: us-tariff", "  - @@id: us-tariff"))
case("importer-empty-list", S, "importer is an empty list", HEAD + sub(TARIFF, "importer: USA", "importer: @@[]"))
case("importer-number", S, "importer is a number", HEAD + sub(TARIFF, "importer: USA", "importer: @@1"))
case("sectors-nested", S, "sectors is a list of lists", HEAD + sub(TARIFF, "sectors: [ELEC]", "sectors: [@@[ELEC]]"))
case("start-one-digit-month", S, "start month with one digit", "name: bad\nstart: @@2025-4\nhorizon: 36\n")
case("policy-start-slash", S, "policy start written 2025/04", HEAD + sub(TARIFF, "start: 2025-04", "start: @@2025/04"))
case("start-month-13", S, "start month 13", "name: bad\nstart: @@2025-13\nhorizon: 36\n")
case("policy-start-full-date", S, "policy start with a day", HEAD + sub(TARIFF, "start: 2025-04", "start: @@2025-04-01"))
case("once-yes", S, "once: yes is text in YAML 1.2", HEAD + sub(RULE, "once: true", "once: @@yes"))
case("rule-missing-when", S, "rule without when", HEAD + sub(RULE, "    when: \"tariff('USA','CHN','ELEC') > 0.2\"\n", "").replace("  - id: tit-for-tat", "  - @@id: tit-for-tat"))
case("then-with-start", S, "a rule's then with a start date", HEAD + sub(RULE, "rate: 0.25}", "rate: 0.25, @@start: 2025-05}"))
case("dist-unknown", S, "unknown distribution", HEAD + "uncertainty:\n  sigmaM.*: {dist: @@gaussian, sd: 0.2}\n")
case("sd-zero", S, "lognormal with sd 0", HEAD + "uncertainty:\n  sigmaM.*: {dist: lognormal, sd: @@0}\n")
case("dist-missing", S, "uncertainty entry without dist", HEAD + "uncertainty:\n  sigmaM.*: @@{sd: 0.2}\n")
case("dist-extra-key", S, "uncertainty entry with an unknown key", HEAD + "uncertainty:\n  sigmaM.*: {dist: lognormal, sd: 0.2, @@median: 1}\n")
case("parameter-text", S, "parameter value is a word", HEAD + "parameters:\n  sigmaM.REE: @@high\n")
case("yaml-unclosed-bracket", S, "a [ list not closed", HEAD + sub(TARIFF, "sectors: [ELEC]", "sectors: @@[ELEC\n").rstrip("\n") + "\n")
case("yaml-tab", S, "tab used for indentation", HEAD + "policies:\n@@\t- id: x\n")
case("yaml-tab-after-spaces", S, "a tab after two spaces of indentation", HEAD + sub(TARIFF, "    exporter: CHN", "  @@\t  exporter: CHN"))
case("yaml-indent-under", S, "a policy field indented one space less than the others", HEAD + sub(TARIFF, "    exporter: CHN", "   @@exporter: CHN"))
case("yaml-indent-over", S, "a policy field indented one space more than the others", HEAD + sub(TARIFF, "    exporter: CHN", "     @@exporter: CHN"))
case("yaml-top-indented", S, "a top-level field indented by a space", "name: bad\nstart: 2025-01\n @@horizon: 36\n")
case("yaml-colon-in-value", S, "a title holding ': ' without quotes", HEAD + "title: Tariffs@@: a 25% US tariff\n")
case("yaml-backtick", S, "a value starting with a backtick", HEAD + "title: @@`tariffs`\n")
case("yaml-unclosed-quote", S, "a when condition whose closing quote is missing", HEAD + sub(RULE, "when: \"tariff('USA','CHN','ELEC') > 0.2\"", "when: @@\"tariff('USA','CHN','ELEC') > 0.2"))
case("yaml-text-after-quote", S, "text after a quoted value", HEAD + "title: \"A 25% tariff\" @@on electronics\n")
case("yaml-missing-colon", S, "a field name without its colon", HEAD + sub(TARIFF, "    exporter: CHN", "    @@exporter CHN"))
case("not-a-mapping", S, "the file is a list", "@@- name: bad\n- start: 2025-01\n")
case("two-documents", S, "two YAML documents in one file", HEAD + "@@---\nname: other\n")
case("world-yaml", S, "a world folder's world.yaml given as a scenario", "@@name: my-world\nbase_year: 2024\ncurrency: USD billions\nregions:\n  - {code: USA, name: United States}\n")
case("name-number", S, "name is a number", "name: @@2025\nstart: 2025-01\nhorizon: 36\n")
case("name-empty", S, "name is empty text", "name: @@\"\"\nstart: 2025-01\nhorizon: 36\n")
case("sources-text", S, "sources is one string, not a list", HEAD + "sources: @@\"MOFCOM\"\n")
case("end-number", S, "end is a number", HEAD + sub(TARIFF, "    start: 2025-04\n", "    start: 2025-04\n    end: @@7\n"))
case("baseline-number", S, "baseline is a number", HEAD + "baseline: @@3\n")
case("rules-too-many", S, "201 rules", HEAD + "@@rules:\n" + "".join(
    f"  - {{id: r{i}, when: \"month > {i}\", lift: []}}\n" for i in range(201)).replace("lift: []", "then: {type: tariff, importer: CHN, exporter: USA, sectors: AGR, rate: 0.1}"))
case("lag-fraction", S, "lag of 1.5 months", HEAD + sub(RULE, "lag: 1", "lag: @@1.5"))
case("nan-rate", S, "rate .nan", HEAD + sub(TARIFF, "rate: 0.25", "rate: @@.nan"))

# --- semantic: valid for the schema; only the Go checks (world, dates, modes) catch them ------
case("unknown-region", M, "exporter CHA, a typo for CHN", HEAD + sub(TARIFF, "exporter: CHN", "exporter: @@CHA"))
case("unknown-sector-in-list", M, "SEMl with a lower-case L", HEAD + sub(TARIFF, "sectors: [ELEC]", "sectors: [ELEC, @@SEMl]"))
case("sector-by-name", M, "a sector written by its name, rare-earths for REE", HEAD + sub(TARIFF, "sectors: [ELEC]", "sectors: [@@rare-earths]"))
case("region-by-name", M, "a region written by its name, europe for EU", HEAD + sub(TARIFF, "importer: USA", "importer: @@europe"))
case("parameter-sector-by-name", M, "a parameter's sector written by its name", HEAD + "parameters:\n  @@sigma.semiconductors: 2\n")
case("norway-in-default-world", M, "exporter NO stays the text NO and is not a default region", HEAD + sub(TARIFF, "exporter: CHN", "exporter: @@NO"))
case("parameter-unknown-sector", M, "parameter for an unknown sector", HEAD + "parameters:\n  @@sigmaM.RRE: 0.5\n")
case("parameter-unknown-name", M, "misspelt parameter name", HEAD + "parameters:\n  @@sgima.REE: 0.5\n")
case("parameter-needs-sector", M, "sector parameter without a sector", HEAD + "parameters:\n  @@sigma: 2\n")
case("rationing-unknown", S, "unknown rationing rule", HEAD + "rationing: @@first-come\n")
case("parameter-global-range", M, "rho of 1 (income never updates)", HEAD + "parameters:\n  rho: @@1\n")
case("parameter-share-range", M, "lambda above 1", HEAD + "parameters:\n  lambda.REE: @@1.5\n")
case("end-before-start", M, "policy end before its start", HEAD + sub(TARIFF, "    start: 2025-04\n", "    start: 2025-04\n    end: @@2025-02\n"))
case("start-before-horizon", M, "policy start before the scenario start", HEAD + sub(TARIFF, "start: 2025-04", "start: @@2024-06"))
case("end-after-horizon", M, "policy end after the last month", HEAD + sub(TARIFF, "    start: 2025-04\n", "    start: 2025-04\n    end: @@2030-01\n"))
case("start-year-1850", M, "scenario start in 1850", "name: bad\nstart: @@1850-01\nhorizon: 36\n")
case("duplicate-policy-id", M, "two policies with one id", HEAD + TARIFF + sub(TARIFF, "policies:\n", "").replace("id: us-tariff", "id: @@us-tariff"))
case("rule-id-is-policy-id", M, "a rule with a policy's id", HEAD + TARIFF + sub(RULE, "id: tit-for-tat", "id: @@us-tariff"))
case("tariff-needs-rate", M, "tariff without rate", HEAD + sub(TARIFF, "    rate: 0.25\n", "").replace("  - id: us-tariff", "  - @@id: us-tariff"))
case("tariff-with-mode", M, "tariff with a control mode", HEAD + sub(TARIFF, "    start:", "    @@mode: ban\n    start:"))
case("quota-needs-limit", M, "quota without limit", HEAD + sub(sub(CONTROL, "mode: license", "mode: quota"), "    approval: 0.25\n    delay: 2\n", "").replace("  - id: ree-licence", "  - @@id: ree-licence"))
case("license-needs-approval", M, "license without approval", HEAD + sub(CONTROL, "    approval: 0.25\n", "").replace("  - id: ree-licence", "  - @@id: ree-licence"))
case("ban-with-approval", M, "ban with an approval share", HEAD + sub(sub(CONTROL, "mode: license", "mode: ban"), "    approval: 0.25\n    delay: 2\n", "    @@approval: 0.25\n"))
case("quota-with-approval", M, "quota with approval", HEAD + sub(sub(CONTROL, "mode: license", "mode: quota"), "    approval: 0.25\n    delay: 2\n", "    limit: 0.5\n    @@approval: 0.25\n"))
case("fee-borne-by-without-fee", M, "fee_borne_by with no fee", HEAD + sub(CONTROL, "    delay: 2\n", "    delay: 2\n    @@fee_borne_by: buyer\n"))
case("export-control-needs-mode", M, "export control without mode", HEAD + sub(CONTROL, "    mode: license\n    approval: 0.25\n    delay: 2\n", "").replace("  - id: ree-licence", "  - @@id: ree-licence"))
case("import-control-with-fee", M, "import control with a fee", HEAD + sub(sub(CONTROL, "type: export_control", "type: import_control"), "    delay: 2\n", "    delay: 2\n    fee: @@0.15\n"))
case("export-control-with-rate", M, "export control with a tariff rate", HEAD + sub(CONTROL, "    delay: 2\n", "    delay: 2\n    @@rate: 0.1\n"))
case("license-limit-zero", M, "license with limit 0", HEAD + sub(CONTROL, "    delay: 2\n", "    delay: 2\n    limit: @@0\n"))
case("same-exporter-importer", M, "exporter and importer both USA", HEAD + sub(TARIFF, "exporter: CHN", "exporter: USA").replace("importer: USA", "importer: @@USA"))
case("codes-without-brackets", M, "two importers without brackets", HEAD + sub(TARIFF, "importer: USA", "importer: @@USA, EU"))
case("all-in-capitals", M, "ALL for every sector", HEAD + sub(TARIFF, "sectors: [ELEC]", "sectors: @@ALL"))
case("all-inside-list", M, "all written inside a list", HEAD + sub(TARIFF, "importer: USA", "importer: [USA, @@all]"))
case("duplicate-code", M, "a sector listed twice", HEAD + sub(TARIFF, "sectors: [ELEC]", "sectors: [ELEC, @@ELEC]"))
case("when-unknown-function", M, "misspelt condition function", HEAD + sub(RULE, "when: \"tariff(", "when: \"@@tarif("))
case("when-unknown-region", M, "unknown region in a condition", HEAD + sub(RULE, "when: \"tariff('USA','CHN'", "when: \"tariff('USA','@@CHA'"))
case("when-not-boolean", M, "condition that is a number, not true or false", HEAD + sub(RULE, "when: \"tariff('USA','CHN','ELEC') > 0.2\"", "when: @@\"tariff('USA','CHN','ELEC') + 1\""))
case("when-syntax", M, "condition with a syntax error", HEAD + sub(RULE, "when: \"tariff('USA','CHN','ELEC') > 0.2\"", "when: \"tariff('USA','CHN' @@>\""))
case("when-single-equals", M, "= for == in a condition", HEAD + sub(RULE, "') > 0.2", "') @@= 0.2"))
case("when-unquoted-code", M, "a region code without quotes in a condition", HEAD + sub(RULE, "when: \"tariff('USA','CHN','ELEC') > 0.2\"", "when: \"shortage(@@USA, 'REE') > 0.3\""))
case("when-upper-and", M, "AND in capitals", HEAD + sub(RULE, "') > 0.2", "') > 0.2 @@AND month > 3"))
case("when-date-unquoted", M, "a date compared without quotes", HEAD + sub(RULE, "when: \"tariff('USA','CHN','ELEC') > 0.2\"", "when: \"date @@>= 2025-06\""))
case("when-indented-block", M, "a condition on several lines: reported at the value", HEAD + sub(RULE, "when: \"tariff('USA','CHN','ELEC') > 0.2\"", "when: @@>\n      tariff('USA','CHN','ELEC')\n      >> 0.2"))
case("when-single-quoted", M, "a condition in single quotes with doubled quotes inside: reported at the value", HEAD + sub(RULE, "when: \"tariff('USA','CHN','ELEC') > 0.2\"", "when: @@'tariff(''USA'',''CHN'',''ELEC'') = 0.2'"))
case("when-plain", M, "a condition without quotes: reported at its character", HEAD + sub(RULE, "when: \"tariff('USA','CHN','ELEC') > 0.2\"", "when: tariff('USA','CHN','ELEC') @@= 0.2"))
case("when-empty", S, "empty condition", HEAD + sub(RULE, "when: \"tariff('USA','CHN','ELEC') > 0.2\"", "when: @@\"\""))
case("lift-unknown-policy", M, "lift names an unknown policy", HEAD + TARIFF + "rules:\n  - id: truce\n    when: \"month >= 12\"\n    lift: [@@us-tarif]\n")
case("rule-without-effect", M, "rule with neither then nor lift", HEAD + "rules:\n  - @@id: nothing\n    when: \"month >= 12\"\n")
case("once-and-cooldown", M, "once with a cooldown", HEAD + sub(RULE, "once: true", "once: true\n    cooldown: @@6"))
case("duration-without-then", M, "duration on a rule that only lifts", HEAD + TARIFF + "rules:\n  - id: truce\n    when: \"month >= 12\"\n    lift: [us-tariff]\n    duration: @@6\n")
case("lognormal-with-min", M, "lognormal given a min", HEAD + "uncertainty:\n  sigmaM.*: {dist: lognormal, sd: 0.2, @@min: 0.5}\n")
case("uniform-min-above-max", M, "uniform with max below min", HEAD + "uncertainty:\n  tau.REE: {dist: uniform, min: 1.5, max: @@0.5}\n")
case("triangular-mode-outside", M, "triangular mode above max", HEAD + "uncertainty:\n  tau.REE: {dist: triangular, min: 0.5, mode: @@2, max: 1.5}\n")
case("normal-too-wide", M, "normal multiplier that could go negative", HEAD + "uncertainty:\n  sigmaM.*: {dist: normal, mean: 1, sd: @@0.5}\n")
case("uniform-needs-max", M, "uniform without max", HEAD + "uncertainty:\n  tau.REE: @@{dist: uniform, min: 0.5}\n")
case("unknown-world", M, "world folder that does not exist", "name: bad\nworld: @@worlds/atlantis\nstart: 2025-01\nhorizon: 36\n")
case("world-typo", M, "defualt for the default world", "name: bad\nworld: @@defualt\nstart: 2025-01\nhorizon: 36\n")
case("baseline-unknown-builtin", M, "baseline names a misspelt built-in", HEAD + "baseline: @@h20-alowance\n")
case("baseline-without-yaml", M, "baseline names a file of this folder without its .yaml ending", HEAD + "baseline: @@unknown-world\n")
case("baseline-missing-file", M, "baseline file that does not exist", HEAD + "baseline: @@nothere.yaml\n")
case("baseline-cycle", M, "baseline chain that leads back", HEAD + "baseline: @@aux/cycle-b.yaml\n")
case("baseline-other-world", M, "baseline on another world", HEAD + "baseline: @@aux/nordic.yaml\n")
case("baseline-outside-horizon", M, "baseline's April 2025 policy before this scenario's start", "name: bad\nstart: 2025-06\nhorizon: 36\nbaseline: @@h20-ban\n")
case("baseline-invalid", M, "baseline with its own errors", HEAD + "baseline: @@aux/broken.yaml\n")
case("merge-key", M, "YAML merge key, which tradesim does not support", HEAD + "policies:\n  - &base {id: a, type: tariff, importer: USA, exporter: CHN, sectors: all, rate: 0.1}\n  - @@<<: *base\n    id: b\n")
case("many-problems", S, "five different problems, all reported at once", "name: bad\nstart: 2025-01\nhorizon: 36\nreplicates: 0\npolicies:\n  - id: p\n    type: tariff\n    importer: USA\n    exporter: @@CHA\n    sectors: [ELECT]\n    rate: -1\n    start: 2024-01\n")
case("too-many-problems", M, "60 unknown regions: the first 50 are shown", HEAD + "policies:\n" + "".join(
    f"  - {{id: p{i}, type: tariff, importer: USA, exporter: {'@@' if i == 0 else ''}XX{i}, sectors: all, rate: 0.1}}\n" for i in range(60)))

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "bad")
os.makedirs(out, exist_ok=True)
for name, (cls, what, text) in sorted(cases.items()):
    header = 3
    # @@ marks the token; @0@ marks a line for errors that YAML reports without a column.
    marker = "@0@" if "@0@" in text else "@@"
    assert text.count(marker) == 1, name
    before = text[:text.index(marker)]
    line = before.count("\n") + 1 + header
    col = 0 if marker == "@0@" else len(before) - (before.rfind("\n") + 1) + 1
    body = text.replace(marker, "")
    with open(os.path.join(out, name + ".yaml"), "w") as f:
        f.write(f"# class: {cls}\n# at: {line}:{col}\n# {what}\n{body}")
print(len(cases), "bad cases")
