package org.carbonledger.apiclient;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One answer of the service, as received: nothing is interpreted, so a caller that measures (the load generator)
 * sees every status.
 *
 * @param status  the HTTP status
 * @param headers the headers, names in lower case
 * @param body    the body's bytes
 */
public record ServiceResponse(int status, Map<String, List<String>> headers, byte[] body) {
    public ServiceResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((name, values) -> lower.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
                (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
        headers = Collections.unmodifiableMap(lower);
    }

    /** @return whether the status is 2xx */
    public boolean ok() {
        return status / 100 == 2;
    }

    /** @return the body as UTF-8 text */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return the first value of a header */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))).flatMap(v -> v.stream().findFirst());
    }

    /** @return the problem this answer states, when it is not 2xx */
    public ServiceProblem problem() {
        return ServiceProblem.of(status, body);
    }

    /** @return the body's start, for a one-line message (at most 300 characters) */
    public String excerpt() {
        return abbreviate(text());
    }

    /** @return a text's start, for a one-line message (at most 300 characters) */
    public static String abbreviate(String text) {
        String s = text == null ? "" : text.strip();
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    @Override
    public String toString() {
        return status + " " + excerpt();
    }
}
