package org.carbonledger.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.carbonledger.client.gateway.LedgerRefusal;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;

/**
 * Submits prepared {@code Records:SubmitRecords} transactions (records as the argument or in the transient map,
 * {@link RecordsIn}) with a fixed number in flight: each of K workers takes the next transaction, endorses it,
 * submits it asynchronously and waits for its commit status, then takes the next. Times each stage of each transaction; only transactions committed VALID count as throughput.
 */
final class BulkSubmitter {
    private static final int MAX_ERRORS_KEPT = 5;

    /** The status code of an endorse-only transaction that endorsed successfully. */
    static final String ENDORSED = "ENDORSED";

    private final Contract records;
    private final CpuSampler cpu;
    private final boolean endorseOnly;
    private volatile Optional<LagProbe> lagProbe = Optional.empty();

    BulkSubmitter(Contract records, CpuSampler cpu, boolean endorseOnly) {
        this.records = Objects.requireNonNull(records, "records");
        this.cpu = Objects.requireNonNull(cpu, "cpu");
        this.endorseOnly = endorseOnly;
    }

    /** From now on, hand every transaction committed VALID to this probe (or to none). */
    void probeWith(Optional<LagProbe> probe) {
        this.lagProbe = Objects.requireNonNull(probe, "probe");
    }

    /** What happened to one transaction; times in nanoseconds, -1 where the stage was not reached. */
    record TxOutcome(int records, long endorseNanos, long submitNanos, long commitNanos, String code, long block) {
        /** Committed VALID, or (endorse-only runs) endorsed. */
        boolean valid() {
            return code.equals("VALID") || code.equals(ENDORSED);
        }

        /** Reached its last stage: a commit status, or (endorse-only runs) an endorsement. */
        boolean committed() {
            return commitNanos >= 0 || code.equals(ENDORSED);
        }
    }

    /**
     * How records went in: straight through the Fabric Gateway (stages endorse, submit, commit) or through the
     * service's HTTP API (one request per transaction; its latency is in {@link TxOutcome#commitNanos}).
     */
    enum Via { GATEWAY, SERVICE }

    /** Everything measured in one run, with the CPU seconds each process used while the clock ran. */
    record Run(Via via, int batchSize, int inFlight, int recordsOffered, long wallNanos, List<TxOutcome> outcomes,
               List<String> errors, int notStarted, Map<String, Double> cpuSeconds, List<String> restarted,
               Optional<TxAnatomy> firstTransaction, int firstTransactionRecords) {
        /** The run of {@code outcomes}, one per prepared transaction, null where it never started. */
        static Run of(Via via, int batchSize, int inFlight, TxOutcome[] outcomes, Workers.Timing timing,
                      List<String> errors, Optional<TxAnatomy> firstTransaction, int firstTransactionRecords) {
            List<TxOutcome> done = new ArrayList<>();
            int offered = 0;
            int notStarted = 0;
            for (TxOutcome o : outcomes) {
                if (o != null) {
                    done.add(o);
                    offered += o.records();
                } else {
                    notStarted++;
                }
            }
            return new Run(via, batchSize, inFlight, offered, timing.wallNanos(), List.copyOf(done), List.copyOf(errors),
                    notStarted, timing.cpuAfter().since(timing.cpuBefore()),
                    timing.cpuAfter().restartedSince(timing.cpuBefore()), firstTransaction, firstTransactionRecords);
        }

        int validRecords() {
            return outcomes.stream().filter(TxOutcome::valid).mapToInt(TxOutcome::records).sum();
        }

        long count(Predicate<TxOutcome> p) {
            return outcomes.stream().filter(p).count();
        }

        double recordsPerSecond() {
            return validRecords() / (wallNanos / 1e9);
        }

        int blocks() {
            Set<Long> blocks = new TreeSet<>();
            outcomes.stream().filter(o -> o.block() >= 0).forEach(o -> blocks.add(o.block()));
            return blocks.size();
        }
    }

