package org.carbonledger.service.plant;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.client.ledger.Endorsement;
import org.carbonledger.client.ledger.LedgerException;
import org.carbonledger.client.ledger.Stage;
import org.carbonledger.client.testing.InMemoryRecordLedger;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.service.config.ApiProperties;
import org.carbonledger.service.ledger.LedgerAccess;
import org.carbonledger.service.ledger.LedgerFailure;

/**
 * The service's ledger boundary on the client's in-memory ledger with the chaincode's record rules, as
 * RecordSubmissionsTest isolates it; one ledger for the whole JVM so that it outlives a service restart.
 */
@Singleton
@Replaces(LedgerAccess.class)
@Requires(property = "plant-test.in-memory-ledger", value = "true")
class InMemoryLedgerAccess extends LedgerAccess {

    /** The ledger every service context of the test talks to. */
    static volatile InMemoryRecordLedger ledger = new InMemoryRecordLedger();
    /** When false, every submission fails as an unreachable peer would (nothing written, worth retrying). */
    static volatile boolean reachable = true;

    InMemoryLedgerAccess(ApiProperties api) {
        super(Optional.empty(), Optional.empty(), api);
    }

    @Override
    public Committed submit(Identity identity, String contract, String transaction, String... args) {
        requireReachable(transaction);
        try {
            return ledger.submit(contract, transaction, args);
        } catch (LedgerException e) {
            throw LedgerFailure.of(transaction, e);
        }
    }

    @Override
    public Committed submit(Identity identity, LedgerOperation operation, Endorsement endorsement, String... args) {
        requireReachable(operation.transaction());
        try {
            return ledger.submit(operation, endorsement, args);
        } catch (LedgerException e) {
            throw LedgerFailure.of(operation.transaction(), e);
        }
    }

    @Override
    public String mspId() {
        return ledger.mspId();
    }

    @Override
    public JsonValue evaluate(String contract, String transaction, String... args) {
        try {
            return ledger.evaluate(contract, transaction, args);
        } catch (LedgerException e) {
            throw LedgerFailure.of(transaction, e);
        }
    }

    private static void requireReachable(String transaction) {
        if (!reachable) {
            throw LedgerFailure.of(transaction, LedgerException.failed(Stage.ENDORSE, null,
                    "peer0.steelco unreachable (test)"));
        }
    }
}
