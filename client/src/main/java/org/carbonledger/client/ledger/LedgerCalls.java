package org.carbonledger.client.ledger;

import java.util.Objects;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;

/**
 * The two calls every use of the chaincode is made of. {@link LedgerClient} makes them through a Fabric Gateway;
 * features built on the ledger (such as the bulk record submitter) take this interface, so they run the same against
 * the network and against an in-memory ledger in unit tests.
 */
public interface LedgerCalls {
    /**
     * Submits a transaction and waits for its commit.
     *
     * @return the committed transaction, only when it was committed VALID
     * @throws LedgerException named after the stage that failed; a chaincode refusal carries its structured refusal
     */
    Committed submit(String contract, String transaction, String... args);

    /**
     * Submits a transaction endorsed as {@code endorsement} says (named organizations, private inputs in the
     * transient map) and waits for its commit.
     *
     * @throws IllegalArgumentException for a query
     * @throws LedgerException named after the stage that failed
     */
    Committed submit(LedgerOperation operation, Endorsement endorsement, String... args);

    /** The MSP id of the organization this client acts for. */
    String mspId();

    /**
     * Evaluates a query on the organization's peer; nothing is written.
     *
     * @throws LedgerException when the query fails or the chaincode refuses it (for example NOT_FOUND)
     */
    JsonValue evaluate(String contract, String transaction, String... args);

    /**
     * Submits one of the chaincode's transactions and waits for its commit.
     *
     * @throws IllegalArgumentException for a query: queries are evaluated, never ordered
     */
    default Committed submit(LedgerOperation operation, String... args) {
        if (!Objects.requireNonNull(operation, "operation").isSubmit()) {
            throw new IllegalArgumentException(operation + " is a query: evaluate it");
        }
        return submit(operation.contract(), operation.transaction(), args);
    }

    /** Evaluates one of the chaincode's transactions on the organization's peer; nothing is written. */
    default JsonValue evaluate(LedgerOperation operation, String... args) {
        Objects.requireNonNull(operation, "operation");
        return evaluate(operation.contract(), operation.transaction(), args);
    }
}
