#!/usr/bin/env bash
# Follows the logs of every network process (or of those named: logs.sh orderer0 peer-steelco chaincode-certco).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# The processes the scripts start (lib.sh's start_process names), whether their log exists yet or not.
node_names() {
  local org
  printf '%s\n' "${ORDERERS[@]}"
  for org in "${ORGS[@]}"; do printf '%s\n' "peer-$org" "chaincode-$org" "service-$org"; done
}

# The names logs.sh accepts: every process it may start, and any other log already written (install-steelco, ...).
valid_names() {
  { node_names; if [ -d "$LOG_DIR" ]; then find "$LOG_DIR" -maxdepth 1 -name '*.log' -printf '%f\n' | sed 's/\.log$//'; fi; } \
    | awk '!seen[$0]++'
}

main() {
  [ -d "$LOG_DIR" ] || die "no logs yet: run 'make up'"
  local files=() n unknown=()
  if [ $# -gt 0 ]; then
    local valid; valid=$(valid_names)
    # tail -F waits for a file that may appear later: a mistyped name would wait forever, so it is refused here.
    for n in "$@"; do
      if grep -qxF -- "$n" <<<"$valid"; then files+=("$LOG_DIR/$n.log"); else unknown+=("$n"); fi
    done
    [ ${#unknown[@]} -eq 0 ] || die "no such node: ${unknown[*]}; valid names: $(tr '\n' ' ' <<<"$valid" | sed 's/ $//')"
  else
    files=("$LOG_DIR"/*.log)
  fi
  tail -n "${LINES_SHOWN:-50}" -F "${files[@]}"
}

# Run unless sourced: the tests source this file and call main with tail replaced.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi
