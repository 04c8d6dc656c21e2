package org.carbonledger.service.passport;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DigitalLink;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.Lot;

/**
 * The path of a Digital Link request as the resolver accepts it: {@code /01/{gtin}} followed by the GTIN's key
 * qualifiers in GS1's order, {@code [/22/{cpv}][/10/{lot}][/21/{serial}]}, each at most once; one trailing slash is
 * tolerated. The ledger identifies products and lots only: the consumer product variant and the serial are checked
 * and kept (they are part of the identifier a label carries), and resolution walks up past them.
 *
 * @param gtin the product
 * @param cpv the consumer product variant (AI 22), if given
 * @param lot the lot (AI 10), if given
 * @param serial the serial number (AI 21), if given
 */
record ResolverPath(Gtin gtin, Optional<String> cpv, Optional<Lot> lot, Optional<String> serial) {
    /** Key qualifiers of a GTIN, in the order GS1 Digital Link prescribes. */
    private static final List<String> QUALIFIERS = List.of("22", DigitalLink.AI_LOT, "21");
    private static final String SHAPE = "expected /01/{gtin}[/22/{cpv}][/10/{lot}][/21/{serial}]";

    ResolverPath {
        Objects.requireNonNull(gtin, "gtin");
        Objects.requireNonNull(cpv, "cpv");
        Objects.requireNonNull(lot, "lot");
        Objects.requireNonNull(serial, "serial");
    }

    /**
     * @param rawPath the request path, still percent-encoded, without query
     * @return the parsed path
     * @throws LedgerRuleException INVALID_ARGUMENT (field {@code path}), INVALID_GTIN or INVALID_LOT naming the part
     */
    static ResolverPath parse(String rawPath) {
        Objects.requireNonNull(rawPath, "rawPath");
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1)
                : rawPath;
        String[] parts = path.split("/", -1);
        // "/01/g/10/l" splits into ["", "01", "g", "10", "l"]: an odd count, key and qualifiers in pairs.
        if (parts.length < 3 || parts.length % 2 == 0 || !parts[0].isEmpty()
                || !parts[1].equals(DigitalLink.AI_GTIN)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "path", rawPath, SHAPE);
        }
        Gtin gtin = Gtin.parse(parts[2], "gtin");
        Optional<String> cpv = Optional.empty();
        Optional<Lot> lot = Optional.empty();
        Optional<String> serial = Optional.empty();
        int next = 0;
        for (int i = 3; i < parts.length; i += 2) {
            int at = QUALIFIERS.indexOf(parts[i]);
            if (at < next) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "path", rawPath, SHAPE
                        + " (qualifiers in this order, each once)");
            }
            next = at + 1;
            switch (parts[i]) {
                case "22" -> cpv = Optional.of(qualifier(parts[i + 1], "cpv"));
                case "21" -> serial = Optional.of(qualifier(parts[i + 1], "serial"));
                default -> lot = Optional.of(Lot.parse(DigitalLink.decodeSegment(parts[i + 1], "lot",
                        ErrorCode.INVALID_LOT), "lot"));
            }
        }
        return new ResolverPath(gtin, cpv, lot, serial);
    }

    /** AI 21 and AI 22 have the lot's format (up to 20 characters of set 82), so the lot's rules check them. */
    private static String qualifier(String segment, String field) {
        String value = DigitalLink.decodeSegment(segment, field, ErrorCode.INVALID_ARGUMENT);
        Lot.parse(value, field);
        return value;
    }

    /** @return the batch, when a lot is given */
    Optional<BatchId> batch() {
        return lot.map(l -> new BatchId(gtin, l));
    }

    /** @return whether the path names more than the ledger identifies (a variant or a serial) */
    boolean hasUnresolvedQualifiers() {
        return cpv.isPresent() || serial.isPresent();
    }

    /**
     * @param base the scheme and host
     * @return the canonical Digital Link of the whole path: 14-digit GTIN, qualifiers percent-encoded as the lot's
     */
    String uri(String base) {
        return DigitalLink.of(base, gtin).uri()
                + cpv.map(v -> "/22/" + Lot.parse(v).percentEncoded()).orElse("")
                + lot.map(l -> "/" + DigitalLink.AI_LOT + "/" + l.percentEncoded()).orElse("")
                + serial.map(v -> "/21/" + Lot.parse(v).percentEncoded()).orElse("");
    }
}
