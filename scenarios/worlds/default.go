package worlds

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/tradesim/tradesim/sim"
)

//go:generate go test ./internal/build -run TestDefaultWorldFiles -update

// defaultFiles holds the default world (see default/SOURCES.md) and its calibration targets.
//
//go:embed default/*.yaml default/*.csv default/SOURCES.md
var defaultFiles embed.FS

// DefaultName is the name by which scenarios refer to the embedded default world.
const DefaultName = "default"

var defaultOnce = sync.OnceValues(func() (*Folder, error) {
	sub, err := fs.Sub(defaultFiles, "default")
	if err != nil {
		return nil, fmt.Errorf("worlds: embedded default world: %w", err)
	}
	f, err := LoadFS(sub, func(name string) string { return "default/" + name })
	if err != nil {
		return nil, fmt.Errorf("worlds: the embedded default world is invalid (a build error):\n%w", err)
	}
	return f, nil
})

// Default returns a fresh copy of the embedded default world: 7 regions x 13 sectors, 2024, USD
// billions, calibrated as default/SOURCES.md documents. The files are parsed once; each call
// returns its own clone, so callers may modify it.
func Default() (*sim.World, error) {
	f, err := DefaultFolder()
	if err != nil {
		return nil, err
	}
	return f.World, nil
}

// DefaultFolder returns a fresh copy of the default world with its sources.
func DefaultFolder() (*Folder, error) {
	f, err := defaultOnce()
	if err != nil {
		return nil, err
	}
	return f.Clone(), nil
}

// DefaultFile returns one embedded file of the default world folder (e.g. "targets.csv").
func DefaultFile(name string) ([]byte, error) {
	return defaultFiles.ReadFile("default/" + name)
}

// Resolve returns the world a scenario names: "default" (or "") for the embedded one, otherwise a
// folder path, relative to baseDir (the scenario file's folder) unless absolute; a folder called
// default is reached as "./default".
func Resolve(ref, baseDir string) (*sim.World, error) {
	f, err := ResolveFolder(ref, baseDir)
	if err != nil {
		return nil, err
	}
	return f.World, nil
}

// ResolveFolder is Resolve keeping the sources.
func ResolveFolder(ref, baseDir string) (*Folder, error) {
	if ref == "" || ref == DefaultName {
		return DefaultFolder()
	}
	dir := ref
	if !filepath.IsAbs(dir) && baseDir != "" {
		dir = filepath.Join(baseDir, dir)
	}
	return LoadFolder(dir)
}

// Digest is the SHA-256 (hex) of a canonical encoding of w's data: name, base year, currency,
// codes and names, every flow, tariff, criticality and sector parameter, as the files Encode
// writes without the documentation (sources and reasons). Two worlds with the same digest run the
// same simulation; run manifests record it.
func Digest(w *sim.World) string {
	f := newFolder(w)
	h := sha256.New()
	for _, name := range Files {
		if name == FlowsFile {
			// Streamed twice (to count, then to hash) rather than held: flows.csv of a large
			// world runs to gigabytes.
			var n countingWriter
			writeFlows(&n, w)
			fmt.Fprintf(h, "%s %s\n", name, strconv.FormatInt(int64(n), 10))
			writeFlows(h, w)
			continue
		}
		data, err := encodeFile(f, name)
		if err != nil {
			// Encoding plain strings and numbers as YAML cannot fail; keep Digest total anyway.
			data = []byte(fmt.Sprintf("%#v", w))
		}
		fmt.Fprintf(h, "%s %s\n", name, strconv.Itoa(len(data)))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// countingWriter counts the bytes written to it.
type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
