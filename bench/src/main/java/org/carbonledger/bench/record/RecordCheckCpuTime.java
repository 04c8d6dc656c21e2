package org.carbonledger.bench.record;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The steps of {@link RecordCheckBenchmark} timed by the thread's CPU time instead of the wall clock. On a machine
 * shared with other work (the network, other builds), JMH's wall-clock scores include the time the benchmark
 * thread waited for a core; CPU time does not, so this view stays comparable between a quiet and a busy machine.
 * JMH remains the reference on a quiet machine.
 *
 * <pre>{@code
 * java -Xms256m -Xmx1g -XX:+UseParallelGC -cp bench/target/benchmarks.jar org.carbonledger.bench.record.RecordCheckCpuTime
 * }</pre>
 */
public final class RecordCheckCpuTime {
    private static final int WARMUP_SECONDS = 10;
    private static final int WINDOWS = 10;
    private static final long WINDOW_CPU_NANOS = 1_000_000_000L;

    private RecordCheckCpuTime() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        RecordCheckBenchmark b = new RecordCheckBenchmark();
        b.signRecords();
        Map<String, Supplier<Object>> steps = new LinkedHashMap<>();
        steps.put("activityRecord", b::activityRecord);
        steps.put("gasRecord", b::gasRecord);
        steps.put("verifySignature", b::verifySignature);
        steps.put("parseActivity", b::parseActivity);
        steps.put("co2eActivity", b::co2eActivity);
        steps.put("co2eGas", b::co2eGas);
        steps.put("storeActivity", b::storeActivity);
        steps.put("ledgerExtras", () -> b.ledgerExtras());
        // Warm every step first, so the JIT has settled on all of them before any is measured.
        long warmEnd = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
        int sink = 0;
        while (System.nanoTime() < warmEnd) {
            for (Supplier<Object> step : steps.values()) {
                for (int i = 0; i < 100; i++) {
                    sink += step.get().hashCode() & 1;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-16s %12s %12s %12s   (thread CPU time, %d windows of %d ms CPU each)%n",
                "step", "median µs", "min µs", "max µs", WINDOWS, WINDOW_CPU_NANOS / 1_000_000);
        for (Map.Entry<String, Supplier<Object>> step : steps.entrySet()) {
            double[] perOp = new double[WINDOWS];
            for (int w = 0; w < WINDOWS; w++) {
                long ops = 0;
                long start = threads.getCurrentThreadCpuTime();
                long used;
                do {
                    for (int i = 0; i < 64; i++) {
                        sink += step.getValue().get().hashCode() & 1;
                    }
                    ops += 64;
                    used = threads.getCurrentThreadCpuTime() - start;
                } while (used < WINDOW_CPU_NANOS);
                perOp[w] = used / 1e3 / ops;
            }
            Arrays.sort(perOp);
            System.out.printf(Locale.ROOT, "%-16s %12.3f %12.3f %12.3f%n", step.getKey(),
                    (perOp[WINDOWS / 2 - 1] + perOp[WINDOWS / 2]) / 2, perOp[0], perOp[WINDOWS - 1]);
        }
        // Keeps the results observable so the JIT cannot drop the work.
        System.out.println("(checksum " + (sink & 0xff) + ")");
    }
}
