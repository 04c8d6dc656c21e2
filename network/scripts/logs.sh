#!/usr/bin/env bash
# Follows the logs of every network process (or of those named: logs.sh orderer0 peer-steelco chaincode-certco).
set -euo pipefail
source "$(dirname "$0")/env.sh"
[ -d "$LOG_DIR" ] || die "no logs yet: run 'make up'"
if [ $# -gt 0 ]; then files=(); for n in "$@"; do files+=("$LOG_DIR/$n.log"); done; else files=("$LOG_DIR"/*.log); fi
exec tail -n "${LINES_SHOWN:-50}" -F "${files[@]}"
