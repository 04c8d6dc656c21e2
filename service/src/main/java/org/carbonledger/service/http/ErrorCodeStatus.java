package org.carbonledger.service.http;

import java.util.Locale;
import java.util.Objects;

import io.micronaut.http.HttpStatus;
import org.carbonledger.core.error.ErrorCode;

/**
 * The one mapping from ledger {@link ErrorCode}s to HTTP statuses, problem types and titles. Both kinds of rule
 * failure answer through it: those found in the service ({@code LedgerRuleException}) and the chaincode's refusals
 * ({@code LedgerFailure#refusal()}, turned into problems by {@link Problems#of(org.carbonledger.service.ledger.LedgerFailure)}).
 *
 * <table>
 * <caption>Status by family</caption>
 * <tr><th>status</th><th>codes</th><th>meaning</th></tr>
 * <tr><td>400</td><td>INVALID_*, UNIT_MISMATCH</td><td>the request itself is wrong; fix it and resend</td></tr>
 * <tr><td>403</td><td>FORBIDDEN, ROLE_REQUIRED</td><td>the organization may not do this on the ledger</td></tr>
 * <tr><td>404</td><td>NOT_FOUND, UNKNOWN_*</td><td>a named object does not exist (yet)</td></tr>
 * <tr><td>409</td><td>DUPLICATE_ID, ALREADY_EXISTS, BATCH_SEALED, BATCH_NOT_SEALED, INVALID_STATE,
 *     MASS_BALANCE_EXCEEDED</td><td>the request is valid but conflicts with the ledger's current state</td></tr>
 * <tr><td>422</td><td>DEVICE_REVOKED, DEVICE_NOT_OWNED, MISMATCH</td><td>well-formed, but the evidence does not
 *     check out</td></tr>
 * </table>
 *
 * State conflicts are 409, not 422: they depend on what else is on the ledger (another shipment, an earlier seal),
 * so the same request could succeed against a different state, which is what 409 says.
 */
public final class ErrorCodeStatus {
    private static final String TYPE_PREFIX = "urn:carbonledger:problem:";

    private ErrorCodeStatus() {
    }

    /**
     * @param code a ledger error code
     * @return its HTTP status
     */
    public static HttpStatus of(ErrorCode code) {
        Objects.requireNonNull(code, "code");
        // No default branch: a new ErrorCode does not compile until someone decides its status.
        return switch (code) {
            case INVALID_ARGUMENT, INVALID_GTIN, INVALID_LOT, INVALID_AMOUNT, INVALID_UNIT, UNIT_MISMATCH,
                    INVALID_SIGNATURE, INVALID_KEY, INVALID_PERIOD -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN, ROLE_REQUIRED, NOT_DESIGNATED -> HttpStatus.FORBIDDEN;
            case NOT_FOUND, UNKNOWN_DEVICE, UNKNOWN_FACTOR -> HttpStatus.NOT_FOUND;
            case DUPLICATE_ID, ALREADY_EXISTS, BATCH_SEALED, BATCH_NOT_SEALED, INVALID_STATE,
                    MASS_BALANCE_EXCEEDED -> HttpStatus.CONFLICT;
            case DEVICE_REVOKED, DEVICE_NOT_OWNED, MISMATCH -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    /**
     * @param code a ledger error code
     * @return the problem type URI, e.g. {@code urn:carbonledger:problem:invalid-gtin}
     */
    public static String type(ErrorCode code) {
        return TYPE_PREFIX + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param code a ledger error code
     * @return a short, fixed title for the problem type
     */
    public static String title(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT -> "Invalid argument";
            case INVALID_GTIN -> "Invalid GTIN";
            case INVALID_LOT -> "Invalid lot";
            case INVALID_AMOUNT -> "Invalid amount";
            case INVALID_UNIT -> "Invalid unit";
            case UNIT_MISMATCH -> "Unit mismatch";
            case INVALID_SIGNATURE -> "Invalid signature";
            case INVALID_KEY -> "Invalid key";
            case UNKNOWN_DEVICE -> "Unknown device";
            case DEVICE_REVOKED -> "Device revoked";
            case DEVICE_NOT_OWNED -> "Device not owned by the batch owner";
            case UNKNOWN_FACTOR -> "Unknown emission factor";
            case DUPLICATE_ID -> "Duplicate id";
            case NOT_FOUND -> "Not found";
            case ALREADY_EXISTS -> "Already exists";
            case BATCH_SEALED -> "Batch sealed";
            case BATCH_NOT_SEALED -> "Batch not sealed";
            case MASS_BALANCE_EXCEEDED -> "Mass balance exceeded";
            case FORBIDDEN -> "Forbidden";
            case ROLE_REQUIRED -> "Ledger role required";
            case NOT_DESIGNATED -> "Not designated";
            case INVALID_STATE -> "Invalid state";
            case INVALID_PERIOD -> "Invalid period";
            case MISMATCH -> "Mismatch";
        };
    }
}
