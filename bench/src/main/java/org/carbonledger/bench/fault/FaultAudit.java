package org.carbonledger.bench.fault;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.carbonledger.bench.load.Consortium;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.request.LedgerPage;

/**
 * Compares what {@link FaultLoad} was told (acknowledged record ids) with what the ledger holds for its batch, read
 * from SteelCo's own peer: every acknowledged record on the ledger (none lost), each once (none duplicated), and
 * nothing on the ledger the load never sent. It also gives the submit latencies of each fault window the suite
 * wrote to {@code windows.csv} ({@code name,fromMillis,toMillis,recoverySeconds}) against a baseline window named
 * {@code baseline}. Writes {@code audit.txt} and exits 0 only when nothing was lost or duplicated.
 */
public final class FaultAudit {
    private FaultAudit() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Options.parse(args, Map.of("--out", "", "--network-dir", "network/run"));
        Path out = Path.of(Options.required(o, "--out"));
        String[] batch = Files.readString(out.resolve("batch.txt")).trim().split(" ");
        List<String> acked = Files.readAllLines(out.resolve("acked-ids.txt"), UTF_8);
        List<String> unacknowledged = Files.readAllLines(out.resolve("unacknowledged-ids.txt"), UTF_8);

        List<String> onLedger = new ArrayList<>();
        try (Consortium consortium = new Consortium(Path.of(o.get("--network-dir")))) {
            String bookmark = "";
            do {
                JsonObject answer = consortium.evaluate(Consortium.STEELCO, LedgerOperation.LIST_RECORDS, batch[0], batch[1], "1000", bookmark);
                LedgerPage page = LedgerPage.fromJson(answer, "");
                for (JsonObject item : page.items()) {
                    onLedger.add(JsonObjectReader.of(item, "record").requireString("recordId"));
                }
                bookmark = page.items().isEmpty() ? "" : page.bookmark();
            } while (!bookmark.isEmpty());
        }

        Set<String> ledgerSet = new HashSet<>();
        int duplicated = 0;
        for (String id : onLedger) {
            if (!ledgerSet.add(id)) {
                duplicated++;
            }
        }
        Set<String> ackedSet = new HashSet<>(acked);
        int duplicateAcks = acked.size() - ackedSet.size();
        int lost = 0;
        for (String id : ackedSet) {
            if (!ledgerSet.contains(id)) {
                lost++;
            }
        }
        Set<String> sent = new HashSet<>(ackedSet);
        sent.addAll(unacknowledged);
        int unknown = 0;
        for (String id : ledgerSet) {
            if (!sent.contains(id)) {
                unknown++;
            }
        }

        StringBuilder report = new StringBuilder();
        report.append(String.format("records acknowledged %d, on the ledger %d, lost %d, duplicated %d, acknowledged twice %d, "
                + "never acknowledged %d, on the ledger but never sent %d%n", ackedSet.size(), onLedger.size(), lost, duplicated,
                duplicateAcks, unacknowledged.size(), unknown));
        report.append(windows(out));
        Files.writeString(out.resolve("audit.txt"), report.toString());
        System.out.print(report);
        boolean ok = lost == 0 && duplicated == 0 && duplicateAcks == 0 && unknown == 0 && unacknowledged.isEmpty() && !acked.isEmpty();
        System.exit(ok ? 0 : 1);
    }

    /** One line per window: acknowledged chunks, submit p50/p95/max in ms (first try to acknowledgment), recovery. */
    static String windows(Path out) throws IOException {
        Path windowsFile = out.resolve("windows.csv");
        if (!Files.exists(windowsFile)) {
            return "";
        }
        List<long[]> acks = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("acks.csv"), UTF_8)) {
            String[] f = line.split(",");
            acks.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format("%-28s %8s %9s %9s %9s %10s%n", "window", "chunks", "p50 ms", "p95 ms", "max ms", "recovery s"));
        Map<String, Long> p95s = new HashMap<>();
        for (String line : Files.readAllLines(windowsFile, UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            long from = Long.parseLong(f[1]);
            long to = Long.parseLong(f[2]);
            List<Long> latencies = new ArrayList<>();
            for (long[] a : acks) {
                // A chunk belongs to the window it was first sent in: its latency is what the fault cost it.
                if (a[0] >= from && a[0] < to) {
                    latencies.add(a[1] - a[0]);
                }
            }
            latencies.sort(null);
            long p95 = percentile(latencies, 95);
            p95s.put(f[0], p95);
            s.append(String.format("%-28s %8d %9d %9d %9d %10s%n", f[0], latencies.size(), percentile(latencies, 50), p95,
                    latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1), f.length > 3 ? f[3] : "-"));
        }
        return s.toString();
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
