package org.carbonledger.core.ledger.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StateReader;
import org.carbonledger.core.ledger.StoredDesignation;

/**
 * The answer of {@code ListDesignatedCertifiers}: the certifiers a producer currently lets see its raw data, in MSP
 * order. Clients endorse a producer's record and seal transactions on the producer's peer and on these.
 * <pre>{@code {"producerMspId","certifiers":[{designation}…]}}</pre>
 *
 * @param producerMspId the producer
 * @param certifiers its current designations
 */
public record Designations(String producerMspId, List<StoredDesignation> certifiers) {

    public static final List<String> MEMBERS = List.of("producerMspId", "certifiers");

    /** Null-checks and copies. */
    public Designations {
        Objects.requireNonNull(producerMspId, "producerMspId");
        certifiers = List.copyOf(Objects.requireNonNull(certifiers, "certifiers"));
    }

    /** @return the designated certifiers' MSP ids, in order */
    public List<String> certifierMspIds() {
        return certifiers.stream().map(StoredDesignation::certifierMspId).toList();
    }

    /** @return the producer followed by its designated certifiers: the organizations that endorse its records */
    public List<String> endorsers() {
        List<String> endorsers = new ArrayList<>();
        endorsers.add(producerMspId);
        endorsers.addAll(certifierMspIds());
        return List.copyOf(endorsers);
    }

    /**
     * @param json the answer
     * @param path its JSON path, for error messages
     * @return the designations
     */
    public static Designations fromJson(JsonObject json, String path) {
        JsonObjectReader r = JsonObjectReader.of(Objects.requireNonNull(json, "json"), path);
        r.rejectUnknownMembers(MEMBERS);
        JsonArray array = r.requireArray("certifiers");
        List<StoredDesignation> list = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String p = r.path("certifiers") + "[" + i + "]";
            list.add(StoredDesignation.fromJson(JsonObjectReader.asObject(array.get(i), p), p));
        }
        return new Designations(StateReader.mspId(r, "producerMspId"), list);
    }

    public JsonObject toJson() {
        List<JsonValue> list = new ArrayList<>();
        certifiers.forEach(d -> list.add(d.toJson()));
        return JsonObject.builder().put("producerMspId", producerMspId).put("certifiers", JsonArray.of(list)).build();
    }
}
