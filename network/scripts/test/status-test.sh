# Tests of status.sh: the Fabric CLIs and curl are stubs that print what the real ones print (osnadmin's
# "Status: 200" and indented JSON, the peer's "Blockchain info: {...}", Prometheus text), with heights that a test
# scripts per node: one line per call, the last line repeating.
source "$(dirname "${BASH_SOURCE[0]}")/assert.sh"
SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Ports of the nodes (from env.sh) whose stubbed answers the tests set.
declare -A ADMIN_PORT=([orderer0]=7053 [orderer1]=7153 [orderer2]=7253)
declare -A OPS_PORT=([orderer0]=9450 [orderer1]=9451 [orderer2]=9452)
declare -A PEER=([steelco]=7051 [applianceco]=8051 [certco]=9051)

# A run directory with every node's pid file pointing at a live process, and the stubs.
setup() {
  STUB=$(mktemp -d)
  trap 'rm -rf "$STUB"' EXIT
  mkdir -p "$STUB/bin" "$STUB/path" "$STUB/run/pids" "$STUB/answers"
  local name
  for name in orderer0 orderer1 orderer2 peer-steelco peer-applianceco peer-certco \
              chaincode-steelco chaincode-applianceco chaincode-certco; do
    echo $$ > "$STUB/run/pids/$name.pid"
  done
  # The CLIs run in a cleared environment (lib.sh's with_env), so the stubs carry the answers' folder in their text.
  cat > "$STUB/bin/answer" <<STUBEOF
#!/usr/bin/env bash
# Prints the next scripted height of port \$1 (the last one repeats), or fails when it is "fail".
f="$STUB/answers/height-\$1"
[ -f "\$f" ] || exit 1
h=\$(head -1 "\$f")
[ "\$(wc -l < "\$f")" -gt 1 ] && sed -i 1d "\$f"
[ "\$h" = fail ] && exit 1
echo "\$h"
STUBEOF
  cat > "$STUB/bin/osnadmin" <<STUBEOF
#!/usr/bin/env bash
while [ \$# -gt 0 ]; do [ "\$1" = -o ] && port=\${2##*:}; shift; done
h=\$("$STUB/bin/answer" "\$port") || { echo "Error: Post \"https://127.0.0.1:\$port\": connection refused" >&2; exit 1; }
printf 'Status: 200\n{\n\t"name": "carbon",\n\t"url": "/participation/v1/channels/carbon",\n\t"consensusRelation": "consenter",\n\t"status": "active",\n\t"height": %s\n}\n' "\$h"
STUBEOF
  cat > "$STUB/bin/peer" <<STUBEOF
#!/usr/bin/env bash
port=\${CORE_PEER_ADDRESS##*:}
echo "2026-12-07 14:50:46.916 UTC 0001 INFO [channelCmd] InitCmdFactory -> Endorser and orderer connections initialized" >&2
case "\$1 \$2" in
  "channel getinfo")
    h=\$("$STUB/bin/answer" "\$port") || { echo "Error: received bad response, status 500" >&2; exit 1; }
    echo "Blockchain info: {\"height\":\$h,\"currentBlockHash\":\"q1Yz0hXyb1v0a0mJ6Yb3cVx1uZr7J2y0c2l6cQ==\",\"previousBlockHash\":\"Hk3b9m2Zb0d1c2XlZ2cxYQ==\"}" ;;
  "lifecycle chaincode")
    echo "Committed chaincode definition for chaincode 'carbonledger' on channel 'carbon':"
    echo "Version: 1.0-3f2a, Sequence: 2, Endorsement Plugin: escc, Validation Plugin: vscc, Approvals: [ApplianceCoMSP: true, CertCoMSP: true, SteelCoMSP: true]" ;;
esac
STUBEOF
  cat > "$STUB/path/curl" <<STUBEOF
#!/usr/bin/env bash
url=\${@: -1}
case "\$url" in
  */metrics)
    port=\${url#http://127.0.0.1:}; port=\${port%%/*}
    echo '# HELP consensus_etcdraft_is_leader The leadership status of the current node: 1 if it is the leader else 0.'
    echo '# TYPE consensus_etcdraft_is_leader gauge'
    if [ -f "$STUB/answers/leader-\$port" ]; then echo 'consensus_etcdraft_is_leader{channel="carbon"} 1'
    else echo 'consensus_etcdraft_is_leader{channel="carbon"} 0'; fi ;;
  */health) cat "$STUB/answers/health" ;;
esac
STUBEOF
  chmod +x "$STUB/bin/"* "$STUB/path/curl"
  echo '{"status":"UP","details":{}}' > "$STUB/answers/health"
}

