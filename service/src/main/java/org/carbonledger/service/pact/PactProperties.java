package org.carbonledger.service.pact;

import java.time.Duration;
import java.util.List;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * PACT v3 data exchange ({@code carbonledger.pact}).
 *
 * @param issuerDomain the domain in the {@code urn:pact:<domain>:…} company and batch ids when the organization's
 *     ledger profile has no website ({@code CARBONLEDGER_PACT_ISSUER_DOMAIN})
 * @param dispatchInterval how often due outbound events are sent and new seals are announced
 * @param partners the data recipients this organization exchanges events with; a partner's requests are answered and
 *     new footprints announced only if it is listed here (events are never sent to an address taken from a request)
 */
@ConfigurationProperties("carbonledger.pact")
public record PactProperties(
        @Bindable(defaultValue = "carbonledger.local") @NotBlank String issuerDomain,
        @Bindable(defaultValue = "5s") @NotNull Duration dispatchInterval,
        @Nullable List<Partner> partners) {

    /** @return the configured partners, never null */
    public List<Partner> partnerList() {
        return partners == null ? List.of() : partners;
    }

    /**
     * A data recipient's host system.
     *
     * @param name a short name for logs and the outbox
     * @param inboundClientId the OAuth client id of this service that the partner uses to call it
     * @param eventsUrl the partner's {@code /3/events} endpoint (https)
     * @param tokenUrl the partner's token endpoint ({@code /auth/token})
     * @param clientId the client id this service uses at the partner
     * @param clientSecret its secret (from the environment, never in a file under version control)
     * @param trustCertificate PEM file of the certificate to trust for the partner's TLS instead of the JDK's
     *     trust store (a partner with a private CA or a self-signed certificate)
     */
    @Introspected
    public record Partner(@NotBlank String name, @NotBlank String inboundClientId, @NotBlank String eventsUrl,
                          @NotBlank String tokenUrl, @NotBlank String clientId, @NotBlank String clientSecret,
                          @Nullable String trustCertificate) {
        @Override
        public String toString() {
            return "Partner[name=" + name + ", inboundClientId=" + inboundClientId + ", eventsUrl=" + eventsUrl + "]";
        }
    }
}
