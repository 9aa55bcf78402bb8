package pipeline

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "rewrite the goldens of testdata (review the diff by eye)")

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run %s -update writes it; review it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from its golden:\n%s", name, got)
	}
}

// TestEmitK8s: the Indexed Job parses as YAML and has what an Indexed Job needs: batch/v1 Job,
// completionMode Indexed, completions = parallelism = shards, restartPolicy Never, and a
// container that runs the shard JOB_COMPLETION_INDEX of --shards N.
func TestEmitK8s(t *testing.T) {
	sw := loadQuickSweep(t, "quick-lhs.yaml")
	var b bytes.Buffer
	o := EmitOptions{Sweep: "sweeps/quick-lhs.yaml", Dir: "sweeps/quick-lhs", Shards: 4, CPUs: 2, Tradesim: "tradesim",
		Image: "ghcr.io/example/tradesim:1", Claim: "sweeps", Mount: "/data"}
	if err := Emit(&b, "k8s", sw, o); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "emit-k8s.golden.yaml", b.Bytes())
	var job struct {
		APIVersion string `yaml:"apiVersion"`
		Kind       string `yaml:"kind"`
		Metadata   struct{ Name string }
		Spec       struct {
			CompletionMode       string `yaml:"completionMode"`
			Completions          int    `yaml:"completions"`
			Parallelism          int    `yaml:"parallelism"`
			BackoffLimitPerIndex *int   `yaml:"backoffLimitPerIndex"`
			Template             struct {
				Spec struct {
					RestartPolicy string `yaml:"restartPolicy"`
					Containers    []struct {
						Image   string
						Command []string
					}
					Volumes []struct {
						PersistentVolumeClaim struct {
							ClaimName string `yaml:"claimName"`
						} `yaml:"persistentVolumeClaim"`
					}
				}
			}
		}
	}
	dec := yaml.NewDecoder(&b)
	dec.KnownFields(false)
	if err := dec.Decode(&job); err != nil {
		t.Fatalf("the manifest is not YAML: %v", err)
	}
	s := job.Spec
	switch {
	case job.APIVersion != "batch/v1" || job.Kind != "Job" || job.Metadata.Name != "tradesim-quick-lhs":
		t.Errorf("apiVersion %q, kind %q, name %q", job.APIVersion, job.Kind, job.Metadata.Name)
	case s.CompletionMode != "Indexed" || s.Completions != 4 || s.Parallelism != 4 || s.BackoffLimitPerIndex == nil:
		t.Errorf("spec: %+v", s)
	case s.Template.Spec.RestartPolicy != "Never" || len(s.Template.Spec.Containers) != 1:
		t.Errorf("pod spec: %+v", s.Template.Spec)
	case len(s.Template.Spec.Volumes) != 1 || s.Template.Spec.Volumes[0].PersistentVolumeClaim.ClaimName != "sweeps":
		t.Errorf("volumes: %+v", s.Template.Spec.Volumes)
	}
	if len(s.Template.Spec.Containers) == 1 {
		c := s.Template.Spec.Containers[0]
		want := []string{"tradesim", "sweep", "/data/sweeps/quick-lhs.yaml", "-o", "/data/sweeps/quick-lhs/shard-$(JOB_COMPLETION_INDEX)",
			"--shard-from-env", "--shards", "4", "--workers", "2", "--resume", "--quiet"}
		if c.Image != o.Image || !slices.Equal(c.Command, want) {
			t.Errorf("container: image %q, command %q", c.Image, c.Command)
		}
	}
}

// TestEmitSlurm: the sbatch script has the array, the shard command and the merge to run.
func TestEmitSlurm(t *testing.T) {
	sw := loadQuickSweep(t, "quick-lhs.yaml")
	var b bytes.Buffer
	o := EmitOptions{Sweep: "quick-lhs.yaml", Dir: "sweeps/quick lhs", CPUs: 4, Tradesim: "/opt/tradesim/bin/tradesim", Time: "01:00:00"}
	if err := Emit(&b, "slurm", sw, o); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "emit-slurm.golden.sh", b.Bytes())
}
