package org.carbonledger.core.verify;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.carbonledger.core.accounting.Allocation;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.accounting.FactorLookup;
import org.carbonledger.core.accounting.Gwp100Set;
import org.carbonledger.core.accounting.InboundTransfer;
import org.carbonledger.core.accounting.MassBalance;
import org.carbonledger.core.accounting.RecordCalculator;
import org.carbonledger.core.accounting.RecordContribution;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.DeviceRef;
import org.carbonledger.core.ledger.StoredFactor;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredTransfer;
import org.carbonledger.core.merkle.Seal;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;

/**
 * A ledger in memory that writes the same state JSON as the chaincode (member for member: see
 * chaincode/src/main/java/org/carbonledger/chaincode/{batch,record,transfer,attestation,device,factor,governance}),
 * computed with core's rules, one transaction per call in its own block. It trusts its callers (no refusals): it is
 * a fixture generator, not a second chaincode. {@link #collect} reads it back the way the online collector will,
 * through {@link ProofBundle.Builder}'s {@code missing…} lists, as the collecting organization may see it: a batch's
 * records only when it owns the batch or the owner designated it (otherwise the chaincode refuses NOT_DESIGNATED and
 * the collector bundles the batch without records).
 */
final class SimulatedLedger {

    private final String txPrefix;
    private final TreeMap<BatchId, JsonObject> batches = new TreeMap<>();
    private final TreeMap<BatchId, TreeMap<LedgerId, JsonObject>> records = new TreeMap<>();
    private final TreeMap<BatchId, TreeMap<LedgerId, JsonObject>> attestations = new TreeMap<>();
    private final TreeMap<LedgerId, JsonObject> transfers = new TreeMap<>();
    private final TreeMap<DeviceRef, JsonObject> devices = new TreeMap<>();
    private final TreeMap<String, JsonObject> factors = new TreeMap<>();
    private final TreeMap<String, JsonObject> roles = new TreeMap<>();
    /** DESIGNATION/&lt;producer&gt;/&lt;certifier&gt; keys. */
    private final TreeSet<String> designations = new TreeSet<>();
    private final LinkedHashMap<String, Long> transactions = new LinkedHashMap<>();
    private Instant clock;
    private long block;
    private String txId;

    /**
     * @param txPrefix makes transaction ids distinct between simulated ledgers
     * @param firstBlock the block of the first transaction (the channel's config and bootstrap blocks come first)
     * @param start the first transaction time
     */
    SimulatedLedger(String txPrefix, long firstBlock, Instant start) {
        this.txPrefix = txPrefix;
        this.block = firstBlock - 1;
        this.clock = start;
    }

    /** Moves the clock; the next transaction happens at {@code time}. */
    SimulatedLedger at(String time) {
        clock = Instant.parse(time);
        return this;
    }

    private Instant begin() {
        block++;
        txId = Sha256.of(txPrefix + "/" + block).toHex();
        transactions.put(txId, block);
        Instant now = clock;
        clock = clock.plus(Duration.ofMinutes(1));
        return now;
    }

    String lastTxId() {
        return txId;
    }

    void grantCertifier(String msp, String proposalId) {
        Instant now = begin();
        roles.put(msp, JsonObject.builder().put("mspId", msp).put("role", "CERTIFIER")
                .put("grantedAt", now.toString()).put("proposalId", proposalId).put("txId", txId).build());
    }

    /** Governance:DesignateCertifier submitted by {@code producer}: the certifier may read its records. */
    void designate(String producer, String certifier) {
        begin();
        designations.add(producer + "/" + certifier);
    }

    /** Governance:RevokeCertifier submitted by {@code producer}. */
    void revoke(String producer, String certifier) {
        begin();
        designations.remove(producer + "/" + certifier);
    }

    /** Whether Records:ListRecords answers {@code mspId} for the batch, as the chaincode decides. */
    boolean mayReadRecords(String mspId, BatchId batch) {
        String owner = string(batches.get(batch), "ownerMspId");
        return owner.equals(mspId) || designations.contains(owner + "/" + mspId);
    }

