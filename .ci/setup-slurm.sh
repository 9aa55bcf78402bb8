#!/usr/bin/env bash
# A one-node Slurm cluster (Debian's slurm-wlm and munge) for the test that submits an emitted
# sweep array with sbatch (cmd/tradesim: TestSlurmSweep). Needs root and the Debian mirrors;
# without them it says so and leaves the test to skip (or to fail when CI=true).
# Settings that work on a 2-core Debian 12 machine: accounting_storage/none (Slurm 22.05 exits
# at start with accounting/none), proctrack/linuxproc and task/none (no cgroups in containers).
set -euo pipefail

if [ "$(id -u)" != 0 ]; then
  echo "setup-slurm: not root; the Slurm test will skip (or fail with CI=true)"; exit 0
fi
if ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  if ! command -v apt-get >/dev/null; then
    echo "setup-slurm: no apt-get; the Slurm test will skip (or fail with CI=true)"; exit 0
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi

host=$(hostname)
cpus=$(nproc)

# munge: the package makes the key; the daemon runs as munge.
mkdir -p /run/munge /var/log/munge /var/lib/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  su -s /bin/sh munge -c munged
  for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
fi

mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=local
SlurmctldHost=$host
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmdSpoolDir=/var/spool/slurmd
StateSaveLocation=/var/spool/slurmctld
SlurmUser=root
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF

if ! pgrep -x slurmctld >/dev/null; then
  slurmctld -D >/var/log/slurmctld.log 2>&1 &
  sleep 2
fi
if ! pgrep -x slurmd >/dev/null; then
  slurmd -D >/var/log/slurmd.log 2>&1 &
fi
for _ in $(seq 100); do
  if sinfo -h -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then
    echo "setup-slurm: node $host up ($(sinfo -h -o '%P %t %c'))"; exit 0
  fi
  sleep 0.2
done
echo "setup-slurm: the node did not come up; see /var/log/slurmctld.log and /var/log/slurmd.log" >&2
sinfo || true
exit 1
