package org.carbonledger.core.ledger.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * The answer of every paged query of the chaincode ({@code ListDevices}, {@code ListProducts}, {@code ListBatches},
 * {@code ListRecords}, {@code ListTransfersFrom}, ...): {@code {"items":[…],"bookmark":"…"}}, the bookmark "" on the
 * last page.
 *
 * <pre>{@code
 * LedgerPage page = LedgerPage.fromJson(answer, "");
 * List<StoredBatch> batches = page.items(StoredBatch::fromJson);
 * }</pre>
 *
 * @param items the states of this page, in key order
 * @param bookmark where the next page starts, "" when this is the last
 */
public record LedgerPage(List<JsonObject> items, String bookmark) {

    public static final List<String> MEMBERS = List.of("items", "bookmark");

    /** Null-checks every part and copies the items. */
    public LedgerPage {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        Objects.requireNonNull(bookmark, "bookmark");
    }

    /**
     * @param json the answer
     * @param path its JSON path, for error messages
     * @return the page
     */
    public static LedgerPage fromJson(JsonObject json, String path) {
        JsonObjectReader r = JsonObjectReader.of(Objects.requireNonNull(json, "json"), path);
        r.rejectUnknownMembers(MEMBERS);
        JsonArray array = r.requireArray("items");
        List<JsonObject> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            items.add(JsonObjectReader.asObject(array.get(i), r.path("items") + "[" + i + "]"));
        }
        return new LedgerPage(items, r.requireString("bookmark"));
    }

    /**
     * @param reader a state model's {@code fromJson}, e.g. {@code StoredBatch::fromJson}
     * @return the items, each read strictly
     */
    public <T> List<T> items(BiFunction<JsonObject, String, T> reader) {
        List<T> result = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            result.add(reader.apply(items.get(i), "items[" + i + "]"));
        }
        return result;
    }

    /** @return true when no page follows */
    public boolean isLast() {
        return bookmark.isEmpty();
    }

    /** @return the answer as the chaincode writes it */
    public JsonObject toJson() {
        return JsonObject.builder().put("items", JsonArray.of(items)).put("bookmark", bookmark).build();
    }
}
