package org.carbonledger.service.http;

import java.util.List;
import java.util.Objects;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.service.ledger.LedgerFailure;

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
        this(status, code, detail, errors, null);
    }

    /**
     * @param status the HTTP status
     * @param code the ledger error code, if one applies
     * @param detail the message for a person, naming field and reason
     * @param errors the offending fields
     * @param cause the failure behind the problem (kept for logs, never shown to the client)
     */
    public ProblemException(HttpStatus status, @Nullable ErrorCode code, String detail, List<Problem.FieldError> errors,
                            @Nullable Throwable cause) {
        super(Objects.requireNonNull(detail, "detail"), cause);
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

    /**
     * A rule failure with its cause, e.g. a chaincode refusal. The field, when the message starts with one
     * ({@code gtin "123": ...} or {@code records[3].activity.amount: ...}), is listed in {@code errors}.
     *
     * @param code the ledger error code, which decides the status
     * @param detail the message for a person
     * @param cause the failure behind it
     * @return the exception to throw
     */
    public static ProblemException withCause(ErrorCode code, String detail, Throwable cause) {
        java.util.regex.Matcher m = LEADING_FIELD.matcher(detail);
        List<Problem.FieldError> errors = m.lookingAt() ? List.of(new Problem.FieldError(m.group(1), detail)) : List.of();
        return new ProblemException(ErrorCodeStatus.of(code), code, detail, errors, cause);
    }

    /** A JSON path at the start of a core rule message: {@code field "value": reason} or {@code field: reason}. */
    private static final java.util.regex.Pattern LEADING_FIELD =
            java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9_]*(?:\\[\\d+\\])?(?:\\.[A-Za-z][A-Za-z0-9_]*(?:\\[\\d+\\])?)*)(?: \"|: )");

    /**
     * A ledger failure as the problem {@link Problems#of(LedgerFailure)} makes of it, for code that must hold it as a
     * problem before the HTTP edge (e.g. to merge it with others into one answer).
     *
     * @param failure how a chaincode transaction failed
     * @return the exception, with {@code failure} as its cause
     */
    public static ProblemException of(LedgerFailure failure) {
        Problem problem = Problems.of(failure);
        return new ProblemException(HttpStatus.valueOf(problem.status()),
                failure.refusal().map(LedgerRefusal::code).orElse(null), problem.detail(), problem.errors(), failure);
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
