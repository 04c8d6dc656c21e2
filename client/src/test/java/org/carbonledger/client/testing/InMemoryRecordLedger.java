package org.carbonledger.client.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.client.ledger.Endorsement;
import org.carbonledger.client.ledger.LedgerCalls;
import org.carbonledger.client.ledger.LedgerException;
import org.carbonledger.client.ledger.Stage;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.PrivateData;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredDesignation;
import org.carbonledger.core.ledger.request.Designations;
import org.carbonledger.core.ledger.request.LedgerPage;
import org.carbonledger.core.ledger.request.RecordsAccepted;
import org.carbonledger.core.ledger.StoredDevice;
import org.carbonledger.core.ledger.StoredFactor;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;

/**
 * A ledger in memory for the record calls, with the rules of the chaincode's {@code Records} contract that bulk
 * submission depends on: a transaction is all or nothing; a record id is usable once, ever (also against ids other
 * kinds of object took); records go to open batches of their owner; a refusal inside a bulk transaction names the
 * record's index and id, as the chaincode's does. States are written with core's {@link StoredRecord#stateOf}, the
 * chaincode's own format. The CO2e is not computed from factors: each written record gets the next whole number of
 * kilograms, so a test can tell which write a replay answered with.
 *
 * <p>Beside the rules, a test can make a record's check fail ({@link #refuse}), and the next submission fail
 * without a refusal ({@link #failNext}), before or after it committed.
 */
public final class InMemoryRecordLedger implements LedgerCalls {
    /** The organization whose client submits. */
    public static final String OWNER = "SteelCoMSP";
    /** When the batches and devices were created. */
    private static final Instant CREATED = Instant.parse("2026-09-01T00:00:00Z");

    private final Map<String, JsonObject> records = new HashMap<>();
    private Optional<String> certifier = Optional.of("CertCoMSP");
    private final Map<String, String> otherIds = new HashMap<>();
    private final Map<BatchId, JsonObject> batches = new HashMap<>();
    private final Map<String, JsonObject> devices = new HashMap<>();
    private final Map<String, JsonObject> factors = new HashMap<>();
    private final Map<String, LedgerRuleException> refusals = new HashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<String> submitted = new ArrayList<>();
    private long block = 10;
    private long written;

    /** A failure of the next submission: at a stage, after the transaction committed or not. */
    private record Fault(Stage stage, boolean committed) {
    }

    /** An open batch of {@link #OWNER}. */
    public InMemoryRecordLedger openBatch(BatchId batch) {
        return batch(batch, OWNER, "OPEN");
    }

    /** A batch of 1,000 kg created in block 1, written as the chaincode writes it (no seal stored). */
    public InMemoryRecordLedger batch(BatchId batch, String owner, String status) {
        Unit kg = Unit.parse("kg", "unit");
        batches.put(batch, StoredBatch.of(batch, owner, "Steel coil", kg, new Quantity(BigDecimal.valueOf(1000), kg),
                new Quantity(BigDecimal.ZERO, kg.dimension().baseUnit()), status, List.of(), CREATED, txId(1),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()).toJson());
        return this;
    }

    /** A device of {@link #OWNER} with its registered key, registered in block 1 and valid from then on. */
    public InMemoryRecordLedger device(String deviceId, DevicePublicKey key) {
        devices.put(deviceId, StoredDevice.of(OWNER, DeviceId.parse(deviceId, "deviceId"), key.toPem(),
                key.fingerprint(), "", CREATED, CREATED, txId(1), Optional.empty(), Optional.empty()).toJson());
        return this;
    }

    /** A factor of 0.5 kg CO2e per {@code unit}, published in block 1, stored as the chaincode stores it. */
    public InMemoryRecordLedger factor(String factorId, String unit) {
        EmissionFactor factor = new EmissionFactor(factorId, "test", "1", Unit.parse(unit, "unit"),
                new BigDecimal("0.5"), "test data", "own");
        factors.put(factorId, StoredFactor.of(factor, "test factor", "CertCoMSP", CREATED, txId(1)).toJson());
        return this;
    }

    /** Another kind of object (a transfer, an attestation) took this id. */
    public InMemoryRecordLedger claimId(String id, String kind) {
        otherIds.put(id, kind);
        return this;
    }

    /** The record's check fails with this code at this field, as a chaincode rule would refuse it. */
    public InMemoryRecordLedger refuse(String recordId, ErrorCode code, String field, String reason) {
        refusals.put(recordId, LedgerRuleException.ofField(code, field, reason));
        return this;
    }

    /**
     * The next submission fails at the stage, without a refusal.
     *
     * @param committed whether the transaction committed before the failure (only a lost commit status can hide a
     *     commit)
     */
    public InMemoryRecordLedger failNext(Stage stage, boolean committed) {
        faults.add(new Fault(stage, committed));
        return this;
    }

