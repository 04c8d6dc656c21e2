package org.carbonledger.service.pact;

import java.time.Instant;
import java.util.Objects;

import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.json.JsonObject;

/**
 * One PACT grant: the partner client {@code clientId} may see the footprints of product {@code gtin}.
 *
 * @param clientId the partner's OAuth client of this service (role {@code pact})
 * @param gtin one of this organization's products
 * @param grantedBy the admin client that granted it
 * @param grantedAt when
 */
public record PactGrant(String clientId, Gtin gtin, String grantedBy, Instant grantedAt) {
    public PactGrant {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(gtin, "gtin");
        Objects.requireNonNull(grantedBy, "grantedBy");
        Objects.requireNonNull(grantedAt, "grantedAt");
    }

    /** @return the API's form: {@code {"clientId","gtin","grantedBy","grantedAt"}} */
    public JsonObject json() {
        return JsonObject.builder().put("clientId", clientId).put("gtin", gtin.value()).put("grantedBy", grantedBy)
                .put("grantedAt", grantedAt.toString()).build();
    }
}
