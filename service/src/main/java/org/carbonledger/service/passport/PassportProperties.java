package org.carbonledger.service.passport;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The consumer passport ({@code carbonledger.passport}).
 *
 * @param baseUrl the scheme and host the Digital Links (and so the QR codes) use, e.g.
 *     {@code https://passport.example.com} ({@code CARBONLEDGER_PASSPORT_BASE_URL}); when absent, links are built
 *     from the request's {@code Host} header with {@code https}. Set it in production: a QR code printed on a
 *     product must not depend on how the request reached the service.
 */
@ConfigurationProperties("carbonledger.passport")
public record PassportProperties(@Nullable String baseUrl) {
}
