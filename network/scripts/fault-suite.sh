#!/usr/bin/env bash
# The fault-injection suite: under load from the fault load generator (SteelCo posting signed records through its
# service and retrying each chunk with the same records until acknowledged), kills one part of the running product
# at a time with SIGKILL, or cuts one organization off the network, then runs `make up` exactly as an operator would
# and waits until `make status` says every node is up and in step. At the end it compares what the load was told with
# the ledger (FaultAudit: nothing lost, nothing twice) and audits every organization's read model against the ledger.
#
#   network/scripts/fault-suite.sh                 # every fault, results under network/run/faults/<time>/
#   FAULTS="orderer0 machine" network/scripts/fault-suite.sh
#
# Faults: orderer0 orderer1 orderer2 (each orderer in turn), peer-applianceco, chaincode-steelco, service-steelco
# (its JVM), frozen-orderer1 (SIGSTOP: an orderer that accepts connections and never answers, as a stuck one does,
# until SIGCONT), database-steelco (the service's embedded MariaDB), broker, partition-applianceco (ApplianceCo's peer
# and chaincode moved into their own network namespace, cut off, healed; see partition.sh), machine (every process
# at once). Needs the product up (`make up`). Exit 0 only when every recovery passed and the audits are clean.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$NETWORK_DIR/scripts/lib.sh"
cd "$REPO_DIR"

FAULTS=${FAULTS:-"orderer0 orderer1 orderer2 frozen-orderer1 peer-applianceco chaincode-steelco service-steelco database-steelco broker partition-applianceco machine"}
# How long a part stays dead (or cut off) before `make up` (or the heal), and how long the load runs in between.
DOWN_SECONDS=${FAULT_DOWN_SECONDS:-10}
STEADY_SECONDS=${FAULT_STEADY_SECONDS:-15}
# Every node in step within this many seconds after `make up` returned (or after the heal).
IN_STEP_WITHIN=${FAULT_IN_STEP_WITHIN:-30}
OUT=${FAULT_OUT:-$RUN_DIR/faults/$(date -u +%Y%m%dT%H%M%SZ)}
BENCH_JAR=bench/target/benchmarks.jar
mkdir -p "$OUT"
failures=()

now_ms() { date +%s%3N; }
fail() { failures+=("$1"); log "FAULT SUITE: $1"; }

# In step: every orderer and peer up and at the same height, the chaincode and the services answering.
wait_in_step() {
  local within=$1 start
  start=$(date +%s)
  while true; do
    if STATUS_LAG_WAIT=2 "$NETWORK_DIR/scripts/status.sh" >"$OUT/status.txt" 2>&1; then
      echo $(( $(date +%s) - start )); return 0
    fi
    # One look at the status takes a few seconds itself: the deadline counts from the start, not in looks.
    [ $(( $(date +%s) - start )) -lt "$within" ] || { echo -1; return 1; }
    sleep 0.5
  done
}

kill_pidfile() {
  local f="$PID_DIR/$1.pid"
  pid_alive "$f" || { fail "$1 was not running before its fault"; return 0; }
  kill -KILL "$(cat "$f")"
}

# The embedded MariaDB of an organization's service: the mariadbd whose data dir is under the service's run dir.
kill_database() {
  local pids
  pids=$(pgrep -f "mariadbd .*--datadir=$SERVICE_RUN_DIR/$1/" || true)
  [ -n "$pids" ] || { fail "no embedded database of $1 was running"; return 0; }
  kill -KILL $pids
}

