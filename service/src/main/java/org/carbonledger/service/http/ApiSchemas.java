package org.carbonledger.service.http;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Shapes and patterns the API's bodies share, for the OpenAPI document only. Bodies are read by the ledger's own
 * strict parser and answered as the ledger stores them, so these records are never bound or serialized: they
 * describe what that code accepts and answers, and a test checks real answers against the generated document.
 */
public final class ApiSchemas {
    /** GTIN as accepted: 8, 12, 13 or 14 digits (the check digit is verified). */
    public static final String GTIN_IN = "^([0-9]{8}|[0-9]{12,14})$";
    /** GTIN as answered: always GTIN-14. */
    public static final String GTIN = "^[0-9]{14}$";
    /** Lot, GS1 AI (10): 1 to 20 characters of GS1 character set 82. */
    public static final String LOT = "^[!\"%-?A-Z_a-z]{1,20}$";
    /** A decimal amount as sent: no sign, no exponent, at most 18 integer and 9 fraction digits. */
    public static final String AMOUNT = "^(0|[1-9][0-9]{0,17})(\\.[0-9]{1,9})?$";
    /** A computed decimal (CO2e and its parts), exact, in plain notation. */
    public static final String DECIMAL = "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$";
    /** Ids chosen by clients: lower-case UUIDs. */
    public static final String UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    /** Names of MSPs, devices, factors, datasets: a letter or digit, then letters, digits, '.', '_', '-'. */
    public static final String TOKEN = "^[A-Za-z0-9][A-Za-z0-9._-]*$";
    /** SHA-256 hashes and transaction ids, lower-case hex. */
    public static final String HEX64 = "^[0-9a-f]{64}$";
    /** An instant as the ledger writes it: ISO 8601 in UTC. */
    public static final String INSTANT = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?Z$";

    private ApiSchemas() {
    }

    /** An amount of a unit, as a client sends it. */
    @Schema(name = "QuantityInput", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record QuantityInput(
            @Schema(requiredMode = REQUIRED, pattern = AMOUNT, example = "25000") String amount,
            @Schema(requiredMode = REQUIRED,
                    description = "A unit the ledger knows (kg, t, kWh, MWh, L, m3, piece, ...)",
                    example = "kg") String unit) {
    }

    /** An amount of a unit, as the ledger stores it (normalized). */
    @Schema(name = "Quantity")
    public record Quantity(@Schema(requiredMode = REQUIRED, pattern = DECIMAL, example = "25000") String amount,
            String unit) {
    }

    /** Kilograms of CO2e, in total and by origin (ISO 14067), as exact decimals. */
    @Schema(name = "Co2e", description = "kg CO2e as exact decimal strings")
    public record Co2e(
            @Schema(requiredMode = REQUIRED, pattern = DECIMAL) String total,
            @Schema(requiredMode = REQUIRED, pattern = DECIMAL) String fossil,
            @Schema(requiredMode = REQUIRED, pattern = DECIMAL) String biogenicCo2,
            @Schema(requiredMode = REQUIRED, pattern = DECIMAL) String biogenicNonCo2) {
    }

    /** A batch named by GTIN-14 and lot. */
    @Schema(name = "BatchRef")
    public record BatchRef(@Schema(requiredMode = REQUIRED, pattern = GTIN) String gtin,
            @Schema(requiredMode = REQUIRED, pattern = LOT) String lot) {
    }

    /** A batch named by a GTIN as a client may send it, and lot. */
    @Schema(name = "BatchRefInput", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record BatchRefInput(@Schema(requiredMode = REQUIRED, pattern = GTIN_IN) String gtin,
            @Schema(requiredMode = REQUIRED, pattern = LOT) String lot) {
    }

    /** The life-cycle stage of an emission (ISO 14067). */
    @Schema(name = "Stage")
    public enum Stage { RAW_MATERIALS, PRODUCTION, TRANSPORT, PACKAGING, WASTE }
}
