package org.carbonledger.service.pact;

import java.time.Instant;
import java.util.List;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import org.carbonledger.service.sync.LedgerStateRow;

/**
 * The {@code pact_grant} table of V21__pact_grants.sql; every statement is explicit SQL. Rows are answered as
 * {@code clientId|gtin|grantedBy|grantedAt} (none of the parts can hold a '|'), as {@link PactGrants} reads them.
 * {@code granted_at} is UTC: bound as an {@code Instant} (Micronaut Data converts it in the session's time zone,
 * UTC; a {@code LocalDateTime} would be taken as the JVM's local time), read back as the column's text.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface PactGrantStore extends GenericRepository<LedgerStateRow, String> {

    /** @return 1 when granted now, 0 when the grant was already there (it is left as it was) */
    @Query("""
            INSERT IGNORE INTO pact_grant (client_id, gtin, granted_by, granted_at)
            VALUES (:clientId, :gtin, :grantedBy, :grantedAt)""")
    int insert(String clientId, String gtin, String grantedBy, Instant grantedAt);

    /** @return the number of grants removed: 1 or 0 */
    @Query("DELETE FROM pact_grant WHERE client_id = :clientId AND gtin = :gtin")
    int delete(String clientId, String gtin);

    @Query("""
            SELECT CONCAT(client_id, '|', gtin, '|', granted_by, '|', CAST(granted_at AS CHAR))
            FROM pact_grant WHERE client_id = :clientId AND gtin = :gtin""")
    List<String> find(String clientId, String gtin);

    @Query("""
            SELECT CONCAT(client_id, '|', gtin, '|', granted_by, '|', CAST(granted_at AS CHAR))
            FROM pact_grant ORDER BY client_id, gtin""")
    List<String> all();

    @Query("""
            SELECT CONCAT(client_id, '|', gtin, '|', granted_by, '|', CAST(granted_at AS CHAR))
            FROM pact_grant WHERE client_id = :clientId ORDER BY gtin""")
    List<String> ofClient(String clientId);

    /** @return the GTINs granted to a client */
    @Query("SELECT gtin FROM pact_grant WHERE client_id = :clientId")
    List<String> gtinsOf(String clientId);
}
