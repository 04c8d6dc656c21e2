package org.carbonledger.client.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonBoolean;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.CertifierRole;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredOrganization;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredTransfer;
import org.carbonledger.core.verify.BundledBatch;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.core.verify.TransactionClaim;

/**
 * A peer whose ledger holds exactly the states of a complete proof bundle, answering the queries the collector and
 * the online verifier make as the chaincode answers them, for the organization {@code caller}. Records are private
 * as on the real ledger: {@code ListRecords} answers only the batch owner and the certifiers the owner designated,
 * and refuses anyone else with NOT_DESIGNATED on field {@code batch}.
 */
final class BundleLedger implements PeerReader.Peer {
    private final ProofBundle ledger;
    private final String caller;
    private final Set<String> designations = new TreeSet<>();
    private final Set<BatchId> unreachable = new TreeSet<>();
    private final List<BatchId> refused = new ArrayList<>();

    BundleLedger(ProofBundle ledger, String caller) {
        this.ledger = ledger;
        this.caller = caller;
    }

    /** Governance:DesignateCertifier by {@code producer}. */
    BundleLedger designate(String producer, String certifier) {
        designations.add(producer + "/" + certifier);
        return this;
    }

    /** ListRecords of the batch fails the way an unreachable peer does: no refusal. */
    BundleLedger unreachableFor(BatchId batch) {
        unreachable.add(batch);
        return this;
    }

    /** @return the batches whose ListRecords was refused NOT_DESIGNATED, in call order */
    synchronized List<BatchId> refused() {
        return List.copyOf(refused);
    }

    @Override
    public synchronized JsonValue query(String contract, String transaction, String... args) {
        return switch (contract + ":" + transaction) {
            case "Batches:GetBatch" -> batch(args).batch().json();
            case "Records:ListRecords" -> listRecords(batch(args), args[2], args[3]);
            case "Transfers:ListTransfersFrom" -> page(ledger.transfers().values().stream()
                    .filter(t -> t.from().equals(BatchId.of(args[0], args[1]))).map(StoredTransfer::json).toList(),
                    "transferId", args[2], args[3]);
            case "Transfers:GetTransfer" -> found(ledger.transfers().values().stream()
                    .filter(t -> t.transferId().value().equals(args[0])).map(StoredTransfer::json), "transferId",
                    args[0]);
            case "Attestations:ListAttestations" -> listAttestations(batch(args));
            case "Devices:GetDevice" -> ledger.devices().values().stream()
                    .filter(d -> d.ownerMspId().equals(args[0]) && d.deviceId().value().equals(args[1]))
                    .map(d -> (JsonValue) d.json()).findFirst()
                    .orElseThrow(() -> refusal(LedgerRuleException.of(ErrorCode.UNKNOWN_DEVICE, "deviceId", args[1],
                            "no such device")));
            case "Factors:GetFactor" -> found(ledger.factors().values().stream()
                    .filter(f -> f.factorId().equals(args[0])).map(f -> f.json()), "factorId", args[0]);
            case "Governance:ListOrganizations" -> organizations();
            case "Governance:GetRole" -> found(ledger.certifiers().values().stream()
                    .filter(c -> c.mspId().equals(args[0]) && args[1].equals(CertifierRole.CERTIFIER))
                    .map(CertifierRole::json), "mspId", args[0]);
            default -> throw new UnsupportedOperationException(contract + ":" + transaction);
        };
    }

    private BundledBatch batch(String[] args) {
        BatchId id = BatchId.of(args[0], args[1]);
        return ledger.batch(id).orElseThrow(() -> refusal(LedgerRuleException.of(ErrorCode.NOT_FOUND, "lot",
                args[1], "no batch " + id)));
    }

    private JsonObject listRecords(BundledBatch b, String pageSize, String bookmark) {
        BatchId id = b.batch().id();
        if (unreachable.contains(id)) {
            throw new LedgerReadException("Records:ListRecords failed on " + description() + ": UNAVAILABLE", null,
                    null);
        }
        String owner = b.batch().ownerMspId();
        if (!owner.equals(caller) && !designations.contains(owner + "/" + caller)) {
            refused.add(id);
            throw refusal(LedgerRuleException.ofField(ErrorCode.NOT_DESIGNATED, "batch", "the records of batch "
                    + id + " are private to " + owner + " and the certifiers it designated"));
        }
        return page(b.records().stream().map(StoredRecord::json).toList(), "recordId", pageSize, bookmark);
    }

    /** Items in key order after the bookmark (the last key of the previous page), as the chaincode pages. */
    private static JsonObject page(List<JsonObject> states, String key, String pageSize, String bookmark) {
        Function<JsonObject, String> id = s -> ((JsonString) s.get(key).orElseThrow()).value();
        TreeMap<String, JsonObject> sorted = new TreeMap<>();
        states.forEach(s -> sorted.put(id.apply(s), s));
        List<JsonValue> items = new ArrayList<>();
        String last = "";
        for (JsonObject s : (bookmark.isEmpty() ? sorted : sorted.tailMap(bookmark, false)).values()) {
            if (items.size() == Integer.parseInt(pageSize)) {
                break;
            }
            items.add(s);
            last = id.apply(s);
        }
        boolean more = !last.isEmpty() && !last.equals(sorted.lastKey());
        return JsonObject.builder().put("items", JsonArray.of(items)).put("bookmark", more ? last : "").build();
    }

    /** ListAttestations decorates each attestation with whether it counts and why not. */
    private static JsonObject listAttestations(BundledBatch b) {
        List<JsonValue> items = new ArrayList<>();
        for (StoredAttestation a : b.attestations()) {
            items.add(a.json().with("counts", JsonBoolean.TRUE).with("why", JsonString.of("")));
        }
        return JsonObject.builder().put("items", JsonArray.of(items)).build();
    }

    private JsonObject organizations() {
        TreeSet<String> members = new TreeSet<>(ledger.certifiers().keySet());
        ledger.batches().values().forEach(b -> members.add(b.batch().ownerMspId()));
        List<JsonValue> items = new ArrayList<>();
        Instant bootstrap = Instant.parse("2026-01-01T00:00:00Z");
        for (String msp : members) {
            List<JsonValue> roles = ledger.certifiers().containsKey(msp)
                    ? List.of(JsonString.of(CertifierRole.CERTIFIER)) : List.of();
            items.add(new StoredOrganization(msp, msp, false, "", bootstrap, bootstrap).toJson()
                    .with("roles", JsonArray.of(roles)));
        }
        return JsonObject.builder().put("items", JsonArray.of(items)).build();
    }

    private static JsonObject found(java.util.stream.Stream<JsonObject> matches, String field, String value) {
        return matches.findFirst().orElseThrow(() -> refusal(LedgerRuleException.of(ErrorCode.NOT_FOUND, field,
                value, "not found")));
    }

    private static LedgerReadException refusal(LedgerRuleException e) {
        LedgerRefusal refusal = new LedgerRefusal(Refusal.of(e));
        return new LedgerReadException(refusal.code() + ": " + refusal.message(), refusal, null);
    }

    @Override
    public Optional<TransactionClaim> transaction(String txId) {
        return Optional.ofNullable(ledger.transactions().get(txId));
    }

    @Override
    public String description() {
        return "peer0." + caller + " (in memory)";
    }

    @Override
    public String channel() {
        return "carbon";
    }

    @Override
    public String chaincode() {
        return "carbonledger";
    }

    @Override
    public String mspId() {
        return caller;
    }
}
