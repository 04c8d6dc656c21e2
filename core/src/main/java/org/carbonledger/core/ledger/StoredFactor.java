package org.carbonledger.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * A published emission factor exactly as the chaincode stores it under {@code FACTOR/<factorId>}: the factor
 * ({@link EmissionFactor#toJson()}: factorId, dataset, version, unit, kgCo2ePerUnit, sourceCitation, licence) plus
 * {@code "description","publisherMspId","publishedAt","txId"}.
 *
 * @param json the state, verbatim
 * @param factor the factor
 * @param description free text
 * @param publisherMspId the CERTIFIER organization that published it
 * @param publishedAt when it was published
 * @param txId the publishing transaction
 */
public record StoredFactor(JsonObject json, EmissionFactor factor, String description, String publisherMspId,
                           Instant publishedAt, String txId) implements LedgerState {

    private static final List<String> PUBLICATION = List.of("description", "publisherMspId", "publishedAt", "txId");

    /** Null-checks every part. */
    public StoredFactor {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(publisherMspId, "publisherMspId");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(txId, "txId");
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path in the bundle, for error messages
     * @return the factor state
     */
    public static StoredFactor fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        JsonObject factorOnly = state;
        for (String name : PUBLICATION) {
            factorOnly = factorOnly.without(name);
        }
        EmissionFactor factor = EmissionFactor.fromJson(factorOnly, path);
        return new StoredFactor(state, factor,
                StateReader.text(r, "description", 500),
                StateReader.mspId(r, "publisherMspId"),
                StateReader.instant(r, "publishedAt"),
                StateReader.txId(r, "txId"));
    }

    /** @return the factor id */
    public String factorId() {
        return factor.factorId();
    }

    /** A factor as the chaincode writes it, {@code json} being {@link #toJson()}. */
    public static StoredFactor of(EmissionFactor factor, String description, String publisherMspId,
                                  Instant publishedAt, String txId) {
        StoredFactor draft = new StoredFactor(JsonObject.empty(), factor, description, publisherMspId, publishedAt,
                txId);
        return new StoredFactor(draft.toJson(), factor, description, publisherMspId, publishedAt, txId);
    }

    @Override
    public JsonObject toJson() {
        return factor.toJson().toBuilder()
                .put("description", description)
                .put("publisherMspId", publisherMspId)
                .put("publishedAt", publishedAt.toString())
                .put("txId", txId)
                .build();
    }
}
