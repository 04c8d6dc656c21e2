package org.carbonledger.chaincode.transfer;

import java.util.List;
import java.util.TreeSet;

import org.carbonledger.chaincode.batch.Batches;
import org.carbonledger.chaincode.governance.Membership;
import org.carbonledger.chaincode.governance.Role;
import org.carbonledger.chaincode.ledger.EndorsementPolicies;
import org.carbonledger.chaincode.ledger.Fields;
import org.carbonledger.chaincode.ledger.Inputs;
import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.chaincode.ledger.LedgerContract;
import org.carbonledger.chaincode.ledger.UniqueIds;
import org.carbonledger.core.accounting.Allocation;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.MassBalance;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.identifier.Lot;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.quantity.Quantity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Material moving between batches in two steps: the sender ships from its sealed batch (mass balance enforced, the
 * allocated share of the sealed footprint travels with it), the receiver accepts into its own open batch or
 * rejects. A shipment that was rejected or cancelled can be taken back by the sender into one of its own open
 * batches, so its footprint is never lost.
 */
@Contract(name = LedgerOperation.Contracts.TRANSFERS, info = @Info(title = "Carbon Ledger transfers", version = "1"))
public final class TransferContract extends LedgerContract {
    static final String SHIPPED = "SHIPPED";
    static final String RECEIVED = "RECEIVED";
    static final String REJECTED = "REJECTED";
    static final String CANCELLED = "CANCELLED";
    static final String RETURNED = "RETURNED";

