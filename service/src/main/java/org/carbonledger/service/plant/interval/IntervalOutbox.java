package org.carbonledger.service.plant.interval;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.reading.MeterReading;
import org.carbonledger.core.reading.ReadingsDigest;

/**
 * The interval records' outbox ({@code plant_interval_record}), the stored readings they are checked against, and
 * their refusals (kept with the readings' refusals). Each write is its own committed transaction on a connection
 * straight from the pool: a message is acknowledged to the broker only after the write returned.
 */
@Singleton
public class IntervalOutbox {

    /** Where a queued record stands. */
    public enum Status {
        /** Readings of its interval may still be arriving. */
        WAITING,
        /** Matches the stored readings; to be submitted. */
        READY,
        /** On the ledger. */
        SUBMITTED,
        /** Refused by the ledger. */
        REFUSED
    }

    /** What {@link #insert} did. */
    public enum Insert {
        /** Queued now. */
        INSERTED,
        /** The same record (same content) was queued before: a redelivery, nothing written. */
        SAME,
        /** Another record with this id is queued: nothing written. */
        CONFLICT
    }

    /**
     * A queued record.
     *
     * @param record the signed record
     * @param topic the topic it came on
     * @param status where it stands
     * @param attempts failed submission attempts so far
     * @param transactionId the transaction that wrote it, once submitted
     * @param replayed whether the ledger held it already when this service submitted it
     * @param co2eJson the CO2e the ledger computed, once submitted
     * @param ledgerCode the ledger's error code, once refused
     * @param ledgerMessage the ledger's message, once refused
     */
    public record Row(EmissionRecord record, String topic, Status status, int attempts,
                      Optional<String> transactionId, Optional<Boolean> replayed, Optional<String> co2eJson,
                      Optional<String> ledgerCode, Optional<String> ledgerMessage) {
    }

    private static final String COLUMNS = "record_json, topic, status, attempts, transaction_id, replayed, "
            + "co2e_json, ledger_code, ledger_message";
    // Readings are stored to the microsecond while their timestamps may carry nanoseconds: the window is widened by
    // a microsecond on each side and the exact bounds applied to the signed timestamps (ReadingsDigest.covered).
    private static final Duration MARGIN = Duration.ofNanos(1_000);

    private final DataSource dataSource;

