package org.carbonledger.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonBoolean;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;

/**
 * The chaincode's one event per state-changing transaction, {@value #NAME}: canonical JSON listing every key the
 * transaction wrote. What the off-chain read model is built from, so the tests hold it to the write set exactly.
 */
public final class ChangeEvents {
    public static final String NAME = "carbonledger.changes";

    private ChangeEvents() {
    }

    /**
     * A key as events print it: a composite key {@code \u0000ORG\u0000SteelCoMSP\u0000} becomes
     * {@code ORG/SteelCoMSP}; a simple key stays as it is. Written independently of the chaincode's own helper.
     */
    public static String printable(String key) {
        if (key.isEmpty() || key.charAt(0) != '\u0000') {
            return key;
        }
        String[] segments = key.substring(1).split("\u0000", -1);
        // the last segment is the empty string after the final delimiter
        return String.join("/", List.of(segments).subList(0, segments.length - 1));
    }

    /** The parsed payload of the transaction's change event; fails if there is none or it is not canonical JSON. */
    public static JsonObject payload(TransactionRecord tx) {
        ChaincodeEvent event = tx.event().orElseThrow(() -> new AssertionError("transaction " + tx.txId() + " ("
                + tx.function() + ") set no chaincode event"));
        assertThat(event.getEventName()).as("event name").isEqualTo(NAME);
        byte[] bytes = event.getPayload().toByteArray();
        JsonObject payload = Json.parseObject(bytes, "event");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).as("the event payload is canonical JSON (RFC 8785)")
                .isEqualTo(Jcs.canonicalString(payload));
        return payload;
    }

    /** The keys an event lists, in its order. */
    public static List<String> changedKeys(JsonObject payload) {
        List<String> keys = new ArrayList<>();
        for (JsonValue change : JsonObjectReader.of(payload, "").requireArray("changes").elements()) {
            keys.add(JsonObjectReader.of(JsonObjectReader.asObject(change, "changes[]"), "").requireString("key"));
        }
        return keys;
    }

    /**
     * Asserts that the transaction's event describes exactly its write set: same keys in the same order, each delete
     * flagged {@code "deleted": true} and nothing else carried per change (the values are in the write set, each
     * itself canonical JSON); and that its header names the transaction id, the acting MSP, the timestamp and the
     * function as {@code Contract:Transaction}.
     */
    public static void assertMirrorsWrites(TransactionRecord tx) {
        JsonObject payload = payload(tx);
        JsonObjectReader header = JsonObjectReader.of(payload, "");
        header.rejectUnknownMembers(List.of("txId", "timestamp", "mspId", "function", "changes"));
        assertThat(header.requireString("txId")).as("event txId").isEqualTo(tx.txId());
        assertThat(header.requireString("mspId")).as("event mspId").isEqualTo(tx.identity().mspId());
        assertThat(header.requireString("timestamp")).as("event timestamp").isEqualTo(tx.timestamp().toString());
        assertThat(header.requireString("function")).as("event function, however the client spelled it")
                .isEqualTo(tx.contract() + ":" + tx.transaction());

        List<String> written = tx.writes().keySet().stream().map(ChangeEvents::printable).toList();
        assertThat(changedKeys(payload)).as("keys listed by the event vs keys in the write set").isEqualTo(written);

        JsonArray changes = header.requireArray("changes");
        int i = 0;
        for (Map.Entry<String, Optional<byte[]>> write : tx.writes().entrySet()) {
            JsonObject change = JsonObjectReader.asObject(changes.get(i), "changes[" + i + "]");
            String what = "change of " + printable(write.getKey());
            JsonObjectReader.of(change, what).rejectUnknownMembers(List.of("type", "key", "deleted"));
            assertThat(JsonObjectReader.of(change, what).requireString("type")).as(what + ": type").isNotEmpty();
            if (write.getValue().isPresent()) {
                byte[] bytes = write.getValue().get();
                JsonObject stored = Json.parseObject(bytes, what);
                assertThat(new String(bytes, StandardCharsets.UTF_8)).as(what + ": stored bytes are canonical JSON")
                        .isEqualTo(Jcs.canonicalString(stored));
                assertThat(change.has("deleted")).as(what + ": not flagged deleted").isFalse();
            } else {
                assertThat(change.get("deleted")).as(what + ": flagged deleted").contains(JsonBoolean.of(true));
            }
            i++;
        }
    }
}
