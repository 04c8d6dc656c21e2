#!/usr/bin/env bash
# Brings the local network up from whatever state it is in: builds the binaries (cached), creates crypto material
# and the channel's genesis block once, starts every orderer and peer that is not running, joins the channel where
# not joined yet. Idempotent; a restart keeps the ledgers. The chaincode is deployed by deploy-chaincode.sh.
set -euo pipefail
source "$(dirname "$0")/env.sh"
BIN_DIR=$("$NETWORK_DIR/scripts/build-binaries.sh")
source "$NETWORK_DIR/scripts/lib.sh"

mkdir -p "$RUN_DIR"
prepare_config

if [ ! -d "$CRYPTO_DIR" ]; then
  log "generating crypto material"
  "$BIN_DIR/cryptogen" generate --config="$NETWORK_DIR/config/crypto-config.yaml" --output="$CRYPTO_DIR.tmp" >/dev/null
  mv "$CRYPTO_DIR.tmp" "$CRYPTO_DIR"
fi

GENESIS="$RUN_DIR/channel/$CHANNEL.block"
if [ ! -f "$GENESIS" ]; then
  log "creating the genesis block of channel $CHANNEL"
  mkdir -p "$RUN_DIR/channel"
  FABRIC_CFG_PATH="$CONFIG_DIR" "$BIN_DIR/configtxgen" -profile CarbonChannel -channelID "$CHANNEL" \
    -outputBlock "$GENESIS.tmp" >/dev/null 2>"$RUN_DIR/channel/configtxgen.log" || { cat "$RUN_DIR/channel/configtxgen.log" >&2; exit 1; }
  mv "$GENESIS.tmp" "$GENESIS"
fi

for o in "${ORDERERS[@]}"; do
  mkdir -p "$RUN_DIR/orderers/$o"
  if ! pid_alive "$PID_DIR/$o.pid"; then
    log "starting $o on 127.0.0.1:${ORDERER_PORT[$o]}"
    start_node "$o" orderer_env "$o" "$BIN_DIR/orderer"
  fi
done
for o in "${ORDERERS[@]}"; do
  wait_for_port "${ORDERER_ADMIN_PORT[$o]}" "$o admin endpoint"
  if ! osnadmin_cli "$o" channel list 2>/dev/null | grep -q "\"name\": \"$CHANNEL\""; then
    log "joining $o to $CHANNEL"
    osnadmin_cli "$o" channel join --channelID "$CHANNEL" --config-block "$GENESIS" >/dev/null
  fi
done

for org in "${ORGS[@]}"; do
  mkdir -p "$RUN_DIR/peers/$org"
  if ! pid_alive "$PID_DIR/peer-$org.pid"; then
    log "starting peer of ${ORG_NAME[$org]} on 127.0.0.1:${PEER_PORT[$org]}"
    start_node "peer-$org" peer_node_env "$org" "$BIN_DIR/peer" node start
  fi
done
for org in "${ORGS[@]}"; do
  wait_for_port "${PEER_PORT[$org]}" "peer of ${ORG_NAME[$org]}"
  if ! peer_cli "$org" channel list 2>/dev/null | grep -qx "$CHANNEL"; then
    log "joining the peer of ${ORG_NAME[$org]} to $CHANNEL"
    RETRY_SECONDS=30 retry peer_cli "$org" channel join -b "$GENESIS" >/dev/null
  fi
done
log "network up: 3 orderers, 3 peers, channel $CHANNEL"
