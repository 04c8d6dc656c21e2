#!/usr/bin/env bash
# The demo plant: SteelCo's two lines streaming signed meter readings to the plants' broker, with carbonctl plant
# simulate running in the background (docs/plant-integration.md, "Running the simulator").
#
#   plant-sim.sh start    register the two simulated meters through SteelCo's service (keys generated once under
#                         $RUN_DIR/plant/keys), create the kiln's live batch, start the simulator (idempotent)
#   plant-sim.sh stop     SIGTERM (the simulator finishes what is in flight and disconnects), SIGKILL after 15 s
#   plant-sim.sh status   "up <pid>" (exit 0) or "down" (exit 1)
#
# Needs the network, SteelCo's service (its demo clients file) and the broker up, and cli/target/carbonctl.jar
# (make build). Everything lives under $RUN_DIR/plant: keys/, simulator.pid, simulator.log. Nothing of it in git.
# PLANT_SIM_PERIOD (default 2s) and PLANT_SIM_INTERVAL (default 5m) set the pace; PLANT_SIM_ARGS adds options
# (e.g. "--fault tamper:0.01 --fault silent").
set -euo pipefail
source "$(dirname "$0")/env.sh"

PLANT_DIR="$RUN_DIR/plant"
PID_FILE="$PLANT_DIR/simulator.pid"
LOG_FILE="$PLANT_DIR/simulator.log"
CARBONCTL="$REPO_DIR/cli/bin/carbonctl"
CLIENTS="$SERVICE_RUN_DIR/steelco/demo-clients.env"

# SteelCo's two lines: the arc furnace melting into the open coil batch of the demo, the pellet kiln into a live
# pellet batch of its own (the demo's pellet batch is sealed).
DEVICES=(--device steelco-eaf-line-1=arc-furnace --batch steelco-eaf-line-1=09506000134352/COIL-8
         --device steelco-kiln-line-2=gas-kiln-energy --batch steelco-kiln-line-2=09506000134376/PEL-LIVE-1)

start() {
  if pid_alive "$PID_FILE"; then
    log "plant simulator already up (pid $(cat "$PID_FILE"))"
    return 0
  fi
  [ -f "$REPO_DIR/cli/target/carbonctl.jar" ] || die "no cli/target/carbonctl.jar: run make build"
  [ -f "$CLIENTS" ] || die "no $CLIENTS: start the services first (make services)"
  "$NETWORK_DIR/scripts/broker.sh" status >/dev/null || die "the broker is down: make broker"
  mkdir -p "$PLANT_DIR/keys" && chmod 700 "$PLANT_DIR" "$PLANT_DIR/keys"
  local client secret
  client=$(sed -n 's/^ADMIN_CLIENT=//p' "$CLIENTS")
  secret=$(sed -n 's/^ADMIN_SECRET=//p' "$CLIENTS")
  log "registering the simulated meters through SteelCo's service"
  # The secret goes to carbonctl through its environment only, never a command line or the log.
  CARBONCTL_CLIENT_SECRET="$secret" "$CARBONCTL" plant simulate --org steelco --keys-dir "$PLANT_DIR/keys" \
    --service "https://localhost:${SERVICE_PORT[steelco]}" --client-id "$client" --register-only \
    --create-batches "500 t" "${DEVICES[@]}" >>"$LOG_FILE" 2>&1 \
    || { tail -5 "$LOG_FILE" >&2; die "registering the simulated meters failed (see $LOG_FILE)"; }
  # shellcheck disable=SC2086 # PLANT_SIM_ARGS is meant to split into words
  CARBONCTL_JAVA_OPTS="${CARBONCTL_JAVA_OPTS:--Xms64m -Xmx256m -XX:TieredStopAtLevel=1}" \
    setsid "$CARBONCTL" plant simulate --org steelco --keys-dir "$PLANT_DIR/keys" \
    --broker "tcp://127.0.0.1:${CARBON_BROKER_PORT:-1883}" --broker-dir "$RUN_DIR/broker" \
    --period "${PLANT_SIM_PERIOD:-2s}" --interval "${PLANT_SIM_INTERVAL:-5m}" "${DEVICES[@]}" ${PLANT_SIM_ARGS:-} \
    >>"$LOG_FILE" 2>&1 < /dev/null &
  echo $! > "$PID_FILE"
  sleep 3
  pid_alive "$PID_FILE" || { tail -5 "$LOG_FILE" >&2; die "the plant simulator stopped at once (see $LOG_FILE)"; }
  log "plant simulator up (pid $(cat "$PID_FILE")), log $LOG_FILE"
}

stop() {
  local pid i
  [ -f "$PID_FILE" ] || return 0
  pid=$(cat "$PID_FILE")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$PID_FILE"
}

status() {
  if pid_alive "$PID_FILE"; then
    echo "up $(cat "$PID_FILE")"
  else
    echo "down"
    return 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
