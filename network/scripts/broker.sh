#!/usr/bin/env bash
# The plants' MQTT broker: Eclipse Mosquitto from Debian's packages, a plain native process on 127.0.0.1.
#
#   broker.sh start    install mosquitto when missing, create users and passwords on first start, start (idempotent)
#   broker.sh stop     SIGTERM (mosquitto saves its persistence file on the way out), SIGKILL after 10 s
#   broker.sh kill     SIGKILL, as a crash would; `start` afterwards recovers from the last saved state
#   broker.sh status   "up <pid> 127.0.0.1:<port>" and exit 0, or "down" and exit 1
#
# Everything lives under $RUN_DIR/broker (CARBON_RUN_DIR moves the run dir, CARBON_BROKER_PORT the port):
# mosquitto.conf, passwd (hashed), acl, credentials/<user> (the plain password, mode 600, read by whoever
# connects as that user), data/ (persistence), broker.pid, broker.log. Nothing of it belongs in git.
set -euo pipefail
source "$(dirname "$0")/env.sh"

BROKER_DIR="$RUN_DIR/broker"
BROKER_PORT="${CARBON_BROKER_PORT:-1883}"
BROKER_PID="$BROKER_DIR/broker.pid"
CREDENTIALS_DIR="$BROKER_DIR/credentials"

# Per organization: its service subscribes to its own devices' readings and interval records, its plant gateway and
# the simulator publish them. The ACL keeps every user inside carbonledger/<its MSP id>/.
broker_users() {
  local org
  for org in "${ORGS[@]}"; do
    echo "service-$org read ${ORG_MSP[$org]}"
    echo "gateway-$org write ${ORG_MSP[$org]}"
    echo "simulator-$org write ${ORG_MSP[$org]}"
  done
}

ensure_mosquitto() {
  command -v mosquitto >/dev/null && command -v mosquitto_passwd >/dev/null && return 0
  log "installing mosquitto (Debian package)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q mosquitto mosquitto-clients >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q mosquitto mosquitto-clients >/dev/null; } \
    || die "cannot install mosquitto with apt-get"
}

write_config() {
  mkdir -p "$BROKER_DIR/data" "$CREDENTIALS_DIR"
  chmod 700 "$CREDENTIALS_DIR"
  local user mode msp plain acl
  plain=$(mktemp "$BROKER_DIR/.passwd.XXXXXX")
  acl="$BROKER_DIR/acl"
  : > "$acl.new"
  while read -r user mode msp; do
    # A password is generated once and kept: a restart must not lock out a client that read it earlier.
    if [ ! -s "$CREDENTIALS_DIR/$user" ]; then
      (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$CREDENTIALS_DIR/$user")
    fi
    printf '%s:%s\n' "$user" "$(cat "$CREDENTIALS_DIR/$user")" >> "$plain"
    printf 'user %s\ntopic %s carbonledger/%s/+/readings\ntopic %s carbonledger/%s/+/records\n\n' \
      "$user" "$mode" "$msp" "$mode" "$msp" >> "$acl.new"
  done < <(broker_users)
  mosquitto_passwd -U "$plain" >/dev/null
  chmod 600 "$plain"
  mv "$plain" "$BROKER_DIR/passwd"
  mv "$acl.new" "$acl"
  cat > "$BROKER_DIR/mosquitto.conf" <<CONF
# Written by network/scripts/broker.sh; rewritten on every start.
user $(id -un)
listener $BROKER_PORT 127.0.0.1
allow_anonymous false
password_file $BROKER_DIR/passwd
acl_file $acl
persistence true
persistence_location $BROKER_DIR/data/
# Mosquitto 2.0 keeps its store in memory and writes it whole. Saving every second (it counts whole seconds: within
# two) bounds what a SIGKILL can lose to the last two seconds' messages (see docs/plant-integration.md, "Delivery guarantees"); saving after every change
# would write the whole store for every message and hold the broker to about a hundred messages a second.
autosave_on_changes false
autosave_interval 1
# Persistent sessions of the services are kept for a week offline, with their queued QoS 1 messages.
persistent_client_expiration 7d
max_queued_messages 1000000
max_inflight_messages 1000
log_dest stdout
log_type error
log_type warning
log_type notice
connection_messages true
CONF
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  if pid_alive "$BROKER_PID"; then
    log "broker already up (pid $(cat "$BROKER_PID"), 127.0.0.1:$BROKER_PORT)"
    return 0
  fi
  rm -f "$BROKER_PID"
  port_in_use "$BROKER_PORT" && die "127.0.0.1:$BROKER_PORT is taken by another process (set CARBON_BROKER_PORT)"
  ensure_mosquitto
  write_config
  setsid mosquitto -c "$BROKER_DIR/mosquitto.conf" >>"$BROKER_DIR/broker.log" 2>&1 < /dev/null &
  echo $! > "$BROKER_PID"
  local i
  for i in $(seq 1 100); do
    port_in_use "$BROKER_PORT" && { log "broker up (pid $(cat "$BROKER_PID"), 127.0.0.1:$BROKER_PORT)"; return 0; }
    pid_alive "$BROKER_PID" || break
    sleep 0.1
  done
  tail -5 "$BROKER_DIR/broker.log" >&2 || true
  die "mosquitto did not listen on 127.0.0.1:$BROKER_PORT (see $BROKER_DIR/broker.log)"
}

stop() {
  local signal=$1 pid i
  [ -f "$BROKER_PID" ] || return 0
  pid=$(cat "$BROKER_PID")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "-$signal" "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.2; fi
  fi
  rm -f "$BROKER_PID"
}

status() {
  if pid_alive "$BROKER_PID" && port_in_use "$BROKER_PORT"; then
    echo "up $(cat "$BROKER_PID") 127.0.0.1:$BROKER_PORT"
  else
    echo "down"
    return 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop TERM ;;
  kill) stop KILL ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status|kill" >&2; exit 2 ;;
esac
