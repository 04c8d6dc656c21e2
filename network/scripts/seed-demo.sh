#!/usr/bin/env bash
# Seeds the demo supply chain (the worked example of docs/accounting.md) through the services' HTTP API, as each
# organization's admin client, with the demo module's jar (built by `make build`). Idempotent: fixed ids, so a rerun
# is answered with replays. The seeder reads each service's clients file itself and trusts only the service's own
# certificate beside it, so no secret passes through a command line or the environment.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$NETWORK_DIR/scripts/lib.sh"
DEMO_JAR="$REPO_DIR/demo/target/carbonledger-demo.jar"
[[ -f "$DEMO_JAR" ]] || { echo "no $DEMO_JAR: build it first (make build)" >&2; exit 1; }
args=()
for org in "${ORGS[@]}"; do
  ORG=${org^^}
  clients="$SERVICE_RUN_DIR/$org/demo-clients.env"
  [[ -f "$clients" ]] || { echo "no $clients: start the services first (make services)" >&2; exit 1; }
  args+=("CARBONLEDGER_DEMO_${ORG}_URL=https://127.0.0.1:${SERVICE_PORT[$org]}" "CARBONLEDGER_DEMO_${ORG}_CLIENTS=$clients")
done
env "${args[@]}" java -XX:TieredStopAtLevel=1 -jar "$DEMO_JAR"