    void publishFactors(String publisher, List<EmissionFactor> list, String description) {
        Instant now = begin();
        for (EmissionFactor f : list) {
            factors.put(f.factorId(), f.toJson().toBuilder().put("description", description)
                    .put("publisherMspId", publisher).put("publishedAt", now.toString()).put("txId", txId).build());
        }
    }

    void registerDevice(String owner, String deviceId, DevicePublicKey key, String validFrom) {
        Instant now = begin();
        devices.put(new DeviceRef(owner, new DeviceId(deviceId)), JsonObject.builder()
                .put("ownerMspId", owner).put("deviceId", deviceId).put("publicKeyPem", key.toPem())
                .put("keyFingerprint", key.fingerprint().toHex()).put("description", "")
                .put("validFrom", Instant.parse(validFrom).toString()).put("registeredAt", now.toString())
                .put("txId", txId).build());
    }

    void createBatch(String owner, String gtin, String lot, String productName, Unit declared, Quantity quantity) {
        Instant now = begin();
        BatchId id = BatchId.of(gtin, lot);
        batches.put(id, JsonObject.builder()
                .put("gtin", id.gtin().value()).put("lot", id.lot().value()).put("ownerMspId", owner)
                .put("productName", productName).put("declaredUnit", declared.symbol())
                .put("quantity", quantity.toJson())
                .put("shipped", new Quantity(BigDecimal.ZERO, quantity.unit().dimension().baseUnit()).toJson())
                .put("status", "OPEN").put("inbound", JsonArray.of()).put("createdAt", now.toString())
                .put("txId", txId).build());
    }

    /** Records:SubmitRecords with an array: one transaction for all of them. */
    void submitRecords(String owner, List<EmissionRecord> signed) {
        Instant now = begin();
        FactorLookup lookup = factorLookup();
        for (EmissionRecord r : signed) {
            Co2e co2e = RecordCalculator.co2e(r, lookup, Gwp100Set.IPCC_AR6);
            records.computeIfAbsent(r.batch(), k -> new TreeMap<>())
                    .put(r.recordId(), StoredRecord.stateOf(r, owner, co2e, org.carbonledger.core.ledger.PrivateData.recordSalt(new byte[32], r.recordId()), txId, now));
        }
    }

    FactorLookup factorLookup() {
        Map<String, EmissionFactor> byId = new TreeMap<>();
        factors.forEach((id, state) -> byId.put(id, StoredFactor.fromJson(state, "factor").factor()));
        return FactorLookup.of(byId);
    }

    void seal(BatchId id) {
        Instant now = begin();
        JsonObject batch = batches.get(id);
        List<RecordContribution> contributions = new ArrayList<>();
        for (JsonObject r : records.getOrDefault(id, new TreeMap<>()).values()) {
            contributions.add(StoredRecord.fromJson(r, "record").contribution());
        }
        List<InboundTransfer> inbound = new ArrayList<>();
        for (JsonValue t : ((JsonArray) batch.get("inbound").orElseThrow()).elements()) {
            inbound.add(StoredTransfer.fromJson(transfers.get(new LedgerId(((JsonString) t).value())), "t").inbound());
        }
        Seal seal = Seal.compute(id, quantity(batch, "quantity"), Gwp100Set.IPCC_AR6, contributions, inbound);
        batches.put(id, replace(batch, "status", JsonString.of("SEALED")).toBuilder()
                .put("seal", seal.toJson()).put("sealHash", seal.hash().toHex()).put("sealedAt", now.toString())
                .put("sealTxId", txId).build());
    }

    void ship(String transferId, BatchId from, String toMsp, Quantity quantity) {
        Instant now = begin();
        JsonObject batch = batches.get(from);
        Quantity batchQuantity = quantity(batch, "quantity");
        Quantity before = quantity(batch, "shipped");
        JsonObject seal = (JsonObject) batch.get("seal").orElseThrow();
        Co2e footprint = Co2e.fromJson((JsonObject) seal.get("footprint").orElseThrow(), "footprint");
        Co2e allocated = Allocation.allocate(footprint, batchQuantity, before, quantity);
        Quantity after = MassBalance.requireWithin(batchQuantity, before, quantity, "quantity");
        batches.put(from, replace(batch, "shipped", after.toJson()));
        transfers.put(new LedgerId(transferId), JsonObject.builder()
                .put("transferId", transferId)
                .put("from", JsonObject.builder().put("gtin", from.gtin().value()).put("lot", from.lot().value())
                        .build())
                .put("senderMspId", string(batch, "ownerMspId")).put("receiverMspId", toMsp)
                .put("quantity", quantity.toJson()).put("sourceQuantity", batchQuantity.toJson())
                .put("sourceShippedBefore", before.toJson()).put("sourceSealHash", string(batch, "sealHash"))
                .put("allocated", allocated.toJson()).put("status", "SHIPPED").put("shippedAt", now.toString())
                .put("shipTxId", txId).build());
    }

