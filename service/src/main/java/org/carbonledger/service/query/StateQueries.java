package org.carbonledger.service.query;

import java.util.List;
import java.util.Optional;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import org.carbonledger.service.sync.LedgerStateRow;

/**
 * Reads of the read model's copy of the world state. Listings are keyset-paginated on the state key, so a page costs
 * the same at the millionth row as at the first and pages never skip or repeat a row that was there all along.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface StateQueries extends GenericRepository<LedgerStateRow, String> {

    Optional<LedgerStateRow> findById(String stateKey);

    /** Keys in {@code [from, to)} after {@code after}, in key order. */
    @Query("""
            SELECT * FROM ledger_state WHERE state_key >= :from AND state_key < :to AND state_key > :after
            ORDER BY state_key LIMIT :limit""")
    List<LedgerStateRow> range(String from, String to, String after, int limit);

    /** Every key after {@code after}, in key order. */
    @Query("SELECT * FROM ledger_state WHERE state_key > :after ORDER BY state_key LIMIT :limit")
    List<LedgerStateRow> after(String after, int limit);

    /** Batches, optionally of one owner and in one status, after a key, in key order. */
    @Query("""
            SELECT s.* FROM batch_view b JOIN ledger_state s ON s.state_key = b.state_key
            WHERE (:owner IS NULL OR b.owner_msp = :owner) AND (:status IS NULL OR b.status = :status)
              AND b.state_key > :after
            ORDER BY b.state_key LIMIT :limit""")
    List<LedgerStateRow> batches(@io.micronaut.core.annotation.Nullable String owner,
                                 @io.micronaut.core.annotation.Nullable String status, String after, int limit);

    /** Transfers sent or received by an organization, optionally in one status, after a key, in key order. */
    @Query("""
            SELECT s.* FROM transfer_view t JOIN ledger_state s ON s.state_key = t.state_key
            WHERE ((:outbound = TRUE AND t.sender_msp = :msp) OR (:outbound = FALSE AND t.receiver_msp = :msp))
              AND (:status IS NULL OR t.status = :status) AND t.state_key > :after
            ORDER BY t.state_key LIMIT :limit""")
    List<LedgerStateRow> transfers(String msp, boolean outbound, @io.micronaut.core.annotation.Nullable String status,
                                   String after, int limit);

    /** The records of one batch, after a key, in key (record id) order. */
    @Query("""
            SELECT s.* FROM record_view r JOIN ledger_state s ON s.state_key = r.state_key
            WHERE r.gtin = :gtin AND r.lot = :lot AND r.state_key > :after
            ORDER BY r.state_key LIMIT :limit""")
    List<LedgerStateRow> records(String gtin, String lot, String after, int limit);

    /** The attestations of one batch, after a key, in key order. */
    @Query("""
            SELECT s.* FROM attestation_view a JOIN ledger_state s ON s.state_key = a.state_key
            WHERE a.gtin = :gtin AND a.lot = :lot AND a.state_key > :after
            ORDER BY a.state_key LIMIT :limit""")
    List<LedgerStateRow> attestations(String gtin, String lot, String after, int limit);

    /** Transfers shipped out of one batch, after a key, in key order. */
    @Query("""
            SELECT s.* FROM transfer_view t JOIN ledger_state s ON s.state_key = t.state_key
            WHERE t.from_gtin = :gtin AND t.from_lot = :lot AND t.state_key > :after
            ORDER BY t.state_key LIMIT :limit""")
    List<LedgerStateRow> transfersFrom(String gtin, String lot, String after, int limit);

    /**
     * Designations, optionally of one producer and of one certifier, after a key, in key order (producer, then
     * certifier).
     */
    @Query("""
            SELECT s.* FROM designation_view d JOIN ledger_state s ON s.state_key = d.state_key
            WHERE (:producer IS NULL OR d.producer_msp = :producer) AND (:certifier IS NULL OR d.certifier_msp = :certifier)
              AND d.state_key > :after
            ORDER BY d.state_key LIMIT :limit""")
    List<LedgerStateRow> designations(@io.micronaut.core.annotation.Nullable String producer,
                                      @io.micronaut.core.annotation.Nullable String certifier, String after, int limit);

    /**
     * The public traces of the transactions that added records to one batch (which organizations hold them), after a
     * key, in key order. Every member sees these, also one that holds none of the records.
     */
    @Query("""
            SELECT s.* FROM record_transaction_view t JOIN ledger_state s ON s.state_key = t.state_key
            WHERE t.gtin = :gtin AND t.lot = :lot AND t.state_key > :after
            ORDER BY t.state_key LIMIT :limit""")
    List<LedgerStateRow> recordTransactions(String gtin, String lot, String after, int limit);

    /** How many of them an organization holds the records of (holders is a comma-separated list of MSP ids). */
    @Query("SELECT COUNT(*) FROM record_transaction_view WHERE gtin = :gtin AND lot = :lot AND FIND_IN_SET(:msp, holders) > 0")
    long countRecordTransactionsHeldBy(String gtin, String lot, String msp);
}
