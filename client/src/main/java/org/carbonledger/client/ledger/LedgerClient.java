package org.carbonledger.client.ledger;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.carbonledger.client.gateway.LedgerConnection;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;

/**
 * Calls the Carbon Ledger chaincode through one {@link LedgerConnection}: JSON results, failures mapped by stage,
 * and a cap on transactions in flight so a burst of requests queues here instead of overrunning the peer.
 *
 * <pre>{@code
 * LedgerClient ledger = LedgerClient.newInstance(connection, 16);
 * Committed c = ledger.submit(LedgerOperation.SEAL_BATCH, gtin, lot);
 * JsonValue batch = ledger.evaluate(LedgerOperation.GET_BATCH, gtin, lot);
 * }</pre>
 */
public final class LedgerClient implements LedgerCalls {
    private final LedgerConnection connection;
    /** How long a submit waits, at most, for the other members' peers to commit its block too. */
    public static final Duration DEFAULT_PEER_COMMIT_WAIT = Duration.ofSeconds(3);

    private final Semaphore inFlight;
    private final int maxInFlight;
    private final PeerCommits peerCommits;

    private LedgerClient(LedgerConnection connection, int maxInFlight, Duration peerCommitWait) {
        this.connection = connection;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight, true);
        this.peerCommits = PeerCommits.of(connection, peerCommitWait);
    }

    public static LedgerClient newInstance(LedgerConnection connection, int maxInFlight) {
        return newInstance(connection, maxInFlight, DEFAULT_PEER_COMMIT_WAIT);
    }

    /**
     * @param peerCommitWait how long {@link #submit} waits, at most, after its own peer committed the transaction,
     *                       for the other members' peers to commit it too (zero: not at all); see {@link PeerCommits}
     */
    public static LedgerClient newInstance(LedgerConnection connection, int maxInFlight, Duration peerCommitWait) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(peerCommitWait, "peerCommitWait");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        if (peerCommitWait.isNegative()) {
            throw new IllegalArgumentException("peerCommitWait must not be negative, was " + peerCommitWait);
        }
        return new LedgerClient(connection, maxInFlight, peerCommitWait);
    }

    public LedgerConnection connection() {
        return connection;
    }

    /** Transactions currently between endorsement and commit status. */
    public int inFlight() {
        return maxInFlight - inFlight.availablePermits();
    }

    /**
     * Submits and waits for the commit: returns only for a VALID transaction, otherwise throws by stage. Returns once
     * the organization's peer has committed it and, within the client's peer-commit wait, the other members' peers
     * too, so the next transaction finds it wherever it is endorsed.
     */
    @Override
    public Committed submit(String contract, String transaction, String... args) {
        return submit(contract, transaction, Endorsement.planned(), args);
    }

    @Override
    public Committed submit(LedgerOperation operation, Endorsement endorsement, String... args) {
        if (!Objects.requireNonNull(operation, "operation").isSubmit()) {
            throw new IllegalArgumentException(operation + " is a query: evaluate it");
        }
        return submit(operation.contract(), operation.transaction(), Objects.requireNonNull(endorsement, "endorsement"), args);
    }

    @Override
    public String mspId() {
        return connection.mspId();
    }

    private Committed submit(String contract, String transaction, Endorsement endorsement, String... args) {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(transaction, "transaction");
        acquire(transaction);
        boolean released = false;
        try {
            Transaction endorsed = endorse(contract, transaction, endorsement, args);
            SubmittedTransaction submitted;
            try {
                submitted = endorsed.submitAsync();
            } catch (SubmitException e) {
                throw failure(Stage.SUBMIT, e.getTransactionId(), e, transaction);
            }
            Status status;
            try {
                status = submitted.getStatus();
            } catch (CommitStatusException e) {
                throw failure(Stage.COMMIT_STATUS, e.getTransactionId(), e, transaction);
            }
            if (!status.isSuccessful()) {
                throw new LedgerException(Stage.COMMIT, status.getTransactionId(), null, status.getCode(),
                        transaction + " transaction " + status.getTransactionId() + " was committed invalid ("
                                + status.getCode() + ") in block " + status.getBlockNumber(), null);
            }
            inFlight.release();
            released = true;
            peerCommits.await(status.getBlockNumber());
            return new Committed(status.getTransactionId(), status.getBlockNumber(), parse(submitted.getResult()));
        } finally {
            if (!released) {
                inFlight.release();
            }
        }
    }

    /** Evaluates a query on the organization's peer. */
    @Override
    public JsonValue evaluate(String contract, String transaction, String... args) {
        try {
            return parse(connection.contract(contract).evaluateTransaction(transaction, args));
        } catch (GatewayException e) {
            throw failure(Stage.EVALUATE, null, e, transaction);
        }
    }

    private Transaction endorse(String contract, String transaction, Endorsement endorsement, String... args) {
        try {
            Proposal.Builder proposal = connection.contract(contract).newProposal(transaction).addArguments(args);
            if (!endorsement.isPlanned()) {
                proposal.setEndorsingOrganizations(endorsement.organizations().toArray(String[]::new));
            }
            if (!endorsement.transientData().isEmpty()) {
                proposal.putAllTransient(endorsement.transientData());
            }
            return proposal.build().endorse();
        } catch (EndorseException e) {
            throw failure(Stage.ENDORSE, e.getTransactionId(), e, transaction);
        }
    }

    private void acquire(String transaction) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException(Stage.ENDORSE, null, null, null, transaction + " interrupted while queued", e);
        }
    }

    /** Waits until no transaction is in flight (for an orderly shutdown), at most the given time. */
    public boolean drain(long timeout, TimeUnit unit) throws InterruptedException {
        if (inFlight.tryAcquire(maxInFlight, timeout, unit)) {
            inFlight.release(maxInFlight);
            return true;
        }
        return false;
    }

    private static LedgerException failure(Stage stage, String txId, GatewayException e, String transaction) {
        LedgerRefusal refusal = LedgerRefusal.of(e).orElse(null);
        String message = refusal != null
                ? refusal.code() + ": " + refusal.message()
                : transaction + " failed at " + stage + ": " + e.getStatus().getCode() + " " + describe(e);
        return new LedgerException(stage, txId, refusal, null, message, e);
    }

    private static String describe(GatewayException e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getStatus().getDescription()));
        e.getDetails().forEach(d -> sb.append("; ").append(d.getMspId()).append(" ").append(d.getAddress())
                .append(": ").append(d.getMessage()));
        return sb.toString();
    }

    private static JsonValue parse(byte[] result) {
        return Json.parse(result, "result");
    }
}
