# Process and CLI helpers shared by the network scripts. Sourced after env.sh.

BIN_DIR=${BIN_DIR:-$(fabric_bin_dir)}
FABRIC_BASE_CONFIG="$(dirname "$BIN_DIR")/config"
CONFIG_DIR="$RUN_DIR/config"

# Starts "$@" detached in its own session, logging to $LOG_DIR/$name.log and recording its pid.
start_process() {
  local name=$1; shift
  mkdir -p "$PID_DIR" "$LOG_DIR"
  if pid_alive "$PID_DIR/$name.pid"; then return 0; fi
  setsid "$@" >>"$LOG_DIR/$name.log" 2>&1 < /dev/null &
  echo $! > "$PID_DIR/$name.pid"
}

# Stops the process recorded in $PID_DIR/$1.pid: TERM, then KILL after a grace period. Only that pid.
stop_process() {
  local name=$1 f="$PID_DIR/$1.pid" pid i
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$f"
}

# Configuration files the binaries need (FABRIC_CFG_PATH): the release's samples with Docker switched off.
prepare_config() {
  mkdir -p "$CONFIG_DIR"
  # The peer must never try Docker; an empty environment variable would be ignored, so blank it in the file.
  sed -e 's#^\(\s*endpoint:\) unix:///var/run/docker.sock#\1#' "$FABRIC_BASE_CONFIG/core.yaml" > "$CONFIG_DIR/core.yaml"
  cp "$FABRIC_BASE_CONFIG/orderer.yaml" "$CONFIG_DIR/orderer.yaml"
  sed -e "s/@ORDERER0_PORT@/${ORDERER_PORT[orderer0]}/g" -e "s/@ORDERER1_PORT@/${ORDERER_PORT[orderer1]}/g" \
      -e "s/@ORDERER2_PORT@/${ORDERER_PORT[orderer2]}/g" -e "s/@STEELCO_PEER_PORT@/${PEER_PORT[steelco]}/g" \
      -e "s/@APPLIANCECO_PEER_PORT@/${PEER_PORT[applianceco]}/g" -e "s/@CERTCO_PEER_PORT@/${PEER_PORT[certco]}/g" \
      "$NETWORK_DIR/config/configtx.yaml.tmpl" > "$CONFIG_DIR/configtx.yaml"
}

orderer_env() {
  local o=$1 dir
  dir=$(orderer_dir "$o")
  cat <<ENV
FABRIC_CFG_PATH=$CONFIG_DIR
FABRIC_LOGGING_SPEC=${FABRIC_LOGGING_SPEC:-INFO}
ORDERER_GENERAL_LISTENADDRESS=127.0.0.1
ORDERER_GENERAL_LISTENPORT=${ORDERER_PORT[$o]}
ORDERER_GENERAL_LOCALMSPID=OrdererMSP
ORDERER_GENERAL_LOCALMSPDIR=$dir/msp
ORDERER_GENERAL_TLS_ENABLED=true
ORDERER_GENERAL_TLS_PRIVATEKEY=$dir/tls/server.key
ORDERER_GENERAL_TLS_CERTIFICATE=$dir/tls/server.crt
ORDERER_GENERAL_TLS_ROOTCAS=[$dir/tls/ca.crt]
ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE=$dir/tls/server.crt
ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY=$dir/tls/server.key
ORDERER_GENERAL_CLUSTER_ROOTCAS=[$dir/tls/ca.crt]
ORDERER_GENERAL_BOOTSTRAPMETHOD=none
ORDERER_CHANNELPARTICIPATION_ENABLED=true
ORDERER_ADMIN_LISTENADDRESS=127.0.0.1:${ORDERER_ADMIN_PORT[$o]}
ORDERER_ADMIN_TLS_ENABLED=true
ORDERER_ADMIN_TLS_PRIVATEKEY=$dir/tls/server.key
ORDERER_ADMIN_TLS_CERTIFICATE=$dir/tls/server.crt
ORDERER_ADMIN_TLS_ROOTCAS=[$dir/tls/ca.crt]
ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
ORDERER_ADMIN_TLS_CLIENTROOTCAS=[$dir/tls/ca.crt]
ORDERER_OPERATIONS_LISTENADDRESS=127.0.0.1:${ORDERER_OPS_PORT[$o]}
ORDERER_METRICS_PROVIDER=prometheus
ORDERER_FILELEDGER_LOCATION=$RUN_DIR/orderers/$o/ledger
ORDERER_CONSENSUS_WALDIR=$RUN_DIR/orderers/$o/etcdraft/wal
ORDERER_CONSENSUS_SNAPDIR=$RUN_DIR/orderers/$o/etcdraft/snapshot
ENV
}

