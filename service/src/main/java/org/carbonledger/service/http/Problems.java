package org.carbonledger.service.http;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.service.ledger.LedgerFailure;
import org.carbonledger.service.logging.RequestIds;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** Building problem responses: the one place where rule failures and ledger outcomes become HTTP answers. */
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
     * The one mapping of a ledger outcome to a problem. A refusal answers by its {@code ErrorCode}
     * ({@link ErrorCodeStatus}), with the chaincode's message as detail and its field, when it names one, as the one
     * error. Any
     * other failure answers by what is certain about the transaction:
     * <table>
     * <caption>Status by stage</caption>
     * <tr><th>stage</th><th>status</th><th>what the client does</th></tr>
     * <tr><td>COMMIT_STATUS</td><td>504</td><td>retry the same request: a committed first attempt is answered as a
     *     replay</td></tr>
     * <tr><td>COMMIT, endorsement policy failure</td><td>403</td><td>the organizations whose data it changes did not
     *     all endorse it</td></tr>
     * <tr><td>COMMIT, any other validation code</td><td>409</td><td>nothing was written; retry</td></tr>
     * <tr><td>SUBMIT</td><td>503</td><td>nothing was written; retry later</td></tr>
     * <tr><td>ENDORSE, EVALUATE</td><td>503, or 504 when the deadline passed</td><td>the peer could not be reached;
     *     retry later</td></tr>
     * </table>
     *
     * @param failure how a chaincode transaction failed
     * @return its problem (without request path and id, which {@link #response} adds)
     */
    public static Problem of(LedgerFailure failure) {
        Objects.requireNonNull(failure, "failure");
        Optional<LedgerRefusal> refusal = failure.refusal();
        if (refusal.isPresent()) {
            ErrorCode code = refusal.get().code();
            String field = refusal.get().field();
            String detail = refusal.get().message();
            return of(ErrorCodeStatus.of(code), code, detail,
                    field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, detail)));
        }
        String transaction = failure.transaction();
        String tx = failure.transactionId().map(id -> " (transaction " + id + ")").orElse("");
        return switch (failure.stage()) {
            case COMMIT_STATUS -> of(HttpStatus.GATEWAY_TIMEOUT, null, transaction + tx + " was sent to the orderers but "
                    + "its outcome is not known yet; retry the same request: if the first attempt was committed the "
                    + "retry is answered as a replay", List.of());
            case COMMIT -> {
                TxValidationCode code = failure.validationCode().orElse(TxValidationCode.INVALID_OTHER_REASON);
                yield code == TxValidationCode.ENDORSEMENT_POLICY_FAILURE
                        ? of(HttpStatus.FORBIDDEN, null, transaction + tx + " was not endorsed as the ledger's policy "
                                + "requires (" + code + "): the organizations whose data it changes did not all endorse it",
                                List.of())
                        : of(HttpStatus.CONFLICT, null, transaction + tx + " was committed invalid (" + code
                                + ") and changed nothing; retry it", List.of());
            }
            case SUBMIT -> of(HttpStatus.SERVICE_UNAVAILABLE, null, transaction + tx + " could not be handed to the "
                    + "ordering service and changed nothing; retry later (" + failure.getMessage() + ")", List.of());
            case ENDORSE, EVALUATE -> of(failure.deadlineExceeded() ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE,
                    null, transaction + " could not reach the organization's peer and changed nothing; retry later ("
                            + failure.getMessage() + ")", List.of());
        };
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
