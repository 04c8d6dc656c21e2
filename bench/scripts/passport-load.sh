#!/usr/bin/env bash
# Load test of the consumer passport (anonymous GS1 Digital Link route) with Debian's wrk and wrk-paced.lua: the
# method of docs/benchmarks.md, "Consumer passport under a crowd".
#
#   bench/scripts/passport-load.sh BASE [PATH]
#
# BASE is the service on loopback (https://localhost:8443, or the http://localhost:PORT of the test harness);
# PATH defaults to the worked example's washing machine. For each representation (English page, Chinese page, JSON,
# and a phone revalidating its copy with If-None-Match) it runs a paced load (RATE, default 500 requests/s) and then
# wrk's maximum (CONNECTIONS, default 32), SECONDS_PER_RUN each (default 30), after a warm-up. GZIP=1 asks for
# compressed answers as phones do. Installs wrk when missing.
set -euo pipefail
if [ $# -lt 1 ]; then
  sed -n '2,12p' "$0" >&2
  exit 2
fi
base=${1%/} path=${2:-/01/09506000134390/10/WM-2611-001}
rate=${RATE:-500} connections=${CONNECTIONS:-32} seconds=${SECONDS_PER_RUN:-30}
case "$base" in
  https://localhost:*|https://127.0.0.1:*|http://localhost:*|http://127.0.0.1:*) ;;
  *) echo "passport-load.sh: $base is not on loopback" >&2; exit 2 ;;
esac
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "passport-load.sh: wrk is needed: sudo apt-get install wrk" >&2
    exit 1
  fi
fi
here=$(cd "$(dirname "$0")" && pwd)
threads=2
url="$base$path"

# One check first: a path that does not answer 200 would measure an error page. The ETag is the phone's copy.
status=$(curl -sk -o /dev/null -w '%{http_code}' -H 'Accept: text/html' "$url")
[ "$status" = 200 ] || { echo "passport-load.sh: GET $path answers $status, not 200" >&2; exit 1; }
gzip_header=()
[ "${GZIP:-0}" = 1 ] && gzip_header=(-H 'Accept-Encoding: gzip')
etag=$(curl -sk -D - -o /dev/null -H 'Accept: text/html' -H 'Accept-Language: en' "${gzip_header[@]}" "$url" \
  | sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p')
[ -n "$etag" ] || { echo "passport-load.sh: GET $path has no ETag" >&2; exit 1; }

run() { # name, then environment for wrk-paced.lua
  local name=$1
  shift
  echo "== $name, paced $rate req/s, $connections connections, ${seconds}s; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  env PUBLIC=1 RATE=$rate THREADS=$threads "$@" wrk -t$threads -c"$connections" -d"${seconds}s" --latency \
    -s "$here/wrk-paced.lua" "$url" | tail -n 1
  echo "== $name, maximum, $connections connections, ${seconds}s"
  env PUBLIC=1 THREADS=$threads "$@" wrk -t$threads -c"$connections" -d"${seconds}s" --latency \
    -s "$here/wrk-paced.lua" "$url" | tail -n 1
}

# Warm-up: JIT compilation and the first rendering of each representation, 10 s each.
for accept in "text/html en" "text/html zh" "application/json en"; do
  env PUBLIC=1 ACCEPT="${accept% *}" ACCEPT_LANGUAGE="${accept#* }" wrk -t$threads -c8 -d10s \
    -s "$here/wrk-paced.lua" "$url" >/dev/null
done
run "HTML, English" ACCEPT=text/html ACCEPT_LANGUAGE=en
run "HTML, Chinese" ACCEPT=text/html ACCEPT_LANGUAGE=zh-CN,zh\;q=0.9
run "JSON" ACCEPT=application/json
run "HTML revalidated (304)" ACCEPT=text/html ACCEPT_LANGUAGE=en IF_NONE_MATCH="$etag"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
