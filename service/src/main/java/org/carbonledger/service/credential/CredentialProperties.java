package org.carbonledger.service.credential;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The organization's verifiable credentials ({@code carbonledger.credentials}, docs/credentials.md).
 *
 * @param didWebHost the host (and port, if not 443) under which this service is reached over HTTPS and serves
 *     {@code /.well-known/did.json}: the organization's DID is {@code did:web:{host}}
 *     ({@code CARBONLEDGER_CREDENTIALS_DID_WEB_HOST}), e.g. {@code credentials.steelco.example}
 * @param key PEM file of the EC P-256 credential key ({@code CARBONLEDGER_CREDENTIALS_KEY}); when absent one is
 *     generated once in {@code <data-dir>/credentials/credential-key.pem}. Not the token signing key: a credential
 *     outlives tokens, and the two keys are rotated for different reasons
 * @param countryOfProduction ISO 3166-1 alpha-2 code of the country the organization produces in, which the ledger
 *     does not record and UNTP's product passport requires; without it passports say {@code ZZ} (unknown)
 */
@ConfigurationProperties("carbonledger.credentials")
public record CredentialProperties(
        @Bindable(defaultValue = "localhost:8443")
        @NotBlank @Pattern(regexp = "[A-Za-z0-9.-]+(:[0-9]{1,5})?", message = "must be a host name with an optional "
                + "port, without scheme or path, e.g. credentials.steelco.example") String didWebHost,
        @Nullable String key,
        @Nullable @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code, e.g. DE")
        String countryOfProduction) {
}
