package org.carbonledger.bench.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

import org.carbonledger.bench.load.BulkSubmitter.Run;
import org.carbonledger.bench.load.BulkSubmitter.TxOutcome;
import org.carbonledger.bench.load.BulkSubmitter.Via;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;

/** Formats measurements: a one-line summary and a CPU line per run, a table of all runs, JSON lines. */
final class Report {
    private final PrintStream out;
    private final String done;
    private final List<String> rows = new ArrayList<>();

    /** @param endorseOnly whether the runs only endorsed (then "endorsed" is reported where "committed VALID" is) */
    Report(PrintStream out, boolean endorseOnly) {
        this.out = out;
        this.done = endorseOnly ? "endorsed" : "committed VALID";
    }

    /** One labelled measurement, with what the service said about its read-model sync meanwhile, if watched. */
    record Measured(String label, Run run, Optional<SyncWatch.Observed> sync) {
        Measured(String label, Run run) {
            this(label, run, Optional.empty());
        }
    }

    /** Latency percentiles (nearest rank) of one stage over the transactions that reached it, in milliseconds. */
    record Percentiles(double p50, double p95, double p99, int count) {
        static Percentiles of(List<TxOutcome> outcomes, ToLongFunction<TxOutcome> stage) {
            return ofNanos(outcomes.stream().mapToLong(stage).toArray());
        }

        /** Of durations in nanoseconds; negative values (stage not reached) are left out. */
        static Percentiles ofNanos(long[] values) {
            long[] nanos = Arrays.stream(values).filter(v -> v >= 0).sorted().toArray();
            return new Percentiles(rank(nanos, 50), rank(nanos, 95), rank(nanos, 99), nanos.length);
        }

        private static double rank(long[] sorted, int percent) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1e6;
        }