    void receive(String transferId, BatchId into) {
        Instant now = begin();
        LedgerId id = new LedgerId(transferId);
        JsonObject batch = batches.get(into);
        TreeSet<String> inbound = new TreeSet<>();
        ((JsonArray) batch.get("inbound").orElseThrow()).elements().forEach(v -> inbound.add(((JsonString) v).value()));
        inbound.add(transferId);
        List<JsonValue> ids = new ArrayList<>();
        inbound.forEach(s -> ids.add(JsonString.of(s)));
        batches.put(into, replace(batch, "inbound", JsonArray.of(ids)));
        transfers.put(id, replace(transfers.get(id), "status", JsonString.of("RECEIVED")).toBuilder()
                .put("to", JsonObject.builder().put("gtin", into.gtin().value()).put("lot", into.lot().value())
                        .build())
                .put("receivedAt", now.toString()).put("receiveTxId", txId).build());
    }

    void attest(String attestationId, String certifier, BatchId batch, String verdict, String standard,
                String assurance, String validFrom, String validUntil, String comment) {
        Instant now = begin();
        attestations.computeIfAbsent(batch, k -> new TreeMap<>()).put(new LedgerId(attestationId),
                JsonObject.builder()
                        .put("attestationId", attestationId).put("gtin", batch.gtin().value())
                        .put("lot", batch.lot().value()).put("certifierMspId", certifier).put("verdict", verdict)
                        .put("standard", standard).put("assuranceLevel", assurance)
                        .put("validFrom", Instant.parse(validFrom).toString())
                        .put("validUntil", Instant.parse(validUntil).toString())
                        .put("sealHash", string(batches.get(batch), "sealHash")).put("comment", comment)
                        .put("attestedAt", now.toString()).put("txId", txId).build());
    }

    /**
     * Reads the bundle of {@code root} the way the online collector does: batch by batch from the builder's
     * {@code missing…} lists, then devices, factors, certifiers and transactions.
     */
    ProofBundle collect(BatchId root, CollectionInfo info) {
        ProofBundle.Builder b = ProofBundle.builder(root);
        while (!b.missingBatches().isEmpty() || !b.missingTransfers().isEmpty()) {
            for (BatchId id : b.missingBatches()) {
                b.addBatch(batches.get(id));
                if (mayReadRecords(info.mspId(), id)) {
                    records.getOrDefault(id, new TreeMap<>()).values().forEach(b::addRecord);
                } else {
                    b.recordsNotDisclosed(id);
                }
                attestations.getOrDefault(id, new TreeMap<>()).values().forEach(b::addAttestation);
                for (JsonObject t : transfers.values()) {
                    if (StoredTransfer.fromJson(t, "t").from().equals(id)) {
                        b.addTransfer(t);
                    }
                }
            }
            for (LedgerId t : b.missingTransfers()) {
                b.addTransfer(transfers.get(t));
            }
        }
        b.missingDevices().forEach(d -> b.addDevice(devices.get(d)));
        b.missingFactors().forEach(f -> b.addFactor(factors.get(f)));
        roles.values().forEach(b::addCertifier);
        b.missingTransactions().forEach(tx -> b.addTransaction(tx, transactions.get(tx), "VALID"));
        return b.build(info);
    }

    private static Quantity quantity(JsonObject state, String name) {
        return Quantity.fromJson((JsonObject) state.get(name).orElseThrow(), name);
    }

    private static String string(JsonObject state, String name) {
        return ((JsonString) state.get(name).orElseThrow()).value();
    }

    private static JsonObject replace(JsonObject state, String name, JsonValue value) {
        return state.without(name).with(name, value);
    }
}
