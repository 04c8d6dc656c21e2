package org.carbonledger.service.plant.live;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.Lot;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.quantity.Quantity;

/**
 * The live view's tables (V26) and a read of the readings table. Each write commits on its own connection: the
 * in-memory live state is changed only after the write returned.
 */
@Singleton
class PlantLiveStore {

    /** One stored reading, as the live view rebuilds from it. */
    record ReadingRow(DeviceId deviceId, long sequence, Instant time, Instant receivedAt, Quantity quantity) {
    }

    /** One webhook delivery due. */
    record Delivery(long id, long webhookId, String url, String secretSealed, String body, int attempts) {
    }

    /** A webhook as listed (never its secret). */
    record Webhook(long id, String url, String createdBy, Instant createdAt) {
    }

    private final DataSource dataSource;

    PlantLiveStore(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed", e);
        }
    }

    // --- device profiles -------------------------------------------------------------------------------------

    List<DeviceProfile> profiles() {
        return inTransaction("listing device profiles", c -> {
            List<DeviceProfile> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT device_id, line_name, factor_id, plausible_min, plausible_max, plausible_unit,
                      interval_seconds, batch_gtin, batch_lot FROM plant_device_profile ORDER BY device_id""");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String unit = r.getString(6);
                    String gtin = r.getString(8);
                    out.add(new DeviceProfile(new DeviceId(r.getString(1)), r.getString(2), r.getString(3),
                            Quantity.parse(r.getString(4), unit, "plausible"),
                            Quantity.parse(r.getString(5), unit, "plausible"), Duration.ofSeconds(r.getInt(7)),
                            gtin == null ? Optional.empty()
                                    : Optional.of(new BatchKey(new Gtin(gtin), new Lot(r.getString(9))))));
                }
            }
            return out;
        });
    }

    void upsertProfile(DeviceProfile p, String by, Instant at) {
        inTransaction("storing the profile of " + p.deviceId(), c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO plant_device_profile (device_id, line_name, factor_id, plausible_min, plausible_max,
                      plausible_unit, interval_seconds, batch_gtin, batch_lot, updated_by, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE line_name = VALUES(line_name), factor_id = VALUES(factor_id),
                      plausible_min = VALUES(plausible_min), plausible_max = VALUES(plausible_max),
                      plausible_unit = VALUES(plausible_unit), interval_seconds = VALUES(interval_seconds),
                      batch_gtin = VALUES(batch_gtin), batch_lot = VALUES(batch_lot),
                      updated_by = VALUES(updated_by), updated_at = VALUES(updated_at)""")) {
                s.setString(1, p.deviceId().value());
                s.setString(2, p.line());
                s.setString(3, p.factorId());
                s.setString(4, Decimals.canonical(p.plausibleMin().value()));
                s.setString(5, Decimals.canonical(p.plausibleMax().value()));
                s.setString(6, p.plausibleMin().unit().symbol());
                s.setInt(7, (int) p.interval().toSeconds());
                s.setString(8, p.batch().map(b -> b.gtin().value()).orElse(null));
                s.setString(9, p.batch().map(b -> b.lot().value()).orElse(null));
                s.setString(10, by);
                s.setTimestamp(11, utc(at));
                return s.executeUpdate();
            }
        });
    }

    boolean deleteProfile(DeviceId deviceId) {
        return inTransaction("removing the profile of " + deviceId, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM plant_device_profile WHERE device_id = ?")) {
                s.setString(1, deviceId.value());
                return s.executeUpdate() == 1;
            }
        });
    }

    // --- batch targets ----------------------------------------------------------------------------------------

    List<BatchTarget> targets() {
        return inTransaction("listing batch targets", c -> {
            List<BatchTarget> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT gtin, lot, target_per_unit, planned_amount, planned_unit, started_at, planned_end
                    FROM plant_batch_target ORDER BY gtin, lot""");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new BatchTarget(new BatchKey(new Gtin(r.getString(1)), new Lot(r.getString(2))),
                            new BigDecimal(r.getString(3)), Quantity.parse(r.getString(4), r.getString(5), "planned"),
                            instant(r.getTimestamp(6)), instant(r.getTimestamp(7))));
                }
            }
            return out;
        });
    }

    void upsertTarget(BatchTarget t, String by, Instant at) {
        inTransaction("storing the target of batch " + t.batch(), c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO plant_batch_target (gtin, lot, target_per_unit, planned_amount, planned_unit,
                      started_at, planned_end, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE target_per_unit = VALUES(target_per_unit),
                      planned_amount = VALUES(planned_amount), planned_unit = VALUES(planned_unit),
                      started_at = VALUES(started_at), planned_end = VALUES(planned_end),
                      updated_by = VALUES(updated_by), updated_at = VALUES(updated_at)""")) {
                s.setString(1, t.batch().gtin().value());
                s.setString(2, t.batch().lot().value());
                s.setString(3, Decimals.canonical(t.targetPerUnit()));
                s.setString(4, Decimals.canonical(t.planned().value()));
                s.setString(5, t.planned().unit().symbol());
                s.setTimestamp(6, utc(t.startedAt()));
                s.setTimestamp(7, utc(t.plannedEnd()));
                s.setString(8, by);
                s.setTimestamp(9, utc(at));
                return s.executeUpdate();
            }
        });
    }

    boolean deleteTarget(BatchKey batch) {
        return inTransaction("removing the target of batch " + batch, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM plant_batch_target WHERE gtin = ? AND lot = ?")) {
                s.setString(1, batch.gtin().value());
                s.setString(2, batch.lot().value());
                return s.executeUpdate() == 1;
            }
        });
    }

    // --- alert rules ------------------------------------------------------------------------------------------

    List<AlertRule> rules() {
        return inTransaction("listing alert rules", c -> {
            List<AlertRule> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, kind, subject_kind, subject_id, threshold, for_minutes, silent_intervals, severity
                    FROM plant_alert_rule ORDER BY id""");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new AlertRule(r.getLong(1), AlertRule.Kind.valueOf(r.getString(2)),
                            AlertRule.Scope.valueOf(r.getString(3)), Optional.ofNullable(r.getString(4)),
                            Optional.ofNullable(r.getString(5)).map(BigDecimal::new), r.getInt(6), r.getInt(7),
                            AlertRule.Severity.valueOf(r.getString(8))));
                }
            }
            return out;
        });
    }

    AlertRule insertRule(AlertRule rule, String by, Instant at) {
        return inTransaction("storing an alert rule", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO plant_alert_rule (kind, subject_kind, subject_id, threshold, for_minutes,
                      silent_intervals, severity, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, rule.kind().name());
                s.setString(2, rule.scope().name());
                s.setString(3, rule.subject().orElse(null));
                s.setString(4, rule.threshold().map(Decimals::canonical).orElse(null));
                s.setInt(5, rule.forMinutes());
                s.setInt(6, rule.silentIntervals());
                s.setString(7, rule.severity().name());
                s.setString(8, by);
                s.setTimestamp(9, utc(at));
                s.executeUpdate();
                return rule.withId(generatedId(s));
            }
        });
    }

    boolean deleteRule(long id) {
        return inTransaction("removing alert rule " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM plant_alert_rule WHERE id = ?")) {
                s.setLong(1, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    // --- readings (read only: the reading path writes them) -----------------------------------------------------

    void readingsSince(Instant from, Consumer<ReadingRow> each) {
        inTransaction("reading the readings since " + from, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT device_id, sequence_no, reading_time, received_at, amount, unit FROM plant_reading
                    WHERE reading_time >= ? ORDER BY device_id, sequence_no""")) {
                s.setTimestamp(1, utc(from));
                s.setFetchSize(1000);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        each.accept(new ReadingRow(new DeviceId(r.getString(1)), r.getLong(2), instant(r.getTimestamp(3)),
                                instant(r.getTimestamp(4)), Quantity.parse(r.getString(5), r.getString(6), "quantity")));
                    }
                }
            }
            return null;
        });
    }

    /** @return when each device's latest reading arrived, however old */
    Map<DeviceId, Instant> lastReceived() {
        return inTransaction("reading when devices last reported", c -> {
            Map<DeviceId, Instant> out = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT device_id, MAX(received_at) FROM plant_reading GROUP BY device_id");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(new DeviceId(r.getString(1)), instant(r.getTimestamp(2)));
                }
            }
            return out;
        });
    }

    // --- alerts ---------------------------------------------------------------------------------------------------

    private static final String ALERT_COLUMNS = """
            id, rule_id, kind, severity, subject, message, observed, state, raised_at, acknowledged_at,
            acknowledged_by, cleared_at""";

    private static Alert alert(ResultSet r) throws SQLException {
        return new Alert(r.getLong(1), r.getLong(2), AlertRule.Kind.valueOf(r.getString(3)),
                AlertRule.Severity.valueOf(r.getString(4)), r.getString(5), r.getString(6),
                Optional.ofNullable(r.getString(7)), Alert.State.valueOf(r.getString(8)), instant(r.getTimestamp(9)),
                Optional.ofNullable(r.getTimestamp(10)).map(PlantLiveStore::instant), Optional.ofNullable(r.getString(11)),
                Optional.ofNullable(r.getTimestamp(12)).map(PlantLiveStore::instant));
    }

    /** @return the alerts not cleared, oldest first */
    List<Alert> activeAlerts() {
        return alerts("SELECT " + ALERT_COLUMNS + " FROM plant_alert WHERE state <> 'CLEARED' ORDER BY id", -1);
    }

    /** @return the newest alerts, newest first */
    List<Alert> latestAlerts(int limit) {
        return alerts("SELECT " + ALERT_COLUMNS + " FROM plant_alert ORDER BY id DESC LIMIT ?", limit);
    }

    Optional<Alert> alert(long id) {
        return inTransaction("reading alert " + id, c -> findAlert(c, id));
    }

    private List<Alert> alerts(String sql, int limit) {
        return inTransaction("listing alerts", c -> {
            List<Alert> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (limit >= 0) {
                    s.setInt(1, limit);
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(alert(r));
                    }
                }
            }
            return out;
        });
    }

    private static Optional<Alert> findAlert(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + ALERT_COLUMNS + " FROM plant_alert WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(alert(r)) : Optional.empty();
            }
        }
    }

    /**
     * Keeps a new alert and, in the same transaction, one outbox row per webhook for the event.
     *
     * @param body the webhook body for the alert, given the stored alert
     */
    Alert raise(AlertRule rule, String subject, String message, Optional<String> observed, Instant at,
                java.util.function.Function<Alert, String> body) {
        return inTransaction("raising an alert", c -> {
            long id;
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO plant_alert (rule_id, kind, severity, subject, message, observed, state, raised_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'OPEN', ?)""", Statement.RETURN_GENERATED_KEYS)) {
                s.setLong(1, rule.id());
                s.setString(2, rule.kind().name());
                s.setString(3, rule.severity().name());
                s.setString(4, truncate(subject, 120));
                s.setString(5, truncate(message, 1000));
                s.setString(6, observed.map(o -> truncate(o, 80)).orElse(null));
                s.setTimestamp(7, utc(at));
                s.executeUpdate();
                id = generatedId(s);
            }
            Alert alert = findAlert(c, id).orElseThrow();
            enqueue(c, alert, body.apply(alert), at);
            return alert;
        });
    }

    /**
     * Moves an alert to a new state if it is in {@code from}, with its outbox rows.
     *
     * @return the alert after the change, or empty if it was not in {@code from}
     */
    Optional<Alert> transition(long id, Alert.State from, Alert.State to, Optional<String> by, Instant at,
                               java.util.function.Function<Alert, String> body) {
        return inTransaction("changing alert " + id, c -> {
            String sql = to == Alert.State.ACKNOWLEDGED
                    ? "UPDATE plant_alert SET state = ?, acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND state = ?"
                    : "UPDATE plant_alert SET state = ?, cleared_at = ? WHERE id = ? AND state = ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                s.setString(i++, to.name());
                s.setTimestamp(i++, utc(at));
                if (to == Alert.State.ACKNOWLEDGED) {
                    s.setString(i++, truncate(by.orElseThrow(), 255));
                }
                s.setLong(i++, id);
                s.setString(i, from.name());
                if (s.executeUpdate() != 1) {
                    return Optional.<Alert>empty();
                }
            }
            Alert alert = findAlert(c, id).orElseThrow();
            enqueue(c, alert, body.apply(alert), at);
            return Optional.of(alert);
        });
    }

    private static void enqueue(Connection c, Alert alert, String body, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO plant_webhook_delivery (webhook_id, alert_id, body, attempts, next_attempt_at)
                SELECT id, ?, ?, 0, ? FROM plant_webhook""")) {
            s.setLong(1, alert.id());
            s.setString(2, body);
            s.setTimestamp(3, utc(at));
            s.executeUpdate();
        }
    }

    // --- webhooks ---------------------------------------------------------------------------------------------

    long insertWebhook(String url, String secretSealed, String by, Instant at) {
        return inTransaction("storing a webhook", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO plant_webhook (url, secret_sealed, created_by, created_at) VALUES (?, ?, ?, ?)""",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, url);
                s.setString(2, secretSealed);
                s.setString(3, by);
                s.setTimestamp(4, utc(at));
                s.executeUpdate();
                return generatedId(s);
            }
        });
    }

    List<Webhook> webhooks() {
        return inTransaction("listing webhooks", c -> {
            List<Webhook> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, url, created_by, created_at FROM plant_webhook ORDER BY id");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Webhook(r.getLong(1), r.getString(2), r.getString(3), instant(r.getTimestamp(4))));
                }
            }
            return out;
        });
    }

    /** Removes a webhook and its pending deliveries. */
    boolean deleteWebhook(long id) {
        return inTransaction("removing webhook " + id, c -> {
            try (PreparedStatement d = c.prepareStatement(
                    "DELETE FROM plant_webhook_delivery WHERE webhook_id = ? AND delivered_at IS NULL");
                 PreparedStatement s = c.prepareStatement("DELETE FROM plant_webhook WHERE id = ?")) {
                d.setLong(1, id);
                d.executeUpdate();
                s.setLong(1, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    List<Delivery> dueDeliveries(Instant now, int limit) {
        return inTransaction("reading due webhook deliveries", c -> {
            List<Delivery> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT d.id, d.webhook_id, w.url, w.secret_sealed, d.body, d.attempts
                    FROM plant_webhook_delivery d JOIN plant_webhook w ON w.id = d.webhook_id
                    WHERE d.delivered_at IS NULL AND d.gave_up_at IS NULL AND d.next_attempt_at <= ?
                    ORDER BY d.id LIMIT ?""")) {
                s.setTimestamp(1, utc(now));
                s.setInt(2, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Delivery(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4),
                                r.getString(5), r.getInt(6)));
                    }
                }
            }
            return out;
        });
    }

    void delivered(long deliveryId, int attempts, Instant at) {
        inTransaction("marking delivery " + deliveryId, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE plant_webhook_delivery SET delivered_at = ?, attempts = ?, last_error = NULL WHERE id = ?")) {
                s.setTimestamp(1, utc(at));
                s.setInt(2, attempts);
                s.setLong(3, deliveryId);
                return s.executeUpdate();
            }
        });
    }

    /** Records a failed attempt: tried again at {@code next}, or given up if {@code next} is empty. */
    void failed(long deliveryId, int attempts, Optional<Instant> next, String error, Instant at) {
        inTransaction("marking delivery " + deliveryId, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE plant_webhook_delivery SET attempts = ?, next_attempt_at = ?, gave_up_at = ?,
                      last_error = ? WHERE id = ?""")) {
                s.setInt(1, attempts);
                s.setTimestamp(2, utc(next.orElse(at)));
                if (next.isPresent()) {
                    s.setNull(3, Types.TIMESTAMP);
                } else {
                    s.setTimestamp(3, utc(at));
                }
                s.setString(4, truncate(error, 500));
                s.setLong(5, deliveryId);
                return s.executeUpdate();
            }
        });
    }

    private static long generatedId(Statement s) throws SQLException {
        try (ResultSet keys = s.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no generated id");
            }
            return keys.getLong(1);
        }
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
