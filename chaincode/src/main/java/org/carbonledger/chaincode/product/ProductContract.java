package org.carbonledger.chaincode.product;


import org.carbonledger.chaincode.governance.Membership;
import org.carbonledger.chaincode.governance.Role;
import org.carbonledger.chaincode.ledger.EndorsementPolicies;
import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.chaincode.ledger.LedgerContract;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredProduct;
import org.carbonledger.core.ledger.request.Inputs;
import org.carbonledger.core.ledger.request.ProductRequest;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Products (GTINs), each owned by the PRODUCER organization that registered it. */
@Contract(name = LedgerOperation.Contracts.PRODUCTS, info = @Info(title = "Carbon Ledger products", version = "1"))
public final class ProductContract extends LedgerContract {
    static final String PRODUCT = StateKeys.PRODUCT;

    /**
     * {@code {"gtin": "09506000134352", "name": "Hot-rolled coil", "declaredUnit": "t", "description": "..."}}:
     * GTIN-8/12/13/14 with a valid check digit, stored as GTIN-14. The declared unit is the unit footprints are
     * given per (kgCO2e per t, per piece, ...).
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String CreateProduct(final Context context, final String productJson) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            String owner = Membership.requireRole(ctx, Role.PRODUCER);
            ProductRequest request = ProductRequest.fromJson(Json.parseObject(productJson, "product"), "");
            Gtin gtin = request.gtin();
            String key = ctx.key(PRODUCT, gtin.value());
            ctx.read(key, StoredProduct::fromJson).ifPresent(existing -> {
                throw LedgerRuleException.of(ErrorCode.ALREADY_EXISTS, "gtin", gtin.value(),
                        "already registered by " + existing.ownerMspId());
            });
            Membership.requireOwnEndorsement(ctx, owner);
            StoredProduct product = new StoredProduct(gtin, request.name(), request.declaredUnit(), request.description(),
                    owner, ctx.now(), ctx.txId());
            ctx.write("product", key, product);
            ctx.protect(key, EndorsementPolicies.ownerAndMajority(owner, Membership.members(ctx)));
            return product.toJson();
        });
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetProduct(final Context context, final String gtin) {
        return transact(() -> find(ledger(context), Gtin.parse(gtin, "gtin")).toJson());
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListProducts(final Context context, final int pageSize, final String bookmark) {
        return transact(() -> ledger(context).page(Inputs.pageSize(pageSize), bookmark, PRODUCT).toJson());
    }

    public static StoredProduct find(LedgerContext ctx, Gtin gtin) {
        return ctx.read(ctx.key(PRODUCT, gtin.value()), StoredProduct::fromJson).orElseThrow(() ->
                LedgerRuleException.of(ErrorCode.NOT_FOUND, "gtin", gtin.value(), "no such product"));
    }
}
