package org.carbonledger.service.query;

import java.util.Optional;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.service.http.ProblemException;

/**
 * The API's queries of the read model: one object by its ledger key, or a page of the objects under a key prefix.
 * Objects are answered exactly as the ledger stores them (canonical JSON).
 */
@Singleton
public class ReadModel {
    private final StateQueries queries;

    public ReadModel(StateQueries queries) {
        this.queries = queries;
    }

    public Optional<JsonObject> find(String key) {
        return queries.findById(key).map(row -> Json.parseObject(row.valueJson(), "value"));
    }

    /** The object, or a 404 problem naming what was looked for. */
    public JsonObject require(String key, String field, String what) {
        return find(key).orElseThrow(() -> ProblemException.of(ErrorCode.NOT_FOUND, field, what + " not found"));
    }

    /** A page of the objects whose key starts with {@code StateKeys.prefix(type, attributes)}. */
    public Page list(@Nullable String cursor, int size, String type, String... attributes) {
        String from = StateKeys.prefix(type, attributes);
        String to = StateKeys.prefixEnd(from);
        String after = Page.after(cursor);
        return Page.of(size, limit -> queries.range(from, to, after, limit));
    }

    public StateQueries queries() {
        return queries;
    }

    public static MutableHttpResponse<String> json(JsonObject value) {
        return HttpResponse.<String>ok().contentType(MediaType.APPLICATION_JSON_TYPE).body(Json.write(value));
    }
}
