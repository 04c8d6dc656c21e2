package org.carbonledger.service.security;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

/**
 * Token issuance ({@code carbonledger.auth}).
 *
 * @param tokenLifetime how long an access token is valid; a disabled client's tokens stay valid this long
 * @param signingKey PEM file with the ES256 (P-256) signing key pair ({@code CARBONLEDGER_AUTH_SIGNING_KEY}); when
 *     absent one is generated once in {@code <data-dir>/jwt/signing-key.pem}
 */
@ConfigurationProperties("carbonledger.auth")
public record AuthProperties(
        @Bindable(defaultValue = "1h") @NotNull Duration tokenLifetime,
        @Nullable String signingKey) {
}
