package org.carbonledger.service.record;

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
 * The answers of a bulk record submission (OpenAPI only): the JSON and the CSV route answer alike, because both end in
 * the same submission.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ApiResponse(responseCode = "201", description = "At least one record was recorded",
        content = @Content(mediaType = MediaType.APPLICATION_JSON,
        schema = @Schema(implementation = RecordSchemas.RecordSubmission.class)))
@ApiResponse(responseCode = "200", description = "Every record was a replay",
        content = @Content(mediaType = MediaType.APPLICATION_JSON,
        schema = @Schema(implementation = RecordSchemas.RecordSubmission.class)))
@interface RecordSubmissionAnswers {
}
