package org.carbonledger.service.designation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.client.ledger.Stage;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.json.JsonNull;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StoredDesignation;
import org.carbonledger.core.ledger.request.Designations;
import org.carbonledger.service.config.ApiProperties;
import org.carbonledger.service.ledger.LedgerAccess;
import org.carbonledger.service.ledger.LedgerFailure;

/**
 * LedgerAccess as the service has it, on an in-memory ledger with the chaincode's designation rules: the submitter
 * designates for its own organization; the producer must hold PRODUCER and the certifier CERTIFIER (ROLE_REQUIRED);
 * a designation is made once (ALREADY_EXISTS) and revoked only when it exists (NOT_FOUND). Every call is recorded
 * with the identity that signed it.
 */
final class DesignationLedger extends LedgerAccess {
    /** One call as the chaincode received it. */
    record Call(Identity identity, String transaction, List<String> args) {
    }

    private final String submitter;
    private final Set<String> producers;
    private final Set<String> certifiers;
    private final Map<String, Map<String, StoredDesignation>> designations = new TreeMap<>();
    private final List<Call> calls = new ArrayList<>();
    private long block = 10;

    DesignationLedger(String submitter, Set<String> producers, Set<String> certifiers) {
        super(Optional.empty(), Optional.empty(), new ApiProperties(Duration.ZERO, 100, 100, 50));
        this.submitter = submitter;
        this.producers = Set.copyOf(producers);
        this.certifiers = Set.copyOf(certifiers);
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<String> designated(String producer) {
        return List.copyOf(designations.getOrDefault(producer, Map.of()).keySet());
    }

    synchronized void clear() {
        designations.clear();
        calls.clear();
    }

    @Override
    public synchronized Committed submit(Identity identity, String contract, String transaction, String... args) {
        calls.add(new Call(identity, transaction, List.of(args)));
        String certifier = args[0];
        String txId = String.format("%064x", ++block);
        Map<String, StoredDesignation> mine = designations.computeIfAbsent(submitter, k -> new TreeMap<>());
        if (transaction.equals(LedgerOperation.DESIGNATE_CERTIFIER.transaction())) {
            if (!producers.contains(submitter)) {
                throw refused(transaction, ErrorCode.ROLE_REQUIRED, "producerMspId", submitter, "is not a PRODUCER");
            }
            if (!certifiers.contains(certifier)) {
                throw refused(transaction, ErrorCode.ROLE_REQUIRED, "certifierMspId", certifier, "is not a CERTIFIER");
            }
            if (mine.containsKey(certifier)) {
                throw refused(transaction, ErrorCode.ALREADY_EXISTS, "certifierMspId", certifier, "is designated already");
            }
            StoredDesignation d = new StoredDesignation(submitter, certifier, Instant.parse("2026-12-07T10:00:00Z")
                    .plusSeconds(block), txId);
            mine.put(certifier, d);
            return new Committed(txId, block, d.toJson());
        }
        if (transaction.equals(LedgerOperation.REVOKE_CERTIFIER.transaction())) {
            if (mine.remove(certifier) == null) {
                throw refused(transaction, ErrorCode.NOT_FOUND, "certifierMspId", certifier,
                        "is not designated by " + submitter);
            }
            return new Committed(txId, block, JsonNull.INSTANCE);
        }
        throw new UnsupportedOperationException(transaction);
    }

    @Override
    public synchronized JsonValue evaluate(String contract, String transaction, String... args) {
        calls.add(new Call(Identity.CLIENT, transaction, List.of(args)));
        if (!transaction.equals(LedgerOperation.LIST_DESIGNATED_CERTIFIERS.transaction())) {
            throw new UnsupportedOperationException(transaction);
        }
        return new Designations(args[0], List.copyOf(designations.getOrDefault(args[0], Map.of()).values())).toJson();
    }

    private static LedgerFailure refused(String transaction, ErrorCode code, String field, String value, String reason) {
        return LedgerFailure.refused(transaction, Stage.ENDORSE,
                new LedgerRefusal(Refusal.of(LedgerRuleException.of(code, field, value, reason))), null);
    }
}
