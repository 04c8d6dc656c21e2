package org.carbonledger.service.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.inject.Singleton;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * Checks the read model's query tables against the state rows they were derived from: a row edited in
 * {@code batch_view} or {@code record_view} (where queries, the consumer page and PACT read footprints) shows up here
 * even when {@code ledger_state} is intact.
 */
@Singleton
public class ProjectionChecks {
    private final DataSource dataSource;

    public ProjectionChecks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void check(Consumer<JsonObject> differences) {
        try {
            Connection c = dataSource.getConnection();
            batches(c, differences);
            records(c, differences);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the read model failed: " + e.getMessage(), e);
        }
    }

    private static void batches(Connection c, Consumer<JsonObject> differences) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT b.state_key, b.gtin, b.lot, b.owner_msp, b.status, b.seal_hash, b.footprint_total, b.per_unit_total,
                       s.value_json
                FROM batch_view b LEFT JOIN ledger_state s ON s.state_key = b.state_key ORDER BY b.state_key""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String key = rs.getString(1);
                String json = rs.getString(9);
                if (json == null) {
                    differences.accept(ReadModelAudit.difference("PROJECTION", key, "batch_view row without its ledger state"));
                    continue;
                }
                JsonObjectReader v = JsonObjectReader.of(Json.parseObject(json, "value"), "");
                Optional<JsonObjectReader> seal = v.has("seal") ? Optional.of(v.requireObject("seal")) : Optional.empty();
                compare(differences, key, "batch_view.gtin", rs.getString(2), v.requireString("gtin"));
                compare(differences, key, "batch_view.lot", rs.getString(3), v.requireString("lot"));
                compare(differences, key, "batch_view.owner_msp", rs.getString(4), v.requireString("ownerMspId"));
                compare(differences, key, "batch_view.status", rs.getString(5), v.requireString("status"));
                compare(differences, key, "batch_view.seal_hash", rs.getString(6), v.optionalString("sealHash").orElse(null));
                compare(differences, key, "batch_view.footprint_total", rs.getString(7),
                        seal.map(s -> s.requireObject("footprint").requireString("total")).orElse(null));
                compare(differences, key, "batch_view.per_unit_total", rs.getString(8),
                        seal.map(s -> s.requireObject("perUnit").requireString("total")).orElse(null));
            }
        }
    }

    private static void records(Connection c, Consumer<JsonObject> differences) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.state_key, r.record_id, r.gtin, r.lot, r.co2e_total, r.transaction_id, s.value_json
                FROM record_view r LEFT JOIN ledger_state s ON s.state_key = r.state_key ORDER BY r.state_key""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String key = rs.getString(1);
                String json = rs.getString(7);
                if (json == null) {
                    differences.accept(ReadModelAudit.difference("PROJECTION", key, "record_view row without its ledger state"));
                    continue;
                }
                JsonObject value = Json.parseObject(json, "value");
                JsonObjectReader v = JsonObjectReader.of(value, "");
                compare(differences, key, "record_view.record_id", rs.getString(2), v.requireString("recordId"));
                compare(differences, key, "record_view.gtin", rs.getString(3), v.requireString("gtin"));
                compare(differences, key, "record_view.lot", rs.getString(4), v.requireString("lot"));
                compare(differences, key, "record_view.co2e_total", rs.getString(5), v.requireObject("co2e").requireString("total"));
                compare(differences, key, "record_view.transaction_id", rs.getString(6), v.requireString("txId"));
            }
        }
    }

    private static void compare(Consumer<JsonObject> differences, String key, String column, String actual, String expected) {
        if (!Objects.equals(actual, expected)) {
            differences.accept(ReadModelAudit.difference("PROJECTION", key, column + " is " + quote(actual)
                    + " but the ledger state says " + quote(expected)));
        }
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
