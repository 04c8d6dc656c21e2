package org.carbonledger.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.InboundTransfer;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.quantity.Quantity;

/**
 * A transfer state exactly as the chaincode stores it under {@code TRANSFER/<transferId>}:
 * <pre>{@code
 * {"transferId","from":{"gtin","lot"},"senderMspId","receiverMspId","quantity":{…},"sourceQuantity":{…},
 *  "sourceShippedBefore":{…} (base unit),"sourceSealHash","allocated":{co2e},"status","shippedAt","shipTxId",
 *  once received or returned: "to":{"gtin","lot"},"receivedAt","receiveTxId",
 *  once rejected or cancelled: "reason","closedAt","closeTxId"}
 * }</pre>
 *
 * @param json the state, verbatim
 * @param transferId the transfer id
 * @param from the (sealed) source batch
 * @param senderMspId the source batch's owner
 * @param receiverMspId the organization it was shipped to
 * @param quantity the quantity shipped
 * @param sourceQuantity the source batch's quantity when it shipped
 * @param sourceShippedBefore how much had been shipped from the source before this shipment
 * @param sourceSealHash the source batch's seal hash when it shipped
 * @param allocated the CO2e allocated to the shipment (components)
 * @param allocatedJson the stored allocation, verbatim
 * @param status SHIPPED, RECEIVED, REJECTED, CANCELLED or RETURNED
 * @param shippedAt when it shipped
 * @param shipTxId the shipping transaction
 * @param to the batch that received it (RECEIVED, RETURNED)
 * @param receivedAt when it was received
 * @param receiveTxId the receiving transaction
 * @param reason why it was rejected or cancelled
 * @param closedAt when it was rejected or cancelled
 * @param closeTxId the rejecting or cancelling transaction
 */
