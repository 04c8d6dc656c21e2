#!/usr/bin/env bash
# One line per orderer, peer and chaincode process: up, lagging or down, with its channel height; then the committed
# chaincode and the services.
# A process that is up can still be useless: an orderer restarted after a crash once stayed at block 172 while the
# others went on to 480, and the Gateway kept handing it transactions. So the height of every orderer and peer is
# compared with the highest one; a node still below that height after STATUS_LAG_WAIT seconds is "lagging".
# Exit code: 0 when everything is up and in step, 1 when something is down or does not answer, 2 when something is
# lagging (and nothing is down).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$NETWORK_DIR/scripts/lib.sh"

# Seconds a node behind the highest height gets to catch up before it is called lagging: under load every node is
# briefly a block or two behind the one that cut the block, which is no fault.
STATUS_LAG_WAIT=${STATUS_LAG_WAIT:-5}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
row() { printf '%-40s %-7s %s\n' "$1" "$2" "$3"; }

# The number after "height" in the output of `osnadmin channel list --channelID` (indented JSON after a
# "Status: 200" line) or of `peer channel getinfo` ("Blockchain info: {"height":480,...}"); empty if none.
parse_height() { tr -d ' \t\n' | sed -n 's/.*"height":\([0-9][0-9]*\).*/\1/p'; }
# The value of a string field of the osnadmin JSON ("consensusRelation", "status").
parse_field() { tr -d ' \t\n' | sed -n "s/.*\"$1\":\"\([a-z]*\)\".*/\1/p"; }

orderer_info() { osnadmin_cli "$1" channel list --channelID "$CHANNEL" 2>/dev/null; }
orderer_height() { orderer_info "$1" | parse_height; }
peer_height() { peer_cli "$1" channel getinfo -c "$CHANNEL" 2>/dev/null | parse_height; }
# Whether the orderer leads the channel's Raft cluster, from its metrics (the operations endpoint is plain HTTP).
# Read whole before matching: grep -q would stop reading early, and curl's broken pipe fail the pipeline.
orderer_is_leader() {
  local metrics
  metrics=$(curl -s -m 2 "http://127.0.0.1:${ORDERER_OPS_PORT[$1]}/metrics" 2>/dev/null) || return 1
  grep -q "^consensus_etcdraft_is_leader{channel=\"$CHANNEL\"} 1$" <<<"$metrics"
}

