package org.carbonledger.core.accounting;

import java.util.Objects;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.quantity.Quantity;

/**
 * The activity of an activity-based record: an amount of something, and the published factor that turns it into
 * CO2e.
 *
 * @param factorId the pinned emission factor
 * @param quantity the activity amount and unit
 */
public record Activity(String factorId, Quantity quantity) {

    /** Validates the factor id syntax. */
    public Activity {
        Token.require(Objects.requireNonNull(factorId, "factorId"), "activity.factorId", 64);
        Objects.requireNonNull(quantity, "quantity");
    }
}
