package org.carbonledger.service.plant;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.reading.MeterReading;
import org.carbonledger.core.reading.ReadingVerdict;

/**
 * The readings table and the refusals table. A batch of messages is written in one transaction of its own, on a
 * connection taken straight from the pool: the subscriber acknowledges the batch's messages to the broker only after
 * {@link #commit} returned, so it must not depend on a transaction someone else commits later.
 */
@Singleton
class ReadingStore {

    /** Rows per INSERT: well inside the protocol's 65,535 placeholders and a packet of a few megabytes. */
    static final int ROWS_PER_STATEMENT = 250;

    /** A stored reading, for display and tests. */
    record StoredReading(DeviceId deviceId, long sequence, Instant time, String amount, String unit,
                         String contentSha256) {
    }

    /** A kept refusal, for display and tests. */
    record StoredRefusal(Instant receivedAt, String reason, String topic, Optional<String> deviceId,
                         Optional<Long> sequence, String detail) {
    }

    private final DataSource dataSource;

    ReadingStore(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(Objects.requireNonNull(dataSource, "dataSource"));
    }

    OptionalLong lastSequence(DeviceId deviceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT MAX(sequence_no) FROM plant_reading WHERE device_id = ?")) {
            s.setString(1, deviceId.value());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long max = r.getLong(1);
                return r.wasNull() ? OptionalLong.empty() : OptionalLong.of(max);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the last sequence of " + deviceId + " failed", e);
        }
    }

    /** @return the content hash of the stored reading with this device and sequence, if there is one */
    Optional<String> contentHash(DeviceId deviceId, long sequence) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT content_sha256 FROM plant_reading WHERE device_id = ? AND sequence_no = ?")) {
            s.setString(1, deviceId.value());
            s.setLong(2, sequence);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking up reading " + deviceId + " #" + sequence + " failed", e);
        }
    }

    /**
     * @param deviceIds some devices
     * @return the last stored sequence number of each of them that has any
     */
    Map<DeviceId, Long> lastSequences(Collection<DeviceId> deviceIds) {
        Map<DeviceId, Long> out = new HashMap<>();
        if (deviceIds.isEmpty()) {
            return out;
        }
        String marks = String.join(",", Collections.nCopies(deviceIds.size(), "?"));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT device_id, MAX(sequence_no) FROM plant_reading"
                     + " WHERE device_id IN (" + marks + ") GROUP BY device_id")) {
            int i = 1;
            for (DeviceId id : deviceIds) {
                s.setString(i++, id.value());
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(new DeviceId(r.getString(1)), r.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the last sequences of " + deviceIds.size() + " devices failed",
                    e);
        }
        return out;
    }

    /** A refused message to keep: the verdict, its topic and the payload's SHA-256. */
    record Refusal(ReadingVerdict.Refused refused, String topic, String payloadSha256) {
        Refusal {
            Objects.requireNonNull(refused, "refused");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(payloadSha256, "payloadSha256");
        }
    }

    /**
     * Stores verified readings and keeps refusals, all in one transaction, and commits: either everything of the
     * batch is stored or nothing is. Refusals beyond the newest {@code kept} are dropped.
     *
     * @return how many readings were inserted (a reading whose device and sequence number are already stored is not
     *     written again)
     */
    int commit(List<MeterReading> readings, List<Refusal> refusals, Instant receivedAt, int kept) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int inserted = 0;
                for (int from = 0; from < readings.size(); from += ROWS_PER_STATEMENT) {
                    inserted += insertReadings(c, readings.subList(from, Math.min(readings.size(),
                            from + ROWS_PER_STATEMENT)), receivedAt);
                }
                for (int from = 0; from < refusals.size(); from += ROWS_PER_STATEMENT) {
                    insertRefusals(c, refusals.subList(from, Math.min(refusals.size(), from + ROWS_PER_STATEMENT)),
                            receivedAt);
                }
                if (!refusals.isEmpty()) {
                    try (PreparedStatement trim = c.prepareStatement("DELETE FROM plant_reading_refusal WHERE id <= "
                            + "(SELECT MAX(id) FROM plant_reading_refusal) - ?")) {
                        trim.setLong(1, kept);
                        trim.executeUpdate();
                    }
                }
                c.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing " + readings.size() + " readings and " + refusals.size()
                    + " refusals failed", e);
        }
    }

    // One multi-row statement per slice: a round trip and a log write per batch instead of per reading.
    private static int insertReadings(Connection c, List<MeterReading> readings, Instant receivedAt)
            throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO plant_reading (device_id, sequence_no, reading_time, "
                + "amount, unit, interval_id, content_sha256, reading_json, received_at) VALUES ");
        for (int i = 0; i < readings.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        // A row already there is left alone and not counted: a second delivery of a stored reading is a no-op.
        sql.append(" ON DUPLICATE KEY UPDATE device_id = device_id");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int p = 1;
            Timestamp received = utc(receivedAt);
            for (MeterReading reading : readings) {
                s.setString(p++, reading.deviceId().value());
                s.setLong(p++, reading.sequence());
                s.setTimestamp(p++, utc(reading.timestamp()));
                s.setString(p++, Decimals.canonical(reading.quantity().value()));
                s.setString(p++, reading.quantity().unit().symbol());
                s.setString(p++, reading.intervalId().orElse(null));
                s.setString(p++, reading.contentHash().toHex());
                s.setString(p++, new String(reading.canonicalUtf8(), StandardCharsets.UTF_8));
                s.setTimestamp(p++, received);
            }
            return s.executeUpdate();
        }
    }

    private static void insertRefusals(Connection c, List<Refusal> refusals, Instant receivedAt)
            throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO plant_reading_refusal (received_at, reason, topic, "
                + "device_id, sequence_no, detail, payload_sha256) VALUES ");
        for (int i = 0; i < refusals.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?, ?, ?, ?)");
        }
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int p = 1;
            Timestamp received = utc(receivedAt);
            for (Refusal refusal : refusals) {
                ReadingVerdict.Refused r = refusal.refused();
                s.setTimestamp(p++, received);
                s.setString(p++, r.reason().name());
                s.setString(p++, truncate(refusal.topic(), 255));
                s.setString(p++, r.deviceId().map(DeviceId::value).orElse(null));
                if (r.sequence().isPresent()) {
                    s.setLong(p++, r.sequence().get());
                } else {
                    s.setNull(p++, java.sql.Types.BIGINT);
                }
                s.setString(p++, truncate(r.detail(), 1000));
                s.setString(p++, refusal.payloadSha256());
            }
            s.executeUpdate();
        }
    }

    List<StoredReading> readings(DeviceId deviceId) {
        List<StoredReading> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT sequence_no, reading_time, amount, unit, content_sha256 FROM plant_reading
                     WHERE device_id = ? ORDER BY sequence_no""")) {
            s.setString(1, deviceId.value());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredReading(deviceId, r.getLong(1), instant(r.getTimestamp(2)), r.getString(3),
                            r.getString(4), r.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("listing readings of " + deviceId + " failed", e);
        }
        return out;
    }

    List<StoredRefusal> latestRefusals(int limit) {
        List<StoredRefusal> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT received_at, reason, topic, device_id, sequence_no, detail FROM plant_reading_refusal
                     ORDER BY id DESC LIMIT ?""")) {
            s.setInt(1, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long sequence = r.getLong(5);
                    Optional<Long> seq = r.wasNull() ? Optional.empty() : Optional.of(sequence);
                    out.add(new StoredRefusal(instant(r.getTimestamp(1)), r.getString(2), r.getString(3),
                            Optional.ofNullable(r.getString(4)), seq, r.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("listing refused readings failed", e);
        }
        return out;
    }

    private static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static Instant instant(Timestamp t) {
        return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
