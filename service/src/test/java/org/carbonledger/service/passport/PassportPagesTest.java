package org.carbonledger.service.passport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.carbonledger.core.pact.FootprintFacts;
import org.junit.jupiter.api.Test;

/** What the page cache decides without a database: how long a page may be kept, and which validators match. */
class PassportPagesTest {
    private static final FootprintFacts ATTESTED = PassportVerificationTest.washers(
            List.of(PassportVerificationTest.VERIFIED), Set.of("CertCoMSP"));

    @Test
    void a_page_is_kept_only_until_its_attestation_comes_into_force_or_expires() {
        // The washers' attestation is valid from 2026-12-10 to 2027-12-10: the page says "not yet in force" until
        // the first instant and "expired" from the second, so it must be rebuilt then.
        Instant before = Instant.parse("2026-12-09T23:30:00Z");
        assertThat(PassportPages.freshUntil(ATTESTED, before)).isEqualTo(Instant.parse("2026-12-10T00:00:00Z"));
        Instant beforeExpiry = Instant.parse("2027-12-09T23:59:00Z");
        assertThat(PassportPages.freshUntil(ATTESTED, beforeExpiry)).isEqualTo(Instant.parse("2027-12-10T00:00:00Z"));
        Instant within = PassportVerificationTest.WITHIN;
        assertThat(PassportPages.freshUntil(ATTESTED, within)).isEqualTo(within.plus(PassportPages.MAX_AGE));
    }

    @Test
    void if_none_match_compares_weakly_and_accepts_lists_and_the_wildcard() {
        String etag = PassportPages.etag("page".getBytes(StandardCharsets.UTF_8));
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(PassportPages.matches(List.of(etag), etag)).isTrue();
        assertThat(PassportPages.matches(List.of("\"a\", W/" + etag), etag)).isTrue();
        assertThat(PassportPages.matches(List.of("*"), etag)).isTrue();
        assertThat(PassportPages.matches(List.of("\"a\"", "\"b\""), etag)).isFalse();
        assertThat(PassportPages.matches(List.of(), etag)).isFalse();
        assertThat(PassportPages.etag("page!".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(etag);
    }

    @Test
    void gzip_is_served_when_accepted_with_a_positive_q_value() {
        assertThat(PassportPages.acceptsGzip(List.of("gzip, deflate, br"))).isTrue();
        assertThat(PassportPages.acceptsGzip(List.of("br;q=1.0, GZIP;q=0.5"))).isTrue();
        assertThat(PassportPages.acceptsGzip(List.of("gzip;q=0"))).isFalse();
        assertThat(PassportPages.acceptsGzip(List.of("br", "identity"))).isFalse();
        assertThat(PassportPages.acceptsGzip(List.of())).isFalse();
    }
}
