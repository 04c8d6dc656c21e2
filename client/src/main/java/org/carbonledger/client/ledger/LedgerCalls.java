package org.carbonledger.client.ledger;

import org.carbonledger.core.json.JsonValue;

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
     * Evaluates a query on the organization's peer; nothing is written.
     *
     * @throws LedgerException when the query fails or the chaincode refuses it (for example NOT_FOUND)
     */
    JsonValue evaluate(String contract, String transaction, String... args);
}
