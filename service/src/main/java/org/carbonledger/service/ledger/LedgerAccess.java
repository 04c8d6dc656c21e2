package org.carbonledger.service.ledger;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.client.ledger.LedgerException;
import org.carbonledger.client.ledger.Replays;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.service.fabric.LedgerGateway;
import org.carbonledger.service.problem.ProblemException;
import org.carbonledger.service.sync.ReadModelSync;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The API's one way onto the ledger: submits and evaluates chaincode transactions as the organization's client (or,
 * for governance, admin) identity, and turns every failure into a problem response a client can act on.
 *
 * <ul>
 *   <li>A chaincode refusal keeps its {@code ErrorCode} and message (which names the field and the reason).</li>
 *   <li>MVCC and phantom-read conflicts are retried here a few times: nothing was written, and the client's ids make
 *       the retry safe.</li>
 *   <li>A failure after submission (commit status unknown) is 504 and says to retry with the same ids; the retry is
 *       answered as a replay if the first attempt did commit.</li>
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

    /**
     * Submits a transaction and waits for its commit (and for the read model to apply it).
     *
     * @throws ProblemException for every failure, with the status a client should act on
     */
    public Committed submit(Identity identity, String contract, String transaction, String... args) {
        LedgerClient client = client(identity);
        for (int attempt = 1; ; attempt++) {
            try {
                Committed committed = client.submit(contract, transaction, args);
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
                throw problem(e, transaction);
            }
        }
    }

    /** Evaluates a query on the organization's peer (the ledger itself, not the read model). */
    public JsonValue evaluate(String contract, String transaction, String... args) {
        try {
            return client(Identity.CLIENT).evaluate(contract, transaction, args);
        } catch (LedgerException e) {
            throw problem(e, transaction);
        }
    }

    /**
     * Submits a transaction that creates an object under a client-chosen id, safe to retry: when the ledger refuses
     * it as a duplicate and the stored object repeats the request ({@link Replays}), the answer is a replay of it.
     *
     * @param request the object as the client sent it
     * @param stored reads the object the id names from the ledger (empty when there is none)
     */
    public Receipt create(Identity identity, JsonObject request, Supplier<Optional<JsonObject>> stored,
                          String contract, String transaction, String... args) {
        return create(identity, existing -> Replays.difference(request, existing), stored, contract, transaction, args);
    }

    /**
     * As {@link #create(Identity, JsonObject, Supplier, String, String, String...)}, with the comparison given.
     *
     * @param difference the path of the first member where the stored object differs from the request, if any
     */
    public Receipt create(Identity identity, Function<JsonObject, Optional<String>> difference,
                          Supplier<Optional<JsonObject>> stored, String contract, String transaction, String... args) {
        try {
            return Receipt.of(submit(identity, contract, transaction, args));
        } catch (ProblemException e) {
            Optional<LedgerRefusal> refusal = refusalOf(e)
                    .filter(r -> r.code() == ErrorCode.DUPLICATE_ID || r.code() == ErrorCode.ALREADY_EXISTS);
            if (refusal.isEmpty()) {
                throw e;
            }
            JsonObject existing = stored.get().orElseThrow(() -> e);
            Optional<String> differs = difference.apply(existing);
            if (differs.isEmpty()) {
                return Receipt.replayOf(existing);
            }
            throw ProblemException.withCause(refusal.get().code(), refusal.get().message()
                    + "; the ledger holds a different object under this id (" + differs.get()
                    + " differs), so this request is not a retry of the one that created it", e);
        }
    }

    /** An object read from the ledger (not the read model), or empty when the chaincode answers NOT_FOUND. */
    public Optional<JsonObject> find(String contract, String transaction, String... args) {
        try {
            return Optional.of(JsonObjectReader.asObject(evaluate(contract, transaction, args), "result"));
        } catch (ProblemException e) {
            if (refusalOf(e).filter(r -> r.code() == ErrorCode.NOT_FOUND).isPresent()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The refusal in a problem raised by {@link #submit} or {@link #evaluate}, if it was one. */
    public static Optional<LedgerRefusal> refusalOf(ProblemException problem) {
        return problem.getCause() instanceof LedgerException e ? e.refusal() : Optional.empty();
    }

    private LedgerClient client(Identity identity) {
        LedgerGateway g = gateway.orElseThrow(() -> new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, null,
                "this service has no ledger connection: set carbonledger.fabric.connection-file "
                        + "(CARBONLEDGER_FABRIC_CONNECTION_FILE) to the organization's connection file", List.of()));
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

    /** Request attribute set when a write answers before the read model applied it (see {@link ReadModelHeader}). */
    public static final String READ_MODEL_LAGGING = "carbonledger.read-model-lagging";

    private static boolean isConflict(LedgerException e) {
        return e.validationCode().filter(c -> c == TxValidationCode.MVCC_READ_CONFLICT
                || c == TxValidationCode.PHANTOM_READ_CONFLICT).isPresent();
    }

    /** The problem a failed ledger call is answered with: a refusal keeps its code and its message. */
    public static ProblemException problem(LedgerException e, String transaction) {
        Optional<LedgerRefusal> refusal = e.refusal();
        if (refusal.isPresent()) {
            return ProblemException.withCause(refusal.get().code(), refusal.get().message(), e);
        }
        String tx = e.transactionId().map(id -> " (transaction " + id + ")").orElse("");
        HttpStatus status;
        String detail;
        switch (e.stage()) {
            case COMMIT_STATUS -> {
                status = HttpStatus.GATEWAY_TIMEOUT;
                detail = transaction + tx + " was sent to the orderers but its outcome is not known yet; retry the same "
                        + "request: if the first attempt was committed the retry is answered as a replay";
            }
            case COMMIT -> {
                TxValidationCode code = e.validationCode().orElse(TxValidationCode.INVALID_OTHER_REASON);
                if (code == TxValidationCode.ENDORSEMENT_POLICY_FAILURE) {
                    status = HttpStatus.FORBIDDEN;
                    detail = transaction + tx + " was not endorsed as the ledger's policy requires ("
                            + code + "): the organizations whose data it changes did not all endorse it";
                } else {
                    status = HttpStatus.CONFLICT;
                    detail = transaction + tx + " was committed invalid (" + code + ") and changed nothing; retry it";
                }
            }
            case SUBMIT -> {
                status = HttpStatus.SERVICE_UNAVAILABLE;
                detail = transaction + tx + " could not be handed to the ordering service and changed nothing; retry "
                        + "later (" + e.getMessage() + ")";
            }
            default -> {
                status = isDeadline(e) ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE;
                detail = transaction + " could not reach the organization's peer and changed nothing; retry later ("
                        + e.getMessage() + ")";
            }
        }
        LOG.warn("{} failed at {}: {}", transaction, e.stage(), e.getMessage());
        return new ProblemException(status, null, detail, List.of(), e);
    }

    private static boolean isDeadline(LedgerException e) {
        return e.getCause() instanceof org.hyperledger.fabric.client.GatewayException g
                && g.getStatus().getCode() == io.grpc.Status.Code.DEADLINE_EXCEEDED;
    }
}
