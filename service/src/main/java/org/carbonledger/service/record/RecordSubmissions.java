package org.carbonledger.service.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpStatus;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.client.ledger.Endorsement;
import org.carbonledger.client.ledger.LedgerCalls;
import org.carbonledger.client.ledger.LedgerException;
import org.carbonledger.client.ledger.Stage;
import org.carbonledger.client.records.RecordOutcome;
import org.carbonledger.client.records.RecordSubmitter;
import org.carbonledger.client.records.Submission;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonBoolean;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.service.config.ApiProperties;
import org.carbonledger.service.http.Problem;
import org.carbonledger.service.http.ProblemException;
import org.carbonledger.service.ledger.LedgerAccess;
import org.carbonledger.service.ledger.LedgerFailure;

/**
 * Submits signed emission records, any number per request: every record is checked for form first (so a malformed
 * one changes nothing), then they go to the ledger in transactions of {@code carbonledger.api.chunk-size}, several in
 * flight, each through the client's {@link RecordSubmitter}. Retrying a request is safe: records the ledger already holds with the same content are answered as
 * replayed, the others are submitted.
 */
@Singleton
public class RecordSubmissions {
    private static final String SUBMIT_RECORDS = "SubmitRecords";

    private final RecordSubmitter submitter;
    private final ApiProperties api;
    private final ExecutorService chunks;

