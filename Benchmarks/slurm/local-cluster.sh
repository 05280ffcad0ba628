#!/usr/bin/env bash
# Runs Benchmarks/slurm/batch.sbatch on a real single-node Slurm cluster started here, and checks that
# the merged shards equal a local run of the same suite. Used by `make test-slurm`.
#
# What it does (as root; Debian's slurm-wlm and munge are installed if missing):
#   1. munged as the munge user, with a key generated for this run, its socket in a temporary folder;
#   2. slurmctld and slurmd as root with a slurm.conf in that folder (SlurmUser=root,
#      ProctrackType=proctrack/linuxproc, TaskPlugin=task/none, SelectType=select/cons_tres, one node
#      named after `hostname -s` with this machine's CPUs);
#   3. `sbatch --array=0-3 batch.sbatch` on SUITE (default: Benchmarks/slurm/small-suite.yaml);
#   4. `pbsim batch merge` of the four shard databases, a local `pbsim batch` of the suite, and a
#      comparison of their outcomes and metrics (`pbsim batch export`).
# Every daemon it started is stopped on exit; KEEP=1 keeps the temporary folder (logs, databases).
#
# Environment: PBSIM (default .build/release/pbsim), SUITE, SHARDS (default 4), TIMEOUT (seconds to wait
# for the job array, default 300).
set -euo pipefail

