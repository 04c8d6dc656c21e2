package org.carbonledger.service.http;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An RFC 9457 (formerly 7807) problem detail, the body of every error response
 * ({@code Content-Type: application/problem+json}).
 *
 * @param type a URI naming the kind of problem: {@code urn:carbonledger:problem:<code>} when a {@link #code} is
 *     known, else {@code about:blank} (the HTTP status says it all)
 * @param title short summary of the type, the same for every occurrence
 * @param status the HTTP status code
 * @param detail what went wrong in this request, naming the field and the reason, for a person to act on
 * @param instance the request path
 * @param code the stable {@code ErrorCode} name programs branch on, when the error has one
 * @param errors one entry per offending field (may be empty, never absent)
 * @param error the OAuth 2.0 error code (RFC 6749 §5.2), only on token endpoint errors
 * @param requestId the request id, also in the {@code X-Request-Id} header and in the service's logs
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        @Nullable String instance,
        @Nullable String code,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<FieldError> errors,
        @Nullable String error,
        @Nullable String requestId) {

    /** The media type of problem responses. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Type of problems that carry no more than their HTTP status. */
    public static final String ABOUT_BLANK = "about:blank";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * One offending input.
     *
     * @param field JSON path of the field ({@code activity.amount}), or the parameter name for query, path and form
     *     parameters
     * @param reason why it was refused
     */
    @Serdeable
    public record FieldError(String field, String reason) {
        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** @return a copy with the request's path and id filled in */
    Problem at(@Nullable String path, @Nullable String id) {
        return new Problem(type, title, status, detail, path, code, errors, error, id);
    }
}
