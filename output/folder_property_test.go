package output

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"pgregory.net/rapid"
)

// TestOpenResultsDirNeverLosesUserFiles: for random folders (a user's files, some with result
// names, symbolic links in and out, a manifest valid or not, a killed run's leftovers), opening
// the folder and then writing a run into it (or failing and rolling back) never changes or
// removes a file that tradesim did not write, inside the folder or outside it.
func TestOpenResultsDirNeverLosesUserFiles(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		root, err := os.MkdirTemp(t.TempDir(), "prop")
		if err != nil {
			rt.Fatal(err)
		}
		dir := filepath.Join(root, "run")
		outside := filepath.Join(root, "outside.txt")
		must(rt, os.WriteFile(outside, []byte("outside"), 0o644))
		user := map[string]string{} // path -> content the user wrote (a link: "->target")
		ours := map[string]bool{}   // what tradesim may remove: its leftovers and a previous run
		names := []string{"series.csv", "summary.json", "notes.txt", "charts/a.svg", "data/x.csv"}
		if rapid.Bool().Draw(rt, "exists") {
			must(rt, os.MkdirAll(dir, 0o755))
		}
		write := func(rel, content string) {
			p := filepath.Join(dir, rel)
			must(rt, os.MkdirAll(filepath.Dir(p), 0o755))
			must(rt, os.WriteFile(p, []byte(content), 0o644))
		}
		var listed []FileRecord
		for i, name := range names {
			switch rapid.IntRange(0, 4).Draw(rt, name) {
			case 1: // the user's own file
				write(name, "user "+name)
				user[name] = "user " + name
			case 2: // a previous run's file (listed in the manifest if there is one)
				write(name, "run "+name)
				ours[name] = true
				listed = append(listed, FileRecord{Path: name, SHA256: sum("run " + name), Bytes: int64(len("run " + name))})
			case 3: // a killed run's temporary file
				tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+"12345")
				write(tmp, "partial")
				ours[filepath.ToSlash(tmp)] = true
			case 4: // a symbolic link, to the outside file or to a file inside
				p := filepath.Join(dir, name)
				must(rt, os.MkdirAll(filepath.Dir(p), 0o755))
				target := outside
				if i%2 == 0 {
					target = filepath.Join(dir, "notes.txt")
				}
				must(rt, os.Symlink(target, p))
				user[name] = "->" + target
			}
		}
		manifest := rapid.IntRange(0, 3).Draw(rt, "manifest")
		if manifest == 3 && len(listed) == 0 {
			manifest = 1 // no file whose hash could be wrong: a valid, empty run's manifest
		}
		if _, err := os.Stat(dir); err == nil && manifest > 0 {
			m := Manifest{Tool: "tradesim", Files: listed}
			if manifest == 2 {
				m.Tool = "other"
			}
			if manifest == 3 && len(listed) > 0 {
				m.Files[0].SHA256 = sum("something else")
			}
			b, _ := json.Marshal(m)
			write(ManifestName, string(b))
			if manifest == 1 {
				ours[ManifestName] = true
			} else {
				user[ManifestName] = string(b)
			}
		}
		if manifest != 1 {
			// Without a valid manifest the "previous run" files are the user's, unless a
			// killed run's lock file lists them.
			stale := rapid.Bool().Draw(rt, "stale lock")
			var lock string
			for _, fr := range listed {
				if stale && manifest == 0 {
					lock += "placed " + fr.Path + " " + fr.SHA256 + "\n"
					if !rapid.Bool().Draw(rt, "edited since") {
						continue
					}
					write(fr.Path, "edited by the user") // no longer what the killed run wrote
					delete(ours, fr.Path)
					user[fr.Path] = "edited by the user"
					continue
				}
				delete(ours, fr.Path)
				user[fr.Path] = "run " + fr.Path
			}
			if lock != "" {
				write(lockName, "tradesim run killed\n"+lock)
			}
		}
		force := rapid.Bool().Draw(rt, "force")
		f, err := OpenResultsDir(dir, OpenOptions{Force: force})
		if err == nil {
			if rapid.Bool().Draw(rt, "fail") {
				must(rt, f.WriteFile("series.csv", func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }))
				f.Rollback()
			} else {
				writeTestRun(t, f, map[string]string{"series.csv": "new", "charts/b.svg": "<svg/>"})
			}
			if len(user) > 0 {
				rt.Errorf("opened a folder with the user's files %v", keys(user))
			}
		}
		if b, err := os.ReadFile(outside); err != nil || string(b) != "outside" {
			rt.Fatalf("the file outside the folder changed: %q %v", b, err)
		}
		if err != nil {
			for rel, want := range user {
				p := filepath.Join(dir, rel)
				if want[:2] == "->" {
					if got, err := os.Readlink(p); err != nil || got != want[2:] {
						rt.Errorf("%s: the link is gone or changed (%q, %v)", rel, got, err)
					}
					continue
				}
				if got, err := os.ReadFile(p); err != nil || string(got) != want {
					rt.Errorf("%s: the user's file is gone or changed (%q, %v)", rel, got, err)
				}
			}
		}
	})
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func must(rt *rapid.T, err error) {
	if err != nil {
		rt.Fatal(err)
	}
}
