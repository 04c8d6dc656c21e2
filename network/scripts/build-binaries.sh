#!/usr/bin/env bash
# Builds the Fabric binaries pinned in network/fabric/go.mod from the Go module proxy into a per-machine cache.
# Only the first run on a machine pays (about a minute with modules cached, a few minutes cold); later runs find
# the cache and return at once. Prints the bin directory.
set -euo pipefail
source "$(dirname "$0")/env.sh"

BIN_DIR=$(fabric_bin_dir)
TOOLS=(peer orderer configtxgen osnadmin cryptogen configtxlator)

have_all() {
  local t
  for t in "${TOOLS[@]}"; do [ -x "$BIN_DIR/$t" ] || return 1; done
  [ -f "$BIN_DIR/../config/core.yaml" ] && [ -f "$BIN_DIR/../config/orderer.yaml" ]
}
if have_all; then echo "$BIN_DIR"; exit 0; fi

# The pinned Fabric needs Go >= 1.24 (go.mod `tool` directives). Use the machine's Go if new enough, else a
# Debian backports toolchain unpacked privately (no system-wide install, so nothing else on the machine changes).
go_ok() { command -v "$1" >/dev/null 2>&1 && "$1" version | awk '{split($3,v,"."); sub("go","",v[1]); exit !((v[1]>1)||(v[1]==1&&v[2]>=24))}'; }
GO=go
if ! go_ok go; then
  GO="$CACHE_DIR/go/usr/lib/go-1.26/bin/go"
  if ! go_ok "$GO"; then
    log "installing Go 1.26 from Debian trixie-backports into $CACHE_DIR/go"
    "$NETWORK_DIR/scripts/install-go.sh" "$CACHE_DIR/go"
  fi
fi

FABRIC_VERSION=$(awk '$1=="github.com/hyperledger/fabric" {print $2; exit} $1=="require" && $2=="github.com/hyperledger/fabric" {print $3; exit}' "$NETWORK_DIR/fabric/go.mod")
COMMIT=${FABRIC_VERSION##*-}
log "building Fabric $FABRIC_VERSION (commit $COMMIT) with $("$GO" version | awk '{print $3}') into $BIN_DIR"
FINAL_DIR=$(dirname "$BIN_DIR")
TMP_DIR="$FINAL_DIR.tmp.$$"
TMP_BIN="$TMP_DIR/bin"
mkdir -p "$TMP_BIN"
trap 'rm -rf "$TMP_DIR"' EXIT
start=$(date +%s)
SRC_DIR=$(cd "$NETWORK_DIR/fabric" && GOTOOLCHAIN=local GOFLAGS=-mod=readonly "$GO" mod download -json github.com/hyperledger/fabric \
  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$SRC_DIR" ] || die "the Go module proxy did not give Fabric $FABRIC_VERSION"
# The pinned Fabric is the only one the module proxy serves here, so fixes it lacks are applied as our own patches
# (network/fabric/patches, each saying what it fixes) to a copy of its source, which the build then uses instead.
PATCHED="$TMP_DIR/src/fabric"
mkdir -p "$PATCHED"
cp -R "$SRC_DIR/." "$PATCHED/"
chmod -R u+w "$PATCHED"
for p in "$NETWORK_DIR"/fabric/patches/*.patch; do
  [ -f "$p" ] || continue
  log "applying $(basename "$p")"
  patch -s -p1 -d "$PATCHED" < "$p"
done
cp "$NETWORK_DIR/fabric/go.mod" "$NETWORK_DIR/fabric/go.sum" "$TMP_DIR/"
echo "replace github.com/hyperledger/fabric => $PATCHED" >> "$TMP_DIR/go.mod"
(
  cd "$NETWORK_DIR/fabric"
  export GOTOOLCHAIN=local GOFLAGS=-mod=readonly CGO_ENABLED=0
  pkgs=()
  for t in "${TOOLS[@]}"; do pkgs+=("github.com/hyperledger/fabric/cmd/$t"); done
  "$GO" build -trimpath -modfile "$TMP_DIR/go.mod" \
    -ldflags "-X github.com/hyperledger/fabric/common/metadata.Version=3.0.0-dev+$COMMIT -X github.com/hyperledger/fabric/common/metadata.CommitSHA=$COMMIT" \
    -o "$TMP_BIN/" "${pkgs[@]}"
)
rm -rf "$TMP_DIR/src" "$TMP_DIR/go.mod" "$TMP_DIR/go.sum"
# The peer and orderer read core.yaml / orderer.yaml; start from the pinned release's sample configuration
# (every setting the scripts care about is then overridden by environment variables).
mkdir -p "$TMP_DIR/config"
cp "$SRC_DIR/sampleconfig/core.yaml" "$SRC_DIR/sampleconfig/orderer.yaml" "$TMP_DIR/config/"
chmod u+w "$TMP_DIR/config/"*
rm -rf "$FINAL_DIR"
mv "$TMP_DIR" "$FINAL_DIR"
trap - EXIT
log "built Fabric binaries in $(( $(date +%s) - start ))s"
echo "$BIN_DIR"
