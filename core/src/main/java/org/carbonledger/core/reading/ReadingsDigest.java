package org.carbonledger.core.reading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;

/**
 * Which readings an interval's emission record covers, and the digest that names them in the record's
 * {@code evidenceSha256}: the readings of the record's device whose timestamp lies in [periodStart, periodEnd),
 * ordered by sequence number; the digest is SHA-256 of the UTF-8 RFC 8785 canonical JSON array of their content
 * hashes (lowercase hex, as {@link MeterReading#contentHash()} gives them, signature included). A gateway computes
 * it when it signs the record, the service before it submits it, a certifier holding the stream when it checks it.
 *
 * <pre>{@code
 * List<Covered> covered = ReadingsDigest.covered(deviceId, start, end, stream);
 * Hash evidence = ReadingsDigest.of(covered);           // the record's evidenceSha256
 * Quantity amount = ReadingsDigest.total(covered, Unit.KWH); // its activity amount
 * }</pre>
 */
public final class ReadingsDigest {

    /**
     * One reading as an interval sees it.
     *
     * @param deviceId the measuring device
     * @param sequence its sequence number
     * @param timestamp when it was taken
     * @param quantity what it measured
     * @param contentHash SHA-256 of the JCS of the signed reading
     */
    public record Covered(DeviceId deviceId, long sequence, Instant timestamp, Quantity quantity, Hash contentHash) {

        /** Checks for nulls. */
        public Covered {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(quantity, "quantity");
            Objects.requireNonNull(contentHash, "contentHash");
        }

        /** @return the reading as an interval sees it */
        public static Covered of(MeterReading reading) {
            Objects.requireNonNull(reading, "reading");
            return new Covered(reading.deviceId(), reading.sequence(), reading.timestamp(), reading.quantity(),
                    reading.contentHash());
        }
    }

    private ReadingsDigest() {
    }

    /**
     * @param deviceId the record's device
     * @param periodStart the record's period start (included)
     * @param periodEnd the record's period end (excluded, so adjacent intervals never share a reading)
     * @param readings a stream of readings, of any devices, in any order
     * @return the readings the record covers, ordered by sequence number
     * @throws IllegalArgumentException if two covered readings have the same sequence number
     */
    public static List<Covered> covered(DeviceId deviceId, Instant periodStart, Instant periodEnd,
                                        Collection<Covered> readings) {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(readings, "readings");
        List<Covered> out = new ArrayList<>();
        for (Covered r : readings) {
            if (r.deviceId().equals(deviceId) && !r.timestamp().isBefore(periodStart)
                    && r.timestamp().isBefore(periodEnd)) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparingLong(Covered::sequence));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).sequence() == out.get(i - 1).sequence()) {
                throw new IllegalArgumentException("two readings of " + deviceId + " have sequence "
                        + out.get(i).sequence());
            }
        }
        return List.copyOf(out);
    }

    /**
     * @param covered the covered readings, ordered by sequence number ({@link #covered})
     * @return the readings digest
     */
    public static Hash of(List<Covered> covered) {
        Objects.requireNonNull(covered, "covered");
        List<Hash> hashes = new ArrayList<>(covered.size());
        long previous = -1;
        for (Covered r : covered) {
            if (r.sequence() <= previous) {
                throw new IllegalArgumentException("readings must be ordered by sequence number, found "
                        + r.sequence() + " after " + previous);
            }
            previous = r.sequence();
            hashes.add(r.contentHash());
        }
        return ofContentHashes(hashes);
    }

    /**
     * The digest from the content hashes alone, for a gateway that keeps only those of the interval's readings.
     *
     * @param contentHashes the covered readings' content hashes, in sequence order
     * @return the readings digest
     */
    public static Hash ofContentHashes(List<Hash> contentHashes) {
        Objects.requireNonNull(contentHashes, "contentHashes");
        List<JsonString> hex = new ArrayList<>(contentHashes.size());
        for (Hash h : contentHashes) {
            hex.add(JsonString.of(h.toHex()));
        }
        return Sha256.of(Jcs.canonicalize(JsonArray.of(hex)));
    }

    /**
     * @param covered the covered readings
     * @param unit the record's activity unit
     * @return the sum of their quantities, each converted to {@code unit}, exact where the conversion is
     * @throws org.carbonledger.core.error.LedgerRuleException (UNIT_MISMATCH) if a reading's unit is of another
     *     dimension
     */
    public static Quantity total(List<Covered> covered, Unit unit) {
        Objects.requireNonNull(covered, "covered");
        Objects.requireNonNull(unit, "unit");
        BigDecimal sum = BigDecimal.ZERO;
        for (Covered r : covered) {
            sum = sum.add(r.quantity().convertTo(unit, "quantity.unit").value());
        }
        return new Quantity(sum, unit);
    }
}
