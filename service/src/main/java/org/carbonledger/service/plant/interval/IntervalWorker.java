package org.carbonledger.service.plant.interval;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.carbonledger.client.records.RecordOutcome;
import org.carbonledger.client.records.RecordSubmitter;
import org.carbonledger.client.records.Submission;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.service.ledger.LedgerAccess;
import org.carbonledger.service.plant.PlantMqttProperties;
import org.carbonledger.service.record.RecordSubmissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox: every {@code poll-interval} it checks waiting records again (ready, still waiting, or refused
 * once the grace is over) and submits the ready ones in transactions of {@code chunk-size}, up to
 * {@code carbonledger.fabric.max-in-flight} at once, through the client's {@link RecordSubmitter} (the record API's
 * bulk path). A record the ledger holds already with the same content (an earlier attempt committed before the
 * service stopped) comes back as a replay and counts as submitted, so nothing is written twice; a ledger refusal of
 * a record marks it refused with the ledger's code and message; anything else (an unreachable ledger, a refusal of
 * the whole transaction such as a missing certifier designation) leaves the records ready and tries again after a
 * pause that doubles up to {@code max-retry-pause}.
 */
@Context
@Requires(property = "carbonledger.plant.mqtt.enabled", value = "true")
public class IntervalWorker {

    private static final Logger LOG = LoggerFactory.getLogger(IntervalWorker.class);
    private static final int MAX_WAITING_PER_ROUND = 1000;

    private final IntervalOutbox outbox;
    private final IntervalCheck check;
    private final IntervalMetrics metrics;
    private final IntervalProperties properties;
    private final int keptRefusals;
    private final RecordSubmitter submitter;
    private final int inFlight;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService rounds;
    private final ExecutorService chunks;

    IntervalWorker(IntervalOutbox outbox, IntervalCheck check, IntervalMetrics metrics, IntervalProperties properties,
                   PlantMqttProperties mqtt, LedgerAccess ledger,
                   @Value("${carbonledger.fabric.max-in-flight:16}") int maxInFlight) {
        this.outbox = outbox;
        this.check = check;
        this.metrics = metrics;
        this.properties = properties;
        this.keptRefusals = mqtt.keptRefusals();
        // One attempt per round: LedgerAccess retried read conflicts already; later attempts are the outbox's, paced.
        this.submitter = RecordSubmitter.newInstance(RecordSubmissions.ledgerCalls(ledger)).skipRefused(true)
                .maxAttempts(1).build();
        this.inFlight = Math.max(1, maxInFlight);
        this.chunks = Executors.newFixedThreadPool(inFlight, r -> daemon(r, "plant-interval-chunks"));
        this.rounds = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "plant-interval-worker"));
        long poll = Math.max(1, properties.pollInterval().toMillis());
        rounds.scheduleWithFixedDelay(this::roundLogged, poll, poll, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void roundLogged() {
        try {
            round();
        } catch (RuntimeException e) {
            // The rows stay as they are; the next round tries again.
            LOG.warn("interval records round failed: {}", e.getMessage());
        }
    }

    /** One round: waiting records checked again, then every ready record due submitted. */
    void round() {
        recheckWaiting();
        int limit = properties.chunkSize() * inFlight;
        while (submitDue(limit) == limit) {
            // A full page: there may be more due.
        }
    }

    private void recheckWaiting() {
        for (IntervalOutbox.Row row : outbox.due(IntervalOutbox.Status.WAITING, clock.instant(),
                MAX_WAITING_PER_ROUND)) {
            EmissionRecord record = row.record();
            IntervalCheck.Verdict verdict = check.againstReadings(record);
            if (verdict instanceof IntervalCheck.Verdict.Accept) {
                outbox.markReady(record.recordId().value(), clock.instant());
            } else if (verdict instanceof IntervalCheck.Verdict.Refuse r) {
                outbox.refuse(r.reason(), row.topic(), r.deviceId(), r.detail() + " (after waiting for late readings)",
                        record.contentHash().toHex(), Optional.of(record.recordId().value()), clock.instant(),
                        keptRefusals);
                metrics.refused(r.reason());
                LOG.info("interval record {} refused after waiting: {}: {}", record.recordId().value(), r.reason(),
                        r.detail());
            }
        }
    }

    /** @return how many ready records were due (submitted, refused, or put off) */
    private int submitDue(int limit) {
        List<IntervalOutbox.Row> due = outbox.due(IntervalOutbox.Status.READY, clock.instant(), limit);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 0; i < due.size(); i += properties.chunkSize()) {
            List<IntervalOutbox.Row> chunk = due.subList(i, Math.min(due.size(), i + properties.chunkSize()));
            running.add(CompletableFuture.runAsync(() -> submitChunk(chunk), chunks));
        }
        running.forEach(CompletableFuture::join);
        return due.size();
    }

    private void submitChunk(List<IntervalOutbox.Row> chunk) {
        Submission submission;
        try {
            submission = submitter.submit(chunk.stream().map(IntervalOutbox.Row::record).toList());
        } catch (RuntimeException e) {
            LOG.warn("submitting {} interval records failed, trying again later: {}", chunk.size(), e.getMessage());
            chunk.forEach(this::retryLater);
            return;
        }
        submission.failure().ifPresent(f -> LOG.warn("submitting interval records failed, trying again later: {}",
                f.getMessage()));
        for (RecordOutcome o : submission.outcomes()) {
            IntervalOutbox.Row row = chunk.get(o.index());
            String id = row.record().recordId().value();
            switch (o.status()) {
                case ACCEPTED, REPLAYED -> {
                    outbox.markSubmitted(id, o.transactionId().orElseThrow(),
                            o.status() == RecordOutcome.Status.REPLAYED,
                            Jcs.canonicalString(o.co2e().orElseThrow().toJson()), clock.instant());
                    metrics.submitted();
                }
                case REFUSED -> {
                    Refusal refusal = o.refusal().orElseThrow();
                    if (refusal.item().isPresent()) {
                        outbox.markRefused(id, refusal.code().name(), o.refusalReason().orElse(refusal.message()),
                                clock.instant());
                        metrics.refusedByLedger();
                        LOG.info("interval record {} refused by the ledger: {} {}", id, refusal.code(),
                                refusal.message());
                    } else {
                        // The whole transaction was refused (e.g. no designated certifier): no record is at fault.
                        LOG.warn("the ledger refused the transaction of {} interval records: {} {}; trying again "
                                + "later", chunk.size(), refusal.code(), refusal.message());
                        retryLater(row);
                    }
                }
                case NOT_SUBMITTED -> retryLater(row);
                default -> throw new IllegalStateException("unknown outcome " + o.status());
            }
        }
    }

    private void retryLater(IntervalOutbox.Row row) {
        Instant now = clock.instant();
        outbox.retryLater(row.record().recordId().value(), now.plus(pause(row.attempts() + 1)), now);
    }

    private Duration pause(int attempt) {
        Duration pause = properties.retryPause();
        for (int i = 1; i < attempt && pause.compareTo(properties.maxRetryPause()) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(properties.maxRetryPause()) > 0 ? properties.maxRetryPause() : pause;
    }

    @PreDestroy
    void close() throws InterruptedException {
        rounds.shutdown();
        rounds.awaitTermination(10, TimeUnit.SECONDS);
        chunks.shutdown();
    }
}
