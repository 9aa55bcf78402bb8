package worlds

import (
	"embed"
	"io/fs"
	"slices"
	"strings"
)

// builtinMaps are mapping files shipped with tradesim (maps/NAME-to-default.csv), for tables
// economists commonly hold, each aggregating to the default world's codes.
//
//go:embed maps/*.csv
var builtinMaps embed.FS

const builtinMapSuffix = "-to-default.csv"

// BuiltinMaps lists the names of the shipped mapping files (e.g. "icio2023").
func BuiltinMaps() []string {
	entries, _ := fs.ReadDir(builtinMaps, "maps") // embedded: cannot fail
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), builtinMapSuffix); ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// ReadBuiltinMap reads a shipped mapping file by name; ok is false for an unknown name.
func ReadBuiltinMap(name string) (m *Mapping, ok bool, err error) {
	if !slices.Contains(BuiltinMaps(), name) {
		return nil, false, nil
	}
	sub, err := fs.Sub(builtinMaps, "maps")
	if err != nil {
		return nil, true, err
	}
	file := name + builtinMapSuffix
	m, err = ReadMapping(sub, file, "built-in map "+file)
	return m, true, err
}
