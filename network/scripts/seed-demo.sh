#!/usr/bin/env bash
# Seeds the demo supply chain (the worked example of docs/accounting.md) through the services' HTTP API, as each
# organization's admin client. Idempotent: fixed ids, so a rerun is answered with replays.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$NETWORK_DIR/scripts/lib.sh"
args=()
for org in "${ORGS[@]}"; do
  ORG=${org^^}
  client=$(grep '^ADMIN_CLIENT=' "$SERVICE_RUN_DIR/$org/demo-clients.env" | cut -d= -f2)
  secret=$(grep '^ADMIN_SECRET=' "$SERVICE_RUN_DIR/$org/demo-clients.env" | cut -d= -f2)
  args+=("CARBONLEDGER_DEMO_${ORG}_URL=https://127.0.0.1:${SERVICE_PORT[$org]}" "CARBONLEDGER_DEMO_${ORG}_CLIENT=$client" "CARBONLEDGER_DEMO_${ORG}_SECRET=$secret")
done
env "${args[@]}" CARBONLEDGER_DEMO_FIXTURES="$REPO_DIR/core/src/test/resources/fixtures" \
  java -XX:TieredStopAtLevel=1 -cp "$(ls "$RUN_DIR"/service/carbonledger-service-*.jar)" org.carbonledger.service.demo.DemoSupplyChain
