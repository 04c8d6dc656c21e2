package org.carbonledger.core.ledger.request;

import java.util.List;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.identifier.Lot;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.quantity.Quantity;

/**
 * The argument of {@code Transfers:ShipMaterial}: {@code {"transferId": uuid, "from": {"gtin": "...", "lot": "..."},
 * "toMspId": "ApplianceCoMSP", "quantity": {"amount": "10", "unit": "t"}}}, the quantity greater than zero.
 *
 * @param transferId the client-chosen transfer id, usable once
 * @param from the sender's sealed batch
 * @param toMspId the receiving organization
 * @param quantity the quantity shipped
 */
public record ShipmentRequest(LedgerId transferId, BatchId from, String toMspId, Quantity quantity) {

    public static final List<String> MEMBERS = List.of("transferId", "from", "toMspId", "quantity");

    /** Null-checks every part. */
    public ShipmentRequest {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(toMspId, "toMspId");
        Objects.requireNonNull(quantity, "quantity");
    }

    /**
     * @param json the argument
     * @param path its JSON path ("" for a whole argument), prefixed to every error's field
     * @return the request, checked as the chaincode checks it before it looks at the ledger
     */
    public static ShipmentRequest fromJson(JsonObject json, String path) {
        JsonObjectReader in = JsonObjectReader.of(Objects.requireNonNull(json, "json"), path);
        in.rejectUnknownMembers(MEMBERS);
        LedgerId transferId = LedgerId.parse(in.requireString("transferId"), in.path("transferId"));
        JsonObjectReader from = in.requireObject("from");
        from.rejectUnknownMembers(List.of("gtin", "lot"));
        BatchId source = new BatchId(Gtin.parse(from.requireString("gtin"), from.path("gtin")),
                Lot.parse(from.requireString("lot"), from.path("lot")));
        String receiver = in.requireString("toMspId");
        Quantity quantity = Quantity.fromInputJson(in.requireObject("quantity").object(), in.path("quantity"));
        if (quantity.isZero()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, in.path("quantity") + ".amount", "0",
                    "a shipment must be greater than zero");
        }
        return new ShipmentRequest(transferId, source, receiver, quantity);
    }

    /** @return the argument as the chaincode reads it */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("transferId", transferId.value())
                .put("from", JsonObject.builder().put("gtin", from.gtin().value()).put("lot", from.lot().value()).build())
                .put("toMspId", toMspId)
                .put("quantity", quantity.toJson())
                .build();
    }
}
