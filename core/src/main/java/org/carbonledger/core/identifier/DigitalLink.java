package org.carbonledger.core.identifier;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * A GS1 Digital Link URI of a product ({@code https://{host}/01/{gtin14}}) or of a batch
 * ({@code https://{host}/01/{gtin14}/10/{lot}}): what the QR code on a product encodes and what the consumer page
 * resolves.
 *
 * <p>Built links are canonical: the GTIN with 14 digits, the lot percent-encoded as GS1's syntax engine does it
 * ({@link Lot#percentEncoded()}), no trailing slash, no query. Parsing accepts what a GS1 resolver accepts: a GTIN
 * of 8, 12, 13 or 14 digits with a valid check digit, and a lot whose characters are either plain RFC 3986 path
 * characters of GS1 character set 82 or percent-encoded; every other form is refused with an error that names the
 * part and the reason.
 *
 * <pre>{@code
 * DigitalLink link = DigitalLink.of("https://passport.example.com", BatchId.of("09506000134352", "COIL/7"));
 * link.uri();   // https://passport.example.com/01/09506000134352/10/COIL%2F7
 * DigitalLink.parsePath("/01/9506000134352/10/COIL%2F7").batch(); // BatchId 09506000134352/COIL/7
 * }</pre>
 *
 * @param base the scheme and authority, e.g. {@code https://passport.example.com} (no path, no trailing slash), or
 *     {@code ""} for a link that is only a path
 * @param gtin the product
 * @param lot the lot, for a batch link
 */
public record DigitalLink(String base, Gtin gtin, Optional<Lot> lot) {

    /** GS1 Application Identifier of the GTIN. */
    public static final String AI_GTIN = "01";
    /** GS1 Application Identifier of the batch or lot number. */
    public static final String AI_LOT = "10";

    /** Validates the base. */
    public DigitalLink {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(gtin, "gtin");
        Objects.requireNonNull(lot, "lot");
        if (!base.isEmpty()) {
            requireBase(base);
        }
    }

    /**
     * @param base {@code https://host[:port]}
     * @param batch the batch
     * @return the batch's link
     */
    public static DigitalLink of(String base, BatchId batch) {
        Objects.requireNonNull(batch, "batch");
        return new DigitalLink(base, batch.gtin(), Optional.of(batch.lot()));
    }

    /**
     * @param base {@code https://host[:port]}
     * @param gtin the product
     * @return the product's link
     */
    public static DigitalLink of(String base, Gtin gtin) {
        return new DigitalLink(base, gtin, Optional.empty());
    }

    /** @return the batch, when this is a batch link */
    public Optional<BatchId> batch() {
        return lot.map(l -> new BatchId(gtin, l));
    }

    /** @return {@code /01/{gtin14}} or {@code /01/{gtin14}/10/{percent-encoded lot}} */
    public String path() {
        return "/" + AI_GTIN + "/" + gtin.value() + lot.map(l -> "/" + AI_LOT + "/" + l.percentEncoded()).orElse("");
    }

    /** @return the base followed by {@link #path()}: the exact text a QR code of this link encodes */
    public String uri() {
        return base + path();
    }

    @Override
    public String toString() {
        return uri();
    }

    /**
     * Parses an absolute Digital Link URI ({@code https://host/01/…}). Only the product and batch forms are accepted:
     * a custom path before {@code /01/}, further key qualifiers (serial, {@code /21/}), a query or a fragment are
     * refused, because this ledger identifies nothing else.
     *
     * @param uri the URI
     * @return the link, with its base
     * @throws LedgerRuleException INVALID_ARGUMENT (field {@code uri}), INVALID_GTIN (field {@code gtin}) or
     *     INVALID_LOT (field {@code lot})
     */
    public static DigitalLink parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "uri", uri,
                    "is not an absolute URI: expected https://host/01/{gtin}[/10/{lot}]");
        }
        int pathStart = uri.indexOf('/', scheme + 3);
        if (pathStart < 0) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "uri", uri,
                    "has no path: expected https://host/01/{gtin}[/10/{lot}]");
        }
        String base = uri.substring(0, pathStart);
        if (!isBase(base)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "uri", uri,
                    "must start with http:// or https:// and a host name (letters, digits, '.', '-', optional :port)");
        }
        DigitalLink path = parsePath(uri.substring(pathStart));
        return new DigitalLink(base, path.gtin(), path.lot());
    }

    /**
     * Parses the path of a Digital Link request as a resolver receives it (still percent-encoded):
     * {@code /01/{gtin}} or {@code /01/{gtin}/10/{lot}}.
     *
     * @param rawPath the raw request path, without query
     * @return the link, with an empty base
     * @throws LedgerRuleException INVALID_ARGUMENT (field {@code path}), INVALID_GTIN (field {@code gtin}) or
     *     INVALID_LOT (field {@code lot})
     */
    public static DigitalLink parsePath(String rawPath) {
        Objects.requireNonNull(rawPath, "rawPath");
        if (rawPath.indexOf('?') >= 0 || rawPath.indexOf('#') >= 0) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "path", rawPath,
                    "must not contain a query or fragment");
        }
        String[] parts = rawPath.split("/", -1);
        // "/01/x" splits into ["", "01", "x"]; "/01/x/10/y" into ["", "01", "x", "10", "y"].
        if (parts.length != 3 && parts.length != 5 || !parts[0].isEmpty() || !parts[1].equals(AI_GTIN)
                || parts.length == 5 && !parts[3].equals(AI_LOT)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "path", rawPath,
                    "expected /01/{gtin} or /01/{gtin}/10/{lot}");
        }
        Gtin gtin = Gtin.parse(parts[2], "gtin");
        Optional<Lot> lot = parts.length == 5 ? Optional.of(Lot.parse(decodeLot(parts[4]), "lot")) : Optional.empty();
        return new DigitalLink("", gtin, lot);
    }

    /**
     * Decodes a lot path segment: {@code %XX} escapes (either hex case) become their character; a character written
     * plainly must be one RFC 3986 allows in a path segment. The decoded lot is then checked against GS1 character
     * set 82 by {@link Lot}.
     */
    static String decodeLot(String segment) {
        return decodeSegment(segment, "lot", ErrorCode.INVALID_LOT);
    }

    /**
     * Decodes a key qualifier's path segment by the rules of the lot's: the serial (21) and the consumer product
     * variant (22) are, like the lot, up to 20 characters of GS1 character set 82 in the same URI syntax.
     *
     * @param segment the raw path segment
     * @param field the qualifier's name, for the error
     * @param code the error code of a malformed segment
     * @return the decoded value (its length is not checked here)
     * @throws LedgerRuleException with the given code and field
     */
    public static String decodeSegment(String segment, String field, ErrorCode code) {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        StringBuilder out = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    throw LedgerRuleException.of(code, field, segment,
                            "percent sign at position " + (i + 1) + " is not followed by two hex digits");
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw LedgerRuleException.of(code, field, segment,
                            "percent sign at position " + (i + 1) + " is not followed by two hex digits");
                }
                char decoded = (char) (hi * 16 + lo);
                if (!Lot.isCharacterSet82(decoded)) {
                    throw LedgerRuleException.of(code, field, segment,
                            "%" + segment.substring(i + 1, i + 3).toUpperCase(Locale.ROOT) + " at position " + (i + 1)
                                    + " encodes a character that is not in GS1 character set 82");
                }
                out.append(decoded);
                i += 2;
            } else if (isPlainPathCharacter(c)) {
                out.append(c);
            } else {
                throw LedgerRuleException.of(code, field, segment,
                        "character " + LedgerRuleException.quote(String.valueOf(c)) + " at position " + (i + 1)
                                + (Lot.isCharacterSet82(c)
                                        ? " must be percent-encoded in a URI path"
                                        : " is not in GS1 character set 82"));
            }
        }
        return out.toString();
    }

    /** Set 82 characters that RFC 3986 allows unencoded in a path segment (unreserved, sub-delims, ':'). */
    private static boolean isPlainPathCharacter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || "-._!&'()*+,;=:".indexOf(c) >= 0;
    }

    private static void requireBase(String base) {
        if (!isBase(base)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "base", base,
                    "must be http:// or https:// followed by a host name (letters, digits, '.', '-') and an optional "
                            + ":port, with no path");
        }
    }

    private static boolean isBase(String base) {
        String rest;
        if (base.startsWith("https://")) {
            rest = base.substring(8);
        } else if (base.startsWith("http://")) {
            rest = base.substring(7);
        } else {
            return false;
        }
        int colon = rest.lastIndexOf(':');
        String host = colon >= 0 && !rest.startsWith("[") ? rest.substring(0, colon) : rest;
        String port = colon >= 0 && !rest.startsWith("[") ? rest.substring(colon + 1) : null;
        if (host.isEmpty() || !host.chars().allMatch(ch -> Character.isLetterOrDigit(ch) && ch < 128 || ch == '.'
                || ch == '-') || host.startsWith(".") || host.startsWith("-")) {
            return false;
        }
        return port == null || !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(Character::isDigit);
    }
}
