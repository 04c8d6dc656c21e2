#!/usr/bin/env bash
# A clean slate: stops everything, then deletes the ledgers, crypto material and connection files of the local
# network, and the services' data (their read models follow the deleted ledger). The cached Fabric binaries stay.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$NETWORK_DIR/scripts/down.sh"
rm -rf "$RUN_DIR" "$SERVICE_RUN_DIR"
log "wiped $RUN_DIR and $SERVICE_RUN_DIR"
