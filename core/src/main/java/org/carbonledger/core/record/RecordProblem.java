package org.carbonledger.core.record;

import java.util.Locale;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.json.JsonObject;

/**
 * Why a row of a record file (or the file itself) was refused.
 *
 * @param position where: the CSV line, the JSON array index, or the whole file
 * @param field the CSV column (e.g. {@code amount}, {@code gas.CH4_FOSSIL}) or the JSON path inside the record
 *     (e.g. {@code activity.amount}); {@code ""} when the problem is not about one field
 * @param code the stable reason, as the ledger would give it
 * @param message a message for a person that names the field, quotes the value and says why, e.g.
 *     {@code amount "-5": must not be negative}
 */
public record RecordProblem(Position position, String field, ErrorCode code, String message) {

    /** Null-checks every part. */
    public RecordProblem {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /**
     * @return {@code {"kind":"line","position":7,"field":"amount","code":"INVALID_AMOUNT","message":"…"}} (kind
     *     {@code line}, {@code index} or {@code file})
     */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("kind", position.kind().name().toLowerCase(Locale.ROOT))
                .put("position", position.number())
                .put("field", field)
                .put("code", code.name())
                .put("message", message)
                .build();
    }

    /** @return e.g. {@code line 7: amount "-5": must not be negative} */
    @Override
    public String toString() {
        return position + ": " + message;
    }
}
