package org.carbonledger.service.passport;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.DigitalLink;
import org.carbonledger.core.identifier.Gtin;

/**
 * The consumer passport ({@code carbonledger.passport}).
 *
 * @param baseUrl this service's public scheme and host, e.g. {@code https://passport.steelco.example}
 *     ({@code CARBONLEDGER_PASSPORT_BASE_URL}): the {@code resolverRoot} of its resolver description, and the base of
 *     Digital Links when {@code resolverBaseUrl} is absent. When both are absent, {@code https} and the request's
 *     {@code Host} header are used.
 * @param resolverBaseUrl the one canonical base of every Digital Link, e.g. {@code https://passport.example.com}
 *     ({@code CARBONLEDGER_PASSPORT_RESOLVER_BASE_URL}): QR codes, {@code digitalLink} values, linkset anchors and
 *     redirects use it. Set it to the same value on every organization's service, so that a batch's QR code is
 *     the same whichever service renders it; a printed label must not depend on which service made it.
 */
@ConfigurationProperties("carbonledger.passport")
public record PassportProperties(@Nullable String baseUrl, @Nullable String resolverBaseUrl) {

    /** Validates both bases at startup, not at the first scan. */
    public PassportProperties {
        baseUrl = validated(baseUrl, "carbonledger.passport.base-url");
        resolverBaseUrl = validated(resolverBaseUrl, "carbonledger.passport.resolver-base-url");
    }

    private static String validated(@Nullable String base, String key) {
        if (base == null || base.isBlank()) {
            return null;
        }
        String trimmed = base.strip();
        String withoutSlash = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        try {
            DigitalLink.of(withoutSlash, Gtin.parse("09506000134352"));
        } catch (LedgerRuleException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
        return withoutSlash;
    }
}
