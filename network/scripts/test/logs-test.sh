# Tests of logs.sh: which node names it follows and which it refuses. tail is replaced by a function that prints its
# arguments, so nothing is followed.
source "$(dirname "${BASH_SOURCE[0]}")/assert.sh"
SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

setup() {
  STUB=$(mktemp -d)
  trap 'rm -rf "$STUB"' EXIT
  mkdir -p "$STUB/run/logs"
  touch "$STUB/run/logs/orderer0.log" "$STUB/run/logs/peer-steelco.log" "$STUB/run/logs/install-certco.log"
}

# Runs logs.sh's main with "$@"; sets OUT and CODE. A time limit makes a wait that never ends fail the test.
run_logs() {
  OUT=$(CARBON_RUN_DIR="$STUB/run" timeout 10 bash -c '
    source "$1/logs.sh"; shift
    tail() { echo "tail $*"; }
    main "$@"' _ "$SCRIPTS" "$@" 2>&1)
  CODE=$?
}

test_an_unknown_node_lists_the_valid_names_and_fails_without_waiting() {
  setup
  run_logs orderer0 peer-stelco
  assert_eq 1 "$CODE"
  assert_contains "$OUT" "error: no such node: peer-stelco; valid names: orderer0 orderer1 orderer2 peer-steelco chaincode-steelco service-steelco peer-applianceco"
  assert_contains "$OUT" "service-certco"
  assert_contains "$OUT" "install-certco"
  assert_not_contains "$OUT" "tail "
}

test_known_nodes_are_followed_even_before_their_log_exists() {
  setup
  run_logs orderer0 chaincode-certco
  assert_eq 0 "$CODE"
  assert_eq "tail -n 50 -F $STUB/run/logs/orderer0.log $STUB/run/logs/chaincode-certco.log" "$OUT"
}

test_an_existing_log_of_another_step_is_followed_by_its_name() {
  setup
  run_logs install-certco
  assert_eq 0 "$CODE"
  assert_eq "tail -n 50 -F $STUB/run/logs/install-certco.log" "$OUT"
}

test_without_names_every_log_is_followed() {
  setup
  run_logs
  assert_eq 0 "$CODE"
  assert_contains "$OUT" "$STUB/run/logs/install-certco.log"
  assert_contains "$OUT" "$STUB/run/logs/orderer0.log"
  assert_contains "$OUT" "$STUB/run/logs/peer-steelco.log"
}

test_before_make_up_it_says_so() {
  setup
  rm -r "$STUB/run/logs"
  run_logs orderer0
  assert_eq 1 "$CODE"
  assert_contains "$OUT" "no logs yet: run 'make up'"
}
