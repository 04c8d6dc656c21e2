package org.carbonledger.bench.load;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.carbonledger.bench.record.SyntheticRecords;
import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.TimeOrderedIds;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.quantity.Decimals;

/**
 * What one load run puts on the (shared, never wiped) ledger before measuring, all with run-unique ids: a factor
 * dataset published by CertCo, a SteelCo product, one SteelCo device with a fresh key, and an open batch per
 * measurement. Records are signed here, before any clock starts.
 */
public final class LoadFixture {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Consortium consortium;
    private final String runId;
    private final String gtin;
    private final DeviceId deviceId;
    private final DeviceKeyPair deviceKey;
    private final Supplier<String> recordIds;
    private final RecordsIn recordsIn;
    /** The organizations endorsing SteelCo's records in {@link RecordsIn#TRANSIENT} mode; empty otherwise. */
    private List<String> endorsers = List.of();
    private int batches;

    private LoadFixture(Consortium consortium, String runId, boolean timeOrderedIds, RecordsIn recordsIn) {
        this.consortium = consortium;
        this.recordsIn = recordsIn;
        TimeOrderedIds ordered = TimeOrderedIds.systemClock();
        this.recordIds = timeOrderedIds ? () -> ordered.next().value() : () -> UUID.randomUUID().toString();
        this.runId = runId;
        this.gtin = newGtin();
        this.deviceId = DeviceId.parse("load-meter-" + runId, "deviceId");
        this.deviceKey = DeviceKeyPair.generate(RANDOM);
    }

    /**
     * Publishes the dataset and registers the product and the device; with records in the transient map, also makes
     * sure SteelCo has designated CertCo (the ledger refuses private records of a producer that designated no
     * certifier) and reads, once for the run, who endorses SteelCo's records.
     */
    public static LoadFixture create(Consortium consortium, boolean timeOrderedIds, RecordsIn recordsIn) {
        LoadFixture f = new LoadFixture(consortium, newRunId(), timeOrderedIds, Objects.requireNonNull(recordsIn, "recordsIn"));
        if (recordsIn == RecordsIn.TRANSIENT) {
            f.endorsers = consortium.ensureDesignated(Consortium.STEELCO, Consortium.CERTCO).endorsers();
        }
        f.publishFactors();
        consortium.submit(Consortium.STEELCO, LedgerOperation.CREATE_PRODUCT, Jcs.canonicalString(JsonObject.builder()
                .put("gtin", f.gtin).put("name", "RecordLoad coil " + f.runId).put("declaredUnit", "t").build()));
        consortium.submit(Consortium.STEELCO, LedgerOperation.REGISTER_DEVICE, Jcs.canonicalString(JsonObject.builder()
                .put("deviceId", f.deviceId.value())
                .put("publicKeyPem", f.deviceKey.publicKey().toPem())
                .put("validFrom", "2026-01-01T00:00:00Z")
                .put("description", "RecordLoad benchmark device")
                .build()));
        return f;
    }

    String runId() {
        return runId;
    }

    /** Who endorses the run's records: empty when the Gateway plans it ({@link RecordsIn#ARGUMENTS}). */
    List<String> endorsers() {
        return endorsers;
    }

    private void publishFactors() {
        List<EmissionFactor> factors = SyntheticRecords.factors(factorPrefix());
        List<JsonValue> entries = new ArrayList<>();
        for (EmissionFactor f : factors) {
            entries.add(JsonObject.builder().put("factorId", f.factorId()).put("unit", f.unit().symbol())
                    .put("kgCo2ePerUnit", Decimals.canonical(f.kgCo2ePerUnit())).build());
        }
        EmissionFactor first = factors.get(0);
        consortium.submit(Consortium.CERTCO, LedgerOperation.PUBLISH_FACTOR_DATASET, Jcs.canonicalString(JsonObject.builder()
                .put("dataset", first.dataset())
                .put("version", first.version())
                .put("sourceCitation", first.sourceCitation())
                .put("licence", first.licence())
                .put("factors", JsonArray.of(entries))
                .build()));
    }

    private String factorPrefix() {
        return "load-" + runId;
    }

    /** A new open batch of the run's product (one per measurement, so each measurement's records stand apart). */
    public BatchId newBatch() {
        BatchId batch = BatchId.of(gtin, "L" + runId + "-" + (++batches));
        consortium.submit(Consortium.STEELCO, LedgerOperation.CREATE_BATCH, Jcs.canonicalString(JsonObject.builder()
                .put("gtin", batch.gtin().value())
                .put("lot", batch.lot().value())
                .put("quantity", JsonObject.builder().put("amount", "1000").put("unit", "t").build())
                .build()));
        return batch;
    }

    /**
     * Signs {@code count} records for the batch (half activity, half gases, interleaved) with fresh ids and
     * groups them into transactions of {@code batchSize} records (the last may hold fewer), each with its proposal
     * (arguments, endorsers, transient map with a fresh salt) ready, so nothing of this is timed.
     */
    public List<PreparedTransaction> signedTransactions(BatchId batch, int count, int batchSize) {
        SyntheticRecords records = new SyntheticRecords(batch, deviceId, factorPrefix());
        List<String> ids = IntStream.range(0, count).mapToObj(i -> recordIds.get()).toList();
        List<JsonValue> signed = IntStream.range(0, count).parallel()
                .mapToObj(i -> (JsonValue) records.signed(i, ids.get(i), deviceKey.privateKey()).json())
                .toList();
        List<PreparedTransaction> transactions = new ArrayList<>();
        for (int from = 0; from < count; from += batchSize) {
            int to = Math.min(count, from + batchSize);
            List<JsonValue> part = signed.subList(from, to);
            String json = Jcs.canonicalString(JsonArray.of(part));
            transactions.add(new PreparedTransaction(json, part.size(), batch, ids.get(to - 1),
                    recordsIn.submission(json, endorsers)));
        }
        return transactions;
    }

    /**
     * The records of one {@code SubmitRecords} transaction (a JSON array, also the body of one service request), how
     * many they are, their batch, the id of the last (what a read-model probe looks for) and the Gateway proposal
     * that carries them.
     */
    public record PreparedTransaction(String recordsJson, int records, BatchId batch, String lastRecordId,
                               RecordsIn.Submission submission) {
        public PreparedTransaction {
            Objects.requireNonNull(recordsJson, "recordsJson");
            Objects.requireNonNull(batch, "batch");
            Objects.requireNonNull(lastRecordId, "lastRecordId");
            Objects.requireNonNull(submission, "submission");
        }
    }

    private static String newRunId() {
        StringBuilder s = new StringBuilder();
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        for (int i = 0; i < 8; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** A random GTIN-13 (prefix 96) with a valid check digit: GTINs are unique on the ledger forever. */
    private static String newGtin() {
        StringBuilder digits = new StringBuilder("96");
        for (int i = 0; i < 10; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return Gtin.parse(digits.toString() + Gtin.checkDigit(digits.toString()), "gtin").value();
    }
}
