package org.carbonledger.service.sync;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/**
 * Writes of the read model, one statement per method. Upserts ({@code ON DUPLICATE KEY UPDATE}) make applying a
 * transaction's changes idempotent; the sync never applies a transaction twice anyway (see {@link ChangeApplier}).
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ReadModelStore extends GenericRepository<LedgerStateRow, String> {

    Optional<LedgerStateRow> findById(String stateKey);

    List<LedgerStateRow> findByStateTypeOrderByStateKey(String stateType);

    @Query("SELECT COUNT(*) FROM ledger_state")
    long countStates();

    @Query("SELECT * FROM ledger_state ORDER BY state_key")
    List<LedgerStateRow> listStates();

    /** Every applied transaction as {@code position|transactionId|blockNumber|function}, in order (for audits). */
    @Query("SELECT CONCAT(position, '|', transaction_id, '|', block_number, '|', function_name) FROM ledger_transaction ORDER BY position")
    List<String> listTransactions();

    @Query("""
            INSERT INTO ledger_state (state_key, state_type, value_json, transaction_id, block_number)
            VALUES (:stateKey, :stateType, :valueJson, :transactionId, :blockNumber)
            ON DUPLICATE KEY UPDATE state_type = VALUES(state_type), value_json = VALUES(value_json),
              transaction_id = VALUES(transaction_id), block_number = VALUES(block_number)""")
    void upsertState(String stateKey, String stateType, String valueJson, String transactionId, long blockNumber);

    @Query("DELETE FROM ledger_state WHERE state_key = :stateKey")
    void deleteState(String stateKey);

    @Query("SELECT COUNT(*) FROM ledger_transaction WHERE transaction_id = :transactionId")
    long countTransaction(String transactionId);

    @Query("""
            INSERT INTO ledger_transaction (transaction_id, block_number, position, tx_timestamp, msp_id, function_name,
              change_count)
            VALUES (:transactionId, :blockNumber, :position, :txTimestamp, :mspId, :functionName, :changeCount)""")
    void insertTransaction(String transactionId, long blockNumber, long position, LocalDateTime txTimestamp,
                           String mspId, String functionName, int changeCount);

    @Query("""
            INSERT INTO batch_view (state_key, gtin, lot, owner_msp, product_name, status, seal_hash, footprint_total,
              per_unit_total, declared_unit, created_at, sealed_at)
            VALUES (:stateKey, :gtin, :lot, :ownerMsp, :productName, :status, :sealHash, :footprintTotal, :perUnitTotal,
              :declaredUnit, :createdAt, :sealedAt)
            ON DUPLICATE KEY UPDATE status = VALUES(status), seal_hash = VALUES(seal_hash),
              footprint_total = VALUES(footprint_total), per_unit_total = VALUES(per_unit_total),
              sealed_at = VALUES(sealed_at)""")
    void upsertBatch(String stateKey, String gtin, String lot, String ownerMsp, String productName, String status,
                     @Nullable String sealHash, @Nullable String footprintTotal, @Nullable String perUnitTotal,
                     String declaredUnit, LocalDateTime createdAt, @Nullable LocalDateTime sealedAt);

    @Query("""
            INSERT INTO record_view (record_id, state_key, gtin, lot, owner_msp, device_id, stage, scope, co2e_total,
              transaction_id, block_number)
            VALUES (:recordId, :stateKey, :gtin, :lot, :ownerMsp, :deviceId, :stage, :scope, :co2eTotal,
              :transactionId, :blockNumber)
            ON DUPLICATE KEY UPDATE co2e_total = VALUES(co2e_total)""")
    void upsertRecord(String recordId, String stateKey, String gtin, String lot, String ownerMsp, String deviceId,
                      String stage, int scope, String co2eTotal, String transactionId, long blockNumber);

    @Query("""
            INSERT INTO transfer_view (transfer_id, state_key, from_gtin, from_lot, to_gtin, to_lot, sender_msp,
              receiver_msp, status, shipped_at)
            VALUES (:transferId, :stateKey, :fromGtin, :fromLot, :toGtin, :toLot, :senderMsp, :receiverMsp, :status,
              :shippedAt)
            ON DUPLICATE KEY UPDATE to_gtin = VALUES(to_gtin), to_lot = VALUES(to_lot), status = VALUES(status)""")
    void upsertTransfer(String transferId, String stateKey, String fromGtin, String fromLot, @Nullable String toGtin,
                        @Nullable String toLot, String senderMsp, String receiverMsp, String status, LocalDateTime shippedAt);

    @Query("""
            INSERT INTO attestation_view (attestation_id, state_key, gtin, lot, certifier_msp, verdict, seal_hash,
              valid_from, valid_until)
            VALUES (:attestationId, :stateKey, :gtin, :lot, :certifierMsp, :verdict, :sealHash, :validFrom, :validUntil)
            ON DUPLICATE KEY UPDATE verdict = VALUES(verdict)""")
    void upsertAttestation(String attestationId, String stateKey, String gtin, String lot, String certifierMsp,
                           String verdict, String sealHash, LocalDateTime validFrom, LocalDateTime validUntil);

    @Query("DELETE FROM batch_view WHERE state_key = :stateKey")
    void deleteBatch(String stateKey);

    @Query("SELECT block_number FROM sync_checkpoint WHERE id = 1")
    Optional<Long> checkpointBlock();

    @Query("SELECT transaction_id FROM sync_checkpoint WHERE id = 1")
    Optional<String> checkpointTransaction();

    @Query("SELECT applied_transactions FROM sync_checkpoint WHERE id = 1")
    Optional<Long> appliedTransactions();

    @Query("""
            INSERT INTO sync_checkpoint (id, block_number, transaction_id, applied_transactions, updated_at)
            VALUES (1, :blockNumber, :transactionId, :appliedTransactions, :updatedAt)
            ON DUPLICATE KEY UPDATE block_number = VALUES(block_number), transaction_id = VALUES(transaction_id),
              applied_transactions = VALUES(applied_transactions), updated_at = VALUES(updated_at)""")
    void saveCheckpoint(long blockNumber, String transactionId, long appliedTransactions, LocalDateTime updatedAt);

    @Query("DELETE FROM sync_checkpoint")
    void clearCheckpoint();

    @Query("DELETE FROM ledger_transaction")
    void clearTransactions();

    @Query("DELETE FROM ledger_state")
    void clearStates();

    @Query("DELETE FROM batch_view")
    void clearBatches();

    @Query("DELETE FROM record_view")
    void clearRecords();

    @Query("DELETE FROM transfer_view")
    void clearTransfers();

    @Query("DELETE FROM attestation_view")
    void clearAttestations();
}
