#!/usr/bin/env bash
# Deploys the chaincode jar as a service: packages it (ccaas), installs it on every peer, runs one chaincode JVM per
# peer, and approves + commits its definition. Idempotent: an unchanged jar changes nothing; a changed jar is an
# upgrade (sequence + 1) that keeps the ledger. Usage: deploy-chaincode.sh [path/to/chaincode.jar]
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$NETWORK_DIR/scripts/lib.sh"

JAR=${1:-${CARBON_CHAINCODE_JAR:-$REPO_DIR/chaincode/target/carbonledger-chaincode.jar}}
[ -f "$JAR" ] || die "chaincode jar $JAR not found: build it with './mvnw -pl chaincode -am package'"
JAVA=${CARBON_CHAINCODE_JAVA:-java}

CC_DIR="$RUN_DIR/chaincode"
mkdir -p "$CC_DIR"

# One private data collection per member organization (core's PrivateData.collectionOf): its members are that
# organization, its endorsement policy that organization's peer, and memberOnlyRead, so a peer hands the records it
# holds (to a chaincode, or with the blocks it delivers) only to its own organization's clients. A new member needs
# a new definition with its collection: run this script again after it joins the channel.
COLLECTIONS="$CC_DIR/collections.json"
{
  printf '['
  sep=""
  for org in "${ORGS[@]}"; do
    msp=${ORG_MSP[$org]}
    printf '%s{"name":"org_%s","policy":"OR('"'"'%s.member'"'"')","requiredPeerCount":0,"maxPeerCount":1,' "$sep" "$msp" "$msp"
    printf '"blockToLive":0,"memberOnlyRead":true,"memberOnlyWrite":false,'
    printf '"endorsementPolicy":{"signaturePolicy":"OR('"'"'%s.peer'"'"')"}}' "$msp"
    sep=","
  done
  printf ']\n'
} > "$COLLECTIONS.tmp"
mv "$COLLECTIONS.tmp" "$COLLECTIONS"

# The jar's and the collections' digests name the version, so the same build is never deployed twice and every
# change is an upgrade.
VERSION=$(cat "$JAR" "$COLLECTIONS" | sha256sum | cut -c1-12)
LABEL="${CC_NAME}_${VERSION}"
PKG="$CC_DIR/$LABEL.tar.gz"
cp -n "$JAR" "$CC_DIR/$LABEL.jar" 2>/dev/null || true

