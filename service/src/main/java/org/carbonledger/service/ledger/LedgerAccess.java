package org.carbonledger.service.ledger;

import java.util.Optional;

import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.client.ledger.Endorsement;
import org.carbonledger.client.ledger.Endorsements;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.client.ledger.LedgerException;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.service.config.ApiProperties;
import org.carbonledger.service.sync.ReadModelSync;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The API's one way onto the ledger: submits and evaluates chaincode transactions as the organization's client (or,
 * for governance, admin) identity. Every failure is reported as a {@link LedgerFailure}, a ledger outcome and not yet
 * an HTTP answer: a controller branches on its refusal, and the HTTP edge maps what is left to a problem response.
 *
 * <ul>
 *   <li>A chaincode refusal keeps its {@code ErrorCode} and message (which names the field and the reason).</li>
 *   <li>MVCC and phantom-read conflicts are retried here a few times: nothing was written, and the client's ids make
 *       the retry safe.</li>
 *   <li>A failure after submission (commit status unknown) says to retry with the same ids; the retry is answered as
 *       a replay if the first attempt did commit ({@link #submitOrReplay}).</li>
 * </ul>
 *
 * After a commit it waits (briefly) until the read model has applied the transaction, so a client that reads what it
 * just wrote finds it.
 */
@Singleton
public class LedgerAccess {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerAccess.class);
    private static final int CONFLICT_ATTEMPTS = 4;

    private final Optional<LedgerGateway> gateway;
    private final Optional<ReadModelSync> sync;
    private final ApiProperties properties;

    public LedgerAccess(Optional<LedgerGateway> gateway, Optional<ReadModelSync> sync, ApiProperties properties) {
        this.gateway = gateway;
        this.sync = sync;
        this.properties = properties;
    }

    /** Whose identity signs a transaction. */
    public enum Identity {
        /** The organization's client identity: every ordinary transaction. */
        CLIENT,
        /** The organization's admin identity: governance (registering the organization, role proposals). */
        ADMIN
    }

    /** Submits one of the chaincode's transactions, as {@link #submit(Identity, String, String, String...)}. */
    public Committed submit(Identity identity, LedgerOperation operation, String... args) {
        return submit(identity, operation.contract(), operation.transaction(), args);
    }

    /** Evaluates one of the chaincode's queries, as {@link #evaluate(String, String, String...)}. */
    public JsonValue evaluate(LedgerOperation operation, String... args) {
        return evaluate(operation.contract(), operation.transaction(), args);
    }

    /** Submits one of the chaincode's commands that is safe to retry, as {@link #submitOrReplay(Identity, Replay, String, String, String...)}. */
    public Receipt submitOrReplay(Identity identity, Replay replay, LedgerOperation operation, String... args) {
        return submitOrReplay(identity, replay, operation.contract(), operation.transaction(), args);
    }

    /** One of the chaincode's queries for an object, or empty on NOT_FOUND, as {@link #find(String, String, String...)}. */
    public Optional<JsonObject> find(LedgerOperation operation, String... args) {
        return find(operation.contract(), operation.transaction(), args);
    }

    /**
     * Submits a transaction and waits for its commit (and for the read model to apply it).
     *
     * @throws LedgerFailure for every failure: a refusal, a stage that failed, or a commit marked invalid
     */
    public Committed submit(Identity identity, String contract, String transaction, String... args) {
        return submitWith(identity, contract, transaction, client -> client.submit(contract, transaction, args));
    }

    /**
     * Submits a transaction endorsed as {@code endorsement} says (named organizations, private inputs in the
     * transient map), as {@link #submit(Identity, String, String, String...)}.
     */
    public Committed submit(Identity identity, LedgerOperation operation, Endorsement endorsement, String... args) {
        return submitWith(identity, operation.contract(), operation.transaction(),
                client -> client.submit(operation, endorsement, args));
    }

    /** A command safe to retry with its own endorsement, as {@link #submitOrReplay(Identity, Replay, String, String, String...)}. */
    public Receipt submitOrReplay(Identity identity, Replay replay, LedgerOperation operation, Endorsement endorsement,
                                  String... args) {
        try {
            return Receipt.of(submit(identity, operation, endorsement, args));
        } catch (LedgerFailure e) {
            return replay.answer(e);
        }
    }

    /** The endorsement of a batch's seal: the organizations holding its private records ({@link Endorsements#forSeal}). */
    public Endorsement sealEndorsement(String gtin, String lot) {
        try {
            return Endorsements.forSeal(client(Identity.CLIENT), gtin, lot);
        } catch (LedgerException e) {
            throw failure(e, LedgerOperation.GET_RECORD_HOLDERS.transaction());
        }
    }

    /** The MSP id of the organization this service acts for. */
    public String mspId() {
        return client(Identity.CLIENT).mspId();
    }

    private Committed submitWith(Identity identity, String contract, String transaction,
                                 java.util.function.Function<LedgerClient, Committed> call) {
        LedgerClient client = client(identity);
        for (int attempt = 1; ; attempt++) {
            try {
                Committed committed = call.apply(client);
                MDC.put("txId", committed.transactionId());
                try {
                    LOG.info("{}:{} committed in block {}", contract, transaction, committed.blockNumber());
                } finally {
                    // Request threads are pooled: the id must not stick to the next request's log lines.
                    MDC.remove("txId");
                }
                awaitReadModel(committed);
                return committed;
            } catch (LedgerException e) {
                if (isConflict(e) && attempt < CONFLICT_ATTEMPTS) {
                    LOG.debug("{} {} hit {} (attempt {}), retrying", contract, transaction,
                            e.validationCode().orElse(null), attempt);
                    continue;
                }
                throw failure(e, transaction);
            }
        }
    }

    /**
     * Evaluates a query on the organization's peer (the ledger itself, not the read model).
     *
     * @throws LedgerFailure when the chaincode refuses the query or the peer cannot answer it
     */
    public JsonValue evaluate(String contract, String transaction, String... args) {
        try {
            return client(Identity.CLIENT).evaluate(contract, transaction, args);
        } catch (LedgerException e) {
            throw failure(e, transaction);
        }
    }

    /**
     * Submits a command that is safe to retry: when the ledger refuses it as a repeat of one it already holds, the
     * answer is a replay of the stored object ({@link Replay}).
     *
     * @param replay how this command recognises its own retry
     * @return the receipt of the commit, or of the replay
     * @throws LedgerFailure when the command was neither carried out nor a replay
     */
    public Receipt submitOrReplay(Identity identity, Replay replay, String contract, String transaction, String... args) {
        try {
            return Receipt.of(submit(identity, contract, transaction, args));
        } catch (LedgerFailure e) {
            return replay.answer(e);
        }
    }

    /** An object read from the ledger (not the read model), or empty when the chaincode answers NOT_FOUND. */
    public Optional<JsonObject> find(String contract, String transaction, String... args) {
        try {
            return Optional.of(JsonObjectReader.asObject(evaluate(contract, transaction, args), "result"));
        } catch (LedgerFailure e) {
            if (e.refusedWith(ErrorCode.NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private LedgerClient client(Identity identity) {
        LedgerGateway g = gateway.orElseThrow(() -> new LedgerNotConnected(
                "this service has no ledger connection: set carbonledger.fabric.connection-file "
                        + "(CARBONLEDGER_FABRIC_CONNECTION_FILE) to the organization's connection file"));
        return identity == Identity.ADMIN ? g.admin() : g.client();
    }

    /**
     * Waits for the read model; when it is too far behind, the request still succeeds (the write is committed) and
     * the answer says so in {@code X-Read-Model: lagging}, so a client knows a read right after may not see it yet.
     */
    private void awaitReadModel(Committed committed) {
        if (sync.isPresent() && !properties.readYourWritesTimeout().isZero()
                && !sync.get().awaitApplied(committed.transactionId(), committed.blockNumber(), properties.readYourWritesTimeout())) {
            LOG.warn("read model did not apply transaction {} within {}", committed.transactionId(), properties.readYourWritesTimeout());
            ServerRequestContext.currentRequest().ifPresent(r -> r.setAttribute(READ_MODEL_LAGGING, Boolean.TRUE));
        }
    }

    /** Request attribute set when a write answers before the read model applied it (see {@code http.ReadModelHeader}). */
    public static final String READ_MODEL_LAGGING = "carbonledger.read-model-lagging";

    private static boolean isConflict(LedgerException e) {
        return e.validationCode().filter(c -> c == TxValidationCode.MVCC_READ_CONFLICT
                || c == TxValidationCode.PHANTOM_READ_CONFLICT).isPresent();
    }

    /** The failure as the service reports it; one that is not the caller's mistake is logged here, once. */
    private static LedgerFailure failure(LedgerException e, String transaction) {
        if (e.refusal().isEmpty()) {
            LOG.warn("{} failed at {}: {}", transaction, e.stage(), e.getMessage());
        }
        return LedgerFailure.of(transaction, e);
    }
}
