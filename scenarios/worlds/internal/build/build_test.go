package build

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/tradesim/tradesim/scenarios/worlds"
)

var update = flag.Bool("update", false, "rewrite the default world's files in ../../default")

const defaultDir = "../../default"

// TestDefaultWorldFiles regenerates the default world and compares it with the embedded files:
// it fails when the files, SOURCES.md included, are stale. With -update it rewrites them.
func TestDefaultWorldFiles(t *testing.T) {
	targets, err := os.ReadFile(filepath.Join(defaultDir, worlds.TargetsFile))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Build(targets)
	if err != nil {
		t.Fatal(err)
	}
	files, err := worlds.Encode(res.Folder)
	if err != nil {
		t.Fatal(err)
	}
	files[SourcesFile] = Sources(res)
	for _, name := range append(append([]string(nil), worlds.Files...), SourcesFile) {
		path := filepath.Join(defaultDir, name)
		if *update {
			if err := os.WriteFile(path, files[name], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, files[name]) {
			t.Errorf("%s is stale: run go generate ./scenarios/worlds", path)
		}
	}
	for _, tg := range res.Targets {
		if !tg.Met(res.Folder.World) {
			t.Errorf("target %s: %s = %g, want %g within %s", tg.ID, tg.Quantity.Text, tg.Quantity.Eval(res.Folder.World), tg.Value, tg.TolText)
		}
	}
	t.Logf("sweeps %d, max deviation %.3g, tariff scales US %.4f CN %.4f", res.Sweeps, res.MaxDev, res.USScale, res.CNScale)
}
