/**
 * The service's one way onto the ledger. {@link org.carbonledger.service.ledger.LedgerGateway} holds the connections
 * to the organization's peer (one per identity), {@link org.carbonledger.service.ledger.LedgerAccess} submits and
 * evaluates chaincode transactions through them, and every call ends in a ledger outcome: a
 * {@link org.carbonledger.service.ledger.Receipt} (committed, or replayed) or a
 * {@link org.carbonledger.service.ledger.LedgerFailure} (refused with an {@code ErrorCode}, or failed at a stage).
 * {@link org.carbonledger.service.ledger.Replay} is how a command recognises its own retry.
 *
 * <p>Outcomes are not HTTP answers: a controller branches on the refusals that mean something to it, and the
 * {@code http} package answers the rest.
 */
package org.carbonledger.service.ledger;
