package org.carbonledger.core.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StateReader;

/**
 * The result of verifying a proof bundle: every check with its evidence, and the verdict.
 *
 * <pre>{@code
 * {"format":"carbonledger-verification-report/2","bundleSha256":"…","root":{"gtin","lot"},
 *  "verifiedAt":"2027-01-15T00:00:00Z","verdict":"PASS"|"FAIL",
 *  "summary":{"checks":n,"failed":n,"failedRequired":n,"attested":n,
 *             "categories":[{"category":1,"checks":n,"failed":n},…]},
 *  "checks":[{Check},…],
 *  "transactionsToCheck":["<txId>",…]}
 * }</pre>
 * The verdict is FAIL exactly when a {@linkplain Check#required() required} check failed. {@code attested} counts
 * the checks whose outcome rests on an attestation instead of a recomputation ({@link Basis#ATTESTED}): the
 * records of those batches were not disclosed to the collector. Format /2 added each check's {@code basis} and this
 * count; /1 reports (no basis) are refused rather than read as recomputed. The offline verifier
 * cannot see the ledger, so {@code transactionsToCheck} lists what an online check must ask a peer about; it adds its
 * findings with {@link #withChecks(List)}.
 *
 * @param bundleSha256 SHA-256 of the canonical form of the verified bundle
 * @param root the verified batch
 * @param verifiedAt the instant attestation validity was judged at
 * @param verdict PASS or FAIL, consistent with the checks
 * @param checks every check, in the order the steps ran
 * @param transactionsToCheck the transaction ids an online check must look up, sorted
 */