# CORE_PEER_GATEWAY_BROADCASTTIMEOUT: the Gateway tries the orderers one after another and waits this long for each;
# Fabric's default (30 s) is longer than a client's whole submit deadline, so one orderer that accepts connections
# but never answers (a restarted one that is stuck) failed every submission handed to it instead of costing 3 s.
peer_node_env() {
  local org=$1 dir
  dir=$(peer_dir "$org")
  cat <<ENV
FABRIC_CFG_PATH=$CONFIG_DIR
FABRIC_LOGGING_SPEC=${FABRIC_LOGGING_SPEC:-INFO}
CORE_PEER_ID=$(peer_host "$org")
CORE_PEER_ADDRESS=127.0.0.1:${PEER_PORT[$org]}
CORE_PEER_LISTENADDRESS=127.0.0.1:${PEER_PORT[$org]}
CORE_PEER_CHAINCODEADDRESS=127.0.0.1:${PEER_CC_PORT[$org]}
CORE_PEER_CHAINCODELISTENADDRESS=127.0.0.1:${PEER_CC_PORT[$org]}
CORE_PEER_GOSSIP_BOOTSTRAP=127.0.0.1:${PEER_PORT[$org]}
CORE_PEER_GOSSIP_EXTERNALENDPOINT=127.0.0.1:${PEER_PORT[$org]}
CORE_PEER_LOCALMSPID=${ORG_MSP[$org]}
CORE_PEER_GOSSIP_PVTDATA_SKIPPULLINGINVALIDTRANSACTIONSDURINGCOMMIT=true
CORE_PEER_GOSSIP_PVTDATA_PULLRETRYTHRESHOLD=5s
CORE_PEER_MSPCONFIGPATH=$dir/msp
CORE_PEER_TLS_ENABLED=true
CORE_PEER_TLS_CERT_FILE=$dir/tls/server.crt
CORE_PEER_TLS_KEY_FILE=$dir/tls/server.key
CORE_PEER_TLS_ROOTCERT_FILE=$dir/tls/ca.crt
CORE_PEER_FILESYSTEMPATH=$RUN_DIR/peers/$org/data
CORE_LEDGER_SNAPSHOTS_ROOTDIR=$RUN_DIR/peers/$org/snapshots
CORE_OPERATIONS_LISTENADDRESS=127.0.0.1:${PEER_OPS_PORT[$org]}
CORE_METRICS_PROVIDER=prometheus
CORE_LEDGER_HISTORY_ENABLEHISTORYDATABASE=false
CORE_CHAINCODE_EXTERNALBUILDERS=[{name: ccaas, path: $NETWORK_DIR/builders/ccaas, propagateEnvironment: [CARBON_CC_ADDRESS]}]
CORE_CHAINCODE_EXECUTETIMEOUT=120s
CORE_PEER_GATEWAY_BROADCASTTIMEOUT=${CARBON_GATEWAY_BROADCAST_TIMEOUT:-3s}
CARBON_CC_ADDRESS=127.0.0.1:${CC_SERVER_PORT[$org]}
CORE_PEER_PROFILE_ENABLED=${CARBON_PEER_PROFILE:-false}
CORE_PEER_PROFILE_LISTENADDRESS=127.0.0.1:${PEER_PROFILE_PORT[$org]}
ENV
}

# Environment for running the peer CLI as the organization's admin against its own peer.
peer_admin_env() {
  local org=$1
  cat <<ENV
FABRIC_CFG_PATH=$CONFIG_DIR
CORE_PEER_LOCALMSPID=${ORG_MSP[$org]}
CORE_PEER_MSPCONFIGPATH=$(admin_msp "$org")
CORE_PEER_ADDRESS=127.0.0.1:${PEER_PORT[$org]}
CORE_PEER_TLS_ENABLED=true
CORE_PEER_TLS_ROOTCERT_FILE=$(peer_dir "$org")/tls/ca.crt
ENV
}

# Runs a command in a clean environment holding only the variables printed by "$1 $2"
# (orderer_env orderer0, peer_admin_env steelco, ...): nothing of the caller's shell leaks into a node.
with_env() {
  local fn=$1 arg=$2; shift 2
  local -a vars=()
  mapfile -t vars < <("$fn" "$arg")
  env -i PATH="$PATH" HOME="$HOME" "${vars[@]}" "$@"
}

# start_process for a Fabric node whose environment comes from "$2 $3".
start_node() {
  local name=$1 fn=$2 arg=$3; shift 3
  local -a vars=()
  mapfile -t vars < <("$fn" "$arg")
  start_process "$name" env -i PATH="$PATH" HOME="$HOME" "${vars[@]}" "$@"
}

peer_cli() { local org=$1; shift; with_env peer_admin_env "$org" "$BIN_DIR/peer" "$@"; }

osnadmin_cli() {
  local o=$1; shift
  local dir
  dir=$(orderer_dir "$o")
  "$BIN_DIR/osnadmin" "$@" -o "127.0.0.1:${ORDERER_ADMIN_PORT[$o]}" --ca-file "$dir/tls/ca.crt" \
    --client-cert "$dir/tls/server.crt" --client-key "$dir/tls/server.key"
}

# Retries "$@" until it succeeds or $RETRY_SECONDS pass: Raft needs an election after (re)starts.
retry() {
  local deadline=$(( $(date +%s) + ${RETRY_SECONDS:-60} )) out
  while true; do
    if out=$("$@" 2>&1); then printf '%s\n' "$out"; return 0; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then printf '%s\n' "$out" >&2; return 1; fi
    sleep 1
  done
}
