#!/usr/bin/env bash
# Stops every process the network scripts started (by their recorded pids, nothing else). Ledgers stay on disk.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$NETWORK_DIR/scripts/lib.sh"
[ -d "$PID_DIR" ] || { log "nothing running"; exit 0; }
# The services first: they stop their embedded databases on the way out.
"$NETWORK_DIR/scripts/service-down.sh"
# The plants' broker next: nothing subscribes to it any more.
if [ -f "$RUN_DIR/broker/broker.pid" ]; then "$NETWORK_DIR/scripts/broker.sh" stop; fi
shopt -s nullglob
# The service and the chaincode first, then peers, orderers last, so no one mid-commit loses its orderer.
for group in "service*" "chaincode-*" "peer-*" "orderer*" "*"; do
  names=()
  for f in "$PID_DIR"/$group.pid; do names+=("$(basename "$f" .pid)"); done
  [ ${#names[@]} -gt 0 ] || continue
  for n in "${names[@]}"; do
    if pid_alive "$PID_DIR/$n.pid"; then log "stopping $n (pid $(cat "$PID_DIR/$n.pid"))"; kill -TERM "$(cat "$PID_DIR/$n.pid")" 2>/dev/null || true; fi
  done
  for n in "${names[@]}"; do stop_process "$n"; rm -f "$PID_DIR/$n.package"; done
done
log "network stopped"