main() {
  local failed=0 lagging=0 o org node label info
  # node -> height for every orderer and peer that is up and answered; node -> row label; nodes in print order.
  local -A height=() label_of=() state=() detail=()
  local -a nodes=()

  for o in "${ORDERERS[@]}"; do
    node=$o; nodes+=("$node"); label_of[$node]="$o (127.0.0.1:${ORDERER_PORT[$o]})"
    if pid_alive "$PID_DIR/$o.pid" && port_open "${ORDERER_PORT[$o]}"; then
      info=$(orderer_info "$o")
      height[$node]=$(parse_height <<<"$info")
      detail[$node]="($(parse_field consensusRelation <<<"$info")/$(parse_field status <<<"$info")$(orderer_is_leader "$o" && echo ", leader"))"
      state[$node]=up
    else
      state[$node]=DOWN
    fi
  done
  for org in "${ORGS[@]}"; do
    node=peer-$org; nodes+=("$node"); label_of[$node]="peer0 ${ORG_NAME[$org]} (127.0.0.1:${PEER_PORT[$org]})"
    if pid_alive "$PID_DIR/peer-$org.pid" && port_open "${PEER_PORT[$org]}"; then
      height[$node]=$(peer_height "$org"); detail[$node]=""; state[$node]=up
    else
      state[$node]=DOWN
    fi
  done

  # The highest height any node reported, and which nodes are below it.
  local highest=0 first_behind=() h
  for node in "${nodes[@]}"; do
    h=${height[$node]:-}
    [ -n "$h" ] && [ "$h" -gt "$highest" ] && highest=$h
  done
  for node in "${nodes[@]}"; do
    h=${height[$node]:-}
    [ -n "$h" ] && [ "$h" -lt "$highest" ] && first_behind+=("$node")
  done
  # Only a node that has not even reached the first highest height after the wait is lagging: the others may have
  # moved on meanwhile, and a node that keeps up with them is healthy.
  if [ "${#first_behind[@]}" -gt 0 ]; then
    sleep "$STATUS_LAG_WAIT"
    for node in "${first_behind[@]}"; do
      if [[ $node == peer-* ]]; then h=$(peer_height "${node#peer-}"); else h=$(orderer_height "$node"); fi
      [ -n "$h" ] && height[$node]=$h
      if [ -z "$h" ] || [ "$h" -lt "$highest" ]; then state[$node]=LAGGING; fi
    done
  fi
  # Where the others are, named on a lagging node's row: the highest height now and who holds it.
  local now_highest=0 ahead=""
  for node in "${nodes[@]}"; do
    h=${height[$node]:-}
    [ -n "$h" ] && [ "$h" -gt "$now_highest" ] && now_highest=$h
  done
  for node in "${nodes[@]}"; do
    [ "${height[$node]:-}" = "$now_highest" ] && ahead+="${ahead:+, }$node"
  done

  for node in "${nodes[@]}"; do
    case ${state[$node]} in
      DOWN) row "${label_of[$node]}" DOWN ""; failed=1 ;;
      LAGGING)
        row "${label_of[$node]}" LAGGING \
          "channel $CHANNEL height ${height[$node]}, behind $now_highest ($ahead) for over ${STATUS_LAG_WAIT}s ${detail[$node]}"
        lagging=1 ;;
      up)
        if [ -z "${height[$node]:-}" ]; then
          row "${label_of[$node]}" NO-INFO "channel $CHANNEL height unknown: the node did not answer"; failed=1
        else
          row "${label_of[$node]}" up "channel $CHANNEL height ${height[$node]} ${detail[$node]}"
        fi ;;
    esac
  done

  for org in "${ORGS[@]}"; do
    label="chaincode ${ORG_NAME[$org]} (127.0.0.1:${CC_SERVER_PORT[$org]})"
    if pid_alive "$PID_DIR/chaincode-$org.pid" && port_open "${CC_SERVER_PORT[$org]}"; then
      row "$label" up "$(cat "$PID_DIR/chaincode-$org.package" 2>/dev/null)"
    else
      row "$label" DOWN ""; failed=1
    fi
  done
  local committed
  committed=$(peer_cli steelco lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" 2>/dev/null \
    | grep -o 'Version: [^,]*, Sequence: [0-9]*' || true)
  echo "committed chaincode $CC_NAME: ${committed:-none}"
  local health
  for org in "${ORGS[@]}"; do
    label="service ${ORG_NAME[$org]} (https://localhost:${SERVICE_PORT[$org]})"
    if pid_alive "$PID_DIR/service-$org.pid" && port_open "${SERVICE_PORT[$org]}"; then
      health=$(curl -sk -m 5 "https://127.0.0.1:${SERVICE_PORT[$org]}/health" | sed -n 's/.*"status":"\([A-Z]*\)".*/\1/p')
      row "$label" up "health ${health:-?}"
      [ "$health" = UP ] || failed=1
    elif [ -f "$PID_DIR/service-$org.pid" ]; then
      row "$label" DOWN ""; failed=1
    fi
  done
  if [ -f "$RUN_DIR/broker/broker.pid" ]; then
    if "$NETWORK_DIR/scripts/broker.sh" status >/dev/null 2>&1; then
      row "MQTT broker (127.0.0.1:${CARBON_BROKER_PORT:-1883})" up ""
    else
      row "MQTT broker (127.0.0.1:${CARBON_BROKER_PORT:-1883})" DOWN ""; failed=1
    fi
  fi

  if [ "$failed" -ne 0 ]; then return 1; fi
  if [ "$lagging" -ne 0 ]; then return 2; fi
  return 0
}

# Run unless sourced: the tests source this file to replace the process checks and call main.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then main; exit $?; fi
