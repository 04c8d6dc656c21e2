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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.reading.MeterReading;
import org.carbonledger.core.reading.ReadingVerdict;

/**
 * The readings table and the refusals table. Each write is its own committed transaction on a connection taken
 * straight from the pool: the subscriber acknowledges a message to the broker only after the write returned, so it
 * must not depend on a transaction someone else commits later.
 */
@Singleton
class ReadingStore {

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
     * Stores a verified reading and commits.
     *
     * @return false if that device's sequence number was already stored (nothing written)
     */
    boolean insert(MeterReading reading, Instant receivedAt) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO plant_reading (device_id, sequence_no, reading_time, amount, unit, interval_id,
                      content_sha256, reading_json, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE device_id = device_id""")) {
                s.setString(1, reading.deviceId().value());
                s.setLong(2, reading.sequence());
                s.setTimestamp(3, utc(reading.timestamp()));
                s.setString(4, Decimals.canonical(reading.quantity().value()));
                s.setString(5, reading.quantity().unit().symbol());
                s.setString(6, reading.intervalId().orElse(null));
                s.setString(7, reading.contentHash().toHex());
                s.setString(8, new String(reading.canonicalUtf8(), StandardCharsets.UTF_8));
                s.setTimestamp(9, utc(receivedAt));
                int rows = s.executeUpdate();
                c.commit();
                return rows == 1;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing reading " + reading.deviceId() + " #" + reading.sequence()
                    + " failed", e);
        }
    }

    /** Keeps a refusal for display and commits, dropping all but the newest {@code kept} ones. */
    void insertRefusal(ReadingVerdict.Refused refused, String topic, String payloadSha256, Instant receivedAt,
                       int kept) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO plant_reading_refusal (received_at, reason, topic, device_id, sequence_no, detail,
                      payload_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)""");
                 PreparedStatement trim = c.prepareStatement(
                         "DELETE FROM plant_reading_refusal WHERE id <= (SELECT MAX(id) FROM plant_reading_refusal) - ?")) {
                s.setTimestamp(1, utc(receivedAt));
                s.setString(2, refused.reason().name());
                s.setString(3, truncate(topic, 255));
                s.setString(4, refused.deviceId().map(DeviceId::value).orElse(null));
                if (refused.sequence().isPresent()) {
                    s.setLong(5, refused.sequence().get());
                } else {
                    s.setNull(5, java.sql.Types.BIGINT);
                }
                s.setString(6, truncate(refused.detail(), 1000));
                s.setString(7, payloadSha256);
                s.executeUpdate();
                trim.setLong(1, kept);
                trim.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("keeping a refused reading failed", e);
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
