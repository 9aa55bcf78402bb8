package pipeline

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"text/template"

	"github.com/tradesim/tradesim/scenarios"
)

// EmitOptions describe the cluster job that runs a sweep's shards.
type EmitOptions struct {
	Sweep    string // the sweep file's path as the job sees it
	Dir      string // the sweep root: shards go to DIR/shard-I, the merge to DIR/all
	Shards   int    // array tasks or completions; 0 = one per batch, at most 64
	CPUs     int    // per task: the worker pool of each shard
	Tradesim string // the tradesim command as the job sees it
	// Slurm
	Time, Partition, Memory string
	// Kubernetes
	Image, Claim, Mount string
}

// DefaultShards is the shard count when none is given: one per batch, at most 64 (a few
// dozen array tasks stay well under sites' MaxArraySize and submission limits).
func DefaultShards(batches int) int { return max(1, min(64, batches)) }

// quote quotes a word for a POSIX shell when it needs it.
func quote(s string) string {
	if s != "" && regexp.MustCompile(`^[A-Za-z0-9_./:=+-]+$`).MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

var slurmTmpl = template.Must(template.New("slurm").Funcs(template.FuncMap{"q": quote}).Parse(`#!/bin/bash
# Slurm job array for the tradesim sweep {{.Name}}: {{.Runs}} runs in {{.Batches}} batches,
# {{.Shards}} array tasks (shards). Submit with
#   sbatch {{.ScriptName}}
# and when every task has finished, join the shards:
#   {{q .Tradesim}} sweep merge {{q .Dir}}/shard-* -o {{q .Dir}}/all
# A task that fails or is pre-empted can be run again: --resume keeps its finished batches.
#SBATCH --job-name={{.JobName}}
#SBATCH --array=0-{{.Last}}
#SBATCH --cpus-per-task={{.CPUs}}
#SBATCH --output={{.JobName}}-%a.out
{{- if .Time}}
#SBATCH --time={{.Time}}{{end}}
{{- if .Partition}}
#SBATCH --partition={{.Partition}}{{end}}
{{- if .Memory}}
#SBATCH --mem={{.Memory}}{{end}}
set -euo pipefail
exec {{q .Tradesim}} sweep {{q .Sweep}} -o {{q .Dir}}/shard-"${SLURM_ARRAY_TASK_ID}" \
  --shard-from-env --workers "${SLURM_CPUS_PER_TASK:-{{.CPUs}}}" --resume --quiet
`))

var k8sTmpl = template.Must(template.New("k8s").Funcs(template.FuncMap{"q": strconv.Quote}).Parse(`# Kubernetes Indexed Job for the tradesim sweep {{.Name}}: {{.Runs}} runs in {{.Batches}} batches,
# {{.Shards}} completions (shards). Each pod runs shard JOB_COMPLETION_INDEX into
# {{.Mount}}/{{.Dir}}/shard-INDEX on the volume {{.Claim}}, which must hold the sweep file and its
# scenario. Apply with kubectl apply -f FILE; when the Job completes, join the shards:
#   tradesim sweep merge {{.Mount}}/{{.Dir}}/shard-* -o {{.Mount}}/{{.Dir}}/all
apiVersion: batch/v1
kind: Job
metadata:
  name: {{.JobName}}
  labels:
    app.kubernetes.io/name: tradesim
spec:
  completionMode: Indexed
  completions: {{.Shards}}
  parallelism: {{.Shards}}
  backoffLimitPerIndex: 2
  maxFailedIndexes: 0
  template:
    metadata:
      labels:
        app.kubernetes.io/name: tradesim
    spec:
      restartPolicy: Never
      containers:
        - name: tradesim
          image: {{q .Image}}
          command:
            - {{q .Tradesim}}
            - sweep
            - {{q .MountedSweep}}
            - -o
            - {{q .MountedShard}}
            - --shard-from-env
            - --shards
            - {{q .ShardsText}}
            - --workers
            - {{q .CPUsText}}
            - --resume
            - --quiet
          resources:
            requests:
              cpu: {{q .CPUsText}}
          volumeMounts:
            - name: data
              mountPath: {{q .Mount}}
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: {{q .Claim}}
`))

// Emit writes a ready-to-submit Slurm array script (kind "slurm") or Kubernetes Indexed Job
// manifest (kind "k8s") that runs the sweep's shards.
func Emit(w io.Writer, kind string, sw *scenarios.Sweep, o EmitOptions) error {
	runs := sw.Runs()
	batches := (runs + BatchSize(runs) - 1) / BatchSize(runs)
	shards := o.Shards
	if shards == 0 {
		shards = DefaultShards(batches)
	}
	if shards < 1 {
		return fmt.Errorf("--shards %d: give at least 1", shards)
	}
	cpus := max(1, o.CPUs)
	job := strings.Trim(regexp.MustCompile(`[^a-z0-9-]+`).ReplaceAllString(strings.ToLower("tradesim-"+sw.Name), "-"), "-")
	if len(job) > 52 { // an Indexed Job's pods append the index to a name of at most 63
		job = strings.TrimRight(job[:52], "-")
	}
	data := map[string]any{
		"Name": sw.Name, "Runs": runs, "Batches": batches, "Shards": shards, "Last": shards - 1,
		"ShardsText": strconv.Itoa(shards), "CPUs": cpus, "CPUsText": strconv.Itoa(cpus),
		"JobName": job, "Sweep": o.Sweep, "Dir": o.Dir, "Tradesim": o.Tradesim,
		"Time": o.Time, "Partition": o.Partition, "Memory": o.Memory, "ScriptName": job + ".sbatch",
		"Image": o.Image, "Claim": o.Claim, "Mount": o.Mount,
		"MountedSweep": strings.TrimSuffix(o.Mount, "/") + "/" + strings.TrimPrefix(o.Sweep, "/"),
		"MountedShard": strings.TrimSuffix(o.Mount, "/") + "/" + strings.Trim(o.Dir, "/") + "/shard-$(JOB_COMPLETION_INDEX)",
	}
	switch kind {
	case "slurm":
		return slurmTmpl.Execute(w, data)
	case "k8s":
		return k8sTmpl.Execute(w, data)
	}
	return fmt.Errorf("unknown job kind %q: give slurm or k8s", kind)
}