# Scripts the heights node $1 (orderer0, peer-steelco, ...) answers, one per call.
heights() {
  local node=$1 port; shift
  case $node in orderer*) port=${ADMIN_PORT[$node]} ;; peer-*) port=${PEER[${node#peer-}]} ;; esac
  printf '%s\n' "$@" > "$STUB/answers/height-$port"
}
all_at() { local n; for n in orderer0 orderer1 orderer2 peer-steelco peer-applianceco peer-certco; do heights "$n" "$1"; done; }
leader() { touch "$STUB/answers/leader-${OPS_PORT[$1]}"; }
# Ports that do not listen (everything else does).
closed() { local p; for p in "$@"; do touch "$STUB/answers/closed-$p"; done; }

# Runs status.sh's main with the stubs; sets OUT and CODE. Its waits are recorded in $STUB/slept, not slept.
run_status() {
  OUT=$(CARBON_RUN_DIR="$STUB/run" BIN_DIR="$STUB/bin" PATH="$STUB/path:$PATH" STATUS_LAG_WAIT=7 bash -c '
    stub=$2
    source "$1/status.sh"
    port_open() { [ ! -f "$stub/answers/closed-$1" ]; }
    sleep() { echo "$1" >> "$stub/slept"; }
    main' _ "$SCRIPTS" "$STUB" 2>&1)
  CODE=$?
}

test_all_in_step_is_healthy_and_names_the_leader() {
  setup; all_at 480; leader orderer1
  run_status
  assert_eq 0 "$CODE"
  assert_contains "$(line_of "$OUT" 'orderer0 (127.0.0.1:7050)')" "up      channel carbon height 480 (consenter/active)"
  assert_contains "$(line_of "$OUT" 'orderer1 (127.0.0.1:7150)')" "height 480 (consenter/active, leader)"
  assert_contains "$(line_of "$OUT" 'peer0 ApplianceCo')" "up      channel carbon height 480"
  assert_contains "$OUT" "committed chaincode carbonledger: Version: 1.0-3f2a, Sequence: 2"
  assert_not_contains "$OUT" LAGGING
  [ ! -f "$STUB/slept" ] || { echo "waited though every node was in step"; exit 1; }
}

test_an_orderer_stuck_behind_is_lagging_with_its_height_and_the_others() {
  setup; all_at 480; heights orderer0 172; leader orderer1
  run_status
  assert_eq 2 "$CODE"
  assert_contains "$(line_of "$OUT" 'orderer0 (127.0.0.1:7050)')" \
    "LAGGING channel carbon height 172, behind 480 (orderer1, orderer2, peer-steelco, peer-applianceco, peer-certco) for over 7s"
  assert_eq 7 "$(cat "$STUB/slept")"
  assert_contains "$(line_of "$OUT" 'orderer1 (127.0.0.1:7150)')" "up      channel carbon height 480"
}

test_a_node_that_catches_up_during_the_wait_is_not_lagging() {
  setup; all_at 480; heights peer-certco 479 481; heights orderer2 478 480
  run_status
  assert_eq 0 "$CODE"
  assert_contains "$(line_of "$OUT" 'peer0 CertCo')" "up      channel carbon height 481"
  assert_contains "$(line_of "$OUT" 'orderer2 (127.0.0.1:7250)')" "up      channel carbon height 480"
  assert_eq 7 "$(cat "$STUB/slept")"
}

test_a_node_that_moves_but_stays_below_the_first_highest_is_lagging() {
  setup; all_at 480; heights peer-applianceco 300 305
  run_status
  assert_eq 2 "$CODE"
  assert_contains "$(line_of "$OUT" 'peer0 ApplianceCo')" "LAGGING channel carbon height 305, behind 480"
}

test_a_node_that_stops_answering_during_the_wait_is_lagging_at_its_last_height() {
  setup; all_at 480; heights orderer2 400 fail
  run_status
  assert_eq 2 "$CODE"
  assert_contains "$(line_of "$OUT" 'orderer2 (127.0.0.1:7250)')" "LAGGING channel carbon height 400, behind 480"
}

test_a_dead_orderer_is_down_and_fails_even_when_another_lags() {
  setup; all_at 480; heights peer-steelco 100; rm "$STUB/run/pids/orderer0.pid"
  run_status
  assert_eq 1 "$CODE"
  assert_contains "$(line_of "$OUT" 'orderer0 (127.0.0.1:7050)')" "DOWN"
  assert_contains "$(line_of "$OUT" 'peer0 SteelCo')" "LAGGING"
}

test_a_peer_whose_port_is_closed_is_down() {
  setup; all_at 480; closed 8051
  run_status
  assert_eq 1 "$CODE"
  assert_contains "$(line_of "$OUT" 'peer0 ApplianceCo')" "DOWN"
}

test_an_orderer_up_but_not_answering_its_admin_api_fails() {
  setup; all_at 480; heights orderer1 fail
  run_status
  assert_eq 1 "$CODE"
  assert_contains "$(line_of "$OUT" 'orderer1 (127.0.0.1:7150)')" "NO-INFO channel carbon height unknown"
}

test_a_service_reporting_down_health_fails() {
  setup; all_at 480; echo $$ > "$STUB/run/pids/service-steelco.pid"; echo '{"status":"DOWN"}' > "$STUB/answers/health"
  run_status
  assert_eq 1 "$CODE"
  assert_contains "$(line_of "$OUT" 'service SteelCo')" "up      health DOWN"
}

test_a_dead_chaincode_fails() {
  setup; all_at 480; closed 9059
  run_status
  assert_eq 1 "$CODE"
  assert_contains "$(line_of "$OUT" 'chaincode CertCo')" "DOWN"
}
