#!/usr/bin/env bash
# Load test of the plant readings path: signed readings published to the broker at a paced rate by carbonctl plant
# simulate (signed ahead with --presign, so the load generator's signing does not share the CPU with the service while
# it runs), measured at the service from its own metrics: the method of docs/benchmarks.md, "Plant readings".
#
#   bench/scripts/plant-load.sh BASE KEYS_DIR
#
# BASE is the service (https://localhost:8443, or the http://localhost:PORT of PlantLoadHarness); KEYS_DIR holds the
# private keys of devices the service knows, <id>.key.pem (all of them are used). RATE readings/s in all (default
# 10000) for SECONDS_RUN (default 30); THREADS publishing connections (default 2); BROKER (default tcp://127.0.0.1:1883)
# and BROKER_DIR (default network/run/broker) where the simulator-steelco password is. The service's /prometheus
# needs an operator: CLIENT_ID (default test-operator, the harness's) and its secret in $CLIENT_SECRET.
#
# Prints: readings published, readings stored in the window, the ingestion rate (stored readings over the time from
# the first to the last one stored), refusals, and the delay from a reading's timestamp (its scheduled publication)
# to its commit: p50 / p99 / max from the service's histogram, counted over this run only.
# Alerts: when the live view's alert metric exists, ALERT_METRIC names its delay histogram and it is reported too.
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,18p' "$0" >&2
  exit 2
fi
base=${1%/} keys=$2
rate=${RATE:-10000} seconds=${SECONDS_RUN:-${SECONDS_PER_RUN:-30}} threads=${THREADS:-2}
broker=${BROKER:-tcp://127.0.0.1:1883}
repo=$(cd "$(dirname "$0")/../.." && pwd)
broker_dir=${BROKER_DIR:-$repo/network/run/broker}
client=${CLIENT_ID:-test-operator}
secret=${CLIENT_SECRET:-operator-secret-0123456789}
case "$base" in
  https://localhost:*|https://127.0.0.1:*|http://localhost:*|http://127.0.0.1:*) ;;
  *) echo "plant-load.sh: $base is not on loopback" >&2; exit 2 ;;
esac
devices=()
for key in "$keys"/*.key.pem; do
  [ -f "$key" ] || continue
  id=$(basename "$key" .key.pem)
  devices+=(--device "$id=arc-furnace" --key "$id=$key")
done
[ ${#devices[@]} -gt 0 ] || { echo "plant-load.sh: no *.key.pem in $keys" >&2; exit 2; }
n_devices=$(( ${#devices[@]} / 4 ))
per_device=$(( rate * seconds / n_devices ))

token=$(curl -sk -u "$client:$secret" -d grant_type=client_credentials "$base/oauth/token" \
  | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "plant-load.sh: no token for $client at $base/oauth/token" >&2; exit 1; }
metrics() { curl -sk -H "Authorization: Bearer $token" "$base/prometheus"; }
stored() { metrics | awk '/^carbonledger_plant_readings_stored_total/ {s+=$2} END {printf "%d\n", s}'; }
refused() { metrics | awk '/^carbonledger_plant_readings_refused_total/ {s+=$2} END {printf "%d\n", s}'; }
# name{le="x"} count lines of a histogram, summed over tags: "le count" per line.
buckets() { metrics | awk -v m="$1_bucket" 'index($0, m "{") == 1 {
    match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5); c[le] += $2 }
    END { for (le in c) print le, c[le] }' | sort -g; }
# p-quantile (seconds) of the difference of two bucket listings.
quantile() { awk -v q="$3" 'NR == FNR { before[$1] = $2; next } { le[++n] = $1; d[n] = $2 - before[$1] }
    END { total = d[n]; if (total == 0) { print "n/a"; exit } for (i = 1; i <= n; i++) if (d[i] >= q * total) {
      printf "%s", le[i]; exit } }' <(echo "$1") <(echo "$2"); }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
stored_before=$(stored) refused_before=$(refused)
delay_before=$(buckets carbonledger_plant_readings_delay_seconds)
alert_before=""
[ -n "${ALERT_METRIC:-}" ] && alert_before=$(buckets "$ALERT_METRIC")

# The simulator runs in the background; the counter is sampled every half second meanwhile.
sim_log=$(mktemp)
"$repo/cli/bin/carbonctl" plant simulate --org steelco --broker "$broker" --broker-dir "$broker_dir" \
  "${devices[@]}" --rate "$rate" --presign --count "$per_device" --threads "$threads" --seed 1 \
  >"$sim_log" 2>&1 &
sim=$!
# The window opens when publishing starts, after the signing ahead.
until grep -q "^signed in" "$sim_log" 2>/dev/null; do
  kill -0 "$sim" 2>/dev/null || { cat "$sim_log" >&2; echo "plant-load.sh: the simulator ended" >&2; exit 1; }
  sleep 0.5
done
stored_before=$(stored)
delay_before=$(buckets carbonledger_plant_readings_delay_seconds)
first="" last="" last_count=$stored_before
target=$(( stored_before + per_device * n_devices ))
while :; do
  now=$(date +%s.%N) n=$(stored)
  if [ "$n" -gt "$last_count" ]; then
    [ -z "$first" ] && first=$now && first_count=$last_count
    last=$now last_count=$n
  fi
  [ "$n" -ge "$target" ] && break
  if ! kill -0 "$sim" 2>/dev/null && [ -n "$last" ] \
     && awk -v a="$now" -v b="$last" 'BEGIN { exit !(a - b > 10) }'; then
    echo "plant-load.sh: nothing stored for 10 s after the simulator ended; stopping" >&2
    break
  fi
  sleep 0.5
done
wait "$sim" || true
tail -2 "$sim_log"
rm -f "$sim_log"
delay_after=$(buckets carbonledger_plant_readings_delay_seconds)
stored_n=$(( last_count - stored_before ))
window=$(awk -v a="$first" -v b="$last" 'BEGIN { printf "%.1f", b - a }')
echo "stored $stored_n readings (target $(( target - stored_before ))), refused $(( $(refused) - refused_before ))"
awk -v n="$((last_count - first_count))" -v w="$window" \
  'BEGIN { if (w > 0) printf "ingested: %.0f readings/s (%d readings from the first to the last stored, %.1f s)\n", n / w, n, w }'
echo "delay reading -> stored: p50 $(quantile "$delay_before" "$delay_after" 0.5) s, p99 $(quantile "$delay_before" "$delay_after" 0.99) s, max $(quantile "$delay_before" "$delay_after" 1) s (histogram bucket bounds)"
if [ -n "${ALERT_METRIC:-}" ]; then
  alert_after=$(buckets "$ALERT_METRIC")
  echo "delay reading -> alert: p99 $(quantile "$alert_before" "$alert_after" 0.99) s"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
