#!/usr/bin/env bash
# Runs a command (usually RecordLoad) and prints what each peer of the local network spent meanwhile, from the
# peers' Prometheus histograms (operations endpoints on 127.0.0.1, listed in network/run/nodes.json): endorsements,
# chaincode shim requests (GET_STATE / PUT_STATE round trips), block validation (endorsement policies and
# signatures), ledger block processing (MVCC checks and commit), and within it the state and block store commits.
#
#   bench/scripts/peer-metrics.sh java -cp bench/target/benchmarks.jar org.carbonledger.bench.RecordLoad --records 20000
#
# Times are wall-clock averages per event as the peer measured them (on a busy 2-core machine they include waiting
# for a CPU). Reads only; loopback only.
set -euo pipefail
RUN_DIR=${CARBON_NETWORK_DIR:-network/run}
NODES="$RUN_DIR/nodes.json"
[ -f "$NODES" ] || { echo "no $NODES: start the network with 'make up' first" >&2; exit 2; }
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }

peers=$(grep -o '"name":"peer-[a-z]*"[^}]*"operationsEndpoint":"[0-9.:]*"' "$NODES" \
  | sed 's/"name":"\([^"]*\)".*"operationsEndpoint":"\([^"]*\)"/\1=\2/')
for p in $peers; do
  case "${p#*=}" in 127.*|localhost:*) ;; *) echo "refusing non-loopback endpoint ${p#*=}" >&2; exit 2 ;; esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scrape() { # $1 = before|after
  for p in $peers; do
    curl -sf --max-time 5 "http://${p#*=}/metrics" \
      | grep -E '^(endorser_proposal_duration|chaincode_shim_request_duration|ledger_block_processing_time|ledger_statedb_commit_time|ledger_blockstorage_commit_time|gossip_privdata_validation_duration|gossip_state_commit_duration)_(sum|count)' \
      | grep -E 'chaincode="carbonledger|channel="carbon"' \
      | sed -E 's/chaincode="carbonledger[^"]*"/chaincode="carbonledger"/' \
      | awk '{ v[$1] += $2 } END { for (k in v) printf "%s %.9f\n", k, v[k] }' > "$work/${p%%=*}.$1" || true
  done
}

scrape before
status=0
"$@" || status=$?
scrape after

printf '\n%-17s %9s %11s %8s %8s %8s %8s %7s %11s %10s %10s %11s\n' peer proposals "ms/proposal" GET_STATE "µs/get" PUT_STATE "µs/put" blocks "validate ms" "ledger ms" "statedb ms" "blockstore ms"
for p in $peers; do
  name=${p%%=*}
  awk -v name="$name" '
    FNR == NR { before[$1] = $2; next }
    { d[$1] = $2 - before[$1] }
    function metric(prefix, what,   k, s) { s = 0; for (k in d) if (index(k, prefix "_" what) == 1) s += d[k]; return s }
    function typed(prefix, type, what,   k, s) { s = 0; for (k in d) if (index(k, prefix "_" what) == 1 && index(k, "type=\"" type "\"") > 0 && index(k, "success=\"true\"") > 0) s += d[k]; return s }
    function avg(s, c, scale) { return c > 0 ? sprintf("%.1f", s / c * scale) : "-" }
    END {
      pc = 0; ps = 0
      for (k in d) if (index(k, "endorser_proposal_duration_count") == 1 && index(k, "chaincode=\"carbonledger\"") > 0) pc += d[k]
      for (k in d) if (index(k, "endorser_proposal_duration_sum") == 1 && index(k, "chaincode=\"carbonledger\"") > 0) ps += d[k]
      gc = typed("chaincode_shim_request_duration", "GET_STATE", "count"); gs = typed("chaincode_shim_request_duration", "GET_STATE", "sum")
      uc = typed("chaincode_shim_request_duration", "PUT_STATE", "count"); us = typed("chaincode_shim_request_duration", "PUT_STATE", "sum")
      bc = metric("ledger_block_processing_time", "count")
      printf "%-17s %9d %11s %8d %8s %8d %8s %7d %11s %10s %10s %11s\n", name, pc, avg(ps, pc, 1000), gc, avg(gs, gc, 1e6), uc, avg(us, uc, 1e6), bc,
        avg(metric("gossip_privdata_validation_duration", "sum"), metric("gossip_privdata_validation_duration", "count"), 1000),
        avg(metric("ledger_block_processing_time", "sum"), bc, 1000),
        avg(metric("ledger_statedb_commit_time", "sum"), bc, 1000),
        avg(metric("ledger_blockstorage_commit_time", "sum"), bc, 1000)
    }' "$work/$name.before" "$work/$name.after"
done
exit $status
