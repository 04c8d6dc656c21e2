package org.carbonledger.service.pact;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * PACT v3 data exchange ({@code carbonledger.pact}).
 *
 * @param issuerDomain the domain in the {@code urn:pact:<domain>:…} company and batch ids when the organization's
 *     ledger profile has no website ({@code CARBONLEDGER_PACT_ISSUER_DOMAIN})
 * @param dispatchInterval how often due outbound events are sent and new seals are announced
 * @param baseUrl the scheme, host and any path prefix partners call this service's PACT API under, e.g.
 *     {@code https://pact.steelco.example} ({@code CARBONLEDGER_PACT_BASE_URL}); pagination links start with it.
 *     When absent they are built from the request's {@code Host} with {@code https}. Set it when the service sits
 *     behind a proxy that changes the host or adds a path prefix. (Not the passport's base URL: that one names the
 *     canonical resolver, which may be another organization's service.)
 * @param callbackClientId the client id this service presents at a partner's token endpoint when answering the
 *     partner's request and no callback credentials were set for that partner (see {@link PactCallbacks}); absent
 *     means such a request is refused at once
 * @param callbackClientSecret its secret (from the environment, never in a file under version control)
 */
@ConfigurationProperties("carbonledger.pact")
public record PactProperties(
        @Bindable(defaultValue = "carbonledger.local") @NotBlank String issuerDomain,
        @Bindable(defaultValue = "5s") @NotNull Duration dispatchInterval,
        @Nullable @Pattern(regexp = "https?://[^\\s?#]+[^/\\s?#]", message = "must be an absolute http(s) URL "
                + "without query, fragment or trailing slash") String baseUrl,
        @Nullable String callbackClientId,
        @Nullable String callbackClientSecret) {

    /** Keeps the default secret out of logs and of configuration dumps. */
    @Override
    public String toString() {
        return "PactProperties[issuerDomain=" + issuerDomain + ", dispatchInterval=" + dispatchInterval + ", baseUrl="
                + baseUrl + ", callbackClientId=" + callbackClientId + "]";
    }
}
