package org.carbonledger.service.http;

import java.util.List;
import java.util.Objects;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.service.logging.RequestIds;

/** Building problem responses. */
public final class Problems {
    private Problems() {
    }

    /**
     * @param status HTTP status
     * @param code ledger error code, if any: decides type and title
     * @param detail message for a person
     * @param errors offending fields
     * @return the problem (without request path and id, which {@link #response} adds)
     */
    public static Problem of(HttpStatus status, @Nullable ErrorCode code, String detail, List<Problem.FieldError> errors) {
        Objects.requireNonNull(status, "status");
        String type = code == null ? Problem.ABOUT_BLANK : ErrorCodeStatus.type(code);
        String title = code == null ? status.getReason() : ErrorCodeStatus.title(code);
        return new Problem(type, title, status.getCode(), detail, null, code == null ? null : code.name(), errors,
                null, null);
    }

    /**
     * @param e a rule failure from {@code carbonledger-core}
     * @return its problem: status by {@link ErrorCodeStatus}, the message as detail, the field as the one error
     */
    public static Problem of(LedgerRuleException e) {
        List<Problem.FieldError> errors = e.field().isEmpty()
                ? List.of()
                : List.of(new Problem.FieldError(e.field(), e.getMessage()));
        return of(ErrorCodeStatus.of(e.code()), e.code(), e.getMessage(), errors);
    }

    /**
     * @param request the request being answered
     * @param problem the problem
     * @return a response with the problem's status, body and media type, and the request's path and id filled in
     */
    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, Problem problem) {
        Problem located = problem.at(request.getPath(), RequestIds.of(request).orElse(null));
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .body(located)
                .contentType(Problem.MEDIA_TYPE);
    }
}
