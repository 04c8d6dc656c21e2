package org.carbonledger.core.record;

import java.util.Objects;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;

/**
 * A valid row of a record file: the record object as docs/accounting.md §4 shows it (what a device signs is the JCS of
 * this object without {@code signature}), and where it came from.
 *
 * @param position the CSV line or JSON array index of the row
 * @param record the record, signed or not; it passed {@link EmissionRecord#validate(JsonObject)}
 */
public record RecordRow(Position position, JsonObject record) {

    /** Null-checks both parts. */
    public RecordRow {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(record, "record");
    }

    /** @return true when the row carries a {@code signature} */
    public boolean signed() {
        return record.has("signature");
    }

    /** @return the client-chosen record id */
    public String recordId() {
        return ((JsonString) record.get("recordId").orElseThrow()).value();
    }
}
