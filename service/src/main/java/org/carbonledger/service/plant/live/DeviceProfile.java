package org.carbonledger.service.plant.live;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.Lot;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.quantity.Quantity;

/**
 * How the live view accounts one device.
 *
 * @param deviceId the device (registered on the ledger)
 * @param line the production line it meters, 1–64 characters of {@code A-Z a-z 0-9 . _ -}
 * @param factorId the emission factor its readings are multiplied by (a factor id on the ledger)
 * @param plausibleMin the smallest plausible single reading
 * @param plausibleMax the largest plausible single reading, in the same unit
 * @param interval how often the device reports
 * @param batch the open batch its readings count towards, if any
 */
public record DeviceProfile(DeviceId deviceId, String line, String factorId, Quantity plausibleMin,
                            Quantity plausibleMax, Duration interval, Optional<BatchKey> batch) {

    static final long MAX_INTERVAL_SECONDS = 86_400;

    /** Validates each field, naming it. */
    public DeviceProfile {
        Objects.requireNonNull(deviceId, "deviceId");
        Token.require(Objects.requireNonNull(line, "line"), "line", 64);
        Token.require(Objects.requireNonNull(factorId, "factorId"), "factorId", 64);
        Objects.requireNonNull(plausibleMin, "plausibleMin");
        Objects.requireNonNull(plausibleMax, "plausibleMax");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(batch, "batch");
        if (plausibleMin.unit() != plausibleMax.unit()) {
            throw LedgerRuleException.of(ErrorCode.UNIT_MISMATCH, "plausible.unit", plausibleMax.unit().symbol(),
                    "min and max share one unit");
        }
        if (plausibleMin.value().compareTo(plausibleMax.value()) > 0) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "plausible.max",
                    Decimals.canonical(plausibleMax.value()), "must not be below plausible.min");
        }
        if (interval.toSeconds() < 1 || interval.toSeconds() > MAX_INTERVAL_SECONDS) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "expectedIntervalSeconds",
                    Long.toString(interval.toSeconds()), "must be from 1 to " + MAX_INTERVAL_SECONDS);
        }
    }

    /**
     * Reads the body of {@code PUT /api/v1/plant/devices/{deviceId}}:
     * <pre>{@code {"line":"press-line-1","factorId":"cn-grid-2022","expectedIntervalSeconds":60,
     *  "plausible":{"min":"0","max":"50","unit":"kWh"},"batch":{"gtin":"09506000134390","lot":"WM-1"}}}</pre>
     * ({@code batch} optional).
     *
     * @param deviceId the device of the path
     * @param body the body
     * @return the profile
     * @throws LedgerRuleException naming the first wrong member
     */
    public static DeviceProfile fromJson(DeviceId deviceId, JsonObject body) {
        JsonObjectReader r = JsonObjectReader.of(body, "");
        r.rejectUnknownMembers(List.of("line", "factorId", "expectedIntervalSeconds", "plausible", "batch"));
        String line = Token.require(r.requireString("line"), "line", 64);
        String factorId = Token.require(r.requireString("factorId"), "factorId", 64);
        long seconds = r.requireInteger("expectedIntervalSeconds", 1, MAX_INTERVAL_SECONDS);
        JsonObjectReader p = r.requireObject("plausible");
        p.rejectUnknownMembers(List.of("min", "max", "unit"));
        String unit = p.requireString("unit");
        Quantity min = Quantity.parse(p.requireString("min"), unit, "plausible");
        Quantity max = Quantity.parse(p.requireString("max"), unit, "plausible");
        Optional<BatchKey> batch = Optional.empty();
        if (r.has("batch")) {
            JsonObjectReader b = r.requireObject("batch");
            b.rejectUnknownMembers(List.of("gtin", "lot"));
            batch = Optional.of(new BatchKey(Gtin.parse(b.requireString("gtin"), "batch.gtin"),
                    Lot.parse(b.requireString("lot"), "batch.lot")));
        }
        return new DeviceProfile(deviceId, line, factorId, min, max, Duration.ofSeconds(seconds), batch);
    }

    /** @return the JSON form {@link #fromJson} reads, with {@code deviceId} */
    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder().put("deviceId", deviceId.value()).put("line", line)
                .put("factorId", factorId).put("expectedIntervalSeconds", interval.toSeconds())
                .put("plausible", JsonObject.builder().put("min", Decimals.canonical(plausibleMin.value()))
                        .put("max", Decimals.canonical(plausibleMax.value()))
                        .put("unit", plausibleMin.unit().symbol()).build());
        batch.ifPresent(k -> b.put("batch", JsonObject.builder().put("gtin", k.gtin().value())
                .put("lot", k.lot().value()).build()));
        return b.build();
    }

    /**
     * @param reading a reading's quantity
     * @return whether it lies within the plausible range (compared in the range's unit, exactly)
     * @throws LedgerRuleException UNIT_MISMATCH if the reading's unit cannot be converted to the range's
     */
    public boolean isPlausible(Quantity reading) {
        Quantity q = reading.convertTo(plausibleMin.unit(), "quantity.unit");
        return q.value().compareTo(plausibleMin.value()) >= 0 && q.value().compareTo(plausibleMax.value()) <= 0;
    }
}
