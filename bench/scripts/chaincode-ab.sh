#!/usr/bin/env bash
# Interleaved A/B of two chaincode builds on one running network: deploys A and B alternately as chaincode upgrades
# (network/scripts/deploy-chaincode.sh keeps the ledger), warms each fresh chaincode JVM up, then measures it with
# RecordLoad. Alternating is what makes the comparison fair on a machine whose speed drifts (docs/benchmarks.md,
# "Machine"): both builds see the same ledger sizes and the same drift, in turn.
#
#   bench/scripts/chaincode-ab.sh A.jar B.jar [ROUNDS=3]
#   IDS=time-ordered RECORDS=30000 BATCH=500 IN_FLIGHT=4 WARMUP=12000 BENCH_JAR=/tmp/benchmarks.jar ...
#
# Stop the services first (network/scripts/service-down.sh) for the ledger's own figures. Every measured record
# stays on the ledger (only `make wipe` gives the space back). Prints RecordLoad's summary lines per round and variant
# and appends its JSON lines to ${JSON:-/tmp/chaincode-ab.jsonl}.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 A.jar B.jar [ROUNDS]" >&2; exit 2; }
declare -A JAR=([A]=$1 [B]=$2)
rounds=${3:-3}
for v in A B; do [ -f "${JAR[$v]}" ] || { echo "no such jar: ${JAR[$v]}" >&2; exit 2; }; done
cd "$(dirname "$0")/../.."
bench_jar=${BENCH_JAR:-bench/target/benchmarks.jar}
[ -f "$bench_jar" ] || { echo "no $bench_jar: ./mvnw -pl bench -am package -DskipTests" >&2; exit 2; }
for round in $(seq 1 "$rounds"); do
  for v in A B; do
    network/scripts/deploy-chaincode.sh "${JAR[$v]}" > "${TMPDIR:-/tmp}/chaincode-ab-deploy.log" 2>&1 \
      || { echo "deploying ${JAR[$v]} failed:" >&2; cat "${TMPDIR:-/tmp}/chaincode-ab-deploy.log" >&2; exit 1; }
    echo "== round $round, $v = ${JAR[$v]}, $(date -u +%H:%M:%S) UTC"
    java ${LOAD_JAVA_OPTS:--XX:TieredStopAtLevel=1} -cp "$bench_jar" org.carbonledger.bench.RecordLoad --records "${RECORDS:-30000}" --batch "${BATCH:-500}" \
      --in-flight "${IN_FLIGHT:-4}" --warmup "${WARMUP:-12000}" --ids "${IDS:-random}" \
      --json "${JSON:-/tmp/chaincode-ab.jsonl}" | grep -E '^B|CPU ms|bytes per'
  done
done
