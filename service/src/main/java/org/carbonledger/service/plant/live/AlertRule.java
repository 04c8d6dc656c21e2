package org.carbonledger.service.plant.live;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.Lot;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.quantity.Amount;
import org.carbonledger.core.quantity.Decimals;

/**
 * A rule an operator set. Each rule is watched per subject (each device, line or batch it covers); while its
 * condition holds for a subject, one alert of the rule for that subject is kept open (or acknowledged), and it is
 * cleared when the condition stops.
 *
 * @param id the rule's id (0 before it is stored)
 * @param kind what is watched
 * @param scope what kind of subject
 * @param subject the one device id, line name or batch ({@code gtin/lot}) watched; empty: every one of the scope
 * @param threshold RATE_ABOVE: kgCO2e per hour
 * @param forMinutes RATE_ABOVE: how long the rate must stay above the threshold (0: at once)
 * @param silentIntervals DEVICE_SILENT: how many expected intervals without a reading
 * @param severity how urgent
 */
public record AlertRule(long id, Kind kind, Scope scope, Optional<String> subject, Optional<BigDecimal> threshold,
                        int forMinutes, int silentIntervals, Severity severity) {

    /** What a rule watches. */
    public enum Kind {
        /** The emission rate of a device, line or batch above a threshold for N minutes. */
        RATE_ABOVE,
        /** A batch's projected footprint per unit at its planned end above its target. */
        PROJECTED_OVER_TARGET,
        /** A device without a reading for N of its expected intervals. */
        DEVICE_SILENT,
        /** A device's latest reading outside its plausible range. */
        READING_IMPLAUSIBLE
    }

    /** What a rule's subjects are. */
    public enum Scope { DEVICE, LINE, BATCH }

    /** How urgent an alert is. */
    public enum Severity { WARNING, CRITICAL }

    static final int MAX_MINUTES = 1440;
    static final int MAX_INTERVALS = 1000;

    /** Checks that the members fit the kind. */
    public AlertRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(severity, "severity");
        Scope required = switch (kind) {
            case RATE_ABOVE -> scope;
            case PROJECTED_OVER_TARGET -> Scope.BATCH;
            case DEVICE_SILENT, READING_IMPLAUSIBLE -> Scope.DEVICE;
        };
        if (scope != required) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "scope", scope.name(),
                    kind + " watches a " + required);
        }
        if (kind == Kind.RATE_ABOVE && threshold.isEmpty()) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "thresholdKgCo2ePerHour",
                    "is required for RATE_ABOVE");
        }
        if (forMinutes < 0 || forMinutes > MAX_MINUTES) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "forMinutes", Integer.toString(forMinutes),
                    "must be from 0 to " + MAX_MINUTES);
        }
        if (kind == Kind.DEVICE_SILENT && (silentIntervals < 1 || silentIntervals > MAX_INTERVALS)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "silentIntervals",
                    Integer.toString(silentIntervals), "must be from 1 to " + MAX_INTERVALS + " for DEVICE_SILENT");
        }
    }

    /**
     * Reads the body of {@code POST /api/v1/plant/alert-rules}, e.g.
     * <pre>{@code {"kind":"RATE_ABOVE","scope":"LINE","subject":"press-line-1","thresholdKgCo2ePerHour":"120",
     *  "forMinutes":5,"severity":"CRITICAL"}}</pre>
     *
     * @param body the body
     * @return the rule, id 0
     */
    public static AlertRule fromJson(JsonObject body) {
        JsonObjectReader r = JsonObjectReader.of(body, "");
        r.rejectUnknownMembers(List.of("kind", "scope", "subject", "thresholdKgCo2ePerHour", "forMinutes",
                "silentIntervals", "severity"));
        Kind kind = constant(Kind.class, r.requireString("kind"), "kind");
        Scope scope = r.optionalString("scope").map(s -> constant(Scope.class, s, "scope")).orElseGet(() -> switch (kind) {
            case RATE_ABOVE -> throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "scope",
                    "is required for RATE_ABOVE: DEVICE, LINE or BATCH");
            case PROJECTED_OVER_TARGET -> Scope.BATCH;
            case DEVICE_SILENT, READING_IMPLAUSIBLE -> Scope.DEVICE;
        });
        Optional<String> subject = r.optionalString("subject").map(s -> subject(scope, s));
        Optional<BigDecimal> threshold = r.optionalString("thresholdKgCo2ePerHour")
                .map(t -> Amount.parse(t, "thresholdKgCo2ePerHour").value());
        int forMinutes = r.has("forMinutes") ? (int) r.requireInteger("forMinutes", 0, MAX_MINUTES) : 0;
        int intervals = r.has("silentIntervals") ? (int) r.requireInteger("silentIntervals", 1, MAX_INTERVALS) : 0;
        Severity severity = r.optionalString("severity").map(s -> constant(Severity.class, s, "severity"))
                .orElse(Severity.WARNING);
        return new AlertRule(0, kind, scope, subject, threshold, forMinutes, intervals, severity);
    }

    private static String subject(Scope scope, String text) {
        if (scope == Scope.BATCH) {
            String[] parts = text.split("/", 2);
            if (parts.length != 2) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "subject", text,
                        "a batch is named <gtin>/<lot>");
            }
            return new BatchKey(Gtin.parse(parts[0], "subject"),
                    Lot.parse(parts[1], "subject")).toString();
        }
        return Token.require(text, "subject", 64);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String text, String field) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, text, "must be one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** @return the rule with its stored id */
    public AlertRule withId(long newId) {
        return new AlertRule(newId, kind, scope, subject, threshold, forMinutes, silentIntervals, severity);
    }

    /** @return whether the rule covers the subject (a device id, line name or batch as {@code gtin/lot}) */
    public boolean covers(String subjectId) {
        return subject.map(subjectId::equals).orElse(true);
    }

    /** @return the JSON form */
    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder().put("id", id).put("kind", kind.name()).put("scope", scope.name());
        subject.ifPresent(s -> b.put("subject", s));
        threshold.ifPresent(t -> b.put("thresholdKgCo2ePerHour", Decimals.canonical(t)));
        if (kind == Kind.RATE_ABOVE) {
            b.put("forMinutes", forMinutes);
        }
        if (kind == Kind.DEVICE_SILENT) {
            b.put("silentIntervals", silentIntervals);
        }
        return b.put("severity", severity.name()).build();
    }
}
