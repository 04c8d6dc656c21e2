package org.carbonledger.service.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The problem answers of a write to the ledger (OpenAPI only). Which codes each status carries is the error-code
 * table of the API documentation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ApiResponse(responseCode = "400", description = "The request itself is wrong (malformed JSON, an unknown or missing "
        + "member, INVALID_* codes): fix it and resend",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "401", description = "No token, or an invalid one",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The token lacks the role, or the ledger does not let this "
        + "organization do this (FORBIDDEN, ROLE_REQUIRED, NOT_DESIGNATED for records of a producer that designated "
        + "no certifier, endorsement policy not met)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "404", description = "A named object does not exist (NOT_FOUND, UNKNOWN_DEVICE, "
        + "UNKNOWN_FACTOR)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "409", description = "In conflict with the ledger's state (ALREADY_EXISTS or DUPLICATE_ID "
        + "for a different object under the same id, BATCH_SEALED, INVALID_STATE, MASS_BALANCE_EXCEEDED, ...)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "413", description = "The body is larger than the service accepts",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "422", description = "Well-formed, but the evidence does not check out (DEVICE_REVOKED, "
        + "DEVICE_NOT_OWNED, MISMATCH)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "503", description = "The ledger cannot be reached (or is not configured): nothing was "
        + "written, retry later",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "504", description = "A deadline passed after the transaction was handed to the orderers: "
        + "the outcome is not known yet; retry the same request (a committed first attempt answers as a replay)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface WriteProblems {
}
