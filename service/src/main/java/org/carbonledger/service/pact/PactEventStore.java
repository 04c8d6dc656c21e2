package org.carbonledger.service.pact;

import java.time.LocalDateTime;
import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import org.carbonledger.service.sync.LedgerStateRow;

/** The PACT event tables of V20__pact_events.sql; every statement is explicit SQL. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface PactEventStore extends GenericRepository<LedgerStateRow, String> {

    /** @return 1 when stored, 0 when (source, id) was already there */
    @Query("""
            INSERT IGNORE INTO pact_inbound_event (source, event_id, event_type, client_id, received_at, body_json)
            VALUES (:source, :eventId, :eventType, :clientId, :receivedAt, :bodyJson)""")
    int insertInbound(String source, String eventId, String eventType, String clientId, LocalDateTime receivedAt,
                      String bodyJson);

    @Query("SELECT body_json FROM pact_inbound_event WHERE event_type = :eventType ORDER BY received_at")
    List<String> inboundOfType(String eventType);

    @Query("""
            INSERT INTO pact_outbound_event (event_id, partner, event_type, body_json, status, attempts, created_at,
              next_attempt_at)
            VALUES (:eventId, :partner, :eventType, :bodyJson, 'PENDING', 0, :createdAt, :createdAt)""")
    void insertOutbound(String eventId, String partner, String eventType, String bodyJson, LocalDateTime createdAt);

    /** An answer to a request, to go to the request's source with the requesting client's callback credentials. */
    @Query("""
            INSERT INTO pact_outbound_event (event_id, partner, event_type, body_json, status, attempts, created_at,
              next_attempt_at, inbound_client_id, events_url)
            VALUES (:eventId, :partner, :eventType, :bodyJson, 'PENDING', 0, :createdAt, :createdAt, :inboundClientId,
              :eventsUrl)""")
    void insertCallback(String eventId, String partner, String eventType, String bodyJson, LocalDateTime createdAt,
                        String inboundClientId, String eventsUrl);

    /**
     * @return due events as {@code eventId|attempts|inboundClientId|eventsUrl|partner} (the middle two empty for a
     *     configured partner's events), oldest first
     */
    @Query("""
            SELECT CONCAT(event_id, '|', attempts, '|', COALESCE(inbound_client_id, ''), '|', COALESCE(events_url, ''),
              '|', partner)
            FROM pact_outbound_event WHERE status = 'PENDING' AND next_attempt_at <= :now
            ORDER BY next_attempt_at, event_id LIMIT 100""")
    List<String> dueOutbound(LocalDateTime now);

    /** Gives up on events still undelivered after PACT's 72 hours. */
    @Query("""
            UPDATE pact_outbound_event SET status = 'ABANDONED'
            WHERE status = 'PENDING' AND created_at < :cutoff""")
    void abandonOlderThan(LocalDateTime cutoff);

    @Query("SELECT body_json FROM pact_outbound_event WHERE event_id = :eventId")
    String outboundBody(String eventId);

    @Query("SELECT status FROM pact_outbound_event WHERE event_id = :eventId")
    List<String> outboundStatus(String eventId);

    /** @return {@code status|eventType|body} of a partner's events, oldest first */
    @Query("SELECT CONCAT(status, '|', event_type, '|', body_json) FROM pact_outbound_event WHERE partner = :partner "
            + "ORDER BY created_at, event_id")
    List<String> outboundOf(String partner);

    @Query("""
            UPDATE pact_outbound_event SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = :at,
              last_error = NULL WHERE event_id = :eventId""")
    void markDelivered(String eventId, LocalDateTime at);

    @Query("""
            UPDATE pact_outbound_event SET status = :status, attempts = attempts + 1, next_attempt_at = :nextAttemptAt,
              last_error = :lastError WHERE event_id = :eventId""")
    void markFailed(String eventId, String status, LocalDateTime nextAttemptAt, @Nullable String lastError);

    @Query("SELECT seal_hash FROM pact_announced_seal WHERE partner = :partner")
    List<String> announcedSeals(String partner);

    @Query("INSERT IGNORE INTO pact_announced_seal (seal_hash, partner, event_id) VALUES (:sealHash, :partner, :eventId)")
    void insertAnnounced(String sealHash, String partner, String eventId);
}
