#!/usr/bin/env bash
# A network partition of one organization, for the fault suite: its peer and chaincode are moved into a Linux
# network namespace of their own, with their own address, joined to the host by a veth pair; then the pair is cut and
# healed. Needs root (ip netns) and socat (installed from Debian's packages when missing).
#
#   partition.sh move <org>      stop the org's peer and chaincode and start them again inside namespace cl-<org>
#   partition.sh cut <org>       take the veth link down: nothing passes between the namespace and the rest
#   partition.sh heal <org>      bring the link up again
#   partition.sh restore <org>   stop them in the namespace and remove it; `make up` then starts them as usual
#   partition.sh status <org>
#
# Every address the nodes know stays 127.0.0.1:<port> (the channel configuration, the connection files, gossip and
# the TLS certificates name it), so plain TCP forwarders carry each port across the link: inside the namespace
# 127.0.0.1:<port of an orderer or another peer> goes to the host end of the link, and on the host 127.0.0.1:<port of
# the moved peer> goes to the namespace's address. Cutting the link cuts all of them at once, as a real partition.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$NETWORK_DIR/scripts/lib.sh"

cmd=${1:-}; org=${2:-}
[ -n "$org" ] && [ -n "${ORG_MSP[$org]:-}" ] || die "usage: partition.sh move|cut|heal|restore|status <org> (${ORGS[*]})"
ns="cl-$org"
declare -A SUBNET=([steelco]=1 [applianceco]=2 [certco]=3)
host_if="clh-$org"; ns_if="cln-$org"
host_ip="10.77.${SUBNET[$org]}.1"; ns_ip="10.77.${SUBNET[$org]}.2"
dir="$RUN_DIR/partition/$org"

# Ports of the moved peer and its chaincode, reached from the host; and the ports it reaches on the host.
inbound_ports() { echo "${PEER_PORT[$org]} ${PEER_OPS_PORT[$org]} ${CC_SERVER_PORT[$org]}"; }
outbound_ports() {
  local o other
  for o in "${ORDERERS[@]}"; do echo "${ORDERER_PORT[$o]}"; done
  for other in "${ORGS[@]}"; do [ "$other" = "$org" ] || echo "${PEER_PORT[$other]}"; done
}

forward() { # name, [netns], listen address, listen port, target address, target port
  local name=$1 netns=$2 laddr=$3 lport=$4 taddr=$5 tport=$6
  local -a prefix=()
  [ -n "$netns" ] && prefix=(ip netns exec "$netns")
  setsid "${prefix[@]}" socat "TCP-LISTEN:$lport,bind=$laddr,reuseaddr,fork" "TCP:$taddr:$tport" \
    >>"$dir/forward.log" 2>&1 </dev/null &
  echo $! >"$dir/$name.pid"
}

# Starts a process again as it ran before (its command line and environment from /proc), inside the namespace,
# with extra environment assignments after the old ones (the later assignment wins).
relaunch_in_ns() { # pid-name, extra assignments...
  local name=$1 pid; shift
  pid=$(cat "$PID_DIR/$name.pid")
  mapfile -d '' -t argv <"/proc/$pid/cmdline"
  mapfile -d '' -t envv <"/proc/$pid/environ"
  local cwd; cwd=$(readlink "/proc/$pid/cwd")
  stop_process "$name"
  # Only the command goes to the background, so $! is the process itself (setsid, then ip and env exec into it).
  cd "$cwd"
  setsid ip netns exec "$ns" env -i "${envv[@]}" "$@" "${argv[@]}" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$PID_DIR/$name.pid"
  cd - >/dev/null
}

move() {
  command -v socat >/dev/null 2>&1 || { log "installing socat"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq socat >/dev/null; }
  ip netns list | grep -qw "$ns" && die "$org is already in namespace $ns (partition.sh restore $org first)"
  pid_alive "$PID_DIR/peer-$org.pid" && pid_alive "$PID_DIR/chaincode-$org.pid" || die "the peer and chaincode of $org must be running"
  mkdir -p "$dir"
  ip netns add "$ns"
  ip link add "$host_if" type veth peer name "$ns_if"
  ip link set "$ns_if" netns "$ns"
  ip addr add "$host_ip/30" dev "$host_if"; ip link set "$host_if" up
  ip netns exec "$ns" ip link set lo up
  ip netns exec "$ns" ip addr add "$ns_ip/30" dev "$ns_if"
  ip netns exec "$ns" ip link set "$ns_if" up
  log "moving the chaincode and peer of ${ORG_NAME[$org]} into namespace $ns ($ns_ip)"
  relaunch_in_ns "chaincode-$org" "CHAINCODE_SERVER_ADDRESS=0.0.0.0:${CC_SERVER_PORT[$org]}"
  relaunch_in_ns "peer-$org" "CORE_PEER_LISTENADDRESS=0.0.0.0:${PEER_PORT[$org]}" \
    "CORE_OPERATIONS_LISTENADDRESS=0.0.0.0:${PEER_OPS_PORT[$org]}"
  local p
  for p in $(outbound_ports); do
    forward "host-$p" "" "$host_ip" "$p" 127.0.0.1 "$p"
    forward "ns-$p" "$ns" 127.0.0.1 "$p" "$host_ip" "$p"
  done
  for p in $(inbound_ports); do
    forward "in-$p" "" 127.0.0.1 "$p" "$ns_ip" "$p"
  done
  wait_for_port "${PEER_PORT[$org]}" "peer of ${ORG_NAME[$org]} in $ns" 60
}

restore() {
  local f
  if ip netns list | grep -qw "$ns"; then
    log "moving the chaincode and peer of ${ORG_NAME[$org]} out of namespace $ns"
    ip link set "$host_if" up 2>/dev/null || true
    stop_process "peer-$org"; stop_process "chaincode-$org"
    rm -f "$PID_DIR/chaincode-$org.package"
  fi
  shopt -s nullglob
  for f in "$dir"/*.pid; do kill "$(cat "$f")" 2>/dev/null || true; rm -f "$f"; done
  ip link del "$host_if" 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
}

case $cmd in
  move) move ;;
  cut) ip link set "$host_if" down; log "cut ${ORG_NAME[$org]} off ($ns)" ;;
  heal) ip link set "$host_if" up; log "healed ${ORG_NAME[$org]} ($ns)" ;;
  restore) restore ;;
  status)
    if ip netns list | grep -qw "$ns"; then echo "$org in $ns, link $(cat "/sys/class/net/$host_if/operstate")"; else echo "$org on the host"; fi ;;
  *) die "usage: partition.sh move|cut|heal|restore|status <org>" ;;
esac
