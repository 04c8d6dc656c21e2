#!/usr/bin/env bash
# Read queries per second and latency of the Carbon Ledger service's read API, with Debian's wrk and wrk-paced.lua.
#
#   bench/scripts/read-load.sh https://localhost:8443 service/run/steelco/demo-clients.env RATE CONNECTIONS SECONDS PATH...
#
# Example (a batch SteelCo owns, and the list of its batches; RATE 0 = no pacing, wrk's maximum):
#   bench/scripts/read-load.sh https://localhost:8443 service/run/steelco/demo-clients.env 500 32 60 \
#       /api/v1/batches/9612345678901/L1 '/api/v1/batches?owner=SteelCoMSP&pageSize=50'
#
# The token comes from the READER client of the clients file (never printed). Loopback only: the service's certificate
# is self-signed and wrk does not check certificates.
set -euo pipefail
if [ $# -lt 6 ]; then
  sed -n '2,11p' "$0" >&2
  exit 2
fi
base=$1 env_file=$2 rate=$3 connections=$4 seconds=$5
shift 5
case "$base" in
  https://localhost:*|https://127.0.0.1:*|https://\[::1\]:*) ;;
  *) echo "read-load.sh: $base is not https on loopback" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
client=$(sed -n 's/^READER_CLIENT=//p' "$env_file")
secret=$(sed -n 's/^READER_SECRET=//p' "$env_file")
[ -n "$client" ] && [ -n "$secret" ] || { echo "read-load.sh: no READER_CLIENT/READER_SECRET in $env_file" >&2; exit 2; }
token=$(curl -sS -k --fail -u "$client:$secret" -d grant_type=client_credentials "$base/oauth/token" \
  | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "read-load.sh: no token for $client" >&2; exit 1; }
threads=2
for path in "$@"; do
  # One check request first: a path that does not answer 200 would measure an error page.
  status=$(curl -sk -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base$path")
  if [ "$status" != 200 ]; then
    echo "read-load.sh: GET $path answers $status, not 200" >&2
    exit 1
  fi
  echo "== GET $path: rate ${rate:-max} req/s, $connections connections, ${seconds}s, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$rate" = 0 ]; then
    TOKEN=$token THREADS=$threads wrk -t$threads -c"$connections" -d"${seconds}s" --latency -s "$here/wrk-paced.lua" "$base$path"
  else
    TOKEN=$token RATE=$rate THREADS=$threads wrk -t$threads -c"$connections" -d"${seconds}s" --latency -s "$here/wrk-paced.lua" "$base$path"
  fi
  echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
