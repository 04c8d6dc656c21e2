package org.carbonledger.core.provenance;

import java.util.List;
import java.util.Optional;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredTransfer;

/**
 * Where an {@link UpstreamWalk} reads the ledger state it walks through: the chaincode's world state, a proof
 * bundle, the service's read model. A lookup that must not go on without a state throws its own exception; one that
 * can (the verifier, which reports what is missing) answers empty and the walk records the batch as missing.
 */
public interface UpstreamLookup {

    /**
     * @param id a batch the walk reached
     * @return its state, or empty when it is not available
     */
    Optional<StoredBatch> batch(BatchId id);

    /**
     * @param batch a batch the walk reached
     * @return the transfers it counts as received material ({@link StoredBatch#inbound()}) that are available,
     *     in any order
     */
    List<StoredTransfer> inbound(StoredBatch batch);
}
