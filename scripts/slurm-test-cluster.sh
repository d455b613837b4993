#!/usr/bin/env bash
# A single-node Slurm cluster on loopback with two fake GPUs, for the Slurm integration tests only (never for a real
# install). `start` is idempotent (a running cluster is reused) and prints `KEY=value` lines the tests read; `stop`
# ends the daemons by their pid files, slurmrestd first, munged (when we started it) last.
# Recipe and pitfalls: ../shared/SLURM-NOTES.md. Everything lives under $AF_SLURM_DIR (default /var/tmp/af-slurm).
set -euo pipefail
DIR="${AF_SLURM_DIR:-/var/tmp/af-slurm}"
REST_PORT="${AF_SLURM_REST_PORT:-16820}"
CTLD_PORT="${AF_SLURM_CTLD_PORT:-16817}"
SLURMD_PORT="${AF_SLURM_SLURMD_PORT:-16818}"
# The unprivileged user slurmrestd runs as, and jobs submitted with its token run as.
RUSER="${AF_SLURM_USER:-afslurm}"
NODE=afnode
export SLURM_CONF="$DIR/etc/slurm.conf"

fail() { echo "slurm-test-cluster: $*" >&2; exit 1; }
pid_alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
wait_for() { # seconds, command…
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do [ $SECONDS -ge $deadline ] && return 1; sleep 0.05; done
}
rest_ok() { [ "$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$REST_PORT/slurm/v0.0.38/ping")" != 000 ]; }  # any HTTP answer (401 without a token) means it is up
node_idle() { scontrol show node "$NODE" | grep -Eq 'State=IDLE[^+]*( |$)|State=IDLE '; }

emit() {
  echo "SLURM_REST_URL=http://127.0.0.1:$REST_PORT"
  echo "SLURM_USER=$RUSER"
  echo "SLURM_JWT_KEY_FILE=$DIR/state/jwt_hs256.key"
  echo "SLURM_PARTITION=debug"
  echo "SLURM_NODE=$NODE"
  echo "SLURM_JOB_DIR=$DIR/jobs"
  echo "SLURM_CONF=$SLURM_CONF"
  echo "SLURM_DIR=$DIR"
}

write_config() {
  local cpus mem
  cpus=$(nproc)
  mem=$(slurmd -C | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' | head -1)
  mkdir -p "$DIR"/{etc,state,spool,log,run,fakegpu,jobs}
  cat >"$DIR/etc/slurm.conf" <<CONF
ClusterName=aftest
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=slurm
AuthType=auth/munge
AuthAltTypes=auth/jwt
AuthAltParameters=jwt_key=$DIR/state/jwt_hs256.key
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=512
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
GresTypes=gpu
NodeName=$NODE CPUs=$cpus RealMemory=$mem NodeAddr=127.0.0.1 NodeHostname=$(hostname -s) Gres=gpu:2 State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
CONF
  printf 'AutoDetect=off\nNodeName=%s Name=gpu File=%s/fakegpu/gpu[0-1]\n' "$NODE" "$DIR" >"$DIR/etc/gres.conf"
  # A GRES count without device files drains the node; regular files are rejected: clone /dev/null instead.
  for i in 0 1; do [ -c "$DIR/fakegpu/gpu$i" ] || mknod -m 0666 "$DIR/fakegpu/gpu$i" c 1 3; done
  [ -s "$DIR/state/jwt_hs256.key" ] || head -c 32 /dev/urandom >"$DIR/state/jwt_hs256.key"
  chown -R slurm:slurm "$DIR/state"
  chmod 0600 "$DIR/state/jwt_hs256.key"
  chown "$RUSER" "$DIR/jobs"
  chmod 0755 "$DIR" "$DIR/etc" "$DIR/jobs"
}

start() {
  [ "$(id -u)" -eq 0 ] || fail "needs root (it starts slurmctld and slurmd)"
  bash "$(dirname "$0")/ensure-slurm.sh" >&2 || fail "Slurm packages are missing and could not be installed"
  if pid_alive "$DIR/run/slurmrestd.pid" && rest_ok && pid_alive "$DIR/run/slurmctld.pid"; then emit; return; fi
  id "$RUSER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /bin/bash "$RUSER"
  write_config
  if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    mkdir -p /run/munge && chown munge /run/munge
    runuser -u munge -- /usr/sbin/munged 9>&-
    wait_for 5 sh -c 'munge -n | unmunge' || fail "munged did not start"
    pgrep -u munge -x munged >"$DIR/run/munged.pid" || true
  fi
  if ! pid_alive "$DIR/run/slurmctld.pid"; then
    slurmctld -f "$SLURM_CONF" 9>&-
    wait_for 15 scontrol ping || fail "slurmctld did not answer: $(tail -5 "$DIR/log/slurmctld.log")"
  fi
  if ! pid_alive "$DIR/run/slurmd.pid"; then
    slurmd -f "$SLURM_CONF" -N "$NODE" 9>&-
  fi
  if ! wait_for 10 node_idle; then
    scontrol update nodename="$NODE" state=resume >/dev/null 2>&1 || true
    wait_for 10 node_idle || fail "node $NODE is not idle: $(scontrol show node $NODE | grep -E 'State|Reason')"
  fi
  if ! pid_alive "$DIR/run/slurmrestd.pid"; then
    local uid; uid=$(id -u "$RUSER")
    # slurmrestd refuses root and the SlurmUser; setpriv execs, so $! is slurmrestd itself. Without -s its default
    # plugin list includes dbv0.0.*, fatal without slurmdbd.
    (
      cd "$DIR/jobs"
      SLURM_JWT=daemon setpriv --reuid="$uid" --regid="$(id -g "$RUSER")" --init-groups \
        /usr/sbin/slurmrestd -f "$SLURM_CONF" -s openapi/v0.0.38 -a rest_auth/jwt "127.0.0.1:$REST_PORT" \
        >"$DIR/log/slurmrestd.log" 2>&1 </dev/null 9>&- &
      echo $! >"$DIR/run/slurmrestd.pid"
    )
    wait_for 10 rest_ok || fail "slurmrestd did not answer: $(tail -5 "$DIR/log/slurmrestd.log")"
  fi
  emit
}

stop_pid() { # pid file, name
  if pid_alive "$1"; then
    local p; p=$(cat "$1"); kill "$p" 2>/dev/null || true
    local deadline=$((SECONDS + 10))
    while kill -0 "$p" 2>/dev/null; do [ $SECONDS -ge $deadline ] && { kill -9 "$p" 2>/dev/null || true; break; }; sleep 0.05; done
  fi
  rm -f "$1"
}

stop() {
  stop_pid "$DIR/run/slurmrestd.pid"
  stop_pid "$DIR/run/slurmd.pid"
  stop_pid "$DIR/run/slurmctld.pid"
  stop_pid "$DIR/run/munged.pid"
}

# start and stop one at a time: a stop still running (its test process may exit before it finishes) must not kill the
# daemons a new start has just decided to reuse. The daemons never inherit the lock's descriptor (9>&-).
serialize() { mkdir -p "$DIR"; exec 9>"$DIR/start-stop.lock"; flock -w 120 9 || fail "another start or stop is still running"; }

case "${1:-}" in
  start) serialize; start ;;
  stop) serialize; stop ;;
  env) emit ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
