#!/usr/bin/env bash
# A local cluster of smpsim workers on 127.0.0.1, to try multi-process runs on one machine.
#
#   cluster-config/scripts/local-cluster.sh start [N]     start N workers (default 3)
#   cluster-config/scripts/local-cluster.sh run SCENARIO [OPTIONS...]
#                                                          run a scenario on them
#   cluster-config/scripts/local-cluster.sh status        which workers are running
#   cluster-config/scripts/local-cluster.sh stop          stop them (they leave the cluster)
#
# Workers listen on 127.0.0.1, ports SMPSIM_BASE_PORT (default 2551) and up; their logs and
# process ids are in SMPSIM_CLUSTER_DIR (default /tmp/smpsim-cluster). The first worker serves
# Prometheus metrics on 127.0.0.1:SMPSIM_METRICS_PORT (default 9095).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SMPSIM="$ROOT/bin/smpsim"
DIR="${SMPSIM_CLUSTER_DIR:-/tmp/smpsim-cluster}"
BASE="${SMPSIM_BASE_PORT:-2551}"
METRICS="${SMPSIM_METRICS_PORT:-9095}"

running() {
  local pid
  for f in "$DIR"/worker-*.pid; do
    [ -e "$f" ] || continue
    pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then echo "$f $pid"; fi
  done
}

wait_up() {
  local log="$1"
  for _ in $(seq 1 240); do
    if grep -q " is up " "$log" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "local-cluster: no worker up after 2 minutes; see $log" >&2
  return 1
}

start() {
  local n="${1:-3}"
  if [ -n "$(running)" ]; then
    echo "local-cluster: workers are already running (local-cluster.sh stop first)" >&2
    exit 2
  fi
  mkdir -p "$DIR"
  # Build once before starting several JVMs that would each want to build.
  "$SMPSIM" --version >/dev/null
  for i in $(seq 0 $((n - 1))); do
    local args=(node --port "$((BASE + i))")
    if [ "$i" -gt 0 ]; then args+=(--seed-nodes "127.0.0.1:$BASE"); fi
    if [ "$i" -eq 0 ]; then args+=(--metrics-port "$METRICS"); fi
    nohup "$SMPSIM" "${args[@]}" >"$DIR/worker-$i.out" 2>"$DIR/worker-$i.log" </dev/null &
    echo $! >"$DIR/worker-$i.pid"
    # The first worker starts the cluster; the others join it once it is up.
    if [ "$i" -eq 0 ]; then wait_up "$DIR/worker-0.log"; fi
  done
  for i in $(seq 1 $((n - 1))); do wait_up "$DIR/worker-$i.log"; done
  grep -h " is up " "$DIR"/worker-*.log
  echo "local-cluster: $n workers up; run a scenario with: $0 run scenarios/boot.conf"
}

stop() {
  local list
  list="$(running)"
  if [ -z "$list" ]; then echo "local-cluster: no workers running"; return 0; fi
  while read -r f pid; do kill -TERM "$pid" 2>/dev/null || true; done <<<"$list"
  for _ in $(seq 1 40); do
    [ -z "$(running)" ] && break
    sleep 0.5
  done
  while read -r f pid; do
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    rm -f "$f"
  done <<<"$list"
  echo "local-cluster: stopped"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  run) shift; scenario="$1"; shift; exec "$SMPSIM" run "$scenario" --cluster "127.0.0.1:$BASE" "$@" ;;
  status) running || true ;;
  stop) stop ;;
  *) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
