package org.carbonledger.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.carbonledger.bench.load.BulkSubmitter.Run;
import org.carbonledger.bench.load.BulkSubmitter.TxOutcome;
import org.carbonledger.bench.load.BulkSubmitter.Via;
import org.carbonledger.apiclient.ServiceClient;
import org.carbonledger.apiclient.ServiceException;
import org.carbonledger.apiclient.ServiceRequest;
import org.carbonledger.apiclient.ServiceResponse;
import org.carbonledger.apiclient.ServiceUnreachableException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;

/**
 * Submits the same prepared transactions as {@link BulkSubmitter}, but through the service: each of K workers posts
 * the next transaction's records as one {@code POST /api/v1/records} request and waits for the answer, so K requests
 * are always in flight. With B no larger than the service's {@code carbonledger.api.chunk-size} each request becomes
 * exactly one ledger transaction, as in the direct run. The service answers only after the ledger committed the
 * transaction and its read model applied it (read-your-writes), so a request's latency covers endorse, order,
 * commit and read-model sync. Only requests answered 201 with every record accepted count.
 */
final class ServiceSubmitter {
    private static final int MAX_ERRORS_KEPT = 5;

    private final ServiceClient api;
    private final CpuSampler cpu;

    ServiceSubmitter(ServiceClient api, CpuSampler cpu) {
        this.api = Objects.requireNonNull(api, "api");
        this.cpu = Objects.requireNonNull(cpu, "cpu");
    }

    Run run(List<LoadFixture.PreparedTransaction> transactions, int batchSize, int inFlight, Duration maxDuration)
            throws InterruptedException {
        int n = transactions.size();
        TxOutcome[] outcomes = new TxOutcome[n];
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        Set<String> kinds = ConcurrentHashMap.newKeySet();
        Workers.Timing timing = Workers.run("service-load", n, inFlight, maxDuration, ServiceClient.DEFAULT_TIMEOUT, cpu,
                i -> outcomes[i] = postOne(transactions.get(i), errors, kinds));
        return Run.of(Via.SERVICE, batchSize, inFlight, outcomes, timing, errors, Optional.empty(),
                n == 0 ? 0 : transactions.get(0).records());
    }

    private TxOutcome postOne(LoadFixture.PreparedTransaction tx, List<String> errors, Set<String> kinds) {
        long t0 = System.nanoTime();
        ServiceResponse r;
        try {
            r = api.send(ServiceRequest.postJson("/api/v1/records", tx.recordsJson()));
        } catch (ServiceUnreachableException e) {
            if (e.reason() == ServiceUnreachableException.Reason.INTERRUPTED) {
                return new TxOutcome(tx.records(), -1, -1, -1, "INTERRUPTED", -1);
            }
            note(errors, kinds, e.toString());
            return new TxOutcome(tx.records(), -1, -1, -1, "IO_FAILED", -1);
        } catch (ServiceException e) {
            note(errors, kinds, e.toString());
            return new TxOutcome(tx.records(), -1, -1, -1, "IO_FAILED", -1);
        }
        long t1 = System.nanoTime();
        return outcome(tx.records(), t1 - t0, r.status(), r.text(), m -> note(errors, kinds, m));
    }

    /**
     * What one answer means: VALID when 201 and every record was accepted (none replayed), with the block of its
     * (first) transaction; otherwise {@code HTTP_<status>} and the reason noted.
     */
    static TxOutcome outcome(int records, long requestNanos, int status, String body, Consumer<String> note) {
        if (status != 201) {
            note.accept("HTTP " + status + " " + ServiceResponse.abbreviate(body));
            return new TxOutcome(records, -1, -1, requestNanos, "HTTP_" + status, -1);
        }
        try {
            JsonObjectReader summary = JsonObjectReader.of(JsonObjectReader.asObject(Json.parse(body, "response"), "response"), "response");
            long accepted = summary.requireInteger("accepted", 0, Integer.MAX_VALUE);
            JsonArray txs = summary.requireArray("transactions");
            long block = -1;
            if (txs.size() > 0) {
                JsonValue b = JsonObjectReader.asObject(txs.get(0), "transactions[0]").get("blockNumber").orElse(null);
                if (b instanceof JsonNumber number) {
                    block = number.safeIntegerValue("blockNumber");
                }
            }
            if (accepted != records) {
                note.accept("201 with " + accepted + " of " + records + " records accepted (replays?)");
                return new TxOutcome(records, -1, -1, requestNanos, "PARTIAL", block);
            }
            return new TxOutcome(records, -1, -1, requestNanos, "VALID", block);
        } catch (RuntimeException e) {
            note.accept("unreadable 201 answer: " + e.getMessage());
            return new TxOutcome(records, -1, -1, requestNanos, "UNREADABLE", -1);
        }
    }

    private static void note(List<String> errors, Set<String> kinds, String message) {
        String kind = message.substring(0, Math.min(40, message.length()));
        if (errors.size() < MAX_ERRORS_KEPT && kinds.add(kind)) {
            errors.add(message);
        }
    }
}
