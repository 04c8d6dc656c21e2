package org.carbonledger.chaincode.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.carbonledger.chaincode.governance.Membership;
import org.carbonledger.chaincode.governance.Role;
import org.carbonledger.chaincode.ledger.EndorsementPolicies;
import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.chaincode.ledger.LedgerContract;
import org.carbonledger.chaincode.product.ProductContract;
import org.carbonledger.chaincode.record.Records;
import org.carbonledger.chaincode.transfer.Transfers;
import org.carbonledger.core.accounting.Gwp100Set;
import org.carbonledger.core.accounting.InboundTransfer;
import org.carbonledger.core.accounting.RecordContribution;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.identifier.Lot;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.PrivateData;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredBatchIndex;
import org.carbonledger.core.ledger.StoredProduct;
import org.carbonledger.core.ledger.StoredTransfer;
import org.carbonledger.core.ledger.request.BatchRequest;
import org.carbonledger.core.ledger.request.Inputs;
import org.carbonledger.core.ledger.request.LedgerPage;
import org.carbonledger.core.merkle.Seal;
import org.carbonledger.core.provenance.UpstreamLookup;
import org.carbonledger.core.provenance.UpstreamWalk;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Production batches (GTIN + lot) owned by the PRODUCER that made them: created open, filled with signed records
 * and received material, then sealed, which fixes their footprint so it can travel downstream and be attested.
 */
@Contract(name = LedgerOperation.Contracts.BATCHES, info = @Info(title = "Carbon Ledger batches", version = "1"))
public final class BatchContract extends LedgerContract {
    /**
     * {@code {"gtin": "...", "lot": "COIL-7", "quantity": {"amount": "25", "unit": "t"}}}: a batch of one of the
     * acting organization's products; its quantity must be measured in the dimension of the product's declared unit.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String CreateBatch(final Context context, final String batchJson) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            String owner = Membership.requireRole(ctx, Role.PRODUCER);
            BatchRequest request = BatchRequest.fromJson(Json.parseObject(batchJson, "batch"), "");
            BatchId id = request.batch();
            Quantity quantity = request.quantity();
            StoredProduct product = ProductContract.find(ctx, id.gtin());
            if (!product.ownerMspId().equals(owner)) {
                throw LedgerRuleException.of(ErrorCode.FORBIDDEN, "gtin", id.gtin().value(),
                        "product belongs to " + product.ownerMspId() + ", not to " + owner);
            }
            Unit declared = product.declaredUnit();
            if (declared.dimension() != quantity.unit().dimension()) {
                throw LedgerRuleException.of(ErrorCode.UNIT_MISMATCH, "quantity.unit", quantity.unit().symbol(),
                        "the product's footprint is declared per " + declared.symbol() + " (" + declared.dimension().label()
                                + "), so its batches must be measured in " + declared.dimension().label());
            }
            String key = Batches.key(ctx, id);
            if (ctx.exists(key)) {
                throw LedgerRuleException.of(ErrorCode.ALREADY_EXISTS, "lot", id.lot().value(), "batch " + id + " already exists");
            }
            Membership.requireOwnEndorsement(ctx, owner);
            StoredBatch batch = StoredBatch.open(id, owner, product.name(), declared, quantity, ctx.now(), ctx.txId());
            ctx.write("batch", key, batch);
            ctx.protect(key, EndorsementPolicies.ownerAndMajority(owner, Membership.members(ctx)));
            ctx.write("batchByOwner", ctx.key(Batches.BY_OWNER, owner, id.gtin().value(), id.lot().value()),
                    new StoredBatchIndex(id));
            return batch.toJson();
        });
    }

    /**
     * Seals the acting organization's open batch: computes its footprint from every record and every received
     * transfer, commits to them with a Merkle root, and fixes the result. From then on nothing can be added. The
     * batch's record sets come in the transient map ({@link PrivateData#RECORD_SETS}) and are checked against the
     * hashes every holder keeps ({@link Records#sealContributions}).
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String SealBatch(final Context context, final String gtin, final String lot) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            String owner = Membership.requireRole(ctx, Role.PRODUCER);
            BatchId id = new BatchId(Gtin.parse(gtin, "gtin"), Lot.parse(lot, "lot"));
            StoredBatch batch = Batches.findOwned(ctx, id, owner, "batch");
            Batches.requireOpen(batch, id, "batch");
            List<RecordContribution> records = Records.sealContributions(ctx, id, owner,
                    ctx.transientValue(PrivateData.RECORD_SETS));
            List<InboundTransfer> inbound = new ArrayList<>();
            for (LedgerId transferId : batch.inbound()) {
                inbound.add(Transfers.inbound(ctx, transferId.value()));
            }
            if (records.isEmpty() && inbound.isEmpty()) {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", id.toString(),
                        "has no records and no received material: there is no footprint to seal");
            }
            Seal seal = Seal.compute(id, batch.quantity(), Gwp100Set.IPCC_AR6, records, inbound);
            StoredBatch sealed = batch.sealed(seal.toJson(), seal.hash().value(), ctx.now(), ctx.txId());
            ctx.write("batch", Batches.key(ctx, id), sealed);
            return sealed.toJson();
        });
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetBatch(final Context context, final String gtin, final String lot) {
        return transact(() -> Batches.find(ledger(context), BatchId.of(gtin, lot), "batch").toJson());
    }

    /** The batches of an organization, a page at a time. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListBatches(final Context context, final String ownerMspId, final int pageSize, final String bookmark) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            LedgerPage index = ctx.page(Inputs.pageSize(pageSize), bookmark, Batches.BY_OWNER, ownerMspId);
            List<JsonObject> batches = new ArrayList<>();
            for (JsonObject entry : index.items()) {
                BatchId id = StoredBatchIndex.fromJson(entry, Batches.BY_OWNER).batch();
                batches.add(Batches.find(ctx, id, "batch").toJson());
            }
            return new LedgerPage(batches, index.bookmark()).toJson();
        });
    }

    /**
     * The upstream provenance graph of a batch: every batch whose material flowed into it (nodes, with owner,
     * status and seal, each with its {@code depth}) and every transfer between them (edges), walked by core's
     * {@link UpstreamWalk} as the verifier and the footprint declaration walk it; more than
     * {@value UpstreamWalk#MAX_BATCHES} batches are refused.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetProvenance(final Context context, final String gtin, final String lot) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            BatchId root = BatchId.of(gtin, lot);
            UpstreamWalk walk = UpstreamWalk.from(root, new UpstreamLookup() {
                @Override
                public Optional<StoredBatch> batch(BatchId id) {
                    return Optional.of(Batches.find(ctx, id, "batch"));
                }

                @Override
                public List<StoredTransfer> inbound(StoredBatch batch) {
                    List<StoredTransfer> inbound = new ArrayList<>();
                    for (LedgerId transferId : batch.inbound()) {
                        inbound.add(Transfers.find(ctx, transferId.value()));
                    }
                    return inbound;
                }
            });
            List<JsonValue> nodes = new ArrayList<>();
            for (UpstreamWalk.Node n : walk.nodes()) {
                nodes.add(n.batch().json().toBuilder().put("depth", n.depth()).build());
            }
            List<JsonValue> edges = new ArrayList<>();
            for (StoredTransfer t : walk.transfers()) {
                edges.add(t.json());
            }
            return JsonObject.builder()
                    .put("root", JsonObject.builder().put("gtin", root.gtin().value()).put("lot", root.lot().value()).build())
                    .put("tiers", (long) walk.tiers())
                    .put("batches", JsonArray.of(nodes))
                    .put("transfers", JsonArray.of(edges))
                    .build();
        });
    }
}
