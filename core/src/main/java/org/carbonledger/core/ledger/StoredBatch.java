package org.carbonledger.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;

/**
 * A batch state exactly as the chaincode stores it under {@code BATCH/<gtin14>/<lot>}:
 * <pre>{@code
 * {"gtin","lot","ownerMspId","productName","declaredUnit","quantity":{"amount","unit"},
 *  "shipped":{"amount","unit"} (base unit),"status":"OPEN"|"SEALED","inbound":[transferId,…],"createdAt","txId",
 *  once sealed: "seal":{…},"sealHash","sealedAt","sealTxId"}
 * }</pre>
 * The seal is kept as stored, unparsed: the verifier compares it member by member with the seal it recomputes.
 *
 * @param json the state, verbatim
 * @param id the batch
 * @param ownerMspId the producing organization
 * @param productName the product's name at creation
 * @param declaredUnit the unit the per-unit footprint is declared in
 * @param quantity the batch quantity
 * @param shipped the total shipped out of the batch so far, in the dimension's base unit
 * @param status {@code OPEN} or {@code SEALED}
 * @param inbound the transfers the batch counts as received material
 * @param createdAt when the batch was created
 * @param txId the transaction that created it
 * @param seal the stored seal, once sealed
 * @param sealHash the stored seal hash, once sealed
 * @param sealedAt when it was sealed
 * @param sealTxId the transaction that sealed it
 */