public record VerificationReport(Hash bundleSha256, BatchId root, Instant verifiedAt, Verdict verdict,
                                 List<Check> checks, SortedSet<String> transactionsToCheck) {

    /** The format id of the JSON form. */
    public static final String FORMAT = "carbonledger-verification-report/2";

    /** Copies the lists and requires the verdict to follow from the checks. */
    public VerificationReport {
        Objects.requireNonNull(bundleSha256, "bundleSha256");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        Objects.requireNonNull(verdict, "verdict");
        checks = List.copyOf(Objects.requireNonNull(checks, "checks"));
        transactionsToCheck = Collections.unmodifiableSortedSet(
                new TreeSet<>(Objects.requireNonNull(transactionsToCheck, "transactionsToCheck")));
        Verdict expected = verdictOf(checks);
        if (verdict != expected) {
            throw LedgerRuleException.of(ErrorCode.MISMATCH, "verdict", verdict.name(),
                    "the checks give " + expected);
        }
    }

    /**
     * @param bundleSha256 the verified bundle's hash
     * @param root the verified batch
     * @param verifiedAt the verification instant
     * @param checks every check
     * @param transactionsToCheck the transactions to look up online
     * @return the report, with the verdict the checks give
     */
    public static VerificationReport of(Hash bundleSha256, BatchId root, Instant verifiedAt, List<Check> checks,
                                        SortedSet<String> transactionsToCheck) {
        return new VerificationReport(bundleSha256, root, verifiedAt, verdictOf(checks), checks,
                transactionsToCheck);
    }

    private static Verdict verdictOf(List<Check> checks) {
        for (Check c : checks) {
            if (c.failsVerdict()) {
                return Verdict.FAIL;
            }
        }
        return Verdict.PASS;
    }

    /** @return true when the verdict is PASS */
    public boolean passed() {
        return verdict == Verdict.PASS;
    }

    /** @return the checks whose outcome rests on an attestation, in report order */
    public List<Check> attestedChecks() {
        return checks.stream().filter(Check::attested).toList();
    }

    /** @return every failed check, required or informational, in report order */
    public List<Check> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** @return the failed checks that fail the verdict */
    public List<Check> verdictFailures() {
        return checks.stream().filter(Check::failsVerdict).toList();
    }

    /**
     * @param id a check id
     * @return the checks with that id, in report order
     */
    public List<Check> checks(String id) {
        Objects.requireNonNull(id, "id");
        return checks.stream().filter(c -> c.id().equals(id)).toList();
    }

    /**
     * Adds checks made elsewhere (the online transaction checks, a read-model comparison) and recomputes the
     * verdict.
     *
     * @param more further checks
     * @return a new report with them appended
     */
    public VerificationReport withChecks(List<Check> more) {
        List<Check> all = new ArrayList<>(checks);
        all.addAll(Objects.requireNonNull(more, "more"));
        return of(bundleSha256, root, verifiedAt, all, transactionsToCheck);
    }

    /** @return the JSON form shown in the class description */
    public JsonObject toJson() {
        List<JsonValue> items = new ArrayList<>(checks.size());
        for (Check c : checks) {
            items.add(c.toJson());
        }
        List<JsonValue> txs = new ArrayList<>(transactionsToCheck.size());
        for (String tx : transactionsToCheck) {
            txs.add(JsonString.of(tx));
        }
        return JsonObject.builder()
                .put("format", FORMAT)
                .put("bundleSha256", bundleSha256.toHex())
                .put("root", JsonObject.builder().put("gtin", root.gtin().value()).put("lot", root.lot().value())
                        .build())
                .put("verifiedAt", verifiedAt.toString())
                .put("verdict", verdict.name())
                .put("summary", summary(checks))
                .put("checks", JsonArray.of(items))
                .put("transactionsToCheck", JsonArray.of(txs))
                .build();
    }

    private static JsonObject summary(List<Check> checks) {
        Map<CheckCategory, int[]> counts = new EnumMap<>(CheckCategory.class);
        for (CheckCategory c : CheckCategory.values()) {
            counts.put(c, new int[2]);
        }
        int failed = 0;
        int failedRequired = 0;
        int attested = 0;
        for (Check c : checks) {
            int[] n = counts.get(c.category());
            n[0]++;
            if (c.attested()) {
                attested++;
            }
            if (!c.passed()) {
                n[1]++;
                failed++;
                if (c.required()) {
                    failedRequired++;
                }
            }
        }
        List<JsonValue> categories = new ArrayList<>();
        for (Map.Entry<CheckCategory, int[]> e : counts.entrySet()) {
            categories.add(JsonObject.builder().put("category", e.getKey().number())
                    .put("title", e.getKey().title())
                    .put("checks", e.getValue()[0]).put("failed", e.getValue()[1]).build());
        }
        return JsonObject.builder().put("checks", checks.size()).put("failed", failed)
                .put("failedRequired", failedRequired).put("attested", attested)
                .put("categories", JsonArray.of(categories)).build();
    }

    /**
     * @param json a report written by {@link #toJson()}
     * @return the report
     * @throws LedgerRuleException naming the JSON path of the first problem, including a summary or verdict that
     *     does not follow from the checks
     */
    public static VerificationReport fromJson(JsonObject json) {
        JsonObjectReader r = JsonObjectReader.of(Objects.requireNonNull(json, "json"), "");
        r.rejectUnknownMembers(List.of("format", "bundleSha256", "root", "verifiedAt", "verdict", "summary",
                "checks", "transactionsToCheck"));
        String format = r.requireString("format");
        if (!format.equals(FORMAT)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "format", format,
                    "unsupported report format; expected " + FORMAT);
        }
        JsonArray items = r.requireArray("checks");
        List<Check> checks = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String p = "checks[" + i + "]";
            checks.add(Check.fromJson(JsonObjectReader.asObject(items.get(i), p), p));
        }
        if (!summary(checks).equals(r.requireObject("summary").object())) {
            throw LedgerRuleException.ofField(ErrorCode.MISMATCH, "summary", "does not match the checks");
        }
        JsonArray txs = r.requireArray("transactionsToCheck");
        TreeSet<String> ids = new TreeSet<>();
        for (int i = 0; i < txs.size(); i++) {
            String p = "transactionsToCheck[" + i + "]";
            ids.add(StateReader.txId(JsonObjectReader.asString(txs.get(i), p), p));
        }
        String verdict = StateReader.oneOf(r, "verdict", List.of(Verdict.PASS.name(), Verdict.FAIL.name()));
        return new VerificationReport(StateReader.hash(r, "bundleSha256"), StateReader.batchRef(r, "root"),
                StateReader.instant(r, "verifiedAt"), Verdict.valueOf(verdict), checks, ids);
    }

    /**
     * @param text a report as JSON text
     * @return the report
     */
    public static VerificationReport fromJson(String text) {
        return fromJson(Json.parseObject(Objects.requireNonNull(text, "text"), "report"));
    }
}
