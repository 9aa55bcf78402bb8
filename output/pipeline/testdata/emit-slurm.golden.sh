#!/bin/bash
# Slurm job array for the tradesim sweep quick-lhs: 60 runs in 6 batches,
# 6 array tasks (shards). Submit with
#   sbatch tradesim-quick-lhs.sbatch
# and when every task has finished, join the shards:
#   /opt/tradesim/bin/tradesim sweep merge 'sweeps/quick lhs'/shard-* -o 'sweeps/quick lhs'/all
# A task that fails or is pre-empted can be run again: --resume keeps its finished batches.
#SBATCH --job-name=tradesim-quick-lhs
#SBATCH --array=0-5
#SBATCH --cpus-per-task=4
#SBATCH --output=tradesim-quick-lhs-%a.out
#SBATCH --time=01:00:00
set -euo pipefail
exec /opt/tradesim/bin/tradesim sweep quick-lhs.yaml -o 'sweeps/quick lhs'/shard-"${SLURM_ARRAY_TASK_ID}" \
  --shard-from-env --workers "${SLURM_CPUS_PER_TASK:-4}" --resume --quiet
