package org.carbonledger.core.identifier;

import java.util.Comparator;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * A production batch: a product (GTIN) and a lot.
 *
 * @param gtin the product
 * @param lot the lot
 */
public record BatchId(Gtin gtin, Lot lot) implements Comparable<BatchId> {

    private static final Comparator<BatchId> ORDER = Comparator.comparing(BatchId::gtin).thenComparing(BatchId::lot);

    /** Null-checks both parts. */
    public BatchId {
        Objects.requireNonNull(gtin, "gtin");
        Objects.requireNonNull(lot, "lot");
    }

    /**
     * @param gtin GTIN text (8/12/13/14 digits)
     * @param lot lot text
     * @return the batch id
     */
    public static BatchId of(String gtin, String lot) {
        return new BatchId(Gtin.parse(gtin, "gtin"), Lot.parse(lot, "lot"));
    }

    /**
     * The stable text key: the 14 GTIN digits, {@code /}, the lot — e.g. {@code 09506000134352/COIL-7}.
     * Unambiguous because the GTIN part always has exactly 14 digits.
     *
     * @return the key
     */
    public String key() {
        return gtin.value() + "/" + lot.value();
    }

    /**
     * @param key a text produced by {@link #key()}
     * @return the batch id
     * @throws LedgerRuleException (INVALID_ARGUMENT, INVALID_GTIN or INVALID_LOT) if malformed
     */
    public static BatchId parseKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.length() < 16 || key.charAt(14) != '/') {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "batch", key,
                    "expected 14 GTIN digits, '/', and a lot");
        }
        return new BatchId(Gtin.parse(key.substring(0, 14), "batch.gtin"), Lot.parse(key.substring(15), "batch.lot"));
    }

    /** @return the GS1 Digital Link path {@code /01/{gtin14}/10/{percent-encoded lot}} */
    public String digitalLinkPath() {
        return "/01/" + gtin.value() + "/10/" + lot.percentEncoded();
    }

    /** @return the GS1 element string for humans, e.g. {@code (01)09506000134352(10)COIL-7} */
    public String elementString() {
        return "(01)" + gtin.value() + "(10)" + lot.value();
    }

    @Override
    public int compareTo(BatchId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return key();
    }
}
