#!/usr/bin/env bash
# Measures `carbonctl import` (records/s committed) and `carbonctl verify --bundle` (offline, 10,000 records) on the
# running local network, through the launcher, as a user runs them. Creates fresh products, batches and devices;
# needs python3 (to write the CSV) and a built cli/target/carbonctl.jar. See docs/benchmarks.md, "carbonctl".
#   usage: cli/bench/import-and-verify.sh [RECORDS=10000] [BATCH_SIZE=500] [IN_FLIGHT=4] [VERIFY_ROUNDS=3]
#   IDS=time-ordered writes UUID version 7 record ids (as docs/record-files.md recommends) instead of version 4.
set -euo pipefail
records=${1:-10000}; batch_size=${2:-500}; in_flight=${3:-4}; rounds=${4:-3}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
carbonctl="$here/../bin/carbonctl"
# The script works in a temporary directory: a relative network directory is resolved against the caller's first.
if [ -n "${CARBONLEDGER_NETWORK_DIR:-}" ]; then export CARBONLEDGER_NETWORK_DIR="$(cd "$CARBONLEDGER_NETWORK_DIR" && pwd)"; fi
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$work"
suffix=$(od -An -N4 -tx4 /dev/urandom | tr -d ' ' | tr a-f A-F)
gtin=$(python3 -c "
import random
d='97'+''.join(str(random.randint(0,9)) for _ in range(10))
s=sum(int(c)*(3 if i%2==0 else 1) for i,c in enumerate(reversed(d)))
print(d+str((10-s%10)%10))")
lot="BENCH-$suffix"; device="bench-$suffix"; factor="bench-grid-${suffix,,}"
q() { "$carbonctl" "$@" -o json >/dev/null; }
printf 'factorId,unit,kgCo2ePerUnit\n%s,kWh,0.4215\n' "$factor" > factors.csv
q factor publish -c certco factors.csv --dataset "bench-$suffix" --dataset-version 1 --citation bench --licence CC0-1.0
q product create -c steelco "$gtin" --name "Bench coil" --unit t
q batch create -c steelco "$gtin" "$lot" --quantity 1000 --unit t
"$carbonctl" keys generate --private key.pem --public pub.pem >/dev/null
q device register -c steelco "$device" --public-key pub.pem --valid-from 2026-01-01T00:00:00Z
python3 - "$gtin" "$lot" "$device" "$factor" "$records" "${IDS:-random}" > records.csv <<'PY'
import os, sys, time, uuid
gtin, lot, device, factor, n, ids = sys.argv[1:7]
start_ms = time.time_ns() // 1_000_000

def uuid7(i):
    # RFC 9562 version 7: 48-bit Unix milliseconds, then random bits; i orders the ids of one millisecond.
    ms = start_ms + i // 4096
    rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms << 80) | (0x7 << 76) | ((i % 4096) << 64) | (0b10 << 62) | rand
    return uuid.UUID(int=value)

print("recordId,gtin,lot,deviceId,periodStart,periodEnd,scope,stage,factorId,amount,unit,gas.CO2,gas.CH4_FOSSIL")
for i in range(int(n)):
    record_id = uuid7(i) if ids == "time-ordered" else uuid.uuid4()
    common = f"{record_id},{gtin},{lot},{device},2026-10-01T00:00:00Z,2026-10-31T23:59:59Z"
    if i % 5 == 4:
        print(f"{common},1,PRODUCTION,,,,{100000 + i}.5,0.5")
    else:
        print(f"{common},2,PRODUCTION,{factor},{100000 + i}.5,kWh,,")
PY
echo "load average before import: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "import: wall %e s, carbonctl CPU user %U s sys %S s" \
  "$carbonctl" import -c steelco --key key.pem --batch-size "$batch_size" --in-flight "$in_flight" records.csv
echo "load average after import:  $(cut -d' ' -f1-3 /proc/loadavg)"
q batch seal -c steelco "$gtin" "$lot"
q attestation create -c certco "$gtin" "$lot" --verdict VERIFIED --standard "ISO 14067" --assurance LIMITED \
  --valid-from 2026-01-01T00:00:00Z --valid-until 2031-01-01T00:00:00Z
/usr/bin/time -f "export (collect from the ledger): wall %e s" \
  "$carbonctl" export -c certco "$gtin" "$lot" --format bundle --out bundle.json
ls -l bundle.json | awk '{print "bundle: " $5 " bytes"}'
for i in $(seq 1 "$rounds"); do
  /usr/bin/time -f "verify --bundle round $i: wall %e s, CPU user %U s sys %S s" \
    "$carbonctl" verify --bundle bundle.json >/dev/null
done
for i in $(seq 1 "$rounds"); do
  CARBONCTL_JAVA_OPTS="-Xms256m" /usr/bin/time -f "verify --bundle (C2 on: CARBONCTL_JAVA_OPTS=-Xms256m) round $i: wall %e s, CPU user %U s sys %S s" \
    "$carbonctl" verify --bundle bundle.json >/dev/null
done
