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
 * The read model's bookkeeping: checkpoint, applied transactions, clearing for a rebuild, and reads for audits. The
 * rows of a transaction's changes are written in JDBC batches by {@link ChangeBatch}.
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

    /** One state row written directly: tests use it to tamper with the read model and prove the audits notice. */
    @Query("""
            INSERT INTO ledger_state (state_key, state_type, value_json, transaction_id, block_number)
            VALUES (:stateKey, :stateType, :valueJson, :transactionId, :blockNumber)
            ON DUPLICATE KEY UPDATE state_type = VALUES(state_type), value_json = VALUES(value_json),
              transaction_id = VALUES(transaction_id), block_number = VALUES(block_number)""")
    void upsertState(String stateKey, String stateType, String valueJson, String transactionId, long blockNumber);

    /** One state row removed directly (tests, as above). */
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

    @Query("DELETE FROM designation_view")
    void clearDesignations();

    @Query("DELETE FROM record_transaction_view")
    void clearRecordTransactions();
}
