package org.carbonledger.cli.importer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.LedgerCalls;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.client.ledger.LedgerException;
import org.carbonledger.client.records.RecordOutcome;
import org.carbonledger.client.records.RecordSubmitter;
import org.carbonledger.client.records.Submission;
import org.carbonledger.core.accounting.Activity;
import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.accounting.RecordCalculator;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredDevice;
import org.carbonledger.core.ledger.StoredFactor;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.record.Position;
import org.carbonledger.core.record.RecordProblem;
import org.carbonledger.core.record.RecordRow;

/**
 * Imports validated record rows into the ledger: checks against the ledger first (batch exists, is open and yours;
 * device registered and the right key for it; factor published and the activity's unit convertible to its unit;
 * record id not used by something else), then signs
 * and submits in bulk transactions with several in flight.
 *
 * <p>Re-running is safe. Record ids are the client's: a row whose id is already on the ledger with the same content
 * (the same signed record, or the same content when the row is unsigned and re-signed now) is counted as already
 * imported and not submitted again; the same id with other content is a conflict and is refused. The transactions go
 * through the client's {@link RecordSubmitter}: a transaction whose commit status was lost (time-out) is looked up,
 * not resubmitted blindly, and records committed meanwhile are answered as replays. So nothing is recorded twice and
 * nothing is lost.
 */
final class Importer {
    private static final String SEALED = " is sealed: its footprint is fixed and it takes no more records";

    /** Import settings. */
    record Options(int batchSize, int inFlight, boolean skipInvalid) {
    }

    /** Told as transactions commit, for the progress bar. */
    interface Listener {
        /** @param total rows that will be submitted */
        void started(int total);

        /** @param records rows committed by one more transaction */
        void committed(int records);
    }

    /**
     * What happened to the rows.
     *
     * @param submitted rows that were to be submitted after the ledger checks
     * @param alreadyOnLedger rows skipped because the ledger has them already (a re-run)
     * @param imported rows committed by this run
     * @param invalid rows refused by the checks against the ledger, before anything was submitted
     * @param refused rows the ledger refused while submitting
     * @param notSubmitted rows not submitted because the import stopped (a refusal without --skip-invalid, or the
     *     network failing)
     * @param transactions transactions committed
     * @param elapsed time spent submitting
     * @param stopReason why the import stopped early, if it did
     */
    record Report(int submitted, int alreadyOnLedger, int imported, List<RecordProblem> invalid,
                  List<RecordProblem> refused, List<RecordProblem> notSubmitted, int transactions, Duration elapsed,
                  Optional<RuntimeException> stopReason) {
    }

    private final LedgerCalls ledger;
    private final RecordSubmitter submitter;
    private final Options options;
    private final List<DevicePrivateKey> keys;
    private final Listener listener;
    private final String mspId;

    Importer(LedgerClient ledger, Options options, List<DevicePrivateKey> keys, Listener listener) {
        this(ledger, ledger.connection().mspId(), options, keys, listener);
    }

