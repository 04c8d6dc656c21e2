#!/usr/bin/env bash
# Builds what `make up` runs twice, the second time without `clean` exactly as `make up` does, and fails if the
# chaincode, service or demo jar differs between the two: `make up` restarts a service when its jar's digest changes
# and upgrades the chaincode when the chaincode jar's digest changes, so an unchanged tree must give the same bytes.
# With --clean the first build starts from `clean`, so a fresh checkout is compared with a rebuilt one too.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$REPO_DIR"
JARS=(chaincode/target/carbonledger-chaincode.jar service/target/carbonledger-service.jar demo/target/carbonledger-demo.jar)
goals=(package)
[ "${1:-}" = --clean ] && goals=(clean package)

build() { ./mvnw -B -q -Dmaven.test.skip=true -pl chaincode,service,demo -am "$@"; }
sums() { sha256sum "${JARS[@]}"; }

log "first build (${goals[*]})"
build "${goals[@]}"
first=$(sums)
log "second build (package)"
build package
second=$(sums)
if [ "$first" != "$second" ]; then
  diff <(echo "$first") <(echo "$second") >&2 || true
  die "the jars differ between two builds of the same tree (compare the entries with unzip -Zl)"
fi
printf '%s\n' "$second"
log "reproducible: the same bytes from both builds"
