# Shared settings of the local network scripts. Sourced, not executed.
# Everything listens on 127.0.0.1; every port is set here and nowhere else.

NETWORK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_DIR="$(cd "$NETWORK_DIR/.." && pwd)"
RUN_DIR="${CARBON_RUN_DIR:-$NETWORK_DIR/run}"
CACHE_DIR="${CARBON_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/carbonledger}"

CHANNEL="${CARBON_CHANNEL:-carbon}"
CC_NAME="${CARBON_CHAINCODE:-carbonledger}"

ORDERER_DOMAIN=orderer.carbonledger.test
ORDERERS=(orderer0 orderer1 orderer2)
declare -A ORDERER_PORT=([orderer0]=7050 [orderer1]=7150 [orderer2]=7250)
declare -A ORDERER_ADMIN_PORT=([orderer0]=7053 [orderer1]=7153 [orderer2]=7253)
declare -A ORDERER_OPS_PORT=([orderer0]=9450 [orderer1]=9451 [orderer2]=9452)

# Member organizations: key -> MSP id, domain, ports.
ORGS=(steelco applianceco certco)
declare -A ORG_MSP=([steelco]=SteelCoMSP [applianceco]=ApplianceCoMSP [certco]=CertCoMSP)
declare -A ORG_NAME=([steelco]=SteelCo [applianceco]=ApplianceCo [certco]=CertCo)
declare -A PEER_PORT=([steelco]=7051 [applianceco]=8051 [certco]=9051)
declare -A PEER_CC_PORT=([steelco]=7052 [applianceco]=8052 [certco]=9052)
declare -A PEER_OPS_PORT=([steelco]=9460 [applianceco]=9461 [certco]=9462)
# Go pprof of each peer, only when CARBON_PEER_PROFILE=true (docs/benchmarks.md, "Inside the peers").
declare -A PEER_PROFILE_PORT=([steelco]=6060 [applianceco]=6061 [certco]=6062)
# One chaincode JVM per peer: the Java shim cannot serve several peers from one process.
declare -A CC_SERVER_PORT=([steelco]=7059 [applianceco]=8059 [certco]=9059)

org_domain() { echo "$1.carbonledger.test"; }
peer_host() { echo "peer0.$(org_domain "$1")"; }

CRYPTO_DIR="$RUN_DIR/crypto"
PEER_ORG_DIR() { echo "$CRYPTO_DIR/peerOrganizations/$(org_domain "$1")"; }
ORDERER_ORG_DIR="$CRYPTO_DIR/ordererOrganizations/$ORDERER_DOMAIN"
orderer_dir() { echo "$ORDERER_ORG_DIR/orderers/$1.$ORDERER_DOMAIN"; }
peer_dir() { echo "$(PEER_ORG_DIR "$1")/peers/$(peer_host "$1")"; }
admin_msp() { echo "$(PEER_ORG_DIR "$1")/users/Admin@$(org_domain "$1")/msp"; }
ORDERER_CA="$ORDERER_ORG_DIR/tlsca/tlsca.$ORDERER_DOMAIN-cert.pem"

PID_DIR="$RUN_DIR/pids"
LOG_DIR="$RUN_DIR/logs"
CONNECTION_DIR="$RUN_DIR/connection"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Fabric binaries: built by build-binaries.sh into a per-machine cache keyed by the pinned go.mod/go.sum.
fabric_bin_dir() {
  local key
  key=$(cat "$NETWORK_DIR/fabric/go.mod" "$NETWORK_DIR/fabric/go.sum" "$NETWORK_DIR/scripts/build-binaries.sh" \
    "$NETWORK_DIR"/fabric/patches/*.patch 2>/dev/null | sha256sum | cut -c1-16)
  echo "$CACHE_DIR/fabric-$key/bin"
}

# Is the process recorded in pid file $1 alive, and is it the one we started? After every process died at once (a
# crash or reboot of the machine) a recorded pid can belong to some later process; ours started before its pid file
# was written, so a process that started after that is not ours.
pid_alive() {
  local f=$1 pid started
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  started=$(process_started "$pid") || return 0
  [ "$started" -le $(( $(stat -c %Y "$f") + 1 )) ]
}

# When process $1 started, in seconds since the epoch (from /proc: its start in clock ticks after boot).
process_started() {
  local stat ticks boot
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  # Field 22 counts from the start, but the command name (field 2, in parentheses) may hold spaces.
  ticks=$(sed 's/^.*) //' <<<"$stat" | awk '{print $20}')
  boot=$(awk '/^btime/ {print $2}' /proc/stat)
  [ -n "$ticks" ] && [ -n "$boot" ] || return 1
  echo $(( boot + ticks / $(getconf CLK_TCK) ))
}

wait_for_port() {
  local port=$1 what=$2 timeout=${3:-60} i=0
  while ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    i=$((i + 1))
    [ "$i" -le $((timeout * 10)) ] || die "$what did not listen on 127.0.0.1:$port within ${timeout}s (see $LOG_DIR)"
    sleep 0.1
  done
}

# The service: one instance per member organization (each company runs its own), HTTPS on loopback.
declare -A SERVICE_PORT=([steelco]=8443 [applianceco]=8444 [certco]=8445)
SERVICE_JAR="$REPO_DIR/service/target/carbonledger-service.jar"
SERVICE_RUN_DIR="${CARBON_SERVICE_RUN_DIR:-$REPO_DIR/service/run}"
