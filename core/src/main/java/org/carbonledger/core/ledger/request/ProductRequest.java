package org.carbonledger.core.ledger.request;

import java.util.List;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.quantity.Unit;

/**
 * The argument of {@code Products:CreateProduct}:
 * {@code {"gtin": "09506000134352", "name": "Hot-rolled coil", "declaredUnit": "t", "description": "..."}}
 * (description optional). GTIN-8/12/13/14 with a valid check digit; the declared unit is the unit footprints are
 * given per.
 *
 * @param gtin the product's GTIN
 * @param name its name, not blank
 * @param declaredUnit the unit its footprint is declared per
 * @param description free text, "" when none
 */
public record ProductRequest(Gtin gtin, String name, Unit declaredUnit, String description) {

    public static final List<String> MEMBERS = List.of("gtin", "name", "declaredUnit", "description");

    /** Null-checks every part. */
    public ProductRequest {
        Objects.requireNonNull(gtin, "gtin");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(declaredUnit, "declaredUnit");
        Objects.requireNonNull(description, "description");
    }

    /**
     * @param json the argument
     * @param path its JSON path ("" for a whole argument), prefixed to every error's field
     * @return the request, checked as the chaincode checks it
     */
    public static ProductRequest fromJson(JsonObject json, String path) {
        JsonObjectReader in = JsonObjectReader.of(Objects.requireNonNull(json, "json"), path);
        in.rejectUnknownMembers(MEMBERS);
        Gtin gtin = Gtin.parse(in.requireString("gtin"), in.path("gtin"));
        String name = Inputs.text(in.requireString("name"), in.path("name"), 200);
        if (name.isBlank()) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, in.path("name"), "must not be blank");
        }
        Unit declaredUnit = Unit.parse(in.requireString("declaredUnit"), in.path("declaredUnit"));
        String description = Inputs.text(in.optionalString("description").orElse(""), in.path("description"), 1000);
        return new ProductRequest(gtin, name, declaredUnit, description);
    }

    /** @return the argument as the chaincode reads it */
    public JsonObject toJson() {
        return JsonObject.builder().put("gtin", gtin.value()).put("name", name)
                .put("declaredUnit", declaredUnit.symbol()).put("description", description).build();
    }
}