    IntervalOutbox(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** Queues a record with the given status and commits. */
    Insert insert(EmissionRecord record, String topic, Status status, Instant now) {
        String hash = record.contentHash().toHex();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO plant_interval_record (record_id, device_id, period_start, period_end, topic,
                      content_sha256, record_json, status, received_at, updated_at, next_attempt_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE record_id = record_id""");
                 PreparedStatement existing = c.prepareStatement(
                         "SELECT content_sha256 FROM plant_interval_record WHERE record_id = ?")) {
                s.setString(1, record.recordId().value());
                s.setString(2, record.deviceId().value());
                s.setTimestamp(3, utc(record.periodStart()));
                s.setTimestamp(4, utc(record.periodEnd()));
                s.setString(5, truncate(topic, 255));
                s.setString(6, hash);
                s.setString(7, new String(Jcs.canonicalize(record.json()), StandardCharsets.UTF_8));
                s.setString(8, status.name());
                s.setTimestamp(9, utc(now));
                s.setTimestamp(10, utc(now));
                s.setTimestamp(11, utc(now));
                Insert result;
                if (s.executeUpdate() == 1) {
                    result = Insert.INSERTED;
                } else {
                    existing.setString(1, record.recordId().value());
                    try (ResultSet r = existing.executeQuery()) {
                        r.next();
                        result = hash.equals(r.getString(1)) ? Insert.SAME : Insert.CONFLICT;
                    }
                }
                c.commit();
                return result;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("queueing interval record " + record.recordId().value() + " failed", e);
        }
    }

    /** @return the record of this id, if queued */
    public Optional<Row> find(String recordId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT " + COLUMNS + " FROM plant_interval_record WHERE record_id = ?")) {
            s.setString(1, recordId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading interval record " + recordId + " failed", e);
        }
    }

    /** @return up to {@code limit} records in this status due by {@code now}, oldest first */
    List<Row> due(Status status, Instant now, int limit) {
        List<Row> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + """
                      FROM plant_interval_record WHERE status = ? AND next_attempt_at <= ?
                     ORDER BY received_at, record_id LIMIT ?""")) {
            s.setString(1, status.name());
            s.setTimestamp(2, utc(now));
            s.setInt(3, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(row(r));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("listing " + status + " interval records failed", e);
        }
        return out;
    }

    /** A waiting record now matches its readings. */
    void markReady(String recordId, Instant now) {
        update("UPDATE plant_interval_record SET status = 'READY', updated_at = ?, next_attempt_at = ? "
                + "WHERE record_id = ? AND status = 'WAITING'", recordId, utc(now), utc(now), recordId);
    }

    /** The ledger holds the record: written now, or found there (a replay). */
    void markSubmitted(String recordId, String transactionId, boolean replayed, String co2eJson, Instant now) {
        update("UPDATE plant_interval_record SET status = 'SUBMITTED', transaction_id = ?, replayed = ?, "
                + "co2e_json = ?, updated_at = ? WHERE record_id = ? AND status = 'READY'", recordId,
                transactionId, replayed, co2eJson, utc(now), recordId);
    }

    /** The ledger refused the record. */
    void markRefused(String recordId, String code, String message, Instant now) {
        update("UPDATE plant_interval_record SET status = 'REFUSED', ledger_code = ?, ledger_message = ?, "
                + "updated_at = ? WHERE record_id = ? AND status = 'READY'", recordId, truncate(code, 64),
                truncate(message, 1000), utc(now), recordId);
    }

    /** The submission failed without a refusal: tried again not before {@code next}. */
    void retryLater(String recordId, Instant next, Instant now) {
        update("UPDATE plant_interval_record SET attempts = attempts + 1, next_attempt_at = ?, updated_at = ? "
                + "WHERE record_id = ? AND status = 'READY'", recordId, utc(next), utc(now), recordId);
    }

    /**
     * Keeps a refusal with the readings' refusals and, for a waiting record whose grace is over, removes it from the
     * outbox in the same transaction (so the device may send a corrected record under the same id).
     */
    void refuse(IntervalRefusalReason reason, String topic, Optional<DeviceId> deviceId, String detail,
                String payloadSha256, Optional<String> waitingRecordId, Instant now, int kept) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO plant_reading_refusal (received_at, reason, topic, device_id, sequence_no, detail,
                      payload_sha256) VALUES (?, ?, ?, ?, NULL, ?, ?)""");
                 PreparedStatement trim = c.prepareStatement(
                         "DELETE FROM plant_reading_refusal WHERE id <= (SELECT MAX(id) FROM plant_reading_refusal) - ?");
                 PreparedStatement remove = c.prepareStatement(
                         "DELETE FROM plant_interval_record WHERE record_id = ? AND status = 'WAITING'")) {
                s.setTimestamp(1, utc(now));
                s.setString(2, reason.name());
                s.setString(3, truncate(topic, 255));
                s.setString(4, deviceId.map(DeviceId::value).orElse(null));
                s.setString(5, truncate(detail, 1000));
                s.setString(6, payloadSha256);
                s.executeUpdate();
                trim.setLong(1, kept);
                trim.executeUpdate();
                if (waitingRecordId.isPresent()) {
                    remove.setString(1, waitingRecordId.get());
                    remove.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("keeping a refused interval record failed", e);
        }
    }

    /**
     * @return the stored readings of the device whose timestamps lie in [start, end), ordered by sequence
     */
    List<ReadingsDigest.Covered> readings(DeviceId deviceId, Instant start, Instant end) {
        List<ReadingsDigest.Covered> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT reading_json FROM plant_reading
                     WHERE device_id = ? AND reading_time >= ? AND reading_time <= ? ORDER BY sequence_no""")) {
            s.setString(1, deviceId.value());
            s.setTimestamp(2, utc(start.minus(MARGIN)));
            s.setTimestamp(3, utc(end.plus(MARGIN)));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(ReadingsDigest.Covered.of(
                            MeterReading.parse(r.getString(1).getBytes(StandardCharsets.UTF_8))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the readings of " + deviceId + " failed", e);
        }
        return ReadingsDigest.covered(deviceId, start, end, out);
    }

    /** @return the timestamp of the device's newest stored reading (the one with the highest sequence number) */
    Optional<Instant> newestReading(DeviceId deviceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT reading_time FROM plant_reading WHERE device_id = ?
                     ORDER BY sequence_no DESC LIMIT 1""")) {
            s.setString(1, deviceId.value());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(instant(r.getTimestamp(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the newest reading of " + deviceId + " failed", e);
        }
    }

    private void update(String sql, String recordId, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("updating interval record " + recordId + " failed", e);
        }
    }

    private static Row row(ResultSet r) throws SQLException {
        boolean replayed = r.getBoolean(6);
        Optional<Boolean> wasReplayed = r.wasNull() ? Optional.empty() : Optional.of(replayed);
        return new Row(EmissionRecord.parse(r.getString(1).getBytes(StandardCharsets.UTF_8)), r.getString(2),
                Status.valueOf(r.getString(3)), r.getInt(4), Optional.ofNullable(r.getString(5)), wasReplayed,
                Optional.ofNullable(r.getString(7)), Optional.ofNullable(r.getString(8)),
                Optional.ofNullable(r.getString(9)));
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
