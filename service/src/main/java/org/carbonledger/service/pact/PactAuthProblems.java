package org.carbonledger.service.pact;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.micronaut.http.MediaType;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The answers of every PACT action to no or a bad token and a missing role (OpenAPI only), in PACT's error body
 * rather than the service's problem body.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ApiResponse(responseCode = "401", description = "No token (AccessDenied), an expired one (TokenExpired), or one "
        + "that is not this service's (BadRequest)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON,
        schema = @Schema(implementation = PactSchemas.Error.class)))
@ApiResponse(responseCode = "403", description = "The token lacks the role",
        content = @Content(mediaType = MediaType.APPLICATION_JSON,
        schema = @Schema(implementation = PactSchemas.Error.class)))
@interface PactAuthProblems {
}
