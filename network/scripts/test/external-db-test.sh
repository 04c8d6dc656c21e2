# Tests of external-db.sh against the real server it runs (Debian's mariadbd), in a throw-away run directory on a
# free port: nothing of network/run is touched. About ten seconds.
source "$(dirname "${BASH_SOURCE[0]}")/assert.sh"
SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

setup() {
  export CARBON_RUN_DIR
  CARBON_RUN_DIR=$(mktemp -d)
  export CARBON_EXTERNAL_DB_PORT
  CARBON_EXTERNAL_DB_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  trap '"$SCRIPTS/external-db.sh" stop >/dev/null 2>&1; rm -rf "$CARBON_RUN_DIR"' EXIT
}

# Runs SQL as the service user "test" over TCP, the way the service connects.
as_test_user() {
  eval "$("$SCRIPTS/external-db.sh" env test)"
  mariadb --no-defaults -h 127.0.0.1 -P "$CARBON_EXTERNAL_DB_PORT" -u "$DATASOURCES_DEFAULT_USERNAME" \
    -p"$DATASOURCES_DEFAULT_PASSWORD" --batch --skip-column-names carbonledger_test -e "$1"
}

test_start_creates_a_private_account_per_service_and_env_prints_how_to_reach_it() {
  setup
  "$SCRIPTS/external-db.sh" start 2>/dev/null
  assert_contains "$("$SCRIPTS/external-db.sh" status)" "running"
  assert_eq "$(stat -c %a "$CARBON_RUN_DIR/external-db/steelco.password")" 600
  local env
  env=$("$SCRIPTS/external-db.sh" env steelco)
  assert_contains "$env" "DATASOURCES_DEFAULT_URL='jdbc:mysql://127.0.0.1:$CARBON_EXTERNAL_DB_PORT/carbonledger_steelco?"
  assert_contains "$env" "DATASOURCES_DEFAULT_USERNAME=carbonledger_steelco"
  assert_contains "$env" "DATASOURCES_DEFAULT_PASSWORD=$(cat "$CARBON_RUN_DIR/external-db/steelco.password")"
  assert_eq "$(as_test_user 'SELECT @@character_set_database, @@time_zone, @@sql_mode LIKE "%ONLY_FULL_GROUP_BY%"')" \
    "$(printf 'utf8mb4\t+00:00\t1')"
  # Its own database only.
  if as_test_user 'SELECT 1 FROM carbonledger_steelco.flyway_schema_history' 2>/dev/null; then exit 1; fi
  assert_contains "$(as_test_user 'SHOW DATABASES')" "carbonledger_test"
  assert_not_contains "$(as_test_user 'SHOW DATABASES')" "carbonledger_steelco"
}

test_a_killed_server_recovers_its_committed_rows_on_start() {
  setup
  "$SCRIPTS/external-db.sh" start 2>/dev/null
  as_test_user 'CREATE TABLE t (id INT PRIMARY KEY) ENGINE=InnoDB; INSERT INTO t VALUES (1), (2), (3)'
  "$SCRIPTS/external-db.sh" kill 2>/dev/null
  local rc=0
  "$SCRIPTS/external-db.sh" status >/dev/null || rc=$?
  assert_eq 3 "$rc"
  "$SCRIPTS/external-db.sh" start 2>/dev/null
  assert_eq 3 "$(as_test_user 'SELECT COUNT(*) FROM t')"
  assert_contains "$(cat "$CARBON_RUN_DIR/external-db/mariadbd.log")" "crash recovery"
}

test_env_refuses_an_unknown_service() {
  setup
  local out rc=0
  out=$("$SCRIPTS/external-db.sh" env nosuchorg 2>&1) || rc=$?
  assert_eq 1 "$rc"
  assert_contains "$out" "unknown service 'nosuchorg'"
}