    public RecordSubmissions(LedgerAccess ledger, ApiProperties api,
                             @Value("${carbonledger.fabric.max-in-flight:16}") int maxInFlight) {
        // One attempt: LedgerAccess has retried read conflicts already, and any other failure is the client's to retry.
        this.submitter = RecordSubmitter.newInstance(new AccessCalls(ledger)).maxAttempts(1).build();
        this.api = api;
        // As many chunks in flight as the ledger connection lets through; more would only queue there.
        int threads = Math.max(1, maxInFlight);
        this.chunks = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "record-chunks");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The ledger calls of the client's {@link RecordSubmitter}, made through {@link LedgerAccess} as this class makes
     * them, for the service's other bulk submitter of records (the plants' interval records).
     */
    public static LedgerCalls ledgerCalls(LedgerAccess ledger) {
        return new AccessCalls(java.util.Objects.requireNonNull(ledger, "ledger"));
    }

    /** One record as the client sent it, with where it came from (for messages). */
    public record Submitted(JsonObject json, String path) {
    }

    /**
     * @return {@code {"accepted":n,"replayed":m,"transactions":[…],"records":[{recordId, co2e, transactionId,
     *     replayed}]}} in the order sent
     */
    public JsonObject submit(List<Submitted> records) {
        if (records.isEmpty()) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "records", "at least one record is required");
        }
        if (records.size() > api.maxRecordsPerRequest()) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "records", "a request may carry at most "
                    + api.maxRecordsPerRequest() + " records, found " + records.size() + "; split the upload");
        }
        List<EmissionRecord> parsed = checkForm(records);
        List<CompletableFuture<ChunkResult>> futures = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i += api.chunkSize()) {
            List<Submitted> sent = records.subList(i, Math.min(parsed.size(), i + api.chunkSize()));
            List<EmissionRecord> chunk = parsed.subList(i, Math.min(parsed.size(), i + api.chunkSize()));
            // The request's context (its id in the logs, the read-model flag of its answer) goes with each chunk.
            futures.add(CompletableFuture.supplyAsync(PropagatedContext.getOrEmpty()
                    .wrap((Supplier<ChunkResult>) () -> submitChunk(sent, chunk)), chunks));
        }
        List<ChunkResult> results = new ArrayList<>();
        List<ProblemException> failures = new ArrayList<>();
        for (CompletableFuture<ChunkResult> f : futures) {
            try {
                results.add(f.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof ProblemException p) {
                    failures.add(p);
                } else if (e.getCause() instanceof LedgerFailure failure) {
                    failures.add(ProblemException.of(withRemedy(failure)));
                } else if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                } else {
                    throw e;
                }
            }
        }
        if (!failures.isEmpty()) {
            throw partialFailure(failures, results, records.size());
        }
        return summary(results);
    }

    /**
     * A producer with no designated certifier may not submit records (no second organization would endorse and check
     * them): the answer says how to designate one.
     */
    static LedgerFailure withRemedy(LedgerFailure failure) {
        if (!failure.refusedWith(ErrorCode.NOT_DESIGNATED)) {
            return failure;
        }
        return failure.explained("; designate a certifier first: PUT /api/v1/organizations/me/certifiers/"
                + "{certifierMspId} (an admin of this service; carbonctl certifiers designate CERTIFIER_MSP), "
                + "then retry the same request");
    }

    /**
     * Every record checked for form (fields, amounts, signature encoding, a period already over) before any is
     * submitted. The period is checked against this service's clock: it stamps the proposals, so the chaincode
     * would refuse the same record.
     */
    private static List<EmissionRecord> checkForm(List<Submitted> records) {
        Instant now = Instant.now();
        List<EmissionRecord> parsed = new ArrayList<>(records.size());
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Submitted s : records) {
            try {
                EmissionRecord record = EmissionRecord.parse(s.json());
                record.requireEndedBy(now);
                String earlier = seen.putIfAbsent(record.recordId().value(), s.path());
                if (earlier != null) {
                    errors.add(new Problem.FieldError(s.path() + ".recordId", "recordId " + record.recordId().value()
                            + " is also used by " + earlier + " in this request"));
                }
                parsed.add(record);
            } catch (LedgerRuleException e) {
                String field = e.field().isEmpty() ? s.path() : s.path() + "." + e.field();
                errors.add(new Problem.FieldError(field, s.path() + ": " + e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1 ? errors.get(0).reason()
                    : errors.size() + " records are invalid, nothing was submitted; first: " + errors.get(0).reason();
            ErrorCode code = ErrorCode.INVALID_ARGUMENT;
            throw new ProblemException(HttpStatus.BAD_REQUEST, code, detail, errors.size() > 1000 ? errors.subList(0, 1000) : errors);
        }
        return parsed;
    }

    private record ChunkResult(List<JsonObject> records, List<JsonObject> transactions) {
    }

    /** Submits one chunk as one transaction; a refused record, or a failure, is the failure of the whole chunk. */
    private ChunkResult submitChunk(List<Submitted> sent, List<EmissionRecord> chunk) {
        Submission submission = submitter.submit(chunk);
        Optional<RecordOutcome> refused = submission.firstRefused();
        if (refused.isPresent()) {
            throw refusal(refused.get(), sent.get(refused.get().index()));
        }
        if (submission.failure().isPresent()) {
            throw LedgerFailure.of(SUBMIT_RECORDS, submission.failure().get());
        }
        List<JsonObject> answered = new ArrayList<>(chunk.size());
        for (RecordOutcome o : submission.outcomes()) {
            answered.add(JsonObject.builder()
                    .put("recordId", o.recordId().value())
                    .put("co2e", o.co2e().orElseThrow().toJson())
                    .put("transactionId", o.transactionId().orElseThrow())
                    .put("replayed", o.status() == RecordOutcome.Status.REPLAYED).build());
        }
        List<JsonObject> transactions = new ArrayList<>();
        for (Submission.Transaction t : submission.transactions()) {
            JsonObject.Builder b = JsonObject.builder().put("transactionId", t.transactionId());
            // Unknown when the commit status was lost and the records were found on the ledger afterwards.
            t.blockNumber().ifPresent(block -> b.put("blockNumber", block));
            transactions.add(b.put("records", (long) t.records()).build());
        }
        return new ChunkResult(answered, transactions);
    }

    /**
     * The refused record's refusal, named as the client sent it (array element or file line) rather than by its
     * place in the chunk's transaction.
     */
    private static LedgerFailure refusal(RecordOutcome outcome, Submitted submitted) {
        Refusal refusal = outcome.refusal().orElseThrow();
        if (refusal.item().isEmpty()) {
            // The whole transaction was refused (e.g. the organization lost its role): no record is at fault.
            return LedgerFailure.refused(SUBMIT_RECORDS, Stage.ENDORSE, new LedgerRefusal(refusal), null);
        }
        String prefix = "records[" + outcome.index() + "]";
        String field = refusal.field().startsWith(prefix)
                ? submitted.path() + refusal.field().substring(prefix.length()) : submitted.path();
        Refusal named = new Refusal(refusal.code(), field, submitted.path() + ": " + outcome.refusalReason().orElseThrow(),
                refusal.item());
        return LedgerFailure.refused(SUBMIT_RECORDS, Stage.ENDORSE, new LedgerRefusal(named), null);
    }

    /**
     * The submitter's ledger calls, made through {@link LedgerAccess} (which retries read conflicts and waits for the
     * read model). The submitter settles refusals and lost commit statuses itself, so those reach it as the Gateway's
     * failure; any other failure stays the {@link LedgerFailure} that {@link LedgerAccess} reported.
     */
    private record AccessCalls(LedgerAccess ledger) implements LedgerCalls {
        @Override
        public Committed submit(String contract, String transaction, String... args) {
            try {
                return ledger.submit(LedgerAccess.Identity.CLIENT, contract, transaction, args);
            } catch (LedgerFailure e) {
                throw forSubmitter(e);
            }
        }

        @Override
        public Committed submit(LedgerOperation operation, Endorsement endorsement, String... args) {
            try {
                return ledger.submit(LedgerAccess.Identity.CLIENT, operation, endorsement, args);
            } catch (LedgerFailure e) {
                throw forSubmitter(e);
            }
        }

        @Override
        public String mspId() {
            return ledger.mspId();
        }

        @Override
        public JsonValue evaluate(String contract, String transaction, String... args) {
            try {
                return ledger.evaluate(contract, transaction, args);
            } catch (LedgerFailure e) {
                throw forSubmitter(e);
            }
        }

        private static RuntimeException forSubmitter(LedgerFailure e) {
            if (e.refusal().isEmpty() && e.stage() != Stage.COMMIT_STATUS) {
                return e;
            }
            if (e.getCause() instanceof LedgerException gateway) {
                return gateway;
            }
            return e.refusal().isPresent()
                    ? LedgerException.refused(e.stage(), e.transactionId().orElse(null), e.refusal().get())
                    : LedgerException.failed(e.stage(), e.transactionId().orElse(null), e.getMessage());
        }
    }

    private static JsonObject summary(List<ChunkResult> results) {
        List<JsonObject> records = results.stream().flatMap(r -> r.records().stream()).toList();
        long replayed = records.stream().filter(r -> r.get("replayed").orElseThrow().equals(JsonBoolean.TRUE)).count();
        return JsonObject.builder()
                .put("accepted", (long) records.size() - replayed)
                .put("replayed", replayed)
                .put("transactions", JsonArray.of(results.stream().flatMap(r -> r.transactions().stream()).toList()))
                .put("records", JsonArray.of(records))
                .build();
    }

    /**
     * Some chunks committed, some did not. The problem of the first failure is answered (its status and code) and says
     * how many records are on the ledger: the client fixes the cause and retries the whole request, and the committed
     * records are answered as replays.
     */
    private static ProblemException partialFailure(List<ProblemException> failures, List<ChunkResult> results, int total) {
        ProblemException first = failures.get(0);
        long committed = results.stream().mapToLong(r -> r.records().size()).sum();
        if (committed == 0) {
            return first;
        }
        return new ProblemException(first.status(), first.problem().code() == null ? null : ErrorCode.valueOf(first.problem().code()),
                first.getMessage() + " (" + committed + " of " + total + " records are on the ledger; retrying the same "
                        + "request submits only the others)", first.problem().errors(), first);
    }

    @PreDestroy
    void close() {
        chunks.shutdown();
    }
}
