package org.carbonledger.core.error;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * Why the ledger refused a transaction, as structured data: the chaincode sends it as the message of its refusal and
 * every client reads it back with {@link #fromJson}, so a program branches on {@link #code()}, points at
 * {@link #field()} and, in a bulk submission, at the refused {@link #item()}, without parsing prose.
 *
 * <pre>{@code
 * {"code":"UNIT_MISMATCH","field":"records[3].activity.unit","item":{"id":"0b9f…","index":3},
 *  "message":"records[3]: activity.unit \"kg\": …"}
 * }</pre>
 *
 * @param code the stable reason
 * @param field the JSON path of the offending field, or {@code ""} when the refusal is not about one field
 * @param message the sentence for a person: names the field, quotes the value and says why
 * @param item in a bulk submission, which element was refused
 */
public record Refusal(ErrorCode code, String field, String message, Optional<Item> item) {

    private static final List<String> MEMBERS = List.of("code", "field", "message", "item");

    /**
     * One element of a bulk submission.
     *
     * @param index its position in the submitted array, from 0
     * @param id its client-chosen id, when the element had a readable one
     */
    public record Item(int index, Optional<String> id) {
        private static final List<String> MEMBERS = List.of("index", "id");

        /** Refuses a negative index. */
        public Item {
            if (index < 0) {
                throw new IllegalArgumentException("index must not be negative: " + index);
            }
            Objects.requireNonNull(id, "id");
        }

        JsonObject toJson() {
            JsonObject.Builder b = JsonObject.builder().put("index", index);
            id.ifPresent(value -> b.put("id", value));
            return b.build();
        }

        static Item fromJson(JsonObject json, String path) {
            JsonObjectReader r = JsonObjectReader.of(json, path);
            r.rejectUnknownMembers(MEMBERS);
            return new Item((int) r.requireInteger("index", 0, Integer.MAX_VALUE), r.optionalString("id"));
        }
    }

    /** Null-checks every part. */
    public Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(item, "item");
    }

    /** @return the refusal a rule violation stands for */
    public static Refusal of(LedgerRuleException e) {
        return new Refusal(e.code(), e.field(), e.getMessage(), e.item());
    }

    /** @return the refusal as a canonical JSON object */
    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder()
                .put("code", code.name())
                .put("field", field)
                .put("message", message);
        item.ifPresent(value -> b.put("item", value.toJson()));
        return b.build();
    }

    /** @return the canonical JSON text, as the chaincode sends it */
    public String toJsonText() {
        return Jcs.canonicalString(toJson());
    }

    /**
     * Reads a refusal strictly; a code this build does not know is refused too, so a reader never guesses.
     *
     * @param text the JSON text
     * @return the refusal
     * @throws LedgerRuleException when the text is not a refusal
     */
    public static Refusal fromJson(String text) {
        JsonObjectReader r = JsonObjectReader.of(Json.parseObject(Objects.requireNonNull(text, "text"), "refusal"), "");
        r.rejectUnknownMembers(MEMBERS);
        String code = r.requireString("code");
        ErrorCode errorCode;
        try {
            errorCode = ErrorCode.valueOf(code);
        } catch (IllegalArgumentException unknown) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "code", code, "not an error code of this build");
        }
        Optional<Item> item = r.has("item")
                ? Optional.of(Item.fromJson(r.requireObject("item").object(), r.path("item")))
                : Optional.empty();
        return new Refusal(errorCode, r.requireString("field"), r.requireString("message"), item);
    }
}
