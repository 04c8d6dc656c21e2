#!/usr/bin/env bash
# One line per orderer, peer and chaincode process: up or down, channel height; then the committed chaincode.
# Exits non-zero when anything is down.
set -uo pipefail
source "$(dirname "$0")/env.sh"
source "$NETWORK_DIR/scripts/lib.sh"
failed=0
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
row() { printf '%-34s %-5s %s\n' "$1" "$2" "$3"; }

for o in "${ORDERERS[@]}"; do
  if pid_alive "$PID_DIR/$o.pid" && port_open "${ORDERER_PORT[$o]}"; then
    info=$(osnadmin_cli "$o" channel list --channelID "$CHANNEL" 2>/dev/null | tr -d '\n ')
    height=$(sed -n 's/.*"height":\([0-9]*\).*/\1/p' <<<"$info")
    relation=$(sed -n 's/.*"consensusRelation":"\([a-z]*\)".*/\1/p' <<<"$info")
    row "$o (127.0.0.1:${ORDERER_PORT[$o]})" up "channel $CHANNEL height ${height:-?} ($relation)"
  else
    row "$o (127.0.0.1:${ORDERER_PORT[$o]})" DOWN ""; failed=1
  fi
done
for org in "${ORGS[@]}"; do
  if pid_alive "$PID_DIR/peer-$org.pid" && port_open "${PEER_PORT[$org]}"; then
    height=$(peer_cli "$org" channel getinfo -c "$CHANNEL" 2>/dev/null | sed -n 's/.*"height":\([0-9]*\).*/\1/p')
    row "peer0 ${ORG_NAME[$org]} (127.0.0.1:${PEER_PORT[$org]})" up "channel $CHANNEL height ${height:-?}"
  else
    row "peer0 ${ORG_NAME[$org]} (127.0.0.1:${PEER_PORT[$org]})" DOWN ""; failed=1
  fi
  if pid_alive "$PID_DIR/chaincode-$org.pid" && port_open "${CC_SERVER_PORT[$org]}"; then
    row "chaincode ${ORG_NAME[$org]} (127.0.0.1:${CC_SERVER_PORT[$org]})" up "$(cat "$PID_DIR/chaincode-$org.package" 2>/dev/null)"
  else
    row "chaincode ${ORG_NAME[$org]} (127.0.0.1:${CC_SERVER_PORT[$org]})" DOWN ""; failed=1
  fi
done
committed=$(peer_cli steelco lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" 2>/dev/null | grep -o 'Version: [^,]*, Sequence: [0-9]*' || true)
echo "committed chaincode $CC_NAME: ${committed:-none}"
for org in "${ORGS[@]}"; do
  if pid_alive "$PID_DIR/service-$org.pid" && port_open "${SERVICE_PORT[$org]}"; then
    health=$(curl -sk -m 5 "https://127.0.0.1:${SERVICE_PORT[$org]}/health" | sed -n 's/.*"status":"\([A-Z]*\)".*/\1/p')
    row "service ${ORG_NAME[$org]} (https://localhost:${SERVICE_PORT[$org]})" up "health ${health:-?}"
  elif [ -f "$PID_DIR/service-$org.pid" ]; then
    row "service ${ORG_NAME[$org]} (https://localhost:${SERVICE_PORT[$org]})" DOWN ""; failed=1
  fi
done
exit $failed
