package org.carbonledger.core.untp;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * What an organization's credentials say about their issuer beyond the ledger state: its {@code did:web} identity
 * and the country it produces in (ISO 3166-1 alpha-2), which the ledger does not record but UNTP's product passport
 * requires.
 *
 * @param issuer the organization's did:web identity; credential ids are URLs under its host
 * @param countryOfProduction the producer's country, if configured; without it the passport says {@code ZZ}
 *     (ISO 3166's code for an unknown country) rather than guess
 */
public record Issuance(DidWeb issuer, Optional<String> countryOfProduction) {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    /** ISO 3166-1's user-assigned code used for "unknown or unspecified country". */
    public static final String UNKNOWN_COUNTRY = "ZZ";

    /** Validates the country code. */
    public Issuance {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(countryOfProduction, "countryOfProduction");
        countryOfProduction.ifPresent(c -> {
            if (!COUNTRY.matcher(c).matches()) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "countryOfProduction", c,
                        "expected an ISO 3166-1 alpha-2 code in capitals, e.g. DE");
            }
        });
    }
}
