#!/usr/bin/env bash
# Runs every test_* function of the network/scripts/test/*-test.sh files, each in its own subshell, and prints one
# line per test. Exits non-zero if any failed. No network is needed: the tests stub the Fabric CLIs and curl.
set -uo pipefail
cd "$(dirname "$0")"
passed=0 failed=0
for file in *-test.sh; do
  for t in $(bash -c "source ./$file >/dev/null; declare -F" | awk '$3 ~ /^test_/ {print $3}'); do
    if out=$(bash -c "source ./$file; $t" 2>&1); then
      passed=$((passed + 1)); echo "ok   $file $t"
    else
      failed=$((failed + 1)); echo "FAIL $file $t"; sed 's/^/     /' <<<"$out"
    fi
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
