package org.carbonledger.service.ledger;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * How this instance reaches the Fabric network: a connection file (written by {@code make up} for the local
 * network, or by an operator for any other) and the names of the identities in it.
 *
 * @param connectionFile path of the organization's connection file ({@code CARBONLEDGER_FABRIC_CONNECTION_FILE})
 * @param clientIdentity identity used for ordinary submissions and queries
 * @param adminIdentity identity used for governance (role proposals and approvals) on behalf of admin users
 * @param maxInFlight transactions allowed between endorsement and commit at once; more wait in line
 * @param evaluateTimeout deadline of a query
 * @param endorseTimeout deadline of endorsement
 * @param submitTimeout deadline of the hand-over to the orderer
 * @param commitTimeout deadline of waiting for the commit status
 */
@ConfigurationProperties("carbonledger.fabric")
public record FabricProperties(
        @NotBlank String connectionFile,
        @Bindable(defaultValue = "client") @NotBlank String clientIdentity,
        @Bindable(defaultValue = "admin") @NotBlank String adminIdentity,
        @Bindable(defaultValue = "16") @Min(1) int maxInFlight,
        @Bindable(defaultValue = "10s") Duration evaluateTimeout,
        @Bindable(defaultValue = "30s") Duration endorseTimeout,
        @Bindable(defaultValue = "10s") Duration submitTimeout,
        @Bindable(defaultValue = "60s") Duration commitTimeout) {
}
