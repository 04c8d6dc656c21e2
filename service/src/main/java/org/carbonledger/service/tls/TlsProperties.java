package org.carbonledger.service.tls;

import java.time.Duration;
import java.util.List;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * HTTPS key material ({@code carbonledger.tls}).
 *
 * @param keyStore path of a PKCS12 (or {@code keyStoreType}) keystore holding the production key and certificate
 *     chain ({@code CARBONLEDGER_TLS_KEY_STORE}); when absent a self-signed certificate is generated in the data dir
 * @param keyStorePassword its password ({@code CARBONLEDGER_TLS_KEY_STORE_PASSWORD})
 * @param keyStoreType the keystore type, {@code PKCS12} unless said otherwise
 * @param selfSignedNames DNS names and IP addresses the generated certificate is valid for
 * @param selfSignedValidity how long a generated certificate is valid; it is renewed at startup within a day of expiry
 */
@ConfigurationProperties("carbonledger.tls")
public record TlsProperties(
        @Nullable String keyStore,
        @Nullable String keyStorePassword,
        @Bindable(defaultValue = "PKCS12") @NotNull String keyStoreType,
        @Bindable(defaultValue = "localhost,127.0.0.1") @NotEmpty List<String> selfSignedNames,
        @Bindable(defaultValue = "365d") @NotNull Duration selfSignedValidity) {
}
