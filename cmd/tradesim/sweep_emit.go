package main

import (
	"github.com/spf13/cobra"

	"github.com/tradesim/tradesim/output/pipeline"
	"github.com/tradesim/tradesim/scenarios"
	"github.com/tradesim/tradesim/scenarios/worlds"
)

func newSweepEmitCmd(s streams) *cobra.Command {
	o := pipeline.EmitOptions{}
	cmd := &cobra.Command{
		Use:   "emit slurm|k8s SWEEP",
		Short: "Print a Slurm array script or a Kubernetes Indexed Job that runs a sweep's shards",
		Long: `Print a ready-to-submit job file that runs the sweep's shards in parallel on a cluster:
slurm, an sbatch script with one array task per shard; k8s, an Indexed Job manifest with one
completion per shard. Every task runs tradesim sweep --shard-from-env --resume into DIR/shard-I
(a task run again finishes only its missing batches); then tradesim sweep merge joins the
shards. The sweep file is checked first. The default shard count is one per batch of runs,
at most 64.`,
		Example: `  tradesim sweep emit slurm tariff-rate.yaml -o sweeps/tariff-rate --cpus 8 > job.sbatch
  sbatch --wait job.sbatch && tradesim sweep merge sweeps/tariff-rate/shard-* -o sweeps/tariff-rate/all
  tradesim sweep emit k8s tariff-rate.yaml --image ghcr.io/me/tradesim:1 --claim sweeps > job.yaml`,
		Args:      cobra.ExactArgs(2),
		ValidArgs: []string{"slurm", "k8s"},
		RunE: func(cmd *cobra.Command, args []string) error {
			kind := args[0]
			if kind != "slurm" && kind != "k8s" {
				return badInputf("unknown job kind %q: give slurm (an sbatch array script) or k8s (a Kubernetes Indexed Job)", kind)
			}
			if o.Shards < 0 || o.CPUs < 1 {
				return badInputf("--shards must be 0 (one per batch) or more and --cpus at least 1")
			}
			sw, err := scenarios.LoadSweep(args[1], scenarios.LoadOptions{ResolveWorld: worlds.Resolve})
			if err != nil {
				return badInput(err)
			}
			o.Sweep = args[1]
			if o.Dir == "" {
				o.Dir = "sweeps/" + sw.Name
			}
			return pipeline.Emit(s.Out, kind, sw, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Dir, "output", "o", "", "the sweep root the shards write to: DIR/shard-I (default sweeps/NAME)")
	f.IntVar(&o.Shards, "shards", 0, "array tasks or completions (default: one per batch, at most 64)")
	f.IntVar(&o.CPUs, "cpus", 2, "CPUs per task: the worker pool of each shard")
	f.StringVar(&o.Tradesim, "tradesim", "tradesim", "the tradesim command as the job runs it")
	f.StringVar(&o.Time, "time", "", "slurm: time limit per task (--time), e.g. 02:00:00")
	f.StringVar(&o.Partition, "partition", "", "slurm: partition")
	f.StringVar(&o.Memory, "mem", "", "slurm: memory per task (--mem), e.g. 2G")
	f.StringVar(&o.Image, "image", "tradesim:latest", "k8s: container image with tradesim")
	f.StringVar(&o.Claim, "claim", "tradesim-data", "k8s: persistent volume claim holding the sweep file and the shards")
	f.StringVar(&o.Mount, "mount", "/data", "k8s: where the volume is mounted; the sweep file's path and -o are relative to it")
	return cmd
}
