package org.carbonledger.apiclient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;

/**
 * What the service said when it refused a request: its RFC 9457 problem ({@code detail}, the stable {@code code},
 * the offending fields), or an OAuth error of the token endpoint. A body that is not a problem (a proxy's page)
 * keeps its start as the detail, so nothing the service said is lost.
 *
 * @param status the HTTP status
 * @param title  the problem's title, empty when none
 * @param detail what went wrong, for a person: the problem's detail, else the OAuth error description, the title,
 *               the OAuth error code, the body's start, or {@code (no body)}
 * @param code   the stable error code programs branch on (e.g. {@code NOT_FOUND}, {@code ALREADY_EXISTS})
 * @param errors one entry per offending field
 */
public record ServiceProblem(int status, String title, String detail, Optional<String> code, List<FieldError> errors) {
    public ServiceProblem {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(code, "code");
        errors = List.copyOf(errors);
    }

    /**
     * One offending input.
     *
     * @param field  JSON path of the field, or the parameter's name
     * @param reason why it was refused
     */
    public record FieldError(String field, String reason) {
        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Reads a refusal's body; never fails. */
    public static ServiceProblem of(int status, byte[] body) {
        try {
            JsonValue v = Json.parse(body, "response");
            if (v instanceof JsonObject o) {
                JsonObjectReader r = JsonObjectReader.of(o, "");
                Optional<String> title = r.optionalString("title");
                Optional<String> text = r.optionalString("detail").or(() -> r.optionalString("error_description"))
                        .or(() -> title).or(() -> r.optionalString("error"));
                if (text.isPresent()) {
                    return new ServiceProblem(status, title.orElse(""), text.get(), r.optionalString("code"),
                            fieldErrors(o));
                }
            }
        } catch (LedgerRuleException notAProblem) {
            // Not JSON, or a malformed member: the body's start below says what came back.
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return new ServiceProblem(status, "", text.isEmpty() ? "(no body)"
                : LedgerRuleException.quote(ServiceResponse.abbreviate(text)), Optional.empty(), List.of());
    }

    private static List<FieldError> fieldErrors(JsonObject problem) {
        List<FieldError> errors = new ArrayList<>();
        if (problem.get("errors").orElse(null) instanceof org.carbonledger.core.json.JsonArray array) {
            for (JsonValue e : array.elements()) {
                if (e instanceof JsonObject o) {
                    JsonObjectReader r = JsonObjectReader.of(o, "errors[]");
                    Optional<String> field = r.optionalString("field");
                    Optional<String> reason = r.optionalString("reason");
                    if (field.isPresent() && reason.isPresent()) {
                        errors.add(new FieldError(field.get(), reason.get()));
                    }
                }
            }
        }
        return errors;
    }
}
