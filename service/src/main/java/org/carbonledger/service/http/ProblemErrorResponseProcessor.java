package org.carbonledger.service.http;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.web.router.UriRouteMatch;
import io.micronaut.web.router.exceptions.DuplicateRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.serde.exceptions.InvalidPropertyFormatException;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.service.logging.RequestIds;

/**
 * Turns every error Micronaut itself answers (unknown route, wrong method or media type, malformed JSON, missing or
 * unconvertible parameters, bean-validation failures, 401/403 from security, unhandled exceptions) into a
 * {@link Problem}. Handlers of the service's own exceptions build problems directly.
 *
 * <p>Server errors never show their cause: the detail is generic and the request id leads to the logged stack trace.
 */
@Singleton
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {
    private static final Pattern JSON_LOCATION = Pattern.compile("line: (\\d+), column: (\\d+)");
    private static final Pattern SERDE_SEGMENT = Pattern.compile("\\[\"([^\"]*)\"\\]|\\[(\\d+)\\]");
    private static final Pattern SERDE_PROPERTY = Pattern.compile("property \\[[^\\]]*?(\\w+)\\]");

    private final HttpServerConfiguration server;

    ProblemErrorResponseProcessor(HttpServerConfiguration server) {
        this.server = server;
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Problem> typed = (MutableHttpResponse<Problem>) response;
        if (request.getMethod() == HttpMethod.HEAD) {
            return typed;
        }
        Throwable cause = context.getRootCause().orElse(null);
        if (cause instanceof DuplicateRouteException && request.getContentType().isEmpty()) {
            // Routes told apart by their media type all match a request that names none.
            typed.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        }
        HttpStatus status = typed.status();
        // Requests refused while routing never reached the request id filter; they get an id here.
        String requestId = RequestIds.of(request).orElseGet(() -> {
            String id = RequestIds.assign(request);
            typed.header(RequestIds.HEADER, id);
            return id;
        });
        Problem problem = problem(context, request, status).at(request.getPath(), requestId);
        return typed.body(problem).contentType(Problem.MEDIA_TYPE);
    }

    private Problem problem(ErrorContext context, HttpRequest<?> request, HttpStatus status) {
        Throwable cause = context.getRootCause().orElse(null);
        if (cause instanceof DuplicateRouteException duplicate) {
            return ambiguousMediaType(request, duplicate, status);
        }
        if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            return tooLarge();
        }
        if (status.getCode() >= 500) {
            return Problems.of(status, null, "The service could not complete the request. Quote the request id "
                    + "when reporting it; the cause is in the service's log.", List.of());
        }
        if (cause instanceof ConstraintViolationException violations) {
            return validation(violations);
        }
        if (cause instanceof ConversionErrorException conversion) {
            Throwable reading = conversion.getConversionError().getCause();
            if (isJsonFailure(reading)) {
                return malformedJson(reading);
            }
            String field = conversion.getArgument().getName();
            String reason = "cannot be read as " + conversion.getArgument().getType().getSimpleName()
                    + conversion.getConversionError().getOriginalValue()
                            .map(v -> " (got " + LedgerRuleException.quote(String.valueOf(v)) + ")").orElse("");
            return fieldProblem(field, reason);
        }
        if (cause instanceof UnsatisfiedArgumentException unsatisfied) {
            return fieldProblem(unsatisfied.getArgument().getName(), "is required");
        }
        if (cause instanceof UnsatisfiedRouteException unsatisfied) {
            return fieldProblem(unsatisfied.getArgument().getName(), "is required");
        }
        if (cause instanceof JsonSyntaxException || isJsonFailure(cause)) {
            return malformedJson(cause);
        }
        return switch (status) {
            case UNAUTHORIZED -> Problems.of(status, null, hasBearer(request)
                    ? "The bearer token is invalid or has expired; obtain a new one from POST /oauth/token."
                    : "This request needs a bearer token: obtain one from POST /oauth/token "
                            + "(OAuth 2.0 client credentials) and send it as \"Authorization: Bearer <token>\".",
                    List.of());
            case FORBIDDEN -> Problems.of(status, null,
                    "The token's roles do not allow " + request.getMethod() + " " + request.getPath() + ".", List.of());
            case NOT_FOUND -> Problems.of(status, null, notFoundDetail(context, request), List.of());
            // The request itself is wrong, as for malformed JSON: the client fixes it and resends.
            case UNSUPPORTED_MEDIA_TYPE -> Problems.of(status, ErrorCode.INVALID_ARGUMENT,
                    message(context).orElse(status.getReason()), List.of());
            default -> Problems.of(status, null, message(context).orElse(status.getReason()), fieldErrors(context));
        };
    }

    /** Which Content-Type to send, listed from the routes that matched; never the router's own message. */
    private static Problem ambiguousMediaType(HttpRequest<?> request, DuplicateRouteException duplicate,
                                              HttpStatus status) {
        Set<String> types = new LinkedHashSet<>();
        for (UriRouteMatch<Object, Object> route : duplicate.getUriRoutes()) {
            route.getRouteInfo().getConsumes().forEach(type -> types.add(type.getName()));
        }
        String what = request.getContentType().isEmpty() ? " needs a Content-Type header" : " cannot take Content-Type "
                + request.getContentType().get().getName();
        return Problems.of(status, ErrorCode.INVALID_ARGUMENT, request.getMethod() + " " + request.getPath() + what
                + (types.isEmpty() ? "." : ": send one of " + String.join(", ", types) + "."), List.of());
    }

    /** The limit counts the body as the service reads it: after decompression of a gzip or deflate body. */
    private Problem tooLarge() {
        long limit = Math.min(server.getMaxRequestSize(), server.getMaxRequestBufferSize());
        String size = limit % (1024 * 1024) == 0 ? limit / (1024 * 1024) + " MiB" : limit + " bytes";
        return Problems.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, ErrorCode.INVALID_ARGUMENT, "The request body is "
                + "larger than the limit of " + size + " (a compressed body counts as it is after decompression). "
                + "Send the records in several smaller requests.", List.of());
    }

    private static String notFoundDetail(ErrorContext context, HttpRequest<?> request) {
        Optional<String> message = message(context).filter(m -> !"Page Not Found".equals(m));
        return message.orElse("Nothing at " + request.getMethod() + " " + request.getPath() + ".");
    }

    private static Problem fieldProblem(String field, String reason) {
        return Problems.of(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT, field + ": " + reason,
                List.of(new Problem.FieldError(field, reason)));
    }

    private static Problem malformedJson(Throwable cause) {
        String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        Optional<String> path = jsonPath(cause);
        if (path.isPresent()) {
            return fieldProblem(path.get(), "has the wrong JSON type or value");
        }
        Matcher property = SERDE_PROPERTY.matcher(message);
        if (property.find()) {
            String field = property.group(1);
            return fieldProblem(field, "has the wrong JSON type or value");
        }
        Matcher location = JSON_LOCATION.matcher(message);
        String where = location.find() ? " at line " + location.group(1) + ", column " + location.group(2) : "";
        return Problems.of(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT,
                "The request body is not well-formed JSON" + where + ".", List.of());
    }

    /** The JSON path Micronaut Serde reports for a value it could not read, e.g. {@code activity.amount}. */
    static Optional<String> jsonPath(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SerdeException serde) {
                Optional<String> field = fieldOfSerdePath(serde.getPathAsString());
                if (field.isPresent()) {
                    return field;
                }
            }
            if (t instanceof InvalidPropertyFormatException property && property.getArgument() != null) {
                return Optional.of(property.getArgument().getName());
            }
        }
        return Optional.empty();
    }

    /** Serde writes paths as {@code pkg.Type["activity"]->pkg.Other["amount"]} or with {@code [0]}; keep the names. */
    static Optional<String> fieldOfSerdePath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        StringBuilder field = new StringBuilder();
        Matcher segment = SERDE_SEGMENT.matcher(path);
        while (segment.find()) {
            if (segment.group(1) != null) {
                field.append(field.length() == 0 ? "" : ".").append(segment.group(1));
            } else {
                field.append('[').append(segment.group(2)).append(']');
            }
        }
        return field.length() == 0 ? Optional.empty() : Optional.of(field.toString());
    }

    private static boolean isJsonFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.startsWith("com.fasterxml.jackson.core.") || name.startsWith("io.micronaut.serde.exceptions.")
                    || name.equals("io.micronaut.http.codec.CodecException")) {
                return true;
            }
        }
        return false;
    }

    private static Problem validation(ConstraintViolationException exception) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : exception.getConstraintViolations()) {
            errors.add(new Problem.FieldError(field(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        StringBuilder detail = new StringBuilder();
        for (Problem.FieldError error : errors) {
            detail.append(detail.length() == 0 ? "" : "; ").append(error.field()).append(": ").append(error.reason());
        }
        return Problems.of(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT, detail.toString(), errors);
    }

    /**
     * The path a client knows: {@code save.request.activity.amount} (method, parameter, properties) becomes
     * {@code activity.amount}; a bare parameter ({@code list.limit}) stays {@code limit}.
     */
    static String field(Path path) {
        List<String> parameters = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        Iterator<Path.Node> nodes = path.iterator();
        while (nodes.hasNext()) {
            Path.Node node = nodes.next();
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PARAMETER) {
                parameters.add(node.getName());
            } else if (kind == ElementKind.PROPERTY || kind == ElementKind.CONTAINER_ELEMENT) {
                String name = node.getName() == null ? "" : node.getName();
                if (node.getIndex() != null) {
                    name = name + "[" + node.getIndex() + "]";
                } else if (node.getKey() != null) {
                    name = name + "[" + node.getKey() + "]";
                }
                if (!name.isEmpty()) {
                    properties.add(name);
                }
            }
        }
        if (!properties.isEmpty()) {
            return String.join(".", properties);
        }
        return parameters.isEmpty() ? path.toString() : parameters.get(parameters.size() - 1);
    }

    private static Optional<String> message(ErrorContext context) {
        return context.getErrors().stream().map(Error::getMessage).filter(m -> m != null && !m.isBlank()).findFirst();
    }

    private static List<Problem.FieldError> fieldErrors(ErrorContext context) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Error error : context.getErrors()) {
            error.getPath().ifPresent(path -> errors.add(new Problem.FieldError(path, error.getMessage())));
        }
        return errors;
    }

    static boolean hasBearer(HttpRequest<?> request) {
        return request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class)
                .filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7)).isPresent();
    }
}