log() { printf '[local-cluster] %s\n' "$*" >&2; }
fatal() {
    log "error: $*"
    exit 1
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PBSIM=${PBSIM:-$ROOT/.build/release/pbsim}
SUITE=${SUITE:-$ROOT/Benchmarks/slurm/small-suite.yaml}
SHARDS=${SHARDS:-4}
TIMEOUT=${TIMEOUT:-300}
START=$SECONDS

[ "$(id -u)" = 0 ] || fatal "run as root: slurmctld and slurmd are started as root (SlurmUser=root)"
[ -x "$PBSIM" ] || fatal "no pbsim executable at $PBSIM (run 'make release' or set PBSIM)"
[ -f "$SUITE" ] || fatal "no suite at $SUITE"
case $PBSIM in /*) ;; *) PBSIM=$PWD/$PBSIM ;; esac
case $SUITE in /*) ;; *) SUITE=$PWD/$SUITE ;; esac

# --- 1. Packages -------------------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
    log "installing slurm-wlm and munge"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq slurm-wlm munge >/dev/null 2>&1 ||
        { apt-get update -qq && apt-get install -y -qq slurm-wlm munge >/dev/null; } ||
        fatal "cannot install slurm-wlm and munge"
fi

WORK=$(mktemp -d /tmp/pbsim-slurm.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() {
    local status=$?
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    if [ "${KEEP:-0}" = 1 ] || [ "$status" != 0 ]; then
        log "logs and databases kept in $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$status"
}
trap cleanup EXIT

# --- 2. munge ----------------------------------------------------------------------------------------
mkdir -p "$WORK/munge"
chown munge:munge "$WORK/munge"
chmod 755 "$WORK/munge" # munged wants the socket folder searchable by all
runuser -u munge -- mungekey --create --keyfile="$WORK/munge/munge.key"
# munged forks into the background once its socket is ready, and writes its pid file.
runuser -u munge -- munged --key-file="$WORK/munge/munge.key" --socket="$WORK/munge/munge.socket" \
    --pid-file="$WORK/munge/munged.pid" --log-file="$WORK/munge/munged.log" --seed-file="$WORK/munge/munged.seed" ||
    fatal "munged did not start: $(cat "$WORK/munge/munged.log" 2>/dev/null)"
for _ in $(seq 100); do [ -s "$WORK/munge/munged.pid" ] && break; sleep 0.1; done
PIDS+=("$(cat "$WORK/munge/munged.pid")")
[ -S "$WORK/munge/munge.socket" ] || fatal "munged did not start: $(cat "$WORK/munge/munged.log" 2>/dev/null)"
log "munged up ($WORK/munge/munge.socket)"

# --- 3. Slurm ----------------------------------------------------------------------------------------
NODE=$(hostname -s)
CPUS=$(nproc)
PORT_BASE=${PORT_BASE:-$((20000 + RANDOM % 20000))}
mkdir -p "$WORK/state" "$WORK/spool" "$WORK/jobs"
export SLURM_CONF=$WORK/slurm.conf
cat >"$SLURM_CONF" <<CONF
ClusterName=pbsim-local
SlurmctldHost=$NODE
SlurmctldPort=$PORT_BASE
SlurmdPort=$((PORT_BASE + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$WORK/munge/munge.socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MinJobAge=600
NodeName=$NODE CPUs=$CPUS State=UNKNOWN
PartitionName=local Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -D -i -f "$SLURM_CONF" >"$WORK/slurmctld.out" 2>&1 &
PIDS+=($!)
slurmd -D -f "$SLURM_CONF" >"$WORK/slurmd.out" 2>&1 &
PIDS+=($!)
state=""
for _ in $(seq 300); do
    state=$(sinfo -h -n "$NODE" -o %T 2>/dev/null || true)
    [ "$state" = idle ] && break
    sleep 0.1
done
[ "$state" = idle ] || fatal "the node did not come up (state '$state'); see $WORK/slurmctld.log and $WORK/slurmd.log"
log "slurm up: node $NODE, $CPUS CPUs, ports $PORT_BASE-$((PORT_BASE + 1)) ($((SECONDS - START)) s so far)"

# --- 4. The job array --------------------------------------------------------------------------------
SUBMIT=$SECONDS
job=$(SUITE=$SUITE OUT=$WORK/shards PBSIM=$PBSIM sbatch --parsable --array=0-$((SHARDS - 1)) \
    --cpus-per-task=1 --chdir="$WORK/jobs" --output="$WORK/jobs/batch-%A_%a.out" \
    "$ROOT/Benchmarks/slurm/batch.sbatch")
log "submitted job array $job ($SHARDS tasks)"
for _ in $(seq $((TIMEOUT * 5))); do
    [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && break
    sleep 0.2
done
[ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && log "job array finished in $((SECONDS - SUBMIT)) s" ||
    fatal "job array $job still running after $TIMEOUT s"
codes=$(scontrol -o show job "$job" | grep -o 'ExitCode=[0-9:]*' | sort | uniq -c | tr -s ' ')
log "array task exit codes:$codes"
for out in "$WORK"/jobs/batch-*.out; do sed "s/^/  $(basename "$out"): /" "$out" >&2; done
[ "$(scontrol -o show job "$job" | grep -c 'JobState=COMPLETED')" = "$SHARDS" ] ||
    fatal "not every array task completed: $(scontrol -o show job "$job" | grep -o 'JobState=[A-Z]*' | tr '\n' ' ')"

# --- 5. Merge, run locally, compare ------------------------------------------------------------------
shards=("$WORK"/shards/shard-*.sqlite)
[ "${#shards[@]}" = "$SHARDS" ] || fatal "expected $SHARDS shard databases, found ${#shards[@]}"
"$PBSIM" batch merge "${shards[@]}" -o "$WORK/merged.sqlite"
env -u SLURM_ARRAY_TASK_ID -u SLURM_ARRAY_TASK_COUNT "$PBSIM" batch "$SUITE" --db "$WORK/local.sqlite" 2>/dev/null
"$PBSIM" batch status "$WORK/merged.sqlite" >&2
for table in outcomes metrics; do
    "$PBSIM" batch export "$WORK/merged.sqlite" --format csv --table $table >"$WORK/merged-$table.csv"
    "$PBSIM" batch export "$WORK/local.sqlite" --format csv --table $table >"$WORK/local-$table.csv"
    if ! cmp -s "$WORK/merged-$table.csv" "$WORK/local-$table.csv"; then
        diff "$WORK/local-$table.csv" "$WORK/merged-$table.csv" | head -20 >&2
        fatal "the merged $table differ from the local run's"
    fi
    log "$table: $(($(wc -l <"$WORK/local-$table.csv") - 1)) rows, merged shards = local run"
done
log "ok: Slurm job array of $SHARDS shards equals the local run; $((SECONDS - START)) s in all"
