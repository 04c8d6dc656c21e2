package org.carbonledger.chaincode.transfer;

import java.util.List;
import java.util.TreeSet;

import org.carbonledger.chaincode.batch.Batches;
import org.carbonledger.chaincode.governance.Membership;
import org.carbonledger.chaincode.governance.Role;
import org.carbonledger.chaincode.ledger.EndorsementPolicies;
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
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredIdClaim;
import org.carbonledger.core.ledger.StoredTransfer;
import org.carbonledger.core.ledger.StoredTransferIndex;
import org.carbonledger.core.ledger.request.Inputs;
import org.carbonledger.core.ledger.request.LedgerPage;
import org.carbonledger.core.ledger.request.ShipmentRequest;
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
    static final String SHIPPED = StoredTransfer.SHIPPED;
    static final String RECEIVED = StoredTransfer.RECEIVED;
    static final String REJECTED = StoredTransfer.REJECTED;
    static final String CANCELLED = StoredTransfer.CANCELLED;
    static final String RETURNED = StoredTransfer.RETURNED;

    /**
     * {@code {"transferId": uuid, "from": {"gtin": "...", "lot": "..."}, "toMspId": "ApplianceCoMSP",
     * "quantity": {"amount": "10", "unit": "t"}}}
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String ShipMaterial(final Context context, final String shipmentJson) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            String sender = Membership.requireRole(ctx, Role.PRODUCER);
            ShipmentRequest request = ShipmentRequest.fromJson(Json.parseObject(shipmentJson, "shipment"), "");
            LedgerId transferId = request.transferId();
            // A replay is answered as such whatever else changed since, so a retrying client can recognise it.
            UniqueIds.claim(ctx, transferId, StoredIdClaim.TRANSFER, "transferId");
            BatchId source = request.from();
            String receiver = request.toMspId();
            if (!Membership.members(ctx).contains(receiver)) {
                throw LedgerRuleException.of(ErrorCode.NOT_FOUND, "toMspId", receiver, "not a member organization");
            }
            Quantity quantity = request.quantity();
            StoredBatch batch = Batches.findOwned(ctx, source, sender, "from");
            Batches.requireSealed(batch, source, "from");
            Quantity batchQuantity = batch.quantity();
            Quantity shippedBefore = batch.shipped();
            Co2e sourceFootprint = Co2e.fromJson(JsonObjectReader.of(batch.seal().orElseThrow(), "seal").requireObject("footprint").object(), "seal.footprint");
            Co2e allocated = Allocation.allocate(sourceFootprint, batchQuantity, shippedBefore, quantity);
            Quantity shippedAfter = MassBalance.requireWithin(batchQuantity, shippedBefore, quantity, "quantity");

            // Kept in the unit mass balance computes in, so no conversion ever rounds the running total.
            ctx.write("batch", Batches.key(ctx, source), batch.withShipped(shippedAfter));
            StoredTransfer transfer = StoredTransfer.shipped(transferId, source, sender, receiver, quantity,
                    batchQuantity, shippedBefore, batch.sealHash().orElseThrow(), allocated, ctx.now(), ctx.txId());
            String key = Transfers.key(ctx, transferId.value());
            ctx.write("transfer", key, transfer);
            ctx.protect(key, EndorsementPolicies.anyOfAndMajority(
                    List.copyOf(new TreeSet<>(List.of(sender, receiver))), Membership.members(ctx)));
            ctx.write("transferBySource", ctx.key(Transfers.BY_SOURCE, source.gtin().value(), source.lot().value(), transferId.value()),
                    new StoredTransferIndex(transferId));
            ctx.write("transferByReceiver", ctx.key(Transfers.BY_RECEIVER, receiver, transferId.value()),
                    new StoredTransferIndex(transferId));
            return transfer.toJson();
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
            StoredTransfer transfer = Transfers.find(ctx, id.value());
            String status = transfer.status();
            String newStatus;
            if (status.equals(SHIPPED) && transfer.receiverMspId().equals(actor)) {
                newStatus = RECEIVED;
            } else if ((status.equals(REJECTED) || status.equals(CANCELLED)) && transfer.senderMspId().equals(actor)) {
                newStatus = RETURNED;
            } else if (status.equals(SHIPPED)) {
                throw LedgerRuleException.of(ErrorCode.FORBIDDEN, "transferId", id.value(),
                        "shipped to " + transfer.receiverMspId() + ", not to " + actor);
            } else {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "transferId", id.value(), "transfer is " + status);
            }
            if (transfer.from().equals(target)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "lot", target.lot().value(),
                        "material cannot be received into the batch it was shipped from");
            }
            StoredBatch batch = Batches.findOwned(ctx, target, actor, "batch");
            Batches.requireOpen(batch, target, "batch");
            TreeSet<LedgerId> inbound = new TreeSet<>(batch.inbound());
            inbound.add(id);
            ctx.write("batch", Batches.key(ctx, target), batch.withInbound(List.copyOf(inbound)));
            StoredTransfer received = transfer.received(newStatus, target, ctx.now(), ctx.txId());
            ctx.write("transfer", Transfers.key(ctx, id.value()), received);
            return received.toJson();
        });
    }

    /** The receiver refuses a shipment; its material (and footprint) can then be taken back by the sender. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RejectTransfer(final Context context, final String transferId, final String reason) {
        return transact(() -> close(ledger(context), transferId, reason, true, REJECTED));
    }

    /** The sender withdraws a shipment not yet received. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String CancelTransfer(final Context context, final String transferId, final String reason) {
        return transact(() -> close(ledger(context), transferId, reason, false, CANCELLED));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetTransfer(final Context context, final String transferId) {
        return transact(() -> Transfers.find(ledger(context), transferId).toJson());
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

    private static JsonObject resolve(LedgerContext ctx, LedgerPage index) {
        List<JsonObject> transfers = new java.util.ArrayList<>();
        for (JsonObject entry : index.items()) {
            LedgerId id = StoredTransferIndex.fromJson(entry, Transfers.TRANSFER).transferId();
            transfers.add(Transfers.find(ctx, id.value()).toJson());
        }
        return new LedgerPage(transfers, index.bookmark()).toJson();
    }

    private static JsonObject close(LedgerContext ctx, String transferId, String reason, boolean byReceiver, String newStatus) {
        String actor = Membership.requireMember(ctx);
        LedgerId id = LedgerId.parse(transferId, "transferId");
        String why = Inputs.text(reason == null ? "" : reason, "reason", 500);
        StoredTransfer transfer = Transfers.find(ctx, id.value());
        String party = byReceiver ? transfer.receiverMspId() : transfer.senderMspId();
        if (!party.equals(actor)) {
            throw LedgerRuleException.of(ErrorCode.FORBIDDEN, "transferId", id.value(), "only " + party + " may do this");
        }
        String status = transfer.status();
        if (!status.equals(SHIPPED)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "transferId", id.value(), "transfer is " + status + ", not SHIPPED");
        }
        StoredTransfer closed = transfer.closed(newStatus, why, ctx.now(), ctx.txId());
        ctx.write("transfer", Transfers.key(ctx, id.value()), closed);
        return closed.toJson();
    }
}
