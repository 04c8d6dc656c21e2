package org.carbonledger.service.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes of one ledger transaction to the read model, sent as JDBC batches (one round trip per table instead of
 * one per row: a 500-record transaction is a few statements, not a thousand). Runs on the connection of the
 * caller's database transaction, so it commits or rolls back with the checkpoint.
 */
final class ChangeBatch {
    private final List<Object[]> states = new ArrayList<>();
    private final List<Object[]> deletedStates = new ArrayList<>();
    private final List<Object[]> batches = new ArrayList<>();
    private final List<Object[]> deletedBatches = new ArrayList<>();
    private final List<Object[]> records = new ArrayList<>();
    private final List<Object[]> transfers = new ArrayList<>();
    private final List<Object[]> attestations = new ArrayList<>();
    private final List<Object[]> deletedRecords = new ArrayList<>();
    private final List<Object[]> designations = new ArrayList<>();
    private final List<Object[]> deletedDesignations = new ArrayList<>();
    private final List<Object[]> recordTransactions = new ArrayList<>();
    private final List<Object[]> deletedRecordTransactions = new ArrayList<>();

    void upsertState(String stateKey, String stateType, String valueJson, String transactionId, long blockNumber) {
        states.add(new Object[] {stateKey, stateType, valueJson, transactionId, blockNumber});
    }

    void deleteState(String stateKey) {
        deletedStates.add(new Object[] {stateKey});
    }

    void deleteBatch(String stateKey) {
        deletedBatches.add(new Object[] {stateKey});
    }

    void deleteRecord(String recordId) {
        deletedRecords.add(new Object[] {recordId});
    }

    void deleteDesignation(String stateKey) {
        deletedDesignations.add(new Object[] {stateKey});
    }

    void deleteRecordTransaction(String stateKey) {
        deletedRecordTransactions.add(new Object[] {stateKey});
    }

    void upsertDesignation(String stateKey, String producerMsp, String certifierMsp, LocalDateTime designatedAt,
                           String transactionId) {
        designations.add(new Object[] {stateKey, producerMsp, certifierMsp, designatedAt, transactionId});
    }

    void upsertRecordTransaction(String stateKey, String gtin, String lot, String transactionId, String holders,
                                 long blockNumber) {
        recordTransactions.add(new Object[] {stateKey, gtin, lot, transactionId, holders, blockNumber});
    }

    void upsertBatch(String stateKey, String gtin, String lot, String ownerMsp, String productName, String status,
                     String sealHash, String footprintTotal, String perUnitTotal, String declaredUnit,
                     LocalDateTime createdAt, LocalDateTime sealedAt) {
        batches.add(new Object[] {stateKey, gtin, lot, ownerMsp, productName, status, sealHash, footprintTotal,
                perUnitTotal, declaredUnit, createdAt, sealedAt});
    }

    void upsertRecord(String recordId, String stateKey, String gtin, String lot, String ownerMsp, String deviceId,
                      String stage, int scope, String co2eTotal, String transactionId, long blockNumber) {
        records.add(new Object[] {recordId, stateKey, gtin, lot, ownerMsp, deviceId, stage, scope, co2eTotal,
                transactionId, blockNumber});
    }

    void upsertTransfer(String transferId, String stateKey, String fromGtin, String fromLot, String toGtin, String toLot,
                        String senderMsp, String receiverMsp, String status, LocalDateTime shippedAt) {
        transfers.add(new Object[] {transferId, stateKey, fromGtin, fromLot, toGtin, toLot, senderMsp, receiverMsp,
                status, shippedAt});
    }

    void upsertAttestation(String attestationId, String stateKey, String gtin, String lot, String certifierMsp,
                           String verdict, String sealHash, LocalDateTime validFrom, LocalDateTime validUntil) {
        attestations.add(new Object[] {attestationId, stateKey, gtin, lot, certifierMsp, verdict, sealHash, validFrom,
                validUntil});
    }

    /** Sends every batch. Each key appears once per transaction (the caller keeps a key's last change only). */
    void execute(Connection connection) throws SQLException {
        run(connection, """
                INSERT INTO ledger_state (state_key, state_type, value_json, transaction_id, block_number)
                VALUES (?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE state_type = VALUES(state_type), value_json = VALUES(value_json),
                  transaction_id = VALUES(transaction_id), block_number = VALUES(block_number)""", states);
        run(connection, "DELETE FROM ledger_state WHERE state_key = ?", deletedStates);
        run(connection, "DELETE FROM batch_view WHERE state_key = ?", deletedBatches);
        run(connection, """
                INSERT INTO batch_view (state_key, gtin, lot, owner_msp, product_name, status, seal_hash, footprint_total,
                  per_unit_total, declared_unit, created_at, sealed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE status = VALUES(status), seal_hash = VALUES(seal_hash),
                  footprint_total = VALUES(footprint_total), per_unit_total = VALUES(per_unit_total),
                  sealed_at = VALUES(sealed_at)""", batches);
        run(connection, """
                INSERT INTO record_view (record_id, state_key, gtin, lot, owner_msp, device_id, stage, scope, co2e_total,
                  transaction_id, block_number)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE co2e_total = VALUES(co2e_total)""", records);
        run(connection, "DELETE FROM record_view WHERE record_id = ?", deletedRecords);
        run(connection, """
                INSERT INTO transfer_view (transfer_id, state_key, from_gtin, from_lot, to_gtin, to_lot, sender_msp,
                  receiver_msp, status, shipped_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE to_gtin = VALUES(to_gtin), to_lot = VALUES(to_lot), status = VALUES(status)""",
                transfers);
        run(connection, """
                INSERT INTO attestation_view (attestation_id, state_key, gtin, lot, certifier_msp, verdict, seal_hash,
                  valid_from, valid_until)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE verdict = VALUES(verdict)""", attestations);
        run(connection, "DELETE FROM designation_view WHERE state_key = ?", deletedDesignations);
        // A certifier designated again after a revocation is a new row: the revocation deleted the old one.
        run(connection, """
                INSERT INTO designation_view (state_key, producer_msp, certifier_msp, designated_at, transaction_id)
                VALUES (?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE designated_at = VALUES(designated_at), transaction_id = VALUES(transaction_id)""",
                designations);
        run(connection, "DELETE FROM record_transaction_view WHERE state_key = ?", deletedRecordTransactions);
        run(connection, """
                INSERT INTO record_transaction_view (state_key, gtin, lot, transaction_id, holders, block_number)
                VALUES (?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE holders = VALUES(holders)""", recordTransactions);
    }

    private static void run(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    bind(ps, i + 1, row[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else if (value instanceof LocalDateTime t) {
            // A wall-clock UTC value bound as such: no conversion through the JVM's zone (DATETIME holds no zone).
            ps.setObject(index, t);
        } else if (value instanceof Long l) {
            ps.setLong(index, l);
        } else if (value instanceof Integer n) {
            ps.setInt(index, n);
        } else {
            ps.setString(index, (String) value);
        }
    }

}
