package org.carbonledger.core.ledger.request;

import java.util.List;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.Lot;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.quantity.Quantity;

/**
 * The argument of {@code Batches:CreateBatch}: {@code {"gtin": "...", "lot": "COIL-7", "quantity": {"amount": "25",
 * "unit": "t"}}}, the quantity greater than zero.
 *
 * @param batch the batch to create
 * @param quantity its quantity
 */
public record BatchRequest(BatchId batch, Quantity quantity) {

    public static final List<String> MEMBERS = List.of("gtin", "lot", "quantity");

    /** Null-checks every part. */
    public BatchRequest {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(quantity, "quantity");
    }

    /**
     * @param json the argument
     * @param path its JSON path ("" for a whole argument), prefixed to every error's field
     * @return the request, checked as the chaincode checks it
     */
    public static BatchRequest fromJson(JsonObject json, String path) {
        JsonObjectReader in = JsonObjectReader.of(Objects.requireNonNull(json, "json"), path);
        in.rejectUnknownMembers(MEMBERS);
        BatchId id = new BatchId(Gtin.parse(in.requireString("gtin"), in.path("gtin")),
                Lot.parse(in.requireString("lot"), in.path("lot")));
        Quantity quantity = Quantity.fromInputJson(in.requireObject("quantity").object(), in.path("quantity"));
        if (quantity.isZero()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, in.path("quantity") + ".amount", "0",
                    "a batch quantity must be greater than zero");
        }
        return new BatchRequest(id, quantity);
    }

    /** @return the argument as the chaincode reads it */
    public JsonObject toJson() {
        return JsonObject.builder().put("gtin", batch.gtin().value()).put("lot", batch.lot().value())
                .put("quantity", quantity.toJson()).build();
    }
}