    /**
     * @param transactions the signed records of each transaction, prepared beforehand
     * @param inFlight     transactions in flight
     * @param maxDuration  no transaction starts after this much time
     */
    Run run(List<LoadFixture.PreparedTransaction> transactions, int batchSize, int inFlight, Duration maxDuration) throws InterruptedException {
        int n = transactions.size();
        TxOutcome[] outcomes = new TxOutcome[n];
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        Set<String> errorKinds = ConcurrentHashMap.newKeySet();
        AtomicReference<TxAnatomy> anatomy = new AtomicReference<>();
        // The deadlines of each stage bound every wait.
        Duration longest = Consortium.DEADLINES.endorse().plus(Consortium.DEADLINES.submit())
                .plus(Consortium.DEADLINES.commitStatus());
        Workers.Timing timing = Workers.run("record-load", n, inFlight, maxDuration, longest, cpu,
                i -> outcomes[i] = submitOne(transactions.get(i), errors, errorKinds, i == 0 ? anatomy : null));
        return Run.of(Via.GATEWAY, batchSize, inFlight, outcomes, timing, errors, Optional.ofNullable(anatomy.get()),
                n == 0 ? 0 : transactions.get(0).records());
    }

    /** Submits one transaction; when {@code anatomy} is given, also decodes its bytes (after the clock stopped for it). */
    private TxOutcome submitOne(LoadFixture.PreparedTransaction tx, List<String> errors, Set<String> errorKinds,
                                AtomicReference<TxAnatomy> anatomy) {
        int count = tx.records();
        long t0 = System.nanoTime();
        Transaction endorsed;
        try {
            endorsed = tx.submission().applyTo(records.newProposal("SubmitRecords")).build().endorse();
        } catch (EndorseException e) {
            note(errors, errorKinds, "endorse", e);
            return new TxOutcome(count, -1, -1, -1, "ENDORSE_FAILED", -1);
        }
        long t1 = System.nanoTime();
        if (endorseOnly) {
            if (anatomy != null) {
                anatomy.set(TxAnatomy.of(endorsed.getBytes()));
            }
            return new TxOutcome(count, t1 - t0, -1, -1, ENDORSED, -1);
        }
        SubmittedTransaction submitted;
        try {
            submitted = endorsed.submitAsync();
        } catch (SubmitException e) {
            note(errors, errorKinds, "submit", e);
            return new TxOutcome(count, t1 - t0, -1, -1, "SUBMIT_FAILED", -1);
        }
        long t2 = System.nanoTime();
        Status status;
        try {
            status = submitted.getStatus();
        } catch (CommitStatusException e) {
            note(errors, errorKinds, "commit status", e);
            return new TxOutcome(count, t1 - t0, t2 - t1, -1, "STATUS_UNKNOWN", -1);
        }
        long t3 = System.nanoTime();
        if (status.isSuccessful()) {
            lagProbe.ifPresent(p -> p.committed(tx, t3));
        }
        if (anatomy != null) {
            anatomy.set(TxAnatomy.of(endorsed.getBytes()));
        }
        if (!status.isSuccessful()) {
            note(errors, errorKinds, "commit", status.getTransactionId() + " committed " + status.getCode()
                    + " in block " + status.getBlockNumber());
        }
        return new TxOutcome(count, t1 - t0, t2 - t1, t3 - t1, status.getCode().name(), status.getBlockNumber());
    }

    private static void note(List<String> errors, Set<String> kinds, String stage, GatewayException e) {
        String why = LedgerRefusal.of(e).map(r -> r.code() + ": " + r.message())
                .orElse(e.getStatus().getCode() + ": " + e.getStatus().getDescription());
        note(errors, kinds, stage, why);
    }

    private static void note(List<String> errors, Set<String> kinds, String stage, String message) {
        String kind = stage + " " + message.substring(0, Math.min(40, message.length()));
        if (errors.size() < MAX_ERRORS_KEPT && kinds.add(kind)) {
            errors.add(stage + ": " + message);
        }
    }
}
