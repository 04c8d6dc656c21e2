package org.carbonledger.service.plant.live;

import java.util.Objects;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.Lot;

/**
 * An open batch, by the product's GTIN and the lot.
 *
 * @param gtin the product
 * @param lot the lot
 */
public record BatchKey(Gtin gtin, Lot lot) {

    /** Both parts are required. */
    public BatchKey {
        Objects.requireNonNull(gtin, "gtin");
        Objects.requireNonNull(lot, "lot");
    }

    /** @return {@code <gtin>/<lot>}, how a rule and an alert name the batch */
    @Override
    public String toString() {
        return gtin.value() + "/" + lot.value();
    }
}