public record StoredTransfer(JsonObject json, LedgerId transferId, BatchId from, String senderMspId,
                             String receiverMspId, Quantity quantity, Quantity sourceQuantity,
                             Quantity sourceShippedBefore, Hash sourceSealHash, Co2e allocated,
                             JsonObject allocatedJson, String status, Instant shippedAt, String shipTxId,
                             Optional<BatchId> to, Optional<Instant> receivedAt, Optional<String> receiveTxId,
                             Optional<String> reason, Optional<Instant> closedAt, Optional<String> closeTxId) implements LedgerState {

    /** Shipped, not yet received or closed. */
    public static final String SHIPPED = "SHIPPED";
    /** Accepted by the receiver into one of its batches. */
    public static final String RECEIVED = "RECEIVED";
    /** Refused by the receiver. */
    public static final String REJECTED = "REJECTED";
    /** Withdrawn by the sender before it was received. */
    public static final String CANCELLED = "CANCELLED";
    /** Rejected or cancelled, then taken back by the sender into one of its own batches. */
    public static final String RETURNED = "RETURNED";

    public static final List<String> STATUSES = List.of(SHIPPED, RECEIVED, REJECTED, CANCELLED, RETURNED);
    public static final List<String> MEMBERS = List.of("transferId", "from", "senderMspId", "receiverMspId", "quantity",
            "sourceQuantity", "sourceShippedBefore", "sourceSealHash", "allocated", "status", "shippedAt",
            "shipTxId", "to", "receivedAt", "receiveTxId", "reason", "closedAt", "closeTxId");

    /** Null-checks every part. */
    public StoredTransfer {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(senderMspId, "senderMspId");
        Objects.requireNonNull(receiverMspId, "receiverMspId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(sourceQuantity, "sourceQuantity");
        Objects.requireNonNull(sourceShippedBefore, "sourceShippedBefore");
        Objects.requireNonNull(sourceSealHash, "sourceSealHash");
        Objects.requireNonNull(allocated, "allocated");
        Objects.requireNonNull(allocatedJson, "allocatedJson");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(shippedAt, "shippedAt");
        Objects.requireNonNull(shipTxId, "shipTxId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(receiveTxId, "receiveTxId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(closedAt, "closedAt");
        Objects.requireNonNull(closeTxId, "closeTxId");
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path in the bundle, for error messages
     * @return the transfer state
     */
    public static StoredTransfer fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        return new StoredTransfer(state,
                LedgerId.parse(r.requireString("transferId"), r.path("transferId")),
                StateReader.batchRef(r, "from"),
                StateReader.mspId(r, "senderMspId"),
                StateReader.mspId(r, "receiverMspId"),
                Quantity.fromJson(r.requireObject("quantity").object(), r.path("quantity")),
                Quantity.fromJson(r.requireObject("sourceQuantity").object(), r.path("sourceQuantity")),
                Quantity.fromJson(r.requireObject("sourceShippedBefore").object(), r.path("sourceShippedBefore")),
                StateReader.hash(r, "sourceSealHash"),
                StateReader.co2e(r, "allocated"),
                r.requireObject("allocated").object(),
                StateReader.oneOf(r, "status", STATUSES),
                StateReader.instant(r, "shippedAt"),
                StateReader.txId(r, "shipTxId"),
                r.has("to") ? Optional.of(StateReader.batchRef(r, "to")) : Optional.empty(),
                StateReader.optionalInstant(r, "receivedAt"),
                StateReader.optionalTxId(r, "receiveTxId"),
                r.has("reason") ? Optional.of(StateReader.text(r, "reason", 2000)) : Optional.empty(),
                StateReader.optionalInstant(r, "closedAt"),
                StateReader.optionalTxId(r, "closeTxId"));
    }

    /**
     * @return the transfer as the receiving batch's seal counts it
     * @throws org.carbonledger.core.error.LedgerRuleException (UNIT_MISMATCH) if the quantity and the shipped-before
     *     total measure different dimensions
     */
    public InboundTransfer inbound() {
        return new InboundTransfer(transferId, from, sourceSealHash, quantity, sourceShippedBefore, allocated);
    }

    /** A new shipment as the chaincode writes it, {@code json} being {@link #toJson()}. */
    public static StoredTransfer shipped(LedgerId transferId, BatchId from, String senderMspId, String receiverMspId,
                                         Quantity quantity, Quantity sourceQuantity, Quantity sourceShippedBefore,
                                         Hash sourceSealHash, Co2e allocated, Instant shippedAt, String shipTxId) {
        return of(transferId, from, senderMspId, receiverMspId, quantity, sourceQuantity, sourceShippedBefore,
                sourceSealHash, allocated, allocated.toJson(), SHIPPED, shippedAt, shipTxId, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static StoredTransfer of(LedgerId transferId, BatchId from, String senderMspId, String receiverMspId,
                                     Quantity quantity, Quantity sourceQuantity, Quantity sourceShippedBefore,
                                     Hash sourceSealHash, Co2e allocated, JsonObject allocatedJson, String status,
                                     Instant shippedAt, String shipTxId, Optional<BatchId> to,
                                     Optional<Instant> receivedAt, Optional<String> receiveTxId,
                                     Optional<String> reason, Optional<Instant> closedAt, Optional<String> closeTxId) {
        StoredTransfer draft = new StoredTransfer(JsonObject.empty(), transferId, from, senderMspId, receiverMspId,
                quantity, sourceQuantity, sourceShippedBefore, sourceSealHash, allocated, allocatedJson, status,
                shippedAt, shipTxId, to, receivedAt, receiveTxId, reason, closedAt, closeTxId);
        return new StoredTransfer(draft.toJson(), transferId, from, senderMspId, receiverMspId, quantity,
                sourceQuantity, sourceShippedBefore, sourceSealHash, allocated, allocatedJson, status, shippedAt,
                shipTxId, to, receivedAt, receiveTxId, reason, closedAt, closeTxId);
    }

    /** @return this transfer taken into batch {@code into} with {@code newStatus} (RECEIVED or RETURNED) */
    public StoredTransfer received(String newStatus, BatchId into, Instant at, String byTxId) {
        return of(transferId, from, senderMspId, receiverMspId, quantity, sourceQuantity, sourceShippedBefore,
                sourceSealHash, allocated, allocatedJson, newStatus, shippedAt, shipTxId, Optional.of(into),
                Optional.of(at), Optional.of(byTxId), reason, closedAt, closeTxId);
    }

    /** @return this transfer closed with {@code newStatus} (REJECTED or CANCELLED) for {@code why} */
    public StoredTransfer closed(String newStatus, String why, Instant at, String byTxId) {
        return of(transferId, from, senderMspId, receiverMspId, quantity, sourceQuantity, sourceShippedBefore,
                sourceSealHash, allocated, allocatedJson, newStatus, shippedAt, shipTxId, to, receivedAt,
                receiveTxId, Optional.of(why), Optional.of(at), Optional.of(byTxId));
    }

    @Override
    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder()
                .put("transferId", transferId.value())
                .put("from", StateReader.batchRef(from))
                .put("senderMspId", senderMspId)
                .put("receiverMspId", receiverMspId)
                .put("quantity", quantity.toJson())
                .put("sourceQuantity", sourceQuantity.toJson())
                .put("sourceShippedBefore", sourceShippedBefore.toJson())
                .put("sourceSealHash", sourceSealHash.toHex())
                .put("allocated", allocatedJson)
                .put("status", status)
                .put("shippedAt", shippedAt.toString())
                .put("shipTxId", shipTxId);
        to.ifPresent(t -> b.put("to", StateReader.batchRef(t)));
        receivedAt.ifPresent(t -> b.put("receivedAt", t.toString()));
        receiveTxId.ifPresent(t -> b.put("receiveTxId", t));
        reason.ifPresent(r -> b.put("reason", r));
        closedAt.ifPresent(t -> b.put("closedAt", t.toString()));
        closeTxId.ifPresent(t -> b.put("closeTxId", t));
        return b.build();
    }
}
