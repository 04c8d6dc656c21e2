package org.carbonledger.core.accounting;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.quantity.Amount;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.quantity.Unit;

/**
 * A published emission factor: kg CO2e per one {@code unit} of activity.
 *
 * <p>{@code factorId} is unique on the ledger and never reused: a new version of a dataset publishes new factor
 * ids, so a record that pins a factor id always means the same number.
 *
 * @param factorId ledger-wide id, 1–64 characters of {@code A-Z a-z 0-9 . _ -}
 * @param dataset dataset name, same syntax
 * @param version dataset version, 1–32 characters of the same syntax
 * @param unit the activity unit the factor applies to
 * @param kgCo2ePerUnit the factor, non-negative, at most 18 integer and 9 fraction digits
 * @param sourceCitation where the number comes from (1–1000 characters, no control characters)
 * @param licence the licence under which it is published (1–200 characters, no control characters)
 */
public record EmissionFactor(String factorId, String dataset, String version, Unit unit, BigDecimal kgCo2ePerUnit,
                             String sourceCitation, String licence) {

    /** Validates every field. */
    public EmissionFactor {
        Token.require(Objects.requireNonNull(factorId, "factorId"), "factorId", 64);
        Token.require(Objects.requireNonNull(dataset, "dataset"), "dataset", 64);
        Token.require(Objects.requireNonNull(version, "version"), "version", 32);
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(kgCo2ePerUnit, "kgCo2ePerUnit");
        kgCo2ePerUnit = Amount.of(kgCo2ePerUnit, "kgCo2ePerUnit").value();
        requireText(Objects.requireNonNull(sourceCitation, "sourceCitation"), "sourceCitation", 1000);
        requireText(Objects.requireNonNull(licence, "licence"), "licence", 200);
    }

    private static void requireText(String text, String field, int max) {
        if (text.isBlank() || text.length() > max) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, text,
                    "must have 1 to " + max + " characters and not be blank");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, text,
                        "control character at position " + (i + 1));
            }
        }
    }

    /**
     * @param json {@code {"factorId","dataset","version","unit","kgCo2ePerUnit":"0.5703","sourceCitation","licence"}}
     * @param path its JSON path
     * @return the factor
     */
    public static EmissionFactor fromJson(JsonObject json, String path) {
        JsonObjectReader r = JsonObjectReader.of(json, path);
        r.rejectUnknownMembers(List.of("factorId", "dataset", "version", "unit", "kgCo2ePerUnit",
                "sourceCitation", "licence"));
        String factorId = Token.require(r.requireString("factorId"), r.path("factorId"), 64);
        String dataset = Token.require(r.requireString("dataset"), r.path("dataset"), 64);
        String version = Token.require(r.requireString("version"), r.path("version"), 32);
        Unit unit = Unit.parse(r.requireString("unit"), r.path("unit"));
        Amount value = Amount.parse(r.requireString("kgCo2ePerUnit"), r.path("kgCo2ePerUnit"));
        String citation = r.requireString("sourceCitation");
        requireText(citation, r.path("sourceCitation"), 1000);
        String licence = r.requireString("licence");
        requireText(licence, r.path("licence"), 200);
        return new EmissionFactor(factorId, dataset, version, unit, value.value(), citation, licence);
    }

    /** @return the JSON form read by {@link #fromJson} */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("factorId", factorId)
                .put("dataset", dataset)
                .put("version", version)
                .put("unit", unit.symbol())
                .put("kgCo2ePerUnit", Decimals.canonical(kgCo2ePerUnit))
                .put("sourceCitation", sourceCitation)
                .put("licence", licence)
                .build();
    }
}
