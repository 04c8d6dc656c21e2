package org.carbonledger.bench.record;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.accounting.FactorLookup;
import org.carbonledger.core.accounting.Gwp100Set;
import org.carbonledger.core.accounting.RecordCalculator;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.ledger.StoredRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one endorsing peer's chaincode computes for each record of a {@code Records:SubmitRecords} transaction,
 * without the ledger I/O: the same steps, in the same order, with the same core calls as
 * {@code RecordContract.Checker.accept}.
 *
 * <ol>
 *   <li>parse: the record's JSON text ({@link Json#parse}) and {@link EmissionRecord#parse} (strict validation,
 *       the canonical signed bytes and the content hash);</li>
 *   <li>verify: ECDSA P-256 / SHA-256 against the device key, parsed once per device as the chaincode caches it;</li>
 *   <li>compute: {@link RecordCalculator#co2e} with {@link Gwp100Set#IPCC_AR6} and a factor lookup that, as in the
 *       chaincode, has already read the factor for an earlier record of the transaction;</li>
 *   <li>store: the stored JSON object and its JCS bytes (what {@code LedgerContext.write} hands to {@code putState}).</li>
 * </ol>
 *
 * <p>Not included (they are not CPU work of the record rules, or they are measured by {@link #ledgerExtras}): the
 * shim round trips to the peer per record (one {@code getState} for the id claim, two {@code putState}), the
 * transaction-wide JSON parse of the array beyond each record's own text, and the change event.
 *
 * <p>Each invocation checks a different pre-signed record (pools of 512 per kind), so the JIT cannot specialise on
 * one input. Run from the shaded jar: {@code java -jar bench/target/benchmarks.jar RecordCheckBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
// The chaincode JVMs' own options (network/scripts/deploy-chaincode.sh), so the JIT and GC behave as there.
@Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx1g", "-XX:+UseParallelGC"})
public class RecordCheckBenchmark {
    private static final int POOL = 512;
    private static final String OWNER = "SteelCoMSP";
    private static final String TX_ID = "5c0f7b3f2d0c4f3e9a1b8c7d6e5f40312233445566778899aabbccddeeff0011";
    private static final Instant SUBMITTED_AT = Instant.parse("2026-11-02T08:15:30.123456789Z");

    private DevicePublicKey deviceKey;
    private FactorLookup factors;
    private String[] activityJson;
    private String[] gasJson;
    private EmissionRecord[] activityParsed;
    private EmissionRecord[] gasParsed;
    private int next;

    @Setup(Level.Trial)
    public void signRecords() {
        DeviceKeyPair device = DeviceKeyPair.generate(new SecureRandom());
        deviceKey = device.publicKey();
        SyntheticRecords records = new SyntheticRecords(BatchId.of("09506000134352", "COIL-7"),
                DeviceId.parse("steelco-meter-12", "deviceId"), "cn-2026");
        Map<String, Optional<EmissionFactor>> published = new TreeMap<>();
        for (EmissionFactor f : SyntheticRecords.factors("cn-2026")) {
            published.put(f.factorId(), Optional.of(f));
        }
        // The chaincode's lookup caches Optional<EmissionFactor> per id for the transaction; this is that cache, warm.
        factors = id -> published.computeIfAbsent(id, k -> Optional.empty());
        activityJson = new String[POOL];
        gasJson = new String[POOL];
        activityParsed = new EmissionRecord[POOL];
        gasParsed = new EmissionRecord[POOL];
        for (int i = 0; i < POOL; i++) {
            EmissionRecord activity = records.signed(2 * i, UUID.randomUUID().toString(), device.privateKey());
            EmissionRecord gas = records.signed(2 * i + 1, UUID.randomUUID().toString(), device.privateKey());
            activityJson[i] = Jcs.canonicalString(activity.json());
            gasJson[i] = Jcs.canonicalString(gas.json());
            activityParsed[i] = activity;
            gasParsed[i] = gas;
        }
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) & (POOL - 1);
        return i;
    }

    /** Parse, verify, compute and store one activity record (a factor lookup with unit conversion). */
    @Benchmark
    public byte[] activityRecord() {
        return check(activityJson[nextIndex()]);
    }

    /** Parse, verify, compute and store one gas record (three gases × AR6 GWP100). */
    @Benchmark
    public byte[] gasRecord() {
        return check(gasJson[nextIndex()]);
    }

    /** The signature check alone: SHA-256 of the precomputed signed bytes, DER decoding, ECDSA verification. */
    @Benchmark
    public EmissionRecord verifySignature() {
        EmissionRecord record = activityParsed[nextIndex()];
        record.requireValidSignature(deviceKey);
        return record;
    }

    /** Breakdown, step 1 alone: JSON text to a validated record, with its signed bytes and content hash. */
    @Benchmark
    public EmissionRecord parseActivity() {
        return parse(activityJson[nextIndex()]);
    }

    /** Breakdown, step 3 alone for an activity record. */
    @Benchmark
    public Co2e co2eActivity() {
        return RecordCalculator.co2e(activityParsed[nextIndex()], factors, Gwp100Set.IPCC_AR6);
    }

    /** Breakdown, step 3 alone for a gas record. */
    @Benchmark
    public Co2e co2eGas() {
        return RecordCalculator.co2e(gasParsed[nextIndex()], factors, Gwp100Set.IPCC_AR6);
    }

    /** Breakdown, step 4 alone: stored object and its JCS bytes for an already computed record. */
    @Benchmark
    public byte[] storeActivity() {
        EmissionRecord record = activityParsed[nextIndex()];
        return Jcs.canonicalize(stored(record, RecordCalculator.co2e(record, factors, Gwp100Set.IPCC_AR6)));
    }

    /**
     * Not in the four steps but also paid per record by the chaincode, outside the record rules: the record's entry
     * in the change event (type and key only; the values travel in the write set) and its share of the batch's index
     * entry (its id, canonicalized with the others).
     */
    @Benchmark
    public int ledgerExtras() {
        EmissionRecord record = activityParsed[nextIndex()];
        JsonObject change = JsonObject.builder().put("type", "record").put("key", "ID/" + record.recordId().value()).build();
        JsonObject index = JsonObject.builder().put("recordIds", JsonArray.of(List.of(JsonString.of(record.recordId().value())))).build();
        return Jcs.canonicalize(change).length + Jcs.canonicalize(index).length;
    }

    private byte[] check(String recordJson) {
        EmissionRecord record = parse(recordJson);
        record.requireValidSignature(deviceKey);
        Co2e co2e = RecordCalculator.co2e(record, factors, Gwp100Set.IPCC_AR6);
        return Jcs.canonicalize(stored(record, co2e));
    }

    private static EmissionRecord parse(String recordJson) {
        return EmissionRecord.parse(JsonObjectReader.asObject(Json.parse(recordJson, "records"), "records[0]"));
    }

    /** The stored record state, as RecordContract writes it. */
    private static JsonObject stored(EmissionRecord record, Co2e co2e) {
        return StoredRecord.stateOf(record, OWNER, co2e, org.carbonledger.core.ledger.PrivateData.recordSalt(new byte[32], record.recordId()), TX_ID, SUBMITTED_AT);
    }
}