public record StoredBatch(JsonObject json, BatchId id, String ownerMspId, String productName, Unit declaredUnit,
                          Quantity quantity, Quantity shipped, String status, List<LedgerId> inbound,
                          Instant createdAt, String txId, Optional<JsonObject> seal, Optional<Hash> sealHash,
                          Optional<Instant> sealedAt, Optional<String> sealTxId) implements LedgerState {

    /** Status of a batch that still takes records and material. */
    public static final String OPEN = "OPEN";
    /** Status of a batch whose footprint is fixed. */
    public static final String SEALED = "SEALED";

    public static final List<String> MEMBERS = List.of("gtin", "lot", "ownerMspId", "productName", "declaredUnit",
            "quantity", "shipped", "status", "inbound", "createdAt", "txId", "seal", "sealHash", "sealedAt",
            "sealTxId");

    /** Null-checks every part and copies the inbound list. */
    public StoredBatch {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownerMspId, "ownerMspId");
        Objects.requireNonNull(productName, "productName");
        Objects.requireNonNull(declaredUnit, "declaredUnit");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(shipped, "shipped");
        Objects.requireNonNull(status, "status");
        inbound = List.copyOf(Objects.requireNonNull(inbound, "inbound"));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(seal, "seal");
        Objects.requireNonNull(sealHash, "sealHash");
        Objects.requireNonNull(sealedAt, "sealedAt");
        Objects.requireNonNull(sealTxId, "sealTxId");
    }

    /**
     * Reads a stored batch strictly: unknown members, missing members and malformed values are refused naming
     * their path.
     *
     * @param state the stored JSON
     * @param path its JSON path in the bundle, for error messages
     * @return the batch
     */
    public static StoredBatch fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        Optional<JsonObject> seal = r.has("seal") ? Optional.of(r.requireObject("seal").object()) : Optional.empty();
        return new StoredBatch(state, StateReader.batchId(r), StateReader.mspId(r, "ownerMspId"),
                StateReader.text(r, "productName", 1000),
                Unit.parse(r.requireString("declaredUnit"), r.path("declaredUnit")),
                Quantity.fromJson(r.requireObject("quantity").object(), r.path("quantity")),
                Quantity.fromJson(r.requireObject("shipped").object(), r.path("shipped")),
                StateReader.oneOf(r, "status", List.of(OPEN, SEALED)),
                StateReader.ids(r, "inbound"),
                StateReader.instant(r, "createdAt"),
                StateReader.txId(r, "txId"),
                seal,
                r.has("sealHash") ? Optional.of(StateReader.hash(r, "sealHash")) : Optional.empty(),
                StateReader.optionalInstant(r, "sealedAt"),
                StateReader.optionalTxId(r, "sealTxId"));
    }

    /** @return true when the status is SEALED and the seal, its hash, time and transaction are all stored */
    public boolean isSealed() {
        return status.equals(SEALED) && seal.isPresent() && sealHash.isPresent() && sealedAt.isPresent()
                && sealTxId.isPresent();
    }

    /** A batch as the chaincode writes it, {@code json} being {@link #toJson()}. */
    public static StoredBatch of(BatchId id, String ownerMspId, String productName, Unit declaredUnit,
                                 Quantity quantity, Quantity shipped, String status, List<LedgerId> inbound,
                                 Instant createdAt, String txId, Optional<JsonObject> seal, Optional<Hash> sealHash,
                                 Optional<Instant> sealedAt, Optional<String> sealTxId) {
        StoredBatch draft = new StoredBatch(JsonObject.empty(), id, ownerMspId, productName, declaredUnit, quantity,
                shipped, status, inbound, createdAt, txId, seal, sealHash, sealedAt, sealTxId);
        return new StoredBatch(draft.toJson(), id, ownerMspId, productName, declaredUnit, quantity, shipped, status,
                inbound, createdAt, txId, seal, sealHash, sealedAt, sealTxId);
    }

    /**
     * A new open batch: nothing shipped yet, counted in the base unit of the quantity's dimension, which is the unit
     * mass balance and allocation compute in, so the transfer leaves of the seal commitment match what any verifier
     * recomputes.
     */
    public static StoredBatch open(BatchId id, String ownerMspId, String productName, Unit declaredUnit,
                                   Quantity quantity, Instant createdAt, String txId) {
        return of(id, ownerMspId, productName, declaredUnit, quantity,
                new Quantity(java.math.BigDecimal.ZERO, quantity.unit().dimension().baseUnit()), OPEN, List.of(),
                createdAt, txId, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** @return this batch with another shipped total */
    public StoredBatch withShipped(Quantity newShipped) {
        return of(id, ownerMspId, productName, declaredUnit, quantity, newShipped, status, inbound, createdAt, txId,
                seal, sealHash, sealedAt, sealTxId);
    }

    /** @return this batch with another list of inbound transfers */
    public StoredBatch withInbound(List<LedgerId> newInbound) {
        return of(id, ownerMspId, productName, declaredUnit, quantity, shipped, status, newInbound, createdAt, txId,
                seal, sealHash, sealedAt, sealTxId);
    }

    /** @return this batch, sealed with {@code newSeal} (its JSON) and its hash at {@code at} by {@code byTxId} */
    public StoredBatch sealed(JsonObject newSeal, Hash newSealHash, Instant at, String byTxId) {
        return of(id, ownerMspId, productName, declaredUnit, quantity, shipped, SEALED, inbound, createdAt, txId,
                Optional.of(newSeal), Optional.of(newSealHash), Optional.of(at), Optional.of(byTxId));
    }

    @Override
    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder()
                .put("gtin", id.gtin().value())
                .put("lot", id.lot().value())
                .put("ownerMspId", ownerMspId)
                .put("productName", productName)
                .put("declaredUnit", declaredUnit.symbol())
                .put("quantity", quantity.toJson())
                .put("shipped", shipped.toJson())
                .put("status", status)
                .put("inbound", StateReader.idArray(inbound))
                .put("createdAt", createdAt.toString())
                .put("txId", txId);
        seal.ifPresent(s -> b.put("seal", s));
        sealHash.ifPresent(h -> b.put("sealHash", h.toHex()));
        sealedAt.ifPresent(t -> b.put("sealedAt", t.toString()));
        sealTxId.ifPresent(t -> b.put("sealTxId", t));
        return b.build();
    }
}
