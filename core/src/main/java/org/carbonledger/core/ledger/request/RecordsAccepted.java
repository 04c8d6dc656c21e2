package org.carbonledger.core.ledger.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StateReader;

/**
 * The answer of {@code Records:SubmitRecords}: {@code {"txId","accepted":n,"records":[{"recordId","co2e":{…}},…]}},
 * the records in the order submitted, each with the CO2e the chaincode computed.
 *
 * @param txId the transaction that stored them
 * @param records the accepted records
 */
public record RecordsAccepted(String txId, List<Accepted> records) {

    public static final List<String> MEMBERS = List.of("txId", "accepted", "records");

    /**
     * One accepted record.
     *
     * @param recordId its id
     * @param co2e the CO2e the chaincode computed for it
     */
    public record Accepted(LedgerId recordId, Co2e co2e) {
        /** Null-checks every part. */
        public Accepted {
            Objects.requireNonNull(recordId, "recordId");
            Objects.requireNonNull(co2e, "co2e");
        }

        /** @return {@code {"recordId","co2e"}} */
        public JsonObject toJson() {
            return JsonObject.builder().put("recordId", recordId.value()).put("co2e", co2e.toJson()).build();
        }
    }

    /** Null-checks every part and copies the records. */
    public RecordsAccepted {
        Objects.requireNonNull(txId, "txId");
        records = List.copyOf(Objects.requireNonNull(records, "records"));
    }

    /**
     * @param json the answer
     * @param path its JSON path, for error messages
     * @return the answer; its count must be the number of records listed
     */
    public static RecordsAccepted fromJson(JsonObject json, String path) {
        JsonObjectReader r = JsonObjectReader.of(Objects.requireNonNull(json, "json"), path);
        r.rejectUnknownMembers(MEMBERS);
        String txId = StateReader.txId(r, "txId");
        long accepted = r.requireInteger("accepted", 0, Integer.MAX_VALUE);
        JsonArray array = r.requireArray("records");
        List<Accepted> records = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String itemPath = r.path("records") + "[" + i + "]";
            JsonObjectReader item = JsonObjectReader.of(JsonObjectReader.asObject(array.get(i), itemPath), itemPath);
            item.rejectUnknownMembers(List.of("recordId", "co2e"));
            records.add(new Accepted(LedgerId.parse(item.requireString("recordId"), item.path("recordId")),
                    Co2e.fromJson(item.requireObject("co2e").object(), item.path("co2e"))));
        }
        if (accepted != records.size()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, r.path("accepted"), Long.toString(accepted),
                    "lists " + records.size() + " records");
        }
        return new RecordsAccepted(txId, records);
    }

    /** @return the answer as the chaincode writes it */
    public JsonObject toJson() {
        List<JsonValue> list = new ArrayList<>(records.size());
        records.forEach(a -> list.add(a.toJson()));
        return JsonObject.builder().put("txId", txId).put("accepted", (long) records.size())
                .put("records", JsonArray.of(list)).build();
    }
}
