#!/usr/bin/env bash
# The reference series of docs/benchmarks.md, section 2: on the running network (make wipe && make up, then
# network/scripts/service-down.sh, for a fresh ledger and the ledger's own figures), a warm-up, then ROUNDS rounds of
# one run at B = 500, K = 8 and one at B = 100, K = 16, with time-ordered record ids. Interleaving the two sizes makes
# each round see the same machine; quote the median of the rounds. The load generator runs with C1 only
# (LOAD_JAVA_OPTS, default -XX:TieredStopAtLevel=1), like carbonctl's launcher: a run lasts half a minute, too short
# for C2's compilations to repay the cores they take from the network (0.12 ms of CPU per record instead of 0.22).
#
#   bench/scripts/reference-series.sh [ROUNDS=3]     (RECORDS=30000 WARMUP=20000 IDS=time-ordered BENCH_JAR=...)
#   RECORDS_IN=transient (the confidential chaincode; "arguments" for a build from before private records)
set -euo pipefail
rounds=${1:-3}
cd "$(dirname "$0")/../.."
bench_jar=${BENCH_JAR:-bench/target/benchmarks.jar}
[ -f "$bench_jar" ] || { echo "no $bench_jar: ./mvnw -pl bench -am package -DskipTests" >&2; exit 2; }
load() { java ${LOAD_JAVA_OPTS:--XX:TieredStopAtLevel=1} -cp "$bench_jar" org.carbonledger.bench.RecordLoad --ids "${IDS:-time-ordered}" \
  --records-in "${RECORDS_IN:-transient}" --json "${JSON:-/tmp/reference-series.jsonl}" "$@" | grep -E '^warm|^records in|^B|CPU ms|bytes per'; }
echo "== warm-up, $(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
load --records 20000 --batch 500 --in-flight 8 --warmup "${WARMUP:-20000}"
for round in $(seq 1 "$rounds"); do
  for cfg in "500 8" "100 16"; do
    set -- $cfg
    echo "== round $round, B = $1, K = $2, $(date -u +%H:%M:%S) UTC"
    load --records "${RECORDS:-30000}" --batch "$1" --in-flight "$2" --warmup 0
  done
done