    /**
     * {@code {"transferId": uuid, "from": {"gtin": "...", "lot": "..."}, "toMspId": "ApplianceCoMSP",
     * "quantity": {"amount": "10", "unit": "t"}}}
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String ShipMaterial(final Context context, final String shipmentJson) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            String sender = Membership.requireRole(ctx, Role.PRODUCER);
            JsonObjectReader in = JsonObjectReader.of(Json.parseObject(shipmentJson, "shipment"), "");
            in.rejectUnknownMembers(List.of("transferId", "from", "toMspId", "quantity"));
            LedgerId transferId = LedgerId.parse(in.requireString("transferId"), "transferId");
            // A replay is answered as such whatever else changed since, so a retrying client can recognise it.
            UniqueIds.claim(ctx, transferId, "transfer", "transferId");
            JsonObjectReader from = in.requireObject("from");
            from.rejectUnknownMembers(List.of("gtin", "lot"));
            BatchId source = new BatchId(Gtin.parse(from.requireString("gtin"), "from.gtin"), Lot.parse(from.requireString("lot"), "from.lot"));
            String receiver = in.requireString("toMspId");
            if (!Membership.members(ctx).contains(receiver)) {
                throw LedgerRuleException.of(ErrorCode.NOT_FOUND, "toMspId", receiver, "not a member organization");
            }
            Quantity quantity = Quantity.fromInputJson(in.requireObject("quantity").object(), "quantity");
            if (quantity.isZero()) {
                throw LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, "quantity.amount", "0", "a shipment must be greater than zero");
            }
            JsonObject batch = Batches.findOwned(ctx, source, sender, "from");
            Batches.requireSealed(batch, source, "from");
            Quantity batchQuantity = Batches.quantity(batch);
            Quantity shippedBefore = Batches.shipped(batch);
            Co2e sourceFootprint = Co2e.fromJson(JsonObjectReader.of(Batches.seal(batch), "seal").requireObject("footprint").object(), "seal.footprint");
            Co2e allocated = Allocation.allocate(sourceFootprint, batchQuantity, shippedBefore, quantity);
            Quantity shippedAfter = MassBalance.requireWithin(batchQuantity, shippedBefore, quantity, "quantity");

            // Kept in the unit mass balance computes in, so no conversion ever rounds the running total.
            ctx.write("batch", Batches.key(ctx, source), Fields.replace(batch, "shipped", shippedAfter.toJson()));
            JsonObject transfer = JsonObject.builder()
                    .put("transferId", transferId.value())
                    .put("from", JsonObject.builder().put("gtin", source.gtin().value()).put("lot", source.lot().value()).build())
                    .put("senderMspId", sender)
                    .put("receiverMspId", receiver)
                    .put("quantity", quantity.toJson())
                    .put("sourceQuantity", batchQuantity.toJson())
                    .put("sourceShippedBefore", shippedBefore.toJson())
                    .put("sourceSealHash", Fields.string(batch, "sealHash"))
                    .put("allocated", allocated.toJson())
                    .put("status", SHIPPED)
                    .put("shippedAt", ctx.now().toString())
                    .put("shipTxId", ctx.txId())
                    .build();
            String key = Transfers.key(ctx, transferId.value());
            ctx.write("transfer", key, transfer);
            ctx.protect(key, EndorsementPolicies.anyOfAndMajority(
                    List.copyOf(new TreeSet<>(List.of(sender, receiver))), Membership.members(ctx)));
            ctx.write("transferBySource", ctx.key(Transfers.BY_SOURCE, source.gtin().value(), source.lot().value(), transferId.value()),
                    JsonObject.builder().put("transferId", transferId.value()).build());
            ctx.write("transferByReceiver", ctx.key(Transfers.BY_RECEIVER, receiver, transferId.value()),
                    JsonObject.builder().put("transferId", transferId.value()).build());
            return transfer;
        });
    }

    /**
     * The receiver accepts a shipment into one of its own open batches. The sender may also take back a shipment
     * that was rejected or cancelled, into one of its own open batches (status RETURNED).
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String ReceiveMaterial(final Context context, final String transferId, final String gtin, final String lot) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            String actor = Membership.requireRole(ctx, Role.PRODUCER);
            LedgerId id = LedgerId.parse(transferId, "transferId");
            BatchId target = new BatchId(Gtin.parse(gtin, "gtin"), Lot.parse(lot, "lot"));
            JsonObject transfer = Transfers.find(ctx, id.value());
            String status = Fields.string(transfer, "status");
            String newStatus;
            if (status.equals(SHIPPED) && Fields.string(transfer, "receiverMspId").equals(actor)) {
                newStatus = RECEIVED;
            } else if ((status.equals(REJECTED) || status.equals(CANCELLED)) && Fields.string(transfer, "senderMspId").equals(actor)) {
                newStatus = RETURNED;
            } else if (status.equals(SHIPPED)) {
                throw LedgerRuleException.of(ErrorCode.FORBIDDEN, "transferId", id.value(),
                        "shipped to " + Fields.string(transfer, "receiverMspId") + ", not to " + actor);
            } else {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "transferId", id.value(), "transfer is " + status);
            }
            if (Transfers.source(transfer).equals(target)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "lot", target.lot().value(),
                        "material cannot be received into the batch it was shipped from");
            }
            JsonObject batch = Batches.findOwned(ctx, target, actor, "batch");
            Batches.requireOpen(batch, target, "batch");
            TreeSet<String> inbound = new TreeSet<>(Fields.strings(batch, "inbound"));
            inbound.add(id.value());
            ctx.write("batch", Batches.key(ctx, target), Fields.replace(batch, "inbound", Fields.array(List.copyOf(inbound))));
            JsonObject received = Fields.replace(transfer, "status", newStatus).toBuilder()
                    .put("to", JsonObject.builder().put("gtin", target.gtin().value()).put("lot", target.lot().value()).build())
                    .put("receivedAt", ctx.now().toString())
                    .put("receiveTxId", ctx.txId())
                    .build();
            ctx.write("transfer", Transfers.key(ctx, id.value()), received);
            return received;
        });
    }

    /** The receiver refuses a shipment; its material (and footprint) can then be taken back by the sender. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RejectTransfer(final Context context, final String transferId, final String reason) {
        return transact(() -> close(ledger(context), transferId, reason, "receiverMspId", REJECTED));
    }

    /** The sender withdraws a shipment not yet received. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String CancelTransfer(final Context context, final String transferId, final String reason) {
        return transact(() -> close(ledger(context), transferId, reason, "senderMspId", CANCELLED));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetTransfer(final Context context, final String transferId) {
        return transact(() -> Transfers.find(ledger(context), transferId));
    }

    /** Shipments out of a batch, a page at a time. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListTransfersFrom(final Context context, final String gtin, final String lot, final int pageSize, final String bookmark) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            BatchId batch = BatchId.of(gtin, lot);
            return resolve(ctx, ctx.page(Inputs.pageSize(pageSize), bookmark, Transfers.BY_SOURCE, batch.gtin().value(), batch.lot().value()));
        });
    }

    /** Shipments addressed to an organization, a page at a time. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListTransfersTo(final Context context, final String mspId, final int pageSize, final String bookmark) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            return resolve(ctx, ctx.page(Inputs.pageSize(pageSize), bookmark, Transfers.BY_RECEIVER, mspId));
        });
    }

    private static JsonObject resolve(LedgerContext ctx, LedgerContext.Page index) {
        List<JsonObject> transfers = new java.util.ArrayList<>();
        for (JsonObject entry : index.items()) {
            transfers.add(Transfers.find(ctx, Fields.string(entry, "transferId")));
        }
        return new LedgerContext.Page(transfers, index.bookmark()).toJson();
    }

    private static JsonObject close(LedgerContext ctx, String transferId, String reason, String partyField, String newStatus) {
        String actor = Membership.requireMember(ctx);
        LedgerId id = LedgerId.parse(transferId, "transferId");
        String why = Inputs.text(reason == null ? "" : reason, "reason", 500);
        JsonObject transfer = Transfers.find(ctx, id.value());
        if (!Fields.string(transfer, partyField).equals(actor)) {
            throw LedgerRuleException.of(ErrorCode.FORBIDDEN, "transferId", id.value(),
                    "only " + Fields.string(transfer, partyField) + " may do this");
        }
        String status = Fields.string(transfer, "status");
        if (!status.equals(SHIPPED)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "transferId", id.value(), "transfer is " + status + ", not SHIPPED");
        }
        JsonObject closed = Fields.replace(transfer, "status", newStatus).toBuilder()
                .put("reason", why)
                .put("closedAt", ctx.now().toString())
                .put("closeTxId", ctx.txId())
                .build();
        ctx.write("transfer", Transfers.key(ctx, id.value()), closed);
        return closed;
    }
}
