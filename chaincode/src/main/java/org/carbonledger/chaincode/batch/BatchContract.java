package org.carbonledger.chaincode.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.carbonledger.chaincode.governance.Membership;
import org.carbonledger.chaincode.governance.Role;
import org.carbonledger.chaincode.ledger.EndorsementPolicies;
import org.carbonledger.chaincode.ledger.Fields;
import org.carbonledger.chaincode.ledger.Inputs;
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
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.merkle.Seal;
import org.carbonledger.core.provenance.UpstreamLookup;
import org.carbonledger.core.provenance.UpstreamWalk;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;
import org.carbonledger.core.verify.StoredBatch;
import org.carbonledger.core.verify.StoredTransfer;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Production batches (GTIN + lot) owned by the PRODUCER that made them: created open, filled with signed records
 * and received material, then sealed, which fixes their footprint so it can travel downstream and be attested.
 */
@Contract(name = "Batches", info = @Info(title = "Carbon Ledger batches", version = "1"))
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
            JsonObjectReader in = JsonObjectReader.of(Json.parseObject(batchJson, "batch"), "");
            in.rejectUnknownMembers(List.of("gtin", "lot", "quantity"));
            BatchId id = new BatchId(Gtin.parse(in.requireString("gtin"), "gtin"), Lot.parse(in.requireString("lot"), "lot"));
            Quantity quantity = Quantity.fromInputJson(in.requireObject("quantity").object(), "quantity");
            if (quantity.isZero()) {
                throw LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, "quantity.amount", "0", "a batch quantity must be greater than zero");
            }
            JsonObject product = ProductContract.find(ctx, id.gtin());
            if (!Fields.string(product, "ownerMspId").equals(owner)) {
                throw LedgerRuleException.of(ErrorCode.FORBIDDEN, "gtin", id.gtin().value(),
                        "product belongs to " + Fields.string(product, "ownerMspId") + ", not to " + owner);
            }
            Unit declared = Unit.parse(Fields.string(product, "declaredUnit"), "declaredUnit");
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
            JsonObject batch = JsonObject.builder()
                    .put("gtin", id.gtin().value())
                    .put("lot", id.lot().value())
                    .put("ownerMspId", owner)
                    .put("productName", Fields.string(product, "name"))
                    .put("declaredUnit", declared.symbol())
                    .put("quantity", quantity.toJson())
                    // Mass balance and allocation run in the dimension's base unit; keeping the running total there
                    // means the transfer leaves of the seal commitment match what any verifier recomputes.
                    .put("shipped", new Quantity(java.math.BigDecimal.ZERO, quantity.unit().dimension().baseUnit()).toJson())
                    .put("status", Batches.OPEN)
                    .put("inbound", JsonArray.of())
                    .put("createdAt", ctx.now().toString())
                    .put("txId", ctx.txId())
                    .build();
            ctx.write("batch", key, batch);
            ctx.protect(key, EndorsementPolicies.ownerAndMajority(owner, Membership.members(ctx)));
            ctx.write("batchByOwner", ctx.key(Batches.BY_OWNER, owner, id.gtin().value(), id.lot().value()),
                    JsonObject.builder().put("gtin", id.gtin().value()).put("lot", id.lot().value()).build());
            return batch;
        });
    }

    /**
     * Seals the acting organization's open batch: computes its footprint from every record and every received
     * transfer, commits to them with a Merkle root, and fixes the result. From then on nothing can be added.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String SealBatch(final Context context, final String gtin, final String lot) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            String owner = Membership.requireRole(ctx, Role.PRODUCER);
            BatchId id = new BatchId(Gtin.parse(gtin, "gtin"), Lot.parse(lot, "lot"));
            JsonObject batch = Batches.findOwned(ctx, id, owner, "batch");
            Batches.requireOpen(batch, id, "batch");
            List<RecordContribution> records = Records.contributions(ctx, id, owner);
            List<InboundTransfer> inbound = new ArrayList<>();
            for (String transferId : Fields.strings(batch, "inbound")) {
                inbound.add(Transfers.inbound(ctx, transferId));
            }
            if (records.isEmpty() && inbound.isEmpty()) {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", id.toString(),
                        "has no records and no received material: there is no footprint to seal");
            }
            Seal seal = Seal.compute(id, Batches.quantity(batch), Gwp100Set.IPCC_AR6, records, inbound);
            JsonObject sealed = Fields.replace(batch, "status", Batches.SEALED).toBuilder()
                    .put("seal", seal.toJson())
                    .put("sealHash", seal.hash().toHex())
                    .put("sealedAt", ctx.now().toString())
                    .put("sealTxId", ctx.txId())
                    .build();
            ctx.write("batch", Batches.key(ctx, id), sealed);
            return sealed;
        });
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetBatch(final Context context, final String gtin, final String lot) {
        return transact(() -> Batches.find(ledger(context), BatchId.of(gtin, lot), "batch"));
    }

    /** The batches of an organization, a page at a time. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListBatches(final Context context, final String ownerMspId, final int pageSize, final String bookmark) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            LedgerContext.Page index = ctx.page(Inputs.pageSize(pageSize), bookmark, Batches.BY_OWNER, ownerMspId);
            List<JsonObject> batches = new ArrayList<>();
            for (JsonObject entry : index.items()) {
                batches.add(Batches.find(ctx, BatchId.of(Fields.string(entry, "gtin"), Fields.string(entry, "lot")), "batch"));
            }
            return new LedgerContext.Page(batches, index.bookmark()).toJson();
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
                    return Optional.of(StoredBatch.fromJson(Batches.find(ctx, id, "batch"), "batch"));
                }

                @Override
                public List<StoredTransfer> inbound(StoredBatch batch) {
                    List<StoredTransfer> inbound = new ArrayList<>();
                    for (LedgerId transferId : batch.inbound()) {
                        inbound.add(StoredTransfer.fromJson(Transfers.find(ctx, transferId.value()), "transfer"));
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
