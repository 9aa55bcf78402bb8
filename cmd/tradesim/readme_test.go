package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/rogpeppe/go-internal/txtar"
)

// readmeCommands returns the commands of README.md's "What you can do" block, one per line,
// without their comments.
func readmeCommands(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "## What you can do")
	if i < 0 {
		t.Fatal("README.md has no section \"What you can do\"")
	}
	s = s[i:]
	start := strings.Index(s, "```sh\n")
	end := strings.Index(s[start+6:], "```")
	if start < 0 || end < 0 {
		t.Fatal("README.md's \"What you can do\" has no sh block")
	}
	var cmds []string
	for _, line := range strings.Split(s[start+6:start+6+end], "\n") {
		if j := strings.Index(line, "  #"); j >= 0 {
			line = line[:j]
		}
		if line = strings.TrimSpace(line); line != "" {
			cmds = append(cmds, line)
		}
	}
	return cmds
}

// scriptLine turns a README command into testscript lines: `tradesim ARGS` runs the command
// (it must succeed), and `> FILE` keeps its standard output in FILE.
func scriptLine(t *testing.T, cmd string) string {
	t.Helper()
	out := ""
	if i := strings.Index(cmd, " > "); i >= 0 {
		cmd, out = cmd[:i], strings.TrimSpace(cmd[i+3:])
	}
	if !strings.HasPrefix(cmd, "tradesim ") || strings.ContainsAny(cmd, "|;&$`") {
		t.Fatalf("README command %q is not a plain tradesim command; extend scriptLine to run it", cmd)
	}
	s := "exec " + cmd + "\n"
	if out != "" {
		s += "cp stdout " + out + "\nexists " + out + "\n"
	}
	return s
}

// TestReadmeCommands runs every command of README.md's "What you can do" block, as written and
// in order, in a fresh copy of the repository, with nothing prepared but the OECD ICIO table
// the README says the user brings (a small one, from world_import.txtar). Each must exit 0.
func TestReadmeCommands(t *testing.T) {
	t.Parallel() // the longest test of the package: let the others run beside it
	cmds := readmeCommands(t)
	if len(cmds) < 10 {
		t.Fatalf("README's block has %d commands; the extraction is broken", len(cmds))
	}
	var script strings.Builder
	script.WriteString("cd repo\n")
	for _, c := range cmds {
		script.WriteString(scriptLine(t, c))
	}
	script.WriteString("exists results/h20-allowance/manifest.json results/h20-compare/manifest.json brief.html comparison.md icio-world/world.yaml my-world/flows.csv\n")
	arch, err := txtar.ParseFile("testdata/script/world_import.txtar")
	if err != nil {
		t.Fatal(err)
	}
	var icio []byte
	for _, f := range arch.Files {
		if f.Name == "icio.csv" {
			icio = f.Data
		}
	}
	if icio == nil {
		t.Fatal("world_import.txtar has no icio.csv")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "readme.txtar"), []byte(script.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: dir,
		Setup: func(env *testscript.Env) error {
			repo := filepath.Join(env.WorkDir, "repo")
			if err := copyRepository("../..", repo); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(repo, "icio.csv"), icio, 0o644)
		},
	})
}

// copyRepository copies the repository's files (not .git, not results) to dst.
func copyRepository(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "results") && rel != "." {
			return filepath.SkipDir
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// TestDocsStandAlone: no file of the repository sends its reader to a file outside it (the
// developers' design notes live beside the repository, not in it); the model is described in
// sim/README.md. .ci/run, the CI entry point, is left to its owner.
func TestDocsStandAlone(t *testing.T) {
	outside := []string{"MODEL" + ".md", "DESIGN" + ".md", "research" + "/", "../" + "shared"}
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n == ".git" || n == "results" || n == "testdata" && strings.Contains(path, "fuzz") {
				return filepath.SkipDir
			}
			return nil
		}
		if rel, _ := filepath.Rel("../..", path); rel == filepath.Join(".ci", "run") || !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, o := range outside {
			if i := strings.Index(string(b), o); i >= 0 {
				line := 1 + strings.Count(string(b[:i]), "\n")
				t.Errorf("%s:%d cites %s, which is not in the repository; cite sim/README.md or say it in words", path, line, o)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
