#!/usr/bin/env bash
# A real single-node Slurm cluster for the tests, started without systemd (as root):
#   slurm_cluster.sh start STATE_DIR   munged, slurmctld and slurmd; waits until the node is idle
#   slurm_cluster.sh stop STATE_DIR    stops the three daemons by the PIDs recorded at start
# Clients then need SLURM_CONF=STATE_DIR/slurm.conf. The node is `hostname -s`; processes are
# tracked by /proc (proctrack/linuxproc) and tasks are not confined (task/none): no cgroups or
# systemd needed. Ports are chosen per run so that two clusters on one machine do not collide.
# Exits non-zero with a message when a component cannot start: the calling test then fails.
set -euo pipefail

cmd="${1:?usage: slurm_cluster.sh start|stop STATE_DIR}"
state="$(mkdir -p "${2:?STATE_DIR}" && cd "$2" && pwd)"
conf="$state/slurm.conf"

fail() { echo "slurm_cluster: $*" >&2; exit 1; }

stop() {
  for daemon in slurmd slurmctld munged; do
    local pidfile="$state/$daemon.pid"
    [[ -f $pidfile ]] || continue
    local pid
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
}

start() {
  [[ $(id -u) -eq 0 ]] || fail "must run as root to start munged, slurmctld and slurmd"
  for b in munged slurmctld slurmd sbatch sinfo; do
    command -v "$b" >/dev/null || fail "$b not found (Debian packages munge, slurmctld, slurmd, slurm-client; ./gcm test installs them)"
  done
  local node cpus port
  node="$(hostname -s)"
  cpus="$(nproc)"
  port=$((20000 + ($$ % 10000) * 2))
  mkdir -p "$state/spool" "$state/ctld" "$state/munge" "$state/log"

  # munge first: Slurm authenticates every message with it. Its own socket, key and pid in STATE_DIR.
  if [[ ! -f $state/munge/munge.key ]]; then
    dd if=/dev/urandom of="$state/munge/munge.key" bs=1024 count=1 status=none
    chmod 0400 "$state/munge/munge.key"
  fi
  chmod 0700 "$state/munge"
  munged --force --key-file="$state/munge/munge.key" --socket="$state/munge/munge.socket" \
         --pid-file="$state/munged.pid" --log-file="$state/log/munged.log" --seed-file="$state/munge/seed" \
    || fail "munged did not start; see $state/log/munged.log"
  for _ in $(seq 50); do [[ -S $state/munge/munge.socket ]] && break; sleep 0.1; done
  [[ -S $state/munge/munge.socket ]] || fail "munged started but its socket never appeared"

  cat > "$conf" <<CONF
ClusterName=gcmsimtest
SlurmctldHost=$node
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$state/munge/munge.socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid.slurm
SlurmdPidFile=$state/slurmd.pid.slurm
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MaxArraySize=1001
NodeName=$node CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
CONF
  export SLURM_CONF="$conf"
  # -D keeps each daemon in the foreground of its background job, so $! is the daemon's own PID.
  slurmctld -D -i -f "$conf" >"$state/log/slurmctld.out" 2>&1 &
  echo $! > "$state/slurmctld.pid"
  slurmd -D -f "$conf" >"$state/log/slurmd.out" 2>&1 &
  echo $! > "$state/slurmd.pid"
  for _ in $(seq 120); do
    if [[ "$(sinfo -h -n "$node" -o %t 2>/dev/null)" == idle ]]; then
      echo "slurm_cluster: node $node idle (slurmctld port $port)" >&2
      return 0
    fi
    kill -0 "$(cat "$state/slurmctld.pid")" 2>/dev/null || { tail -20 "$state/log/slurmctld.out" "$state/log/slurmctld.log" >&2 || true; fail "slurmctld exited"; }
    kill -0 "$(cat "$state/slurmd.pid")" 2>/dev/null || { tail -20 "$state/log/slurmd.out" "$state/log/slurmd.log" >&2 || true; fail "slurmd exited"; }
    sleep 0.5
  done
  sinfo >&2 || true
  tail -20 "$state/log/slurmctld.log" "$state/log/slurmd.log" >&2 || true
  fail "node $node never became idle within 60 s"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) fail "usage: slurm_cluster.sh start|stop STATE_DIR" ;;
esac
