package org.carbonledger.service.pact;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;

/**
 * A data recipient's host system ({@code carbonledger.pact.partners[n]}): new footprints are announced only to
 * partners listed here, and a listed partner's requests are answered at its configured events endpoint. Requests of
 * other clients are answered at their own source ({@link PactCallbacks}).
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
@EachProperty(value = "carbonledger.pact.partners", list = true)
public record PactPartner(@NotBlank String name, @NotBlank String inboundClientId, @NotBlank String eventsUrl,
                          @NotBlank String tokenUrl, @NotBlank String clientId, @NotBlank String clientSecret,
                          @Nullable String trustCertificate) {
    @Override
    public String toString() {
        return "PactPartner[name=" + name + ", inboundClientId=" + inboundClientId + ", eventsUrl=" + eventsUrl + "]";
    }
}