    /** @param mspId the organization the client acts for (the owner of the batches and devices) */
    Importer(LedgerCalls ledger, String mspId, Options options, List<DevicePrivateKey> keys, Listener listener) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.mspId = Objects.requireNonNull(mspId, "mspId");
        this.options = Objects.requireNonNull(options, "options");
        this.keys = List.copyOf(keys);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.submitter = RecordSubmitter.newInstance(ledger).skipRefused(options.skipInvalid()).build();
    }

    /** The result of checking rows against the ledger. */
    record Plan(List<Row> toSubmit, int alreadyOnLedger, List<RecordProblem> invalid) {
    }

    /** A row ready to submit: its record and, when it is unsigned, the key that signs it. */
    record Row(RecordRow row, DevicePrivateKey key) {
        EmissionRecord signed() {
            return key == null ? EmissionRecord.parse(row.record()) : EmissionRecord.sign(row.record(), key);
        }
    }

    /** Checks every row against the ledger as of the wall clock; nothing is written. */
    Plan plan(List<RecordRow> rows) {
        return plan(rows, Instant.now());
    }

    /**
     * Checks every row against the ledger; nothing is written.
     *
     * @param submittingAt when the rows would be submitted: this client stamps its proposals with its own clock, and
     *     the chaincode refuses a period ending after that time plus the allowance, so the plan says it first
     */
    Plan plan(List<RecordRow> rows, Instant submittingAt) {
        List<RecordProblem> invalid = new ArrayList<>();
        Map<BatchId, Optional<String>> batchProblem = new HashMap<>();
        Map<BatchId, Map<String, StoredRecord>> existing = new HashMap<>();
        Map<String, Optional<StoredDevice>> devices = new HashMap<>();
        Map<String, Optional<EmissionFactor>> factors = new HashMap<>();
        Map<String, DevicePublicKey> deviceKeys = new HashMap<>();
        List<Row> toSubmit = new ArrayList<>();
        int already = 0;
        for (RecordRow row : rows) {
            try {
                EmissionRecord.requireEndedBy(row.record(), submittingAt);
            } catch (LedgerRuleException e) {
                invalid.add(problem(row, e.field(), e.code(), e.getMessage()));
                continue;
            }
            JsonObjectReader r = JsonObjectReader.of(row.record(), "");
            BatchId batch = BatchId.of(r.requireString("gtin"), r.requireString("lot"));
            Optional<String> problem = batchProblem.computeIfAbsent(batch, this::batchProblem);
            if (problem.isPresent() && !problem.get().endsWith(SEALED)) {
                invalid.add(problem(row, "gtin", ErrorCode.INVALID_STATE, problem.get()));
                continue;
            }
            // Checked before "sealed", so re-running an import after sealing reports the rows as already there.
            StoredRecord stored = existing.computeIfAbsent(batch, this::records).get(row.recordId());
            if (stored == null && problem.isPresent()) {
                invalid.add(problem(row, "lot", ErrorCode.BATCH_SEALED, problem.get()));
                continue;
            }
            if (stored != null) {
                JsonObject onLedger = stored.record();
                JsonObject mine = row.signed() ? row.record() : row.record().without("signature");
                JsonObject theirs = row.signed() ? onLedger : onLedger.without("signature");
                if (Jcs.canonicalString(mine).equals(Jcs.canonicalString(theirs))) {
                    already++;
                } else {
                    invalid.add(problem(row, "recordId", ErrorCode.DUPLICATE_ID, "recordId \"" + row.recordId()
                            + "\": already used on the ledger by a different record (transaction "
                            + stored.txId() + ")"));
                }
                continue;
            }
            String deviceId = r.requireString("deviceId");
            Optional<StoredDevice> device = devices.computeIfAbsent(deviceId, this::device);
            if (device.isEmpty()) {
                invalid.add(problem(row, "deviceId", ErrorCode.UNKNOWN_DEVICE, "deviceId \"" + deviceId
                        + "\": no such device of " + mspId + " (register it: carbonctl device register)"));
                continue;
            }
            // Parsed once per device: decoding the point for every row would cost more than the rest of the plan.
            DevicePublicKey registered = deviceKeys.computeIfAbsent(deviceId, d -> DevicePublicKey.parse(
                    device.get().publicKeyPem(), "publicKeyPem"));
            DevicePrivateKey key = null;
            if (row.signed()) {
                if (!EmissionRecord.parse(row.record()).verifySignature(registered)) {
                    invalid.add(problem(row, "signature", ErrorCode.INVALID_SIGNATURE, "signature: does not verify "
                            + "against the registered key of device " + deviceId + " (sha256:"
                            + registered.fingerprint().toHex() + ")"));
                    continue;
                }
            } else {
                key = keys.stream().filter(k -> k.publicKey().equals(registered)).findFirst().orElse(null);
                if (key == null) {
                    invalid.add(problem(row, "deviceId", ErrorCode.INVALID_SIGNATURE, "deviceId \"" + deviceId
                            + "\": " + (keys.isEmpty() ? "the row is unsigned and no --key was given"
                            : "none of the --key files is this device's registered key") + " (registered sha256:"
                            + registered.fingerprint().toHex() + keyList() + ")"));
                    continue;
                }
            }
            Optional<Activity> activity = EmissionRecord.activityOf(row.record());
            if (activity.isPresent()) {
                String factorId = activity.get().factorId();
                Optional<EmissionFactor> factor = factors.computeIfAbsent(factorId, this::factor);
                if (factor.isEmpty()) {
                    invalid.add(problem(row, "factorId", ErrorCode.UNKNOWN_FACTOR, "factorId \"" + factorId
                            + "\": no such emission factor is published on the ledger"));
                    continue;
                }
                try {
                    // The ledger's own computation, so a unit it would refuse is refused here first.
                    RecordCalculator.activityCo2e(activity.get(), factor.get());
                } catch (LedgerRuleException e) {
                    invalid.add(problem(row, e.field(), e.code(), e.getMessage()));
                    continue;
                }
            }
            toSubmit.add(new Row(row, key));
        }
        return new Plan(toSubmit, already, invalid);
    }

    private String keyList() {
        if (keys.isEmpty()) {
            return "";
        }
        List<String> given = new ArrayList<>();
        keys.forEach(k -> given.add("sha256:" + k.publicKey().fingerprint().toHex()));
        return "; given " + String.join(", ", given);
    }

    private Optional<String> batchProblem(BatchId id) {
        Optional<JsonObject> batch = find(LedgerOperation.GET_BATCH, id.gtin().value(), id.lot().value());
        if (batch.isEmpty()) {
            return Optional.of("batch " + id + " does not exist (create it: carbonctl batch create)");
        }
        StoredBatch b = StoredBatch.fromJson(batch.get(), "batch");
        if (!b.ownerMspId().equals(mspId)) {
            return Optional.of("batch " + id + " belongs to " + b.ownerMspId() + ", not to " + mspId);
        }
        if (!b.status().equals(StoredBatch.OPEN)) {
            return Optional.of("batch " + id + SEALED);
        }
        return Optional.empty();
    }

    private Map<String, StoredRecord> records(BatchId id) {
        Map<String, StoredRecord> byId = new HashMap<>();
        String bookmark = "";
        do {
            JsonObjectReader page = JsonObjectReader.of((JsonObject) ledger.evaluate(LedgerOperation.LIST_RECORDS,
                    id.gtin().value(), id.lot().value(), "1000", bookmark), "");
            for (JsonValue v : page.requireArray("items").elements()) {
                StoredRecord record = StoredRecord.fromJson(JsonObjectReader.asObject(v, "items"), "items");
                byId.put(record.recordId().value(), record);
            }
            bookmark = page.requireString("bookmark");
        } while (!bookmark.isEmpty());
        return byId;
    }

    private Optional<StoredDevice> device(String deviceId) {
        return find(LedgerOperation.GET_DEVICE, mspId, deviceId).map(d -> StoredDevice.fromJson(d, "device"));
    }

    private Optional<EmissionFactor> factor(String factorId) {
        return find(LedgerOperation.GET_FACTOR, factorId).map(f -> StoredFactor.fromJson(f, "factor").factor());
    }

    private Optional<JsonObject> find(LedgerOperation operation, String... args) {
        try {
            return Optional.of((JsonObject) ledger.evaluate(operation, args));
        } catch (LedgerException e) {
            ErrorCode code = e.refusal().map(LedgerRefusal::code).orElse(null);
            if (code == ErrorCode.NOT_FOUND || code == ErrorCode.UNKNOWN_DEVICE) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static RecordProblem problem(RecordRow row, String field, ErrorCode code, String message) {
        return new RecordProblem(row.position(), field, code, message);
    }

    /** Submits the planned rows. */
    Report submit(Plan plan, List<RecordProblem> invalid) {
        List<Row> rows = plan.toSubmit();
        List<List<Row>> chunks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += options.batchSize()) {
            chunks.add(rows.subList(i, Math.min(rows.size(), i + options.batchSize())));
        }
        Run run = new Run();
        listener.started(rows.size());
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.inFlight(), chunks.size())));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<Row> chunk : chunks) {
                futures.add(pool.submit(() -> run.chunk(chunk)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.stop(new IllegalStateException("interrupted"));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<RecordProblem> refused = new ArrayList<>(run.refused);
        refused.sort((a, b) -> a.position().compareTo(b.position()));
        List<RecordProblem> notSubmitted = new ArrayList<>(run.notSubmitted);
        notSubmitted.sort((a, b) -> a.position().compareTo(b.position()));
        return new Report(rows.size(), plan.alreadyOnLedger() + run.confirmed.get(), run.imported.get(), invalid,
                refused, notSubmitted, run.transactions.get(), Duration.ofNanos(System.nanoTime() - start),
                Optional.ofNullable(run.stopReason));
    }

    /** The shared state of one submission run. */
    private final class Run {
        final AtomicInteger imported = new AtomicInteger();
        final AtomicInteger confirmed = new AtomicInteger();
        final AtomicInteger transactions = new AtomicInteger();
        final AtomicBoolean stopped = new AtomicBoolean();
        final List<RecordProblem> refused = Collections.synchronizedList(new ArrayList<>());
        final List<RecordProblem> notSubmitted = Collections.synchronizedList(new ArrayList<>());
        volatile RuntimeException stopReason;

        void stop(RuntimeException reason) {
            if (stopped.compareAndSet(false, true)) {
                stopReason = reason;
            }
        }

        void chunk(List<Row> chunk) {
            if (stopped.get()) {
                skip(chunk.stream().map(row -> row.row().position()).toList(), "not submitted: the import stopped "
                        + "before this row (" + stopReason.getMessage() + ")");
                return;
            }
            // Signed here, in the worker, so signing runs with the transactions in flight.
            Submission submission = submitter.submit(chunk.stream().map(Row::signed).toList());
            for (Submission.Transaction t : submission.transactions()) {
                imported.addAndGet(t.records());
                transactions.incrementAndGet();
                listener.committed(t.records());
            }
            int replayed = submission.count(RecordOutcome.Status.REPLAYED);
            if (replayed > 0) {
                // Committed by an earlier attempt or run whose outcome was lost: nothing to do for these rows.
                confirmed.addAndGet(replayed);
                listener.committed(replayed);
            }
            List<Position> unsent = new ArrayList<>();
            for (RecordOutcome o : submission.outcomes()) {
                Position position = chunk.get(o.index()).row().position();
                if (o.status() == RecordOutcome.Status.REFUSED) {
                    refused(position, o);
                } else if (o.status() == RecordOutcome.Status.NOT_SUBMITTED) {
                    unsent.add(position);
                }
            }
            if (unsent.isEmpty()) {
                return;
            }
            if (submission.failure().isPresent()) {
                stop(submission.failure().get());
                skip(unsent, "not submitted: " + submission.failure().get().getMessage());
            } else {
                skip(unsent, "not submitted: the import stopped before this row (" + stopReason.getMessage() + ")");
            }
        }

        private void refused(Position position, RecordOutcome outcome) {
            Refusal refusal = outcome.refusal().orElseThrow();
            if (refusal.item().isEmpty()) {
                // Not about one record: the whole transaction is refused (e.g. the role was revoked meanwhile).
                stop(new IllegalStateException(refusal.code() + ": " + refusal.message()));
                refused.add(new RecordProblem(position, "", refusal.code(), refusal.code() + ": " + refusal.message()));
                return;
            }
            String reason = outcome.refusalReason().orElseThrow();
            refused.add(new RecordProblem(position, "", refusal.code(),
                    "refused by the ledger: " + refusal.code() + ": " + reason));
            if (!options.skipInvalid()) {
                stop(new IllegalStateException("the ledger refused the row at " + position + ": "
                        + refusal.code() + ": " + reason));
            }
        }

        private void skip(List<Position> positions, String message) {
            for (Position position : positions) {
                notSubmitted.add(new RecordProblem(position, "", ErrorCode.INVALID_STATE, message));
            }
        }
    }
}
