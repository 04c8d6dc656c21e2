package org.carbonledger.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * K workers over n prepared transactions, the way both submitters keep K in flight: each worker takes the next
 * transaction as soon as its previous one is done, until all are taken or no more may start. Times the whole run
 * and samples the processes' CPU around it.
 */
final class Workers {
    /** The run's wall-clock time and the CPU snapshots taken as the clock started and stopped. */
    record Timing(long wallNanos, CpuSampler.Snapshot cpuBefore, CpuSampler.Snapshot cpuAfter) {
    }

    private Workers() {
    }

    /**
     * @param name         the workers' thread name, also used in failure messages
     * @param n            how many transactions there are; {@code each} is called with 0 … n-1, each index once at most
     * @param inFlight     workers
     * @param maxDuration  no transaction starts after this much time
     * @param longestWait  the longest one transaction may take once started (its stages' deadlines); with
     *                     {@code maxDuration} it bounds the whole run, as a backstop only
     */
    static Timing run(String name, int n, int inFlight, Duration maxDuration, Duration longestWait, CpuSampler cpu,
                      IntConsumer each) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(inFlight, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        CpuSampler.Snapshot before = cpu.snapshot();
        long start = System.nanoTime();
        long stopStarting = start + maxDuration.toNanos();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < inFlight; w++) {
            futures.add(workers.submit(() -> {
                for (int i = next.getAndIncrement(); i < n && System.nanoTime() < stopStarting; i = next.getAndIncrement()) {
                    each.accept(i);
                }
            }));
        }
        workers.shutdown();
        long backstop = maxDuration.plus(longestWait).plusMinutes(1).toNanos();
        if (!workers.awaitTermination(backstop, TimeUnit.NANOSECONDS)) {
            workers.shutdownNow();
            throw new IllegalStateException(name + " workers did not finish within " + Duration.ofNanos(backstop));
        }
        long wall = System.nanoTime() - start;
        CpuSampler.Snapshot after = cpu.snapshot();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a " + name + " worker failed", e.getCause());
            }
        }
        return new Timing(wall, before, after);
    }
}