if [ ! -f "$PKG" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  printf '{"address":"{{CARBON_CC_ADDRESS}}","dial_timeout":"10s","tls_required":false}\n' > "$work/connection.json"
  printf '{"type":"ccaas","label":"%s"}\n' "$LABEL" > "$work/metadata.json"
  # Deterministic archives (sorted, fixed mtime and owner, gzip -n) keep the package id stable across rebuilds.
  tar_det() { tar --sort=name --mtime='@0' --owner=0 --group=0 --numeric-owner -C "$work" -cf - "$@" | gzip -n; }
  tar_det connection.json > "$work/code.tar.gz"
  tar_det metadata.json code.tar.gz > "$PKG.tmp"
  mv "$PKG.tmp" "$PKG"
fi
PACKAGE_ID=$(FABRIC_CFG_PATH="$CONFIG_DIR" "$BIN_DIR/peer" lifecycle chaincode calculatepackageid "$PKG")

for org in "${ORGS[@]}"; do
  if ! peer_cli "$org" lifecycle chaincode queryinstalled 2>/dev/null | grep -q "Package ID: $PACKAGE_ID,"; then
    log "installing $LABEL on the peer of ${ORG_NAME[$org]}"
    # queryinstalled can come back empty from a peer still starting up; "already installed" is then success.
    peer_cli "$org" lifecycle chaincode install "$PKG" >/dev/null 2>"$LOG_DIR/install-$org.log" \
      || grep -q 'chaincode already successfully installed' "$LOG_DIR/install-$org.log" \
      || { cat "$LOG_DIR/install-$org.log" >&2; exit 1; }
  fi
done

# One chaincode JVM per peer, each knowing the package id it serves.
for org in "${ORGS[@]}"; do
  name="chaincode-$org"
  if pid_alive "$PID_DIR/$name.pid" && [ "$(cat "$PID_DIR/$name.package" 2>/dev/null)" = "$PACKAGE_ID" ]; then continue; fi
  stop_process "$name"
  log "starting chaincode $LABEL for ${ORG_NAME[$org]} on 127.0.0.1:${CC_SERVER_PORT[$org]}"
  # A clean environment: an inherited CORE_PEER_TLS_ENABLED would make the shim expect TLS files.
  start_process "$name" env -i PATH="$PATH" HOME="$HOME" \
    CHAINCODE_SERVER_ADDRESS="127.0.0.1:${CC_SERVER_PORT[$org]}" CORE_CHAINCODE_ID_NAME="$PACKAGE_ID" \
    CORE_CHAINCODE_LOGGING_LEVEL=WARNING CORE_CHAINCODE_LOGGING_SHIM=WARNING CORE_PEER_LOCALMSPID="${ORG_MSP[$org]}" \
    "$JAVA" ${CARBON_CHAINCODE_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseParallelGC} -jar "$CC_DIR/$LABEL.jar"
  echo "$PACKAGE_ID" > "$PID_DIR/$name.package"
done

orderer_endpoint() {
  local o
  for o in "${ORDERERS[@]}"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/${ORDERER_PORT[$o]}") 2>/dev/null; then echo "127.0.0.1:${ORDERER_PORT[$o]}"; return; fi
  done
  die "no orderer is listening"
}
ORDERER=$(orderer_endpoint)

committed=$(peer_cli steelco lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" 2>/dev/null || true)
current_version=$(sed -n 's/.*Version: \([^,]*\), Sequence: \([0-9]*\).*/\1/p' <<<"$committed")
current_sequence=$(sed -n 's/.*Version: \([^,]*\), Sequence: \([0-9]*\).*/\2/p' <<<"$committed")
if [ "$current_version" = "$VERSION" ]; then
  SEQUENCE=$current_sequence
else
  SEQUENCE=$(( ${current_sequence:-0} + 1 ))
  approve_args=(--channelID "$CHANNEL" --name "$CC_NAME" --version "$VERSION" --sequence "$SEQUENCE"
                --package-id "$PACKAGE_ID" --channel-config-policy /Channel/Application/Endorsement
                --collections-config "$COLLECTIONS")
  readiness=$(peer_cli steelco lifecycle chaincode checkcommitreadiness --channelID "$CHANNEL" --name "$CC_NAME" \
    --version "$VERSION" --sequence "$SEQUENCE" --channel-config-policy /Channel/Application/Endorsement \
    --collections-config "$COLLECTIONS" 2>/dev/null || true)
  for org in "${ORGS[@]}"; do
    if grep -q "${ORG_MSP[$org]}: true" <<<"$readiness"; then continue; fi
    log "approving $CC_NAME version $VERSION sequence $SEQUENCE for ${ORG_NAME[$org]}"
    RETRY_SECONDS=60 retry peer_cli "$org" lifecycle chaincode approveformyorg "${approve_args[@]}" \
      -o "$ORDERER" --tls --cafile "$ORDERER_CA" --waitForEvent >/dev/null
  done
  peers=()
  for org in "${ORGS[@]}"; do
    peers+=(--peerAddresses "127.0.0.1:${PEER_PORT[$org]}" --tlsRootCertFiles "$(peer_dir "$org")/tls/ca.crt")
  done
  log "committing $CC_NAME version $VERSION sequence $SEQUENCE"
  RETRY_SECONDS=60 retry peer_cli steelco lifecycle chaincode commit --channelID "$CHANNEL" --name "$CC_NAME" \
    --version "$VERSION" --sequence "$SEQUENCE" --channel-config-policy /Channel/Application/Endorsement \
    --collections-config "$COLLECTIONS" -o "$ORDERER" --tls --cafile "$ORDERER_CA" "${peers[@]}" --waitForEvent >/dev/null
fi

# The JVMs take several seconds to listen; a chaincode is usable once every peer can evaluate on it.
for org in "${ORGS[@]}"; do
  wait_for_port "${CC_SERVER_PORT[$org]}" "chaincode for ${ORG_NAME[$org]}" 90
  RETRY_SECONDS=60 retry peer_cli "$org" chaincode query -C "$CHANNEL" -n "$CC_NAME" \
    -c '{"Args":["org.hyperledger.fabric:GetMetadata"]}' >/dev/null
done

# Governance starts from the channel's member organizations: record them once, as the first transaction.
if ! peer_cli steelco chaincode query -C "$CHANNEL" -n "$CC_NAME" -c '{"Args":["Governance:GetConsortium"]}' >/dev/null 2>&1; then
  members=""
  for org in "${ORGS[@]}"; do members+="${members:+,}\\\"${ORG_MSP[$org]}\\\""; done
  log "bootstrapping the consortium with ${ORGS[*]}"
  peers=()
  for org in "${ORGS[@]}"; do
    peers+=(--peerAddresses "127.0.0.1:${PEER_PORT[$org]}" --tlsRootCertFiles "$(peer_dir "$org")/tls/ca.crt")
  done
  RETRY_SECONDS=30 retry peer_cli steelco chaincode invoke -C "$CHANNEL" -n "$CC_NAME" -o "$ORDERER" --tls \
    --cafile "$ORDERER_CA" "${peers[@]}" --waitForEvent \
    -c "{\"Args\":[\"Governance:Bootstrap\",\"[$members]\"]}" >/dev/null
fi
log "chaincode $CC_NAME version $VERSION (sequence $SEQUENCE) ready on every peer"
