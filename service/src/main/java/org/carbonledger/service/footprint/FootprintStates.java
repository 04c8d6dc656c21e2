package org.carbonledger.service.footprint;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import org.carbonledger.service.sync.LedgerStateRow;

/**
 * Reads of the read model that footprint declarations need: ledger states as the chaincode stored them (canonical
 * JSON), found through the projection tables. Read-only; the sync alone writes these tables.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface FootprintStates extends GenericRepository<LedgerStateRow, String> {

    /** @return the state JSON of one ledger key ({@code BATCH/<gtin>/<lot>}, {@code PRODUCT/<gtin>}, …) */
    @Query("SELECT value_json FROM ledger_state WHERE state_key = :stateKey")
    Optional<String> stateJson(String stateKey);

    /** @return the state JSON of several ledger keys, in no particular order */
    @Query("SELECT value_json FROM ledger_state WHERE state_key IN (:stateKeys)")
    List<String> statesJson(Collection<String> stateKeys);

    /** @return the batch state of (gtin, lot) */
    @Query("SELECT s.value_json FROM batch_view b JOIN ledger_state s ON s.state_key = b.state_key "
            + "WHERE b.gtin = :gtin AND b.lot = :lot")
    Optional<String> batchJson(String gtin, String lot);

    /** @return the states of the records stored under a batch */
    @Query("SELECT s.value_json FROM record_view r JOIN ledger_state s ON s.state_key = r.state_key "
            + "WHERE r.gtin = :gtin AND r.lot = :lot")
    List<String> recordsJson(String gtin, String lot);

    /** @return the states of a batch's attestations */
    @Query("SELECT s.value_json FROM attestation_view a JOIN ledger_state s ON s.state_key = a.state_key "
            + "WHERE a.gtin = :gtin AND a.lot = :lot")
    List<String> attestationsJson(String gtin, String lot);

    /** @return the states of all keys of one type, e.g. {@code organization} or {@code role} */
    @Query("SELECT value_json FROM ledger_state WHERE state_type = :stateType ORDER BY state_key")
    List<String> statesOfType(String stateType);

    /** @return the sealed batches of an owner as {@code gtin|lot|sealHash}, oldest seal first */
    @Query("SELECT CONCAT(gtin, '|', seal_hash, '|', lot) FROM batch_view WHERE owner_msp = :ownerMsp "
            + "AND status = 'SEALED' ORDER BY sealed_at, gtin, lot")
    List<String> sealedBatchesOf(String ownerMsp);

    /** @return sealed batches whose seal hash starts with a prefix, as {@code gtin|sealHash|lot} */
    @Query("SELECT CONCAT(gtin, '|', seal_hash, '|', lot) FROM batch_view WHERE status = 'SEALED' "
            + "AND seal_hash LIKE CONCAT(:prefix, '%')")
    List<String> sealedBatchesBySealPrefix(String prefix);

    /** @return the sealed lots of a product as {@code lot}, newest seal first, at most :limit */
    @Query("SELECT lot FROM batch_view WHERE gtin = :gtin AND status = 'SEALED' ORDER BY sealed_at DESC, lot LIMIT :limit")
    List<String> sealedLots(String gtin, int limit);

    /** @return the number of sealed lots of a product */
    @Query("SELECT COUNT(*) FROM batch_view WHERE gtin = :gtin AND status = 'SEALED'")
    long countSealedLots(String gtin);

    /** @return {@code key + U+0001 + value_json} of the given keys that exist (for comparisons with the ledger) */
    @Query("SELECT CONCAT(state_key, CHAR(1), value_json) FROM ledger_state WHERE state_key IN (:stateKeys)")
    List<String> statesWithKeys(Collection<String> stateKeys);

    /** @return the seal hash the batch projection holds, if the batch is in it and sealed */
    @Query("SELECT seal_hash FROM batch_view WHERE gtin = :gtin AND lot = :lot AND seal_hash IS NOT NULL")
    Optional<String> sealHashOf(String gtin, String lot);
}
