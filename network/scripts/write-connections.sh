#!/usr/bin/env bash
# Writes the connection files that the service and the CLI read: one JSON file per member organization naming the
# channel, the chaincode, every peer and orderer endpoint with its TLS CA certificate, and the organization's admin
# and client identities. Paths are relative to the file, so the folder can be copied elsewhere as a whole; for a
# production network an operator writes the same format by hand (see docs/operations.md).
set -euo pipefail
source "$(dirname "$0")/env.sh"

mkdir -p "$CONNECTION_DIR"
rel() { realpath --relative-to="$CONNECTION_DIR" "$1"; }
user_identity() {
  local org=$1 user=$2 msp
  msp="$(PEER_ORG_DIR "$org")/users/$user@$(org_domain "$org")/msp"
  printf '{"mspId":"%s","certificate":"%s","privateKey":"%s"}' "${ORG_MSP[$org]}" \
    "$(rel "$(ls "$msp"/signcerts/*.pem | head -n1)")" "$(rel "$(ls "$msp"/keystore/* | head -n1)")"
}

peers=""
for org in "${ORGS[@]}"; do
  [ -z "$peers" ] || peers+=","
  peers+=$(printf '\n    {"name":"%s","organization":"%s","mspId":"%s","endpoint":"127.0.0.1:%s","tlsCaCertificate":"%s"}' \
    "$(peer_host "$org")" "${ORG_NAME[$org]}" "${ORG_MSP[$org]}" "${PEER_PORT[$org]}" "$(rel "$(peer_dir "$org")/tls/ca.crt")")
done
orderers=""
for o in "${ORDERERS[@]}"; do
  [ -z "$orderers" ] || orderers+=","
  orderers+=$(printf '\n    {"name":"%s","mspId":"OrdererMSP","endpoint":"127.0.0.1:%s","tlsCaCertificate":"%s"}' \
    "$o.$ORDERER_DOMAIN" "${ORDERER_PORT[$o]}" "$(rel "$(orderer_dir "$o")/tls/ca.crt")")
done

for org in "${ORGS[@]}"; do
  cat > "$CONNECTION_DIR/$org.json.tmp" <<JSON
{
  "network": "carbonledger-local",
  "channel": "$CHANNEL",
  "chaincode": "$CC_NAME",
  "organization": {"name": "${ORG_NAME[$org]}", "mspId": "${ORG_MSP[$org]}"},
  "peers": [$peers
  ],
  "orderers": [$orderers
  ],
  "identities": {
    "admin": $(user_identity "$org" Admin),
    "client": $(user_identity "$org" User1)
  }
}
JSON
  mv "$CONNECTION_DIR/$org.json.tmp" "$CONNECTION_DIR/$org.json"
done

# The local nodes for operators and the network integration tests: process names, pid files, endpoints and the
# plain-HTTP operations endpoints (health, Prometheus metrics).
{
  echo '{"nodes": ['
  sep=""
  for o in "${ORDERERS[@]}"; do
    printf '%s  {"name":"%s","kind":"orderer","pidFile":"%s","endpoint":"127.0.0.1:%s","adminEndpoint":"127.0.0.1:%s","operationsEndpoint":"127.0.0.1:%s"}' \
      "$sep" "$o" "$PID_DIR/$o.pid" "${ORDERER_PORT[$o]}" "${ORDERER_ADMIN_PORT[$o]}" "${ORDERER_OPS_PORT[$o]}"
    sep=$',\n'
  done
  for org in "${ORGS[@]}"; do
    printf '%s  {"name":"peer-%s","kind":"peer","mspId":"%s","pidFile":"%s","endpoint":"127.0.0.1:%s","operationsEndpoint":"127.0.0.1:%s"}' \
      "$sep" "$org" "${ORG_MSP[$org]}" "$PID_DIR/peer-$org.pid" "${PEER_PORT[$org]}" "${PEER_OPS_PORT[$org]}"
  done
  printf '\n], "upScript":"%s"}\n' "$NETWORK_DIR/scripts/up.sh"
} > "$RUN_DIR/nodes.json.tmp"
mv "$RUN_DIR/nodes.json.tmp" "$RUN_DIR/nodes.json"
echo "$CONNECTION_DIR"
