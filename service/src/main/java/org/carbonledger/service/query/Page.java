package org.carbonledger.service.query;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.uri.UriBuilder;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.service.http.ProblemException;
import org.carbonledger.service.sync.LedgerStateRow;

/**
 * One page of a listing: {@code {"items":[…],"nextCursor":"…"}} and, when there is more, an RFC 8288
 * {@code Link: <…>; rel="next"} header. The cursor is opaque to clients (the last state key, base64url).
 */
public final class Page {
    public static final int MAX_PAGE_SIZE = 1000;

    private final List<JsonValue> items;
    private final @Nullable String nextCursor;

    private Page(List<JsonValue> items, @Nullable String nextCursor) {
        this.items = items;
        this.nextCursor = nextCursor;
    }

    /** The validated page size: the default when absent, else 1 to {@value #MAX_PAGE_SIZE}. */
    public static int size(@Nullable Integer requested, int defaultSize) {
        if (requested == null) {
            return defaultSize;
        }
        if (requested < 1 || requested > MAX_PAGE_SIZE) {
            throw ProblemException.of(ErrorCode.INVALID_ARGUMENT, "pageSize",
                    "pageSize " + requested + ": must be 1 to " + MAX_PAGE_SIZE);
        }
        return requested;
    }

    /** The state key a cursor stands for ("" for the first page). */
    public static String after(@Nullable String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return "";
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(ErrorCode.INVALID_ARGUMENT, "cursor",
                    "cursor \"" + cursor + "\": not a cursor this service issued (use nextCursor of the previous page)");
        }
    }

    /**
     * Reads one more row than asked to learn whether a next page exists.
     *
     * @param query rows after the cursor, at most the given count
     */
    public static Page of(int size, IntFunction<List<LedgerStateRow>> query) {
        List<LedgerStateRow> rows = query.apply(size + 1);
        boolean more = rows.size() > size;
        List<LedgerStateRow> shown = more ? rows.subList(0, size) : rows;
        List<JsonValue> items = shown.stream().<JsonValue>map(r -> Json.parse(r.valueJson(), "value")).toList();
        String next = more ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString(shown.get(shown.size() - 1).stateKey().getBytes(StandardCharsets.UTF_8)) : null;
        return new Page(items, next);
    }

    /** The same page with each item replaced by {@code how} (e.g. completed from other states); same cursor. */
    public Page map(java.util.function.UnaryOperator<JsonValue> how) {
        return new Page(items.stream().map(how).toList(), nextCursor);
    }

    public List<JsonValue> items() {
        return items;
    }

    public Optional<String> nextCursor() {
        return Optional.ofNullable(nextCursor);
    }

    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder().put("items", JsonArray.of(items));
        if (nextCursor != null) {
            b.put("nextCursor", nextCursor);
        }
        return b.build();
    }

    /** 200 with the page, and a {@code Link} to the next one built from the request's own URI. */
    public MutableHttpResponse<String> response(HttpRequest<?> request) {
        MutableHttpResponse<String> response = HttpResponse.ok();
        if (nextCursor != null) {
            String next = UriBuilder.of(request.getUri()).replaceQueryParam("cursor", nextCursor).build().toString();
            response.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(Json.write(toJson()));
    }
}