    /** @return the ids of the records each {@code SubmitRecords} call carried, joined by commas, in call order */
    public List<String> submissions() {
        return List.copyOf(submitted);
    }

    /** @return the stored record, if the ledger holds it */
    public Optional<StoredRecord> stored(String recordId) {
        return Optional.ofNullable(records.get(recordId)).map(s -> StoredRecord.fromJson(s, "record"));
    }

    public int recordCount() {
        return records.size();
    }

    /** Writes a record as an earlier transaction would have. */
    public synchronized StoredRecord store(EmissionRecord record) {
        String txId = txId(++block);
        write(record, txId);
        return stored(record.recordId().value()).orElseThrow();
    }

    /** Records travel in the transient map, never as arguments: this ledger has no argument-carried transaction. */
    @Override
    public synchronized Committed submit(String contract, String transaction, String... args) {
        throw new UnsupportedOperationException(contract + ":" + transaction);
    }

    @Override
    public String mspId() {
        return OWNER;
    }

    /** The organizations whose peers endorse the owner's records: the owner and its designated certifier. */
    public List<String> endorsers() {
        return certifier.map(c -> List.of(OWNER, c)).orElse(List.of(OWNER));
    }

    /** The owner withdraws its designation: records are refused until it designates a certifier again. */
    public InMemoryRecordLedger withoutCertifier() {
        certifier = Optional.empty();
        return this;
    }

