package org.carbonledger.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.quantity.Unit;

/**
 * A product as the chaincode stores it under {@code PRODUCT/<gtin14>}:
 * <pre>{@code {"gtin","name","declaredUnit","description","ownerMspId","createdAt","txId"}}</pre>
 *
 * @param gtin the product's GTIN-14
 * @param name its name
 * @param declaredUnit the unit its footprint is declared per
 * @param description free text
 * @param ownerMspId the PRODUCER organization that registered it
 * @param createdAt when
 * @param txId the registering transaction
 */
public record StoredProduct(Gtin gtin, String name, Unit declaredUnit, String description, String ownerMspId,
                            Instant createdAt, String txId) implements LedgerState {

    public static final List<String> MEMBERS = List.of("gtin", "name", "declaredUnit", "description", "ownerMspId",
            "createdAt", "txId");

    /** Null-checks every part. */
    public StoredProduct {
        Objects.requireNonNull(gtin, "gtin");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(declaredUnit, "declaredUnit");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(ownerMspId, "ownerMspId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(txId, "txId");
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path, for error messages
     * @return the product
     */
    public static StoredProduct fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        return new StoredProduct(StateReader.gtin14(r, "gtin"), StateReader.text(r, "name", 200),
                Unit.parse(r.requireString("declaredUnit"), r.path("declaredUnit")),
                StateReader.text(r, "description", 1000), StateReader.mspId(r, "ownerMspId"),
                StateReader.instant(r, "createdAt"), StateReader.txId(r, "txId"));
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("gtin", gtin.value())
                .put("name", name)
                .put("declaredUnit", declaredUnit.symbol())
                .put("description", description)
                .put("ownerMspId", ownerMspId)
                .put("createdAt", createdAt.toString())
                .put("txId", txId)
                .build();
    }
}
