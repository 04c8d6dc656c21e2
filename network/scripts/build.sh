#!/usr/bin/env bash
# What `make up` runs before anything starts: packages the chaincode, the service, the demo seeder and carbonctl,
# unless nothing they are built from changed since the last package. Recovering from a crash runs `make up`, and a
# Maven build of an unchanged tree costs minutes on a busy two-core machine while the network waits; the jars it
# would make are byte-identical anyway (check-reproducible.sh), so the stamp only saves time, never changes bytes.
# The stamp is the digest of every tracked or new (not ignored) file of the modules and of the build's own files,
# with their paths; it is written only after a successful package.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$REPO_DIR"
STAMP="$REPO_DIR/target/up-build.stamp"
JARS=(chaincode/target/carbonledger-chaincode.jar service/target/carbonledger-service.jar demo/target/carbonledger-demo.jar cli/target/carbonctl.jar)
SOURCES=(pom.xml mvnw .mvn core chaincode client api-client service demo cli)

tree_digest() {
  # A tracked file deleted in the work tree is left out (sha256sum complains), which still changes the digest.
  { git ls-files -z -co --exclude-standard -- "${SOURCES[@]}" | sort -z | xargs -0 sha256sum 2>/dev/null || true; } \
    | sha256sum | cut -c1-64
}

if [ "${1:-}" != --force ] && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  digest=$(tree_digest)
  up_to_date=true
  for jar in "${JARS[@]}"; do [ -f "$jar" ] || up_to_date=false; done
  if $up_to_date && [ "$(cat "$STAMP" 2>/dev/null)" = "$digest" ]; then
    log "build: nothing changed since the last package (${digest:0:12}), jars kept"
    exit 0
  fi
fi
./mvnw -B -q -Dmaven.test.skip=true -pl chaincode,service,demo,cli -am package
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mkdir -p "$(dirname "$STAMP")"
  tree_digest > "$STAMP"
fi