kill_everything() {
  local f pids
  pids=$(pgrep -f "mariadbd .*--datadir=$SERVICE_RUN_DIR/" || true)
  for f in "$PID_DIR"/*.pid "$RUN_DIR/broker/broker.pid"; do
    [ -f "$f" ] && pids+=" $(cat "$f")"
  done
  kill -KILL $pids 2>/dev/null || true
}

inject() {
  case $1 in
    frozen-*) kill -STOP "$(cat "$PID_DIR/${1#frozen-}.pid")" ;;
    orderer*|peer-*|chaincode-*|service-*) kill_pidfile "$1" ;;
    database-*) kill_database "${1#database-}" ;;
    broker) "$NETWORK_DIR/scripts/broker.sh" kill >/dev/null ;;
    machine) kill_everything ;;
    partition-*) "$NETWORK_DIR/scripts/partition.sh" cut "${1#partition-}" ;;
    *) die "unknown fault $1 (known: orderer0..2 frozen-<node> peer-<org> chaincode-<org> service-<org> database-<org> broker partition-<org> machine)" ;;
  esac
}

# What brings the part back: `make up` after a crash; for a partition, the heal alone (nothing crashed).
recover() {
  case $1 in
    partition-*) "$NETWORK_DIR/scripts/partition.sh" heal "${1#partition-}" ;;
    frozen-*) kill -CONT "$(cat "$PID_DIR/${1#frozen-}.pid")" ;;
    *) make --no-print-directory up >"$OUT/make-up-$1.log" 2>&1 ;;
  esac
}

if [ ! -f "$BENCH_JAR" ]; then
  log "building the load generator"
  ./mvnw -B -q -Dmaven.test.skip=true -pl bench -am package
fi
"$NETWORK_DIR/scripts/status.sh" >/dev/null || die "the product is not up and in step: run make up first (make status says why)"

log "fault suite: load starting, results in $OUT"
java -cp "$BENCH_JAR" org.carbonledger.bench.fault.FaultLoad --out "$OUT" --network-dir "$RUN_DIR" \
  --service "https://localhost:${SERVICE_PORT[steelco]}" --client-env "$SERVICE_RUN_DIR/steelco/demo-clients.env" \
  >"$OUT/load.log" 2>&1 &
load_pid=$!
trap 'touch "$OUT/stop"; kill $load_pid 2>/dev/null || true; for f in "$PID_DIR"/*.pid; do kill -CONT "$(cat "$f")" 2>/dev/null || true; done; for o in "${ORGS[@]}"; do "$NETWORK_DIR/scripts/partition.sh" restore "$o" >/dev/null 2>&1 || true; done' EXIT
for i in $(seq 1 120); do [ -s "$OUT/acks.csv" ] && break; sleep 1; done
[ -s "$OUT/acks.csv" ] || die "the load acknowledged nothing within 120 s (see $OUT/load.log)"

: >"$OUT/windows.csv"
from=$(now_ms); sleep "$STEADY_SECONDS"; echo "baseline,$from,$(now_ms)," >>"$OUT/windows.csv"

for f in $FAULTS; do
  case $f in
    partition-*)
      # The organization's peer and chaincode move into their own namespace first, and the load runs a while so.
      "$NETWORK_DIR/scripts/partition.sh" move "${f#partition-}"
      wait_in_step "$IN_STEP_WITHIN" >/dev/null || fail "$f: not in step after moving into the namespace"
      sleep "$STEADY_SECONDS" ;;
  esac
  log "fault: $f"
  from=$(now_ms)
  inject "$f"
  sleep "$DOWN_SECONDS"
  up_start=$(date +%s)
  if ! recover "$f"; then
    fail "$f: make up failed (exit non-zero), see $OUT/make-up-$f.log"
  fi
  up_seconds=$(( $(date +%s) - up_start ))
  if ! in_step=$(wait_in_step "$IN_STEP_WITHIN"); then
    fail "$f: not every node in step within ${IN_STEP_WITHIN}s after make up: $(grep -v ' up ' "$OUT/status.txt" | tr '\n' ';')"
  fi
  log "  make up took ${up_seconds}s, every node in step ${in_step}s after it"
  echo "$f,$from,$(now_ms),$up_seconds+$in_step" >>"$OUT/windows.csv"
  case $f in
    partition-*)
      # Back on the host, through `make up` as after any stop of a node.
      "$NETWORK_DIR/scripts/partition.sh" restore "${f#partition-}"
      make --no-print-directory up >"$OUT/make-up-$f-restore.log" 2>&1 || fail "$f: make up after moving back failed"
      wait_in_step "$IN_STEP_WITHIN" >/dev/null || fail "$f: not in step after moving back" ;;
  esac
  sleep "$STEADY_SECONDS"
done

touch "$OUT/stop"
wait $load_pid || fail "the load generator failed (see $OUT/load.log)"
trap - EXIT

java -cp "$BENCH_JAR" org.carbonledger.bench.fault.FaultAudit --out "$OUT" --network-dir "$RUN_DIR" || fail "ledger audit: records lost or duplicated"
for org in "${ORGS[@]}"; do
  set -a; source "$SERVICE_RUN_DIR/$org/demo-clients.env"; set +a
  if CARBONCTL_CLIENT_ID="$ADMIN_CLIENT" CARBONCTL_CLIENT_SECRET="$ADMIN_SECRET" cli/bin/carbonctl audit \
      --service "https://localhost:${SERVICE_PORT[$org]}" --timeout 600 >"$OUT/read-model-audit-$org.txt" 2>&1; then
    log "read model of ${ORG_NAME[$org]}: consistent with the ledger"
  else
    fail "read model of ${ORG_NAME[$org]} differs from the ledger (see $OUT/read-model-audit-$org.txt)"
  fi
done

if [ ${#failures[@]} -gt 0 ]; then
  printf 'fault suite FAILED:\n' >&2; printf '  %s\n' "${failures[@]}" >&2; exit 1
fi
log "fault suite passed: $(head -1 "$OUT/audit.txt")"
