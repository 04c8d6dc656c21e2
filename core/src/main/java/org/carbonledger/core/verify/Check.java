package org.carbonledger.core.verify;

import java.util.List;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * One check of a verification, with the values it compared.
 *
 * <pre>{@code
 * {"id":"seal.hash","category":3,"subject":{"kind":"batch","id":"09506000134390/WM-2611-001"},"passed":true,
 *  "required":true,"basis":"RECOMPUTED","evidence":"calculated seal hash 01b3… vs stored 01b3…",
 *  "message":"the stored seal hash …"}
 * }</pre>
 *
 * @param id what was checked, one of {@link CheckIds} (or an online check's id)
 * @param category the part of end-to-end verification it belongs to
 * @param subject what it is about
 * @param passed whether the values agreed
 * @param required whether a failure fails the verdict; informational checks (e.g. one attestation that does not
 *     count while another does) are reported but do not
 * @param evidence the values compared, e.g. {@code calculated X vs stored Y}
 * @param message what the outcome means, for a person
 * @param basis whether the outcome was recomputed from data or rests on a certifier's attestation because the data
 *     was not disclosed to the collector
 */
public record Check(String id, CheckCategory category, Subject subject, boolean passed, boolean required,
                    String evidence, String message, Basis basis) {

    /** Validates the id syntax and null-checks every part. */
    public Check {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || !id.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '.' || c == '-')) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "id", id,
                    "a check id is lower-case letters, digits, '.' and '-'");
        }
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(basis, "basis");
    }

    /**
     * A check recomputed from data, the basis of every check except those standing in for undisclosed records.
     *
     * @param id the check id
     * @param category its category
     * @param subject what it is about
     * @param passed whether it passed
     * @param required whether its failure fails the verdict
     * @param evidence the values compared
     * @param message what the outcome means
     */
    public Check(String id, CheckCategory category, Subject subject, boolean passed, boolean required,
                 String evidence, String message) {
        this(id, category, subject, passed, required, evidence, message, Basis.RECOMPUTED);
    }

    /**
     * @param id the check id
     * @param category its category
     * @param subject what it is about
     * @param passed whether it passed
     * @param evidence the values compared
     * @param message what the outcome means
     * @return a check whose failure fails the verdict
     */
    public static Check required(String id, CheckCategory category, Subject subject, boolean passed,
                                 String evidence, String message) {
        return new Check(id, category, subject, passed, true, evidence, message);
    }

    /**
     * @param id the check id
     * @param category its category
     * @param subject what it is about
     * @param passed whether it passed
     * @param evidence the values compared
     * @param message what the outcome means
     * @return a check that is reported but does not decide the verdict
     */
    public static Check informational(String id, CheckCategory category, Subject subject, boolean passed,
                                      String evidence, String message) {
        return new Check(id, category, subject, passed, false, evidence, message);
    }

    /** @return true when this check failed and its failure fails the verdict */
    public boolean failsVerdict() {
        return required && !passed;
    }

    /** @return the JSON form shown in the class description */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("id", id)
                .put("category", category.number())
                .put("subject", subject.toJson())
                .put("passed", passed)
                .put("required", required)
                .put("basis", basis.name())
                .put("evidence", evidence)
                .put("message", message)
                .build();
    }

    /**
     * @param json an object written by {@link #toJson()}
     * @param path its JSON path, for error messages
     * @return the check
     */
    public static Check fromJson(JsonObject json, String path) {
        JsonObjectReader r = JsonObjectReader.of(json, path);
        r.rejectUnknownMembers(List.of("id", "category", "subject", "passed", "required", "basis", "evidence",
                "message"));
        return new Check(r.requireString("id"),
                CheckCategory.of(r.requireInteger("category", 1, 5), r.path("category")),
                Subject.fromJson(r.requireObject("subject").object(), r.path("subject")),
                r.requireBoolean("passed"), r.requireBoolean("required"),
                r.requireString("evidence"), r.requireString("message"),
                Basis.of(r.requireString("basis"), r.path("basis")));
    }

    /** @return true when the outcome rests on an attestation rather than on data the verifier recomputed */
    public boolean attested() {
        return basis == Basis.ATTESTED;
    }

    /**
     * @return e.g. {@code FAILED seal.hash (batch 09506000134390/WM-2611-001): calculated … vs stored …}, with
     *     {@code [attested]} after the subject when the check rests on an attestation
     */
    @Override
    public String toString() {
        return (passed ? "passed " : required ? "FAILED " : "failed (informational) ") + id + " (" + subject + ")"
                + (attested() ? " [attested]" : "") + ": " + evidence;
    }
}
