package org.carbonledger.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * A published emission-factor dataset version as the chaincode stores it under {@code DATASET/<dataset>/<version>}
 * (its factors are stored one by one, see {@link StoredFactor}):
 * <pre>{@code {"dataset","version","sourceCitation","licence","factorIds":[…] (sorted),"publisherMspId","publishedAt","txId"}}</pre>
 *
 * @param dataset the dataset name
 * @param version its version
 * @param sourceCitation where the factors come from
 * @param licence their licence
 * @param factorIds the ids of its factors, sorted
 * @param publisherMspId the CERTIFIER organization that published it
 * @param publishedAt when
 * @param txId the publishing transaction
 */
public record StoredDataset(String dataset, String version, String sourceCitation, String licence,
                            List<String> factorIds, String publisherMspId, Instant publishedAt, String txId)
        implements LedgerState {

    public static final List<String> MEMBERS = List.of("dataset", "version", "sourceCitation", "licence",
            "factorIds", "publisherMspId", "publishedAt", "txId");

    /** Null-checks every part and copies the factor ids. */
    public StoredDataset {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sourceCitation, "sourceCitation");
        Objects.requireNonNull(licence, "licence");
        factorIds = List.copyOf(Objects.requireNonNull(factorIds, "factorIds"));
        Objects.requireNonNull(publisherMspId, "publisherMspId");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(txId, "txId");
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path, for error messages
     * @return the dataset
     */
    public static StoredDataset fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        JsonArray ids = r.requireArray("factorIds");
        List<String> factorIds = new java.util.ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String p = r.path("factorIds") + "[" + i + "]";
            factorIds.add(Token.require(JsonObjectReader.asString(ids.get(i), p), p, 64));
        }
        return new StoredDataset(Token.require(r.requireString("dataset"), r.path("dataset"), 64),
                Token.require(r.requireString("version"), r.path("version"), 32),
                StateReader.text(r, "sourceCitation", 1000), StateReader.text(r, "licence", 200), factorIds,
                StateReader.mspId(r, "publisherMspId"), StateReader.instant(r, "publishedAt"),
                StateReader.txId(r, "txId"));
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("dataset", dataset)
                .put("version", version)
                .put("sourceCitation", sourceCitation)
                .put("licence", licence)
                .put("factorIds", StateReader.strings(factorIds))
                .put("publisherMspId", publisherMspId)
                .put("publishedAt", publishedAt.toString())
                .put("txId", txId)
                .build();
    }
}
