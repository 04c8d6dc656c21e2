package org.carbonledger.service.passport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.carbonledger.core.error.LedgerRuleException;
import org.junit.jupiter.api.Test;

class PassportPropertiesTest {

    @Test
    void bases_lose_a_trailing_slash_and_blank_means_unset() {
        PassportProperties p = new PassportProperties("https://steelco.example:8443/", " https://passport.example.com ");
        assertThat(p.baseUrl()).isEqualTo("https://steelco.example:8443");
        assertThat(p.resolverBaseUrl()).isEqualTo("https://passport.example.com");
        assertThat(new PassportProperties(" ", null).baseUrl()).isNull();
    }

    @Test
    void a_malformed_base_fails_at_startup_naming_it() {
        // A wrong resolver base would be printed on labels: refused before the first QR code is rendered.
        assertThatThrownBy(() -> new PassportProperties(null, "passport.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("carbonledger.passport.resolver-base-url: base \"passport.example.com\"")
                .hasCauseInstanceOf(LedgerRuleException.class);
        assertThatThrownBy(() -> new PassportProperties("https://host/path", null))
                .hasMessageStartingWith("carbonledger.passport.base-url: ");
    }
}
