#!/usr/bin/env bash
# Stops the services (or the given organizations' services). The JVM stops its embedded MariaDB on TERM; the
# whole process group is killed only if that takes longer than the grace period.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$NETWORK_DIR/scripts/lib.sh"
orgs=("$@"); [ ${#orgs[@]} -gt 0 ] || orgs=("${ORGS[@]}")
for org in "${orgs[@]}"; do
  f="$PID_DIR/service-$org.pid"
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping service-$org (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    # setsid made the JVM its group's leader: the group holds mysqld too.
    kill -0 "$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$f" "$PID_DIR/service-$org.package"
done
