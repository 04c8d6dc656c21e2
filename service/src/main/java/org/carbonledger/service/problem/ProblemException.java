package org.carbonledger.service.problem;

import java.util.List;
import java.util.Objects;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import org.carbonledger.core.error.ErrorCode;

/**
 * Thrown by controllers and services to answer with a specific problem; rendered by {@link ProblemExceptionHandler}.
 * Prefer {@link #of(ErrorCode, String, String)} so the status comes from {@link ErrorCodeStatus}.
 */
public final class ProblemException extends RuntimeException {
    private final HttpStatus status;
    private final @Nullable ErrorCode code;
    private final List<Problem.FieldError> errors;

    /**
     * @param status the HTTP status
     * @param code the ledger error code, if one applies
     * @param detail the message for a person, naming field and reason
     * @param errors the offending fields
     */
    public ProblemException(HttpStatus status, @Nullable ErrorCode code, String detail, List<Problem.FieldError> errors) {
        super(Objects.requireNonNull(detail, "detail"));
        this.status = Objects.requireNonNull(status, "status");
        this.code = code;
        this.errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
    }

    /**
     * @param code the ledger error code, which decides the status
     * @param field the offending field, or {@code ""}
     * @param detail the message for a person
     * @return the exception to throw
     */
    public static ProblemException of(ErrorCode code, String field, String detail) {
        Objects.requireNonNull(field, "field");
        return new ProblemException(ErrorCodeStatus.of(code), code, detail,
                field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, detail)));
    }

    /** @return the HTTP status */
    public HttpStatus status() {
        return status;
    }

    /** @return the problem this exception stands for */
    public Problem problem() {
        return Problems.of(status, code, getMessage(), errors);
    }
}