    /**
     * {@code SubmitRecords} as the chaincode runs it: the records and a 32-byte salt in the transient map, endorsed by
     * exactly the owner and its designated certifier.
     */
    @Override
    public synchronized Committed submit(LedgerOperation operation, Endorsement endorsement, String... args) {
        if (operation != LedgerOperation.SUBMIT_RECORDS) {
            throw new UnsupportedOperationException(operation.qualifiedName());
        }
        if (certifier.isEmpty()) {
            throw refused(Stage.ENDORSE, null, LedgerRuleException.of(ErrorCode.NOT_DESIGNATED, "certifiers", OWNER,
                    "designate a certifier first"));
        }
        if (!endorsement.organizations().equals(endorsers()) || args.length != 0) {
            throw new IllegalStateException("records must be endorsed by " + endorsers() + " with no arguments, were "
                    + endorsement + " " + List.of(args));
        }
        byte[] salt = endorsement.transientData().get(PrivateData.SALT);
        if (salt == null || salt.length != PrivateData.SALT_LENGTH) {
            throw new IllegalStateException("no 32-byte salt in the transient map");
        }
        JsonArray array = (JsonArray) Json.parse(endorsement.transientData().get(PrivateData.RECORDS), "records");
        List<String> ids = new ArrayList<>();
        array.elements().forEach(v -> ids.add(((JsonObject) v).get("recordId").map(id -> ((JsonString) id).value()).orElse("?")));
        submitted.add(String.join(",", ids));
        String txId = txId(++block);
        Fault fault = faults.poll();
        if (fault != null && !fault.committed()) {
            throw LedgerException.failed(fault.stage(), txId, "SubmitRecords failed at " + fault.stage());
        }
        List<EmissionRecord> accepted = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonObject input = (JsonObject) array.get(i);
            try {
                accepted.add(check(EmissionRecord.parse(input)));
            } catch (LedgerRuleException e) {
                throw refused(Stage.ENDORSE, txId, e.atItem("records", i, Optional.ofNullable(ids.get(i))));
            }
        }
        List<JsonValue> answer = new ArrayList<>();
        for (EmissionRecord record : accepted) {
            JsonObject state = write(record, txId);
            answer.add(JsonObject.builder().put("recordId", record.recordId().value())
                    .put("co2e", state.get("co2e").orElseThrow()).build());
        }
        if (fault != null) {
            throw LedgerException.failed(fault.stage(), txId, "SubmitRecords: commit status of " + txId + " lost");
        }
        return new Committed(txId, block, new RecordsAccepted(txId, answer.size()).toJson());
    }

    private EmissionRecord check(EmissionRecord record) {
        String id = record.recordId().value();
        if (records.containsKey(id) || otherIds.containsKey(id)) {
            String kind = records.containsKey(id) ? "record" : otherIds.get(id);
            String tx = records.containsKey(id) ? JsonObjectReader.of(records.get(id), "").requireString("txId") : txId(0);
            throw LedgerRuleException.of(ErrorCode.DUPLICATE_ID, "recordId", id,
                    "already used by " + kind + " in transaction " + tx);
        }
        JsonObject batch = batches.get(record.batch());
        if (batch == null) {
            throw LedgerRuleException.of(ErrorCode.NOT_FOUND, "gtin", record.batch().gtin().value(),
                    "no batch " + record.batch());
        }
        if (!JsonObjectReader.of(batch, "").requireString("status").equals("OPEN")) {
            throw LedgerRuleException.of(ErrorCode.BATCH_SEALED, "lot", record.batch().lot().value(), "batch is sealed");
        }
        LedgerRuleException refusal = refusals.get(id);
        if (refusal != null) {
            throw refusal;
        }
        return record;
    }

    private JsonObject write(EmissionRecord record, String txId) {
        Co2e co2e = Co2e.fossil(BigDecimal.valueOf(++written));
        JsonObject state = StoredRecord.stateOf(record, OWNER, co2e, org.carbonledger.core.ledger.PrivateData.recordSalt(new byte[32], record.recordId()), txId, Instant.parse("2026-10-01T08:00:00Z").plusSeconds(block));
        records.put(record.recordId().value(), state);
        return state;
    }

    @Override
    public synchronized JsonValue evaluate(String contract, String transaction, String... args) {
        String call = contract + ":" + transaction;
        return switch (call) {
            case "Records:GetRecord" -> Optional.ofNullable(records.get(args[2]))
                    .filter(s -> BatchId.of(args[0], args[1]).equals(StoredRecord.fromJson(s, "").batch()))
                    .orElseThrow(() -> notFound("recordId", args[2]));
            case "Records:ListRecords" -> listRecords(BatchId.of(args[0], args[1]), Integer.parseInt(args[2]), args[3]);
            case "Records:ListTransactionRecords" -> {
                TreeMap<String, JsonObject> found = new TreeMap<>();
                records.forEach((id, state) -> {
                    StoredRecord r = StoredRecord.fromJson(state, "");
                    if (r.batch().equals(BatchId.of(args[0], args[1])) && r.txId().equals(args[2])) {
                        found.put(id, state);
                    }
                });
                if (found.isEmpty()) {
                    throw notFound("txId", args[2]);
                }
                yield new LedgerPage(List.copyOf(found.values()), "").toJson();
            }
            case "Batches:GetBatch" -> Optional.ofNullable(batches.get(BatchId.of(args[0], args[1])))
                    .orElseThrow(() -> notFound("lot", args[1]));
            case "Devices:GetDevice" -> Optional.ofNullable(devices.get(args[1])).filter(d -> args[0].equals(OWNER))
                    .orElseThrow(() -> refused(Stage.EVALUATE, null, LedgerRuleException.of(ErrorCode.UNKNOWN_DEVICE,
                            "deviceId", args[1], "no such device")));
            case "Factors:GetFactor" -> Optional.ofNullable(factors.get(args[0]))
                    .orElseThrow(() -> notFound("factorId", args[0]));
            case "Governance:ListDesignatedCertifiers" -> new Designations(args[0], certifier.filter(c -> args[0].equals(OWNER))
                    .map(c -> List.of(new StoredDesignation(OWNER, c, CREATED, txId(1)))).orElse(List.of())).toJson();
            default -> throw new UnsupportedOperationException(call);
        };
    }

    private JsonObject listRecords(BatchId batch, int pageSize, String bookmark) {
        TreeMap<String, JsonObject> inBatch = new TreeMap<>();
        records.forEach((id, s) -> {
            if (StoredRecord.fromJson(s, "").batch().equals(batch)) {
                inBatch.put(id, s);
            }
        });
        List<JsonObject> items = new ArrayList<>();
        for (JsonObject s : (bookmark.isEmpty() ? inBatch : inBatch.tailMap(bookmark, false)).values()) {
            items.add(s);
            if (items.size() == pageSize) {
                break;
            }
        }
        boolean more = !items.isEmpty() && !inBatch.lastKey().equals(JsonObjectReader.of(items.get(items.size() - 1), "")
                .requireString("recordId"));
        String next = more ? JsonObjectReader.of(items.get(items.size() - 1), "").requireString("recordId") : "";
        return JsonObject.builder().put("items", JsonArray.of(new ArrayList<>(items))).put("bookmark", next).build();
    }

    /** @return the id of the transaction in that block: Fabric's ids are 64 hex digits */
    public static String txId(long block) {
        return String.format("%064x", block);
    }

    private static LedgerException notFound(String field, String value) {
        return refused(Stage.EVALUATE, null, LedgerRuleException.of(ErrorCode.NOT_FOUND, field, value, "not found"));
    }

    private static LedgerException refused(Stage stage, String txId, LedgerRuleException e) {
        return LedgerException.refused(stage, txId, new LedgerRefusal(Refusal.of(e)));
    }

    /** The keys of the records, for assertions. */
    public Map<String, JsonObject> states() {
        return Map.copyOf(records);
    }
}
