package org.carbonledger.service.sync;

import java.util.Objects;
import java.util.Set;

import org.carbonledger.core.identifier.BatchId;

/**
 * What one applied ledger transaction changed in the read model, published by {@link ChangeApplier} so that views
 * derived from it (the passport's page cache) can drop what they hold. Listeners should act after the commit
 * ({@code @TransactionalEventListener}), since a view rebuilt before it would read the old rows.
 *
 * @param batches the batches whose state, records, transfers or attestations changed
 * @param everything true when a change may touch any batch's views: an organization's profile, a role, a product, an
 *     emission factor, a deletion, or a state type this event does not know
 */
public record ReadModelChanged(Set<BatchId> batches, boolean everything) {

    /** Copies the set. */
    public ReadModelChanged {
        batches = Set.copyOf(Objects.requireNonNull(batches, "batches"));
    }

    /** @return whether a view built from {@code inputs} may be out of date */
    public boolean touches(Set<BatchId> inputs) {
        if (everything) {
            return true;
        }
        for (BatchId b : batches) {
            if (inputs.contains(b)) {
                return true;
            }
        }
        return false;
    }
}
