package org.carbonledger.cli.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carbonledger.core.verify.Check;
import org.carbonledger.core.verify.CheckCategory;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.core.verify.VerificationReport;

/**
 * A verification report as a tree for people: the verdict, then each of the five parts with its checks. Passed
 * checks are counted per check id (every one is listed with {@code all}); every failed check is listed with its
 * subject, the values compared and what it means. A check that rests on an attestation rather than on a
 * recomputation (the batch's records were not disclosed to the collector) is always listed, marked
 * {@code [attested]}, so a passed verdict never hides what was taken on a certifier's word.
 */
final class ReportTree {

    private ReportTree() {
    }

    static String render(VerificationReport report, ProofBundle bundle, String onlinePeer, boolean all) {
        StringBuilder out = new StringBuilder();
        int failed = (int) report.checks().stream().filter(c -> !c.passed()).count();
        out.append("Verification of batch ").append(report.root()).append(" at ").append(report.verifiedAt())
                .append(": ").append(report.verdict()).append('\n');
        int records = bundle.batches().values().stream().mapToInt(b -> b.records().size()).sum();
        long undisclosed = bundle.batches().values().stream().filter(b -> !b.recordsDisclosed()).count();
        out.append("bundle sha256:").append(report.bundleSha256().toHex()).append(" (").append(bundle.batches().size())
                .append(" batches, ").append(records).append(" records, ").append(bundle.transfers().size())
                .append(" transfers, ").append(bundle.transactions().size()).append(" transactions)\n");
        if (undisclosed > 0) {
            out.append("records not disclosed to ").append(bundle.collection().mspId()).append(" for ")
                    .append(undisclosed).append(undisclosed == 1 ? " batch" : " batches")
                    .append(": their footprint rests on attestations\n");
        }
        out.append(onlinePeer == null ? "offline: transactions not checked against a peer (give --online)\n"
                : "online checks answered by " + onlinePeer + "\n");
        out.append(report.checks().size()).append(" checks, ").append(failed).append(" failed (")
                .append(report.verdictFailures().size()).append(" required), ")
                .append(report.attestedChecks().size()).append(" resting on attestations\n");
        CheckCategory[] categories = CheckCategory.values();
        for (int i = 0; i < categories.length; i++) {
            CheckCategory category = categories[i];
            boolean lastCategory = i == categories.length - 1;
            List<Check> checks = report.checks().stream().filter(c -> c.category() == category).toList();
            long categoryFailed = checks.stream().filter(c -> !c.passed()).count();
            out.append(lastCategory ? "└── " : "├── ").append(category.number()).append(". ").append(category.title())
                    .append(": ").append(checks.size()).append(" checks, ")
                    .append(categoryFailed == 0 ? "all passed" : categoryFailed + " failed").append('\n');
            String indent = lastCategory ? "    " : "│   ";
            List<String> lines = lines(checks, all);
            for (int j = 0; j < lines.size(); j++) {
                boolean last = j == lines.size() - 1;
                String[] parts = lines.get(j).split("\n", -1);
                out.append(indent).append(last ? "└── " : "├── ").append(parts[0]).append('\n');
                for (int k = 1; k < parts.length; k++) {
                    out.append(indent).append(last ? "    " : "│   ").append("    ").append(parts[k]).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static List<String> lines(List<Check> checks, boolean all) {
        List<String> lines = new ArrayList<>();
        Map<String, Integer> passed = new LinkedHashMap<>();
        for (Check c : checks) {
            if (c.passed() && !all && !c.attested()) {
                passed.merge(c.id(), 1, Integer::sum);
            } else {
                passed.putIfAbsent(c.id(), 0);
            }
        }
        for (Map.Entry<String, Integer> e : passed.entrySet()) {
            if (e.getValue() > 0) {
                lines.add("✓ " + e.getKey() + " ×" + e.getValue());
            }
            for (Check c : checks) {
                if (c.id().equals(e.getKey()) && (!c.passed() || all || c.attested())) {
                    lines.add((c.passed() ? "✓ " : "✗ ") + c.id() + " " + c.subject()
                            + (c.attested() ? " [attested]" : "")
                            + (c.passed() || c.required() ? "" : " (informational)") + "\n" + c.evidence()
                            + (c.passed() ? "" : "\n→ " + c.message()));
                }
            }
        }
        return lines;
    }
}
