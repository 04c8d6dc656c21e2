package org.carbonledger.service.pact;

import java.time.Instant;
import java.util.List;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import org.carbonledger.service.sync.LedgerStateRow;

/**
 * The {@code pact_callback_credential} table of V23__pact_callbacks.sql; every statement is explicit SQL. Rows are
 * answered as {@code clientId|setBy|setAt|callbackClientId|sealedSecret}: the first three cannot hold a '|', the
 * last two are split off from the right (the sealed secret is base64). {@code set_at} is bound as an {@code Instant}
 * (UTC), read back as the column's text, as in {@link PactGrantStore}.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface PactCallbackStore extends GenericRepository<LedgerStateRow, String> {

    @Query("""
            INSERT INTO pact_callback_credential (client_id, callback_client_id, secret_sealed, set_by, set_at)
            VALUES (:clientId, :callbackClientId, :secretSealed, :setBy, :setAt)
            ON DUPLICATE KEY UPDATE callback_client_id = VALUES(callback_client_id),
              secret_sealed = VALUES(secret_sealed), set_by = VALUES(set_by), set_at = VALUES(set_at)""")
    void upsert(String clientId, String callbackClientId, String secretSealed, String setBy, Instant setAt);

    @Query("""
            SELECT CONCAT(client_id, '|', set_by, '|', CAST(set_at AS CHAR), '|', callback_client_id, '|', secret_sealed)
            FROM pact_callback_credential WHERE client_id = :clientId""")
    List<String> find(String clientId);

    /** @return the number of rows removed: 1 or 0 */
    @Query("DELETE FROM pact_callback_credential WHERE client_id = :clientId")
    int delete(String clientId);
}
