package org.carbonledger.core.accounting;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * Cradle-to-gate life-cycle stages used for the footprint breakdown. Inbound material is always attributed to
 * {@link #RAW_MATERIALS}. The declaration order is the breakdown order.
 */
public enum Stage {
    /** Extraction and production of materials, including everything received from suppliers. */
    RAW_MATERIALS,
    /** The organization's own production processes. */
    PRODUCTION,
    /** Transport paid for or operated by the organization. */
    TRANSPORT,
    /** Packaging materials and packing. */
    PACKAGING,
    /** Treatment of production waste. */
    WASTE;

    private static final String NAMES = Arrays.stream(values()).map(Stage::name).collect(Collectors.joining(", "));

    /**
     * @param name the JSON name
     * @param field the JSON path, for the error message
     * @return the stage
     */
    public static Stage parse(String name, String field) {
        Objects.requireNonNull(name, "name");
        for (Stage s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, name, "unknown stage; use one of " + NAMES);
    }
}
