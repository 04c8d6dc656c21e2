package org.carbonledger.service.record;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpStatus;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonBoolean;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.service.config.ApiProperties;
import org.carbonledger.service.http.Problem;
import org.carbonledger.service.http.ProblemException;
import org.carbonledger.service.ledger.LedgerAccess;
import org.carbonledger.service.ledger.LedgerFailure;

/**
 * Submits signed emission records, any number per request: every record is checked for form first (so a malformed
 * one changes nothing), then they go to the ledger in transactions of {@code carbonledger.api.chunk-size}, several in
 * flight. Retrying a request is safe: records the ledger already holds with the same content are answered as
 * replayed, the others are submitted.
 */
@Singleton
public class RecordSubmissions {
    private static final String CONTRACT = "Records";
    private static final int REPLAY_ROUNDS = 3;

    private final LedgerAccess ledger;
    private final ApiProperties api;
    private final ExecutorService chunks;

    public RecordSubmissions(LedgerAccess ledger, ApiProperties api,
                             @Value("${carbonledger.fabric.max-in-flight:16}") int maxInFlight) {
        this.ledger = ledger;
        this.api = api;
        // As many chunks in flight as the ledger connection lets through; more would only queue there.
        int threads = Math.max(1, maxInFlight);
        this.chunks = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "record-chunks");
            t.setDaemon(true);
            return t;
        });
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
        List<List<EmissionRecord>> batches = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i += api.chunkSize()) {
            batches.add(parsed.subList(i, Math.min(parsed.size(), i + api.chunkSize())));
        }
        List<CompletableFuture<ChunkResult>> futures = batches.stream()
                // The request's context (its id in the logs, the read-model flag of its answer) goes with each chunk.
                .map(chunk -> CompletableFuture.supplyAsync(
                        PropagatedContext.getOrEmpty().wrap((java.util.function.Supplier<ChunkResult>) () -> submitChunk(chunk)), chunks))
                .toList();
        List<ChunkResult> results = new ArrayList<>();
        List<ProblemException> failures = new ArrayList<>();
        for (CompletableFuture<ChunkResult> f : futures) {
            try {
                results.add(f.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof ProblemException p) {
                    failures.add(p);
                } else if (e.getCause() instanceof LedgerFailure failure) {
                    failures.add(ProblemException.of(failure));
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

    /** Every record checked for form (fields, amounts, signature encoding) before any is submitted. */
    private static List<EmissionRecord> checkForm(List<Submitted> records) {
        List<EmissionRecord> parsed = new ArrayList<>(records.size());
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Submitted s : records) {
            try {
                EmissionRecord record = EmissionRecord.parse(s.json());
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

    /**
     * Submits one chunk. On a replay refusal, the records already on the ledger are compared by content hash: the same
     * content is a replay, different content a conflict; the remaining records are submitted again.
     */
    private ChunkResult submitChunk(List<EmissionRecord> chunk) {
        Map<String, JsonObject> outcome = new LinkedHashMap<>();
        List<JsonObject> transactions = new ArrayList<>();
        List<EmissionRecord> pending = chunk;
        for (int round = 0; ; round++) {
            try {
                Committed committed = ledger.submit(LedgerAccess.Identity.CLIENT, CONTRACT, "SubmitRecords", array(pending));
                transactions.add(JsonObject.builder().put("transactionId", committed.transactionId())
                        .put("blockNumber", committed.blockNumber()).put("records", (long) pending.size()).build());
                JsonArray accepted = JsonObjectReader.of(JsonObjectReader.asObject(committed.result(), "result"), "result")
                        .requireArray("records");
                for (JsonValue v : accepted.elements()) {
                    JsonObject r = (JsonObject) v;
                    outcome.put(string(r, "recordId"), r.toBuilder().put("transactionId", committed.transactionId())
                            .put("replayed", false).build());
                }
                break;
            } catch (LedgerFailure e) {
                if (round >= REPLAY_ROUNDS || !e.refusedWith(ErrorCode.DUPLICATE_ID)) {
                    throw e;
                }
                List<EmissionRecord> remaining = new ArrayList<>();
                for (EmissionRecord record : pending) {
                    Optional<JsonObject> stored = ledger.find(CONTRACT, "GetRecord", record.batch().gtin().value(),
                            record.batch().lot().value(), record.recordId().value());
                    if (stored.isEmpty()) {
                        remaining.add(record);
                    } else if (string(stored.get(), "contentHash").equals(record.contentHash().toHex())) {
                        outcome.put(record.recordId().value(), JsonObject.builder()
                                .put("recordId", record.recordId().value())
                                .put("co2e", stored.get().get("co2e").orElseThrow())
                                .put("transactionId", string(stored.get(), "txId"))
                                .put("replayed", true).build());
                    } else {
                        throw ProblemException.withCause(ErrorCode.DUPLICATE_ID, "recordId \"" + record.recordId().value()
                                + "\": already on the ledger with different content (transaction " + string(stored.get(), "txId")
                                + "); a record id can be used once", e);
                    }
                }
                if (remaining.isEmpty()) {
                    break;
                }
                if (remaining.size() == pending.size()) {
                    // None is a record of ours: the id is used by another kind of object.
                    throw e;
                }
                pending = remaining;
            }
        }
        List<JsonObject> ordered = new ArrayList<>(chunk.size());
        for (EmissionRecord record : chunk) {
            ordered.add(outcome.get(record.recordId().value()));
        }
        return new ChunkResult(ordered, transactions);
    }

    private static String array(List<EmissionRecord> records) {
        return Json.write(JsonArray.of(records.stream().map(EmissionRecord::json).toList()));
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

    private static String string(JsonObject o, String name) {
        return o.get(name).filter(JsonString.class::isInstance).map(v -> ((JsonString) v).value())
                .orElseThrow(() -> new IllegalStateException("ledger answer without " + name));
    }

    @PreDestroy
    void close() {
        chunks.shutdown();
    }
}
