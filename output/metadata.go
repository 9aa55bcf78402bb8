package output

import (
	"encoding/json"
	"strconv"

	"github.com/tradesim/tradesim/sim"
)

// RunIdentity is what identifies a run beyond its result: the manifest's version and hashes.
// The Parquet files carry it, so a table copied out of its folder still says where it came from.
type RunIdentity struct {
	Version        string
	ScenarioSHA256 string
	World          string
	WorldSHA256    string
}

// MetadataPrefix starts the keys of the key-value metadata of every Parquet file of a run.
const MetadataPrefix = "tradesim."

// UnitInfo is the unit of a variable and of its deviation, as the Parquet metadata gives them.
type UnitInfo struct {
	Unit          string `json:"unit"`
	DeviationUnit string `json:"deviation_unit"`
}

// Units maps every reported variable (series and flows) to its units.
func Units() map[string]UnitInfo {
	out := map[string]UnitInfo{}
	for _, vs := range [][]sim.Variable{sim.RSVars[:], sim.RegionVars[:], sim.FlowVars[:]} {
		for _, v := range vs {
			if _, ok := out[v.Name]; !ok {
				out[v.Name] = UnitInfo{v.Unit, DeviationUnit(v)}
			}
		}
	}
	return out
}

// parquetMetadata is the key-value metadata of the run's Parquet files: the manifest's
// identifiers and, under tradesim.units, a JSON object of every variable's units.
func (tb *Tables) parquetMetadata() map[string]string {
	res, id := tb.Result, tb.Identity
	units, _ := json.Marshal(Units()) // a map of strings always marshals; keys come out sorted
	m := map[string]string{
		"scenario":        res.Scenario,
		"baseline":        tb.Bands.Baseline,
		"seed":            strconv.FormatUint(res.Seed, 10),
		"replicates":      strconv.Itoa(tb.Bands.Replicates),
		"firms":           strconv.Itoa(res.Firms),
		"start":           res.Start.String(),
		"end":             (res.Start + sim.Month(res.Steps-1)).String(),
		"units":           string(units),
		"stat":            "band statistic over replicates (mean, p05, p50, p95); null on the rows of single replicates",
		"replicate":       "replicate number of a raw row (--raw); null on band rows",
		"deviation":       "percent for levels, percentage points for rates, the difference in the variable's unit for signed levels and where the baseline is zero; see units",
		"date":            "first day of the simulated month",
		"version":         id.Version,
		"scenario_sha256": id.ScenarioSHA256,
		"world":           id.World,
		"world_sha256":    id.WorldSHA256,
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		if v != "" {
			out[MetadataPrefix+k] = v
		}
	}
	return out
}
