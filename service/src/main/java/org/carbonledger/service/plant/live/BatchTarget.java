package org.carbonledger.service.plant.live;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.quantity.Amount;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.quantity.Quantity;

/**
 * An open batch's target, against which its projected footprint is watched.
 *
 * @param batch the batch
 * @param targetPerUnit the target in kgCO2e per one unit of {@code planned}'s unit
 * @param planned the quantity planned for the batch (non-zero)
 * @param startedAt from when readings count towards the batch
 * @param plannedEnd when the batch is planned to end (after {@code startedAt}); readings after it do not count
 */
public record BatchTarget(BatchKey batch, BigDecimal targetPerUnit, Quantity planned, Instant startedAt,
                          Instant plannedEnd) {

    /** Validates each field, naming it. */
    public BatchTarget {
        Objects.requireNonNull(batch, "batch");
        targetPerUnit = Amount.of(Objects.requireNonNull(targetPerUnit, "targetPerUnit"), "targetKgCo2ePerUnit")
                .value();
        Objects.requireNonNull(planned, "planned");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(plannedEnd, "plannedEnd");
        if (planned.isZero()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, "plannedQuantity.amount", "0", "must be above 0");
        }
        if (!plannedEnd.isAfter(startedAt)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_PERIOD, "plannedEnd", plannedEnd.toString(),
                    "must be after startedAt " + startedAt);
        }
    }

    /**
     * Reads the body of {@code PUT /api/v1/plant/batches/{gtin}/{lot}}:
     * <pre>{@code {"targetKgCo2ePerUnit":"2.5","plannedQuantity":{"amount":"1000","unit":"piece"},
     *  "startedAt":"2026-12-07T06:00:00Z","plannedEnd":"2026-12-07T22:00:00Z"}}</pre>
     * ({@code startedAt} optional, default {@code now}).
     *
     * @param batch the batch of the path
     * @param body the body
     * @param now the default start
     * @return the target
     */
    public static BatchTarget fromJson(BatchKey batch, JsonObject body, Instant now) {
        JsonObjectReader r = JsonObjectReader.of(body, "");
        r.rejectUnknownMembers(List.of("targetKgCo2ePerUnit", "plannedQuantity", "startedAt", "plannedEnd"));
        BigDecimal target = Amount.parse(r.requireString("targetKgCo2ePerUnit"), "targetKgCo2ePerUnit").value();
        Quantity planned = Quantity.fromInputJson(r.requireObject("plannedQuantity").object(), "plannedQuantity");
        Instant started = r.optionalString("startedAt").map(t -> instant(t, "startedAt")).orElse(now);
        Instant end = instant(r.requireString("plannedEnd"), "plannedEnd");
        return new BatchTarget(batch, target, planned, started, end);
    }

    private static Instant instant(String text, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw LedgerRuleException.of(ErrorCode.INVALID_PERIOD, field, text,
                    "must be an ISO-8601 UTC instant like 2026-12-07T22:00:00Z");
        }
    }

    /** @return the JSON form, with the batch */
    public JsonObject toJson() {
        return JsonObject.builder().put("gtin", batch.gtin().value()).put("lot", batch.lot().value())
                .put("targetKgCo2ePerUnit", Decimals.canonical(targetPerUnit))
                .put("plannedQuantity", planned.toJson())
                .put("startedAt", startedAt.toString()).put("plannedEnd", plannedEnd.toString()).build();
    }
}
