package org.carbonledger.service.pact;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * PACT v3 data exchange ({@code carbonledger.pact}).
 *
 * @param issuerDomain the domain in the {@code urn:pact:<domain>:…} company and batch ids when the organization's
 *     ledger profile has no website ({@code CARBONLEDGER_PACT_ISSUER_DOMAIN})
 * @param dispatchInterval how often due outbound events are sent and new seals are announced
 */
@ConfigurationProperties("carbonledger.pact")
public record PactProperties(
        @Bindable(defaultValue = "carbonledger.local") @NotBlank String issuerDomain,
        @Bindable(defaultValue = "5s") @NotNull Duration dispatchInterval) {
}
