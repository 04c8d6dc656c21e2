package org.carbonledger.service.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.inject.Singleton;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredDesignation;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredRecordTransaction;

/**
 * Checks the read model's query tables against the state rows they were derived from: a row edited in
 * {@code batch_view}, {@code record_view}, {@code designation_view} or {@code record_transaction_view} (where queries, the consumer page and PACT read footprints) shows up here
 * even when {@code ledger_state} is intact. The states are read by core's state model, the same reader the sync
 * projected them with.
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
            designations(c, differences);
            recordTransactions(c, differences);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the read model failed: " + e.getMessage(), e);
        }
    }

    /** A {@code batch_view} row as stored, column for column. */
    record BatchRow(String gtin, String lot, String ownerMsp, String status, String sealHash, String footprintTotal,
                    String perUnitTotal) {
    }

    /** A {@code record_view} row as stored, column for column. */
    record RecordRow(String recordId, String gtin, String lot, String co2eTotal, String transactionId) {
    }

    /** A {@code designation_view} row as stored, column for column. */
    record DesignationRow(String producerMsp, String certifierMsp, String transactionId) {
    }

    /** A {@code record_transaction_view} row as stored, column for column. */
    record RecordTransactionRow(String gtin, String lot, String transactionId, String holders) {
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
                compareBatch(differences, key, new BatchRow(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)), json);
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
                compareRecord(differences, key, new RecordRow(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)), json);
            }
        }
    }

    private static void designations(Connection c, Consumer<JsonObject> differences) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT d.state_key, d.producer_msp, d.certifier_msp, d.transaction_id, s.value_json
                FROM designation_view d LEFT JOIN ledger_state s ON s.state_key = d.state_key ORDER BY d.state_key""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String key = rs.getString(1);
                String json = rs.getString(5);
                if (json == null) {
                    differences.accept(ReadModelAudit.difference("PROJECTION", key, "designation_view row without its ledger state"));
                    continue;
                }
                compareDesignation(differences, key, new DesignationRow(rs.getString(2), rs.getString(3), rs.getString(4)), json);
            }
        }
    }

    private static void recordTransactions(Connection c, Consumer<JsonObject> differences) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.state_key, t.gtin, t.lot, t.transaction_id, t.holders, s.value_json
                FROM record_transaction_view t LEFT JOIN ledger_state s ON s.state_key = t.state_key
                ORDER BY t.state_key""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String key = rs.getString(1);
                String json = rs.getString(6);
                if (json == null) {
                    differences.accept(ReadModelAudit.difference("PROJECTION", key,
                            "record_transaction_view row without its ledger state"));
                    continue;
                }
                compareRecordTransaction(differences, key, new RecordTransactionRow(rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)), json);
            }
        }
    }

    /** Compares a designation_view row with its designation state; an unreadable state is a difference. */
    static void compareDesignation(Consumer<JsonObject> differences, String key, DesignationRow row, String stateJson) {
        StoredDesignation d;
        try {
            d = StoredDesignation.fromJson(Json.parseObject(stateJson, "value"), key);
        } catch (LedgerRuleException | IllegalArgumentException e) {
            differences.accept(ReadModelAudit.difference("PROJECTION", key,
                    "the ledger state of this designation_view row does not read as a designation: " + e.getMessage()));
            return;
        }
        compare(differences, key, "designation_view.producer_msp", row.producerMsp(), d.producerMspId());
        compare(differences, key, "designation_view.certifier_msp", row.certifierMsp(), d.certifierMspId());
        compare(differences, key, "designation_view.transaction_id", row.transactionId(), d.txId());
    }

    /**
     * Compares a record_transaction_view row with its state: an edited holder list would tell a member that records
     * are shared with organizations other than those that hold them.
     */
    static void compareRecordTransaction(Consumer<JsonObject> differences, String key, RecordTransactionRow row,
                                         String stateJson) {
        StoredRecordTransaction t;
        try {
            t = StoredRecordTransaction.fromJson(Json.parseObject(stateJson, "value"), key);
        } catch (LedgerRuleException | IllegalArgumentException e) {
            differences.accept(ReadModelAudit.difference("PROJECTION", key,
                    "the ledger state of this record_transaction_view row does not read as a record transaction: "
                            + e.getMessage()));
            return;
        }
        compare(differences, key, "record_transaction_view.gtin", row.gtin(), t.batch().gtin().value());
        compare(differences, key, "record_transaction_view.lot", row.lot(), t.batch().lot().value());
        compare(differences, key, "record_transaction_view.transaction_id", row.transactionId(), t.txId());
        compare(differences, key, "record_transaction_view.holders", row.holders(), String.join(",", t.holders()));
    }

    /**
     * Compares a batch_view row with the batch state it was projected from. A state that no longer reads (edited in
     * {@code ledger_state}) is a difference of its own instead of failing the whole audit.
     */
    static void compareBatch(Consumer<JsonObject> differences, String key, BatchRow row, String stateJson) {
        StoredBatch b;
        try {
            b = StoredBatch.fromJson(Json.parseObject(stateJson, "value"), key);
        } catch (LedgerRuleException | IllegalArgumentException e) {
            differences.accept(ReadModelAudit.difference("PROJECTION", key,
                    "the ledger state of this batch_view row does not read as a batch: " + e.getMessage()));
            return;
        }
        compare(differences, key, "batch_view.gtin", row.gtin(), b.id().gtin().value());
        compare(differences, key, "batch_view.lot", row.lot(), b.id().lot().value());
        compare(differences, key, "batch_view.owner_msp", row.ownerMsp(), b.ownerMspId());
        compare(differences, key, "batch_view.status", row.status(), b.status());
        compare(differences, key, "batch_view.seal_hash", row.sealHash(), b.sealHash().map(Hash::toHex).orElse(null));
        compare(differences, key, "batch_view.footprint_total", row.footprintTotal(),
                b.seal().map(s -> sealTotal(s, "footprint")).orElse(null));
        compare(differences, key, "batch_view.per_unit_total", row.perUnitTotal(),
                b.seal().map(s -> sealTotal(s, "perUnit")).orElse(null));
    }

    /** Compares a record_view row with the record state it was projected from; an unreadable state is a difference. */
    static void compareRecord(Consumer<JsonObject> differences, String key, RecordRow row, String stateJson) {
        StoredRecord r;
        try {
            r = StoredRecord.fromJson(Json.parseObject(stateJson, "value"), key);
        } catch (LedgerRuleException | IllegalArgumentException e) {
            differences.accept(ReadModelAudit.difference("PROJECTION", key,
                    "the ledger state of this record_view row does not read as a record: " + e.getMessage()));
            return;
        }
        compare(differences, key, "record_view.record_id", row.recordId(), r.recordId().value());
        compare(differences, key, "record_view.gtin", row.gtin(), r.batch().gtin().value());
        compare(differences, key, "record_view.lot", row.lot(), r.batch().lot().value());
        compare(differences, key, "record_view.co2e_total", row.co2eTotal(),
                JsonObjectReader.of(r.co2eJson(), key + ".co2e").requireString("total"));
        compare(differences, key, "record_view.transaction_id", row.transactionId(), r.txId());
    }

    /** The state model keeps the seal verbatim; the read model lists two of its totals as stored. */
    private static String sealTotal(JsonObject seal, String member) {
        return JsonObjectReader.of(seal, "seal").requireObject(member).requireString("total");
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