        String text() {
            return ms(p50) + "/" + ms(p95) + "/" + ms(p99);
        }
    }

    void print(Measured m) {
        Run run = m.run();
        long valid = run.count(TxOutcome::valid);
        long invalid = run.count(o -> o.committed() && !o.valid());
        long failed = run.count(o -> !o.committed());
        Percentiles endorse = Percentiles.of(run.outcomes(), TxOutcome::endorseNanos);
        Percentiles commit = Percentiles.of(run.outcomes(), TxOutcome::commitNanos);
        boolean service = run.via() == Via.SERVICE;
        out.printf(Locale.ROOT, "%s: %d of %d records %s in %.1f s = %.0f records/s (%s; batch %d, %d in flight;"
                        + " %d %s: %d valid, %d invalid, %d failed, %d not started; %d blocks); %s%n",
                m.label(), run.validRecords(), run.recordsOffered(), done, run.wallNanos() / 1e9, run.recordsPerSecond(),
                service ? "through the service" : "direct through the Gateway",
                run.batchSize(), run.inFlight(), run.outcomes().size(), service ? "requests" : "tx", valid, invalid, failed,
                run.notStarted(), run.blocks(), service ? "request p50/p95/p99 " + commit.text() + " ms"
                        : "endorse p50/p95/p99 " + endorse.text() + " ms, commit " + commit.text() + " ms");
        m.sync().ifPresent(s -> out.println("    read-model sync: " + syncLine(s)));
        run.errors().forEach(e -> out.println("    error: " + e));
        run.firstTransaction().ifPresent(a -> out.printf(Locale.ROOT,
                "    transaction bytes per record: %.0f (arguments %.0f, write set %.0f, event %.0f, response %.0f, other %.0f)%n",
                a.envelope() / (double) run.firstTransactionRecords(), a.arguments() / (double) run.firstTransactionRecords(),
                a.writeSet() / (double) run.firstTransactionRecords(), a.event() / (double) run.firstTransactionRecords(),
                a.response() / (double) run.firstTransactionRecords(), a.other() / (double) run.firstTransactionRecords()));
        if (!run.restarted().isEmpty()) {
            out.println("    WARNING: restarted or stopped during the measurement (redeployed by someone?): " + run.restarted());
        }
        if (!run.cpuSeconds().isEmpty()) {
            out.println("    CPU, cores busy on average: " + cpuLine(run.cpuSeconds(), run.wallNanos() / 1e9));
            if (run.validRecords() > 0) {
                out.println("    CPU ms per " + (done.equals("endorsed") ? "endorsed" : "committed") + " record: "
                        + perRecordLine(run.cpuSeconds(), run.validRecords()));
            }
        }
        rows.add(String.format(Locale.ROOT, "| %-11s | %5d | %9d | %7d | %5d | %-20s | %7.1f | %9.0f | %-20s | %-20s |",
                m.label(), run.batchSize(), run.inFlight(), run.recordsOffered(), run.outcomes().size(),
                valid + "/" + invalid + "/" + failed, run.wallNanos() / 1e9, run.recordsPerSecond(),
                service ? "(service)" : endorse.text(), service ? "request " + commit.text() : commit.text()));
    }

    static String syncLine(SyncWatch.Observed s) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%d tx applied, delay from proposal to read model mean %s s, p50/p95/p99 %s/%s/%s s (service's rolling window);"
                        + " lag max %s blocks over %d scrapes",
                s.transactions(), seconds(s.meanDelaySeconds()), seconds(s.p50()), seconds(s.p95()), seconds(s.p99()),
                Double.isNaN(s.maxLagBlocks()) ? "n/a" : String.format(Locale.ROOT, "%.0f", s.maxLagBlocks()), s.scrapes()));
        s.probe().ifPresent(p -> {
            Percentiles lag = Percentiles.ofNanos(p.lagNanos());
            line.append(String.format(Locale.ROOT, "; commit to visible in the read API p50/p95/p99 %s ms over %d tx (%d never seen)",
                    lag.text(), lag.count(), p.unseen()));
            p.errors().forEach(e -> line.append("; probe error: ").append(e));
        });
        return line.toString();
    }

    private static String seconds(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Service records/s over direct records/s of each pair, in pair order; pairs where direct is 0 are left out. */
    static List<Double> ratios(List<Double> direct, List<Double> service) {
        if (direct.size() != service.size()) {
            throw new IllegalArgumentException("pairs: " + direct.size() + " direct, " + service.size() + " service");
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < direct.size(); i++) {
            if (direct.get(i) > 0) {
                ratios.add(service.get(i) / direct.get(i));
            }
        }
        return ratios;
    }

    /** The median (mean of the two middle values for an even count); NaN when empty. */
    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The comparison's verdict: every pair's ratio, their median, and the total of each side. */
    void printComparison(List<Double> direct, List<Double> service) {
        List<Double> ratios = ratios(direct, service);
        out.println();
        StringBuilder pairs = new StringBuilder();
        for (int i = 0; i < direct.size(); i++) {
            pairs.append(String.format(Locale.ROOT, "%s%.0f/%.0f", i == 0 ? "" : ", ", service.get(i), direct.get(i)));
        }
        out.printf(Locale.ROOT, "service/direct records/s per pair: %s; ratios %s; median ratio %.2f%n", pairs,
                ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList(), median(ratios));
    }

    private static String cpuLine(Map<String, Double> cpu, double wallSeconds) {
        StringBuilder line = new StringBuilder();
        double listed = 0;
        for (Map.Entry<String, Double> e : cpu.entrySet()) {
            if (e.getKey().equals(CpuSampler.MACHINE)) {
                continue;
            }
            listed += e.getValue();
            line.append(String.format(Locale.ROOT, "%s %.2f, ", e.getKey(), e.getValue() / wallSeconds));
        }
        Double machine = cpu.get(CpuSampler.MACHINE);
        if (machine != null) {
            line.append(String.format(Locale.ROOT, "other processes %.2f; machine %.2f of %d",
                    Math.max(0, machine - listed) / wallSeconds, machine / wallSeconds, Runtime.getRuntime().availableProcessors()));
        }
        return line.toString();
    }

    /** CPU per record by kind of process (chaincode JVMs, peers, orderers, this process, the whole machine). */
    private static String perRecordLine(Map<String, Double> cpu, int records) {
        // Pid-file names are chaincode-<org>, peer-<org>, orderer<n>; the label of each group, in print order.
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("chaincode", "chaincodes");
        labels.put("peer", "peers");
        labels.put("orderer", "orderers");
        labels.put("service", "services");
        labels.put("mariadb", "MariaDB");
        labels.put(CpuSampler.SELF, "load generator");
        labels.put(CpuSampler.MACHINE, "machine");
        Map<String, Double> sums = new LinkedHashMap<>();
        labels.keySet().forEach(k -> sums.put(k, 0.0));
        cpu.forEach((name, seconds) -> labels.keySet().stream()
                .filter(k -> name.equals(k) || name.startsWith(k + "-") || name.matches(Pattern.quote(k) + "\\d+"))
                .findFirst()
                .ifPresent(k -> sums.merge(k, seconds, Double::sum)));
        StringBuilder line = new StringBuilder();
        sums.forEach((k, seconds) -> line.append(line.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.2f", labels.get(k), seconds * 1000 / records)));
        return line.toString();
    }

    void printTable() {
        out.println();
        out.println("| run         | batch | in flight | records |    tx | valid/invalid/failed | seconds | records/s | endorse ms p50/95/99 | commit ms p50/95/99  |");
        out.println("|-------------|------:|----------:|--------:|------:|----------------------|--------:|----------:|----------------------|----------------------|");
        rows.forEach(out::println);
    }

    static String json(String runId, RecordsIn recordsIn, Measured m) {
        Run run = m.run();
        JsonObject.Builder cpu = JsonObject.builder();
        m.run().cpuSeconds().forEach((name, seconds) -> cpu.put(name, decimal(seconds)));
        JsonObject.Builder bytes = JsonObject.builder();
        run.firstTransaction().ifPresent(a -> bytes.put("records", run.firstTransactionRecords()).put("envelope", a.envelope())
                .put("arguments", a.arguments()).put("writeSet", a.writeSet()).put("event", a.event())
                .put("response", a.response()));
        List<JsonValue> errors = new ArrayList<>();
        run.errors().forEach(e -> errors.add(JsonString.of(e)));
        return Json.write(JsonObject.builder()
                .put("runId", runId)
                .put("label", m.label())
                .put("via", run.via().name().toLowerCase(Locale.ROOT))
                // Through the service, the service decides how records travel.
                .put("recordsIn", run.via() == Via.GATEWAY ? recordsIn.flag() : "service")
                .put("batch", run.batchSize())
                .put("inFlight", run.inFlight())
                .put("recordsOffered", run.recordsOffered())
                .put("recordsValid", run.validRecords())
                .put("transactions", run.outcomes().size())
                .put("valid", run.count(TxOutcome::valid))
                .put("invalid", run.count(o -> o.committed() && !o.valid()))
                .put("failed", run.count(o -> !o.committed()))
                .put("notStarted", run.notStarted())
                .put("blocks", run.blocks())
                .put("seconds", decimal(run.wallNanos() / 1e9))
                .put("recordsPerSecond", decimal(run.recordsPerSecond()))
                .put("endorseMs", percentiles(Percentiles.of(run.outcomes(), TxOutcome::endorseNanos)))
                .put("submitMs", percentiles(Percentiles.of(run.outcomes(), TxOutcome::submitNanos)))
                .put("commitMs", percentiles(Percentiles.of(run.outcomes(), TxOutcome::commitNanos)))
                .put("cpuSeconds", cpu.build())
                .put("sync", m.sync().map(Report::syncJson).orElse(JsonObject.empty()))
                .put("firstTransactionBytes", bytes.build())
                .put("errors", JsonArray.of(errors))
                .put("restarted", JsonArray.of(run.restarted().stream().map(r -> (JsonValue) JsonString.of(r)).toList()))
                .build());
    }

    private static JsonObject syncJson(SyncWatch.Observed s) {
        JsonObject.Builder b = JsonObject.builder().put("transactions", s.transactions())
                .put("meanDelaySeconds", decimal(s.meanDelaySeconds())).put("p50DelaySeconds", decimal(s.p50()))
                .put("p95DelaySeconds", decimal(s.p95())).put("p99DelaySeconds", decimal(s.p99()))
                .put("maxLagBlocks", decimal(s.maxLagBlocks())).put("scrapes", s.scrapes());
        s.probe().ifPresent(p -> b.put("commitToVisibleMs", percentiles(Percentiles.ofNanos(p.lagNanos()))).put("unseen", p.unseen()));
        return b.build();
    }

    private static JsonObject percentiles(Percentiles p) {
        return JsonObject.builder().put("p50", decimal(p.p50())).put("p95", decimal(p.p95())).put("p99", decimal(p.p99()))
                .put("count", p.count()).build();
    }

    private static JsonValue decimal(double v) {
        return Double.isNaN(v) ? JsonString.of("n/a") : new JsonNumber(String.format(Locale.ROOT, "%.3f", v));
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f", v);
    }
}
