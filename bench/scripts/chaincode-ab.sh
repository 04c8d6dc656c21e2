#!/usr/bin/env bash
# Interleaved A/B of two chaincode builds on one running network: deploys A and B alternately as chaincode upgrades
# (network/scripts/deploy-chaincode.sh keeps the ledger), warms each fresh chaincode JVM up, then measures it with
# RecordLoad. Alternating is what makes the comparison fair on a machine whose speed drifts (docs/benchmarks.md,
# "Machine"): both builds see the same ledger sizes and the same drift, in turn.
#
#   bench/scripts/chaincode-ab.sh A.jar B.jar [ROUNDS=3]
#   IDS=time-ordered RECORDS=30000 BATCH=500 IN_FLIGHT=4 WARMUP=12000 BENCH_JAR=/tmp/benchmarks.jar ...
#   RECORDS_IN_A=arguments RECORDS_IN_B=transient (the defaults)
#
# RECORDS_IN_A / RECORDS_IN_B say how each build takes its records (RecordLoad --records-in): "arguments" for a build
# from before private records (the records are the transaction's argument), "transient" for the confidential build
# (records and a salt in the transient map, endorsed by SteelCo and the certifiers it designated). The defaults
# compare the build before private records (A) with the confidential one (B); set both to the same mode to compare
# two builds of one kind. A transient run makes sure SteelCo has designated CertCo before its warm-up (once, then
# found on the ledger: the designation stays in the world state across upgrades, and a build that does not know it
# ignores it).
#
# Stop the services first (network/scripts/service-down.sh) for the ledger's own figures. Every measured record
# stays on the ledger (only `make wipe` gives the space back). Prints RecordLoad's summary lines per round and variant,
# appends its JSON lines to ${JSON:-/tmp/chaincode-ab.jsonl} (each with its "recordsIn"), and ends with the median
# records/s and machine CPU ms per committed record of each variant over the rounds, and B's median as a share of A's.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 A.jar B.jar [ROUNDS]" >&2; exit 2; }
declare -A JAR=([A]=$1 [B]=$2)
declare -A MODE=([A]=${RECORDS_IN_A:-arguments} [B]=${RECORDS_IN_B:-transient})
rounds=${3:-3}
for v in A B; do
  [ -f "${JAR[$v]}" ] || { echo "no such jar: ${JAR[$v]}" >&2; exit 2; }
  case "${MODE[$v]}" in arguments|transient) ;; *) echo "RECORDS_IN_$v=${MODE[$v]}: expected arguments or transient" >&2; exit 2;; esac
done
cd "$(dirname "$0")/../.."
bench_jar=${BENCH_JAR:-bench/target/benchmarks.jar}
[ -f "$bench_jar" ] || { echo "no $bench_jar: ./mvnw -pl bench -am package -DskipTests" >&2; exit 2; }
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
for round in $(seq 1 "$rounds"); do
  for v in A B; do
    network/scripts/deploy-chaincode.sh "${JAR[$v]}" > "${TMPDIR:-/tmp}/chaincode-ab-deploy.log" 2>&1 \
      || { echo "deploying ${JAR[$v]} failed:" >&2; cat "${TMPDIR:-/tmp}/chaincode-ab-deploy.log" >&2; exit 1; }
    echo "== round $round, $v = ${JAR[$v]} (records in ${MODE[$v]}), $(date -u +%H:%M:%S) UTC"
    # RecordLoad exits 1 when a transaction was not committed VALID (its error lines say why): the series stops there.
    java ${LOAD_JAVA_OPTS:--XX:TieredStopAtLevel=1} -cp "$bench_jar" org.carbonledger.bench.RecordLoad --records "${RECORDS:-30000}" --batch "${BATCH:-500}" \
      --in-flight "${IN_FLIGHT:-4}" --warmup "${WARMUP:-12000}" --ids "${IDS:-random}" --records-in "${MODE[$v]}" \
      --json "${JSON:-/tmp/chaincode-ab.jsonl}" | grep -E '^B|^records in|CPU ms|bytes per|error:' | sed "s/^/$v /" \
      | tee -a "$summary" | sed 's/^[AB] //'
  done
done
# The medians: one measurement per round and variant (RecordLoad measures one batch size and in-flight pair here).
awk '
  function median(list,    n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n == 0 ? "n/a" : (n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2)
  }
  $2 ~ /^B[0-9]+\/K[0-9]+#/ && match($0, /= [0-9.]+ records\/s/) {
    rate[$1] = rate[$1] " " substr($0, RSTART + 2, RLENGTH - 12); runs[$1]++
  }
  /CPU ms per committed record/ && match($0, /machine [0-9.]+/) { cpu[$1] = cpu[$1] " " substr($0, RSTART + 8, RLENGTH - 8) }
  END {
    for (v = 0; v < 2; v++) {
      k = v ? "B" : "A"; m[k] = median(rate[k])
      printf "== %s: median %s records/s over %d runs, median machine CPU %s ms per committed record\n", k, m[k], runs[k] + 0, median(cpu[k])
    }
    if (m["A"] != "n/a" && m["B"] != "n/a" && m["A"] > 0) printf "== B/A: %.1f %% of A'"'"'s records/s\n", 100 * m["B"] / m["A"]
  }' "$summary"
