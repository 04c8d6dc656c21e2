package org.carbonledger.client.transfer;

import java.util.Objects;
import java.util.Optional;

import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.quantity.Quantity;

/**
 * Whether a transfer the ledger holds shows a transfer command done already, so that every interface (the service,
 * carbonctl) answers a repeated shipment or step the same way: the same request is a replay, answered with the stored
 * transfer; a different one under the same id is a conflict.
 */
public final class TransferReplays {
    private TransferReplays() {
    }

    /**
     * Where a stored transfer differs from a shipment request ({@code {transferId, from:{gtin,lot}, toMspId,
     * quantity:{amount,unit}}}). The ledger stores the receiver as {@code receiverMspId} and the quantity in its
     * dimension's base unit, so those are compared as values.
     *
     * @return the first member that differs, or empty when the stored transfer is this shipment
     */
    public static Optional<String> shipmentDifference(JsonObject request, JsonObject stored) {
        JsonObjectReader in = JsonObjectReader.of(Objects.requireNonNull(request, "request"), "");
        JsonObjectReader kept = JsonObjectReader.of(Objects.requireNonNull(stored, "stored"), "stored");
        JsonObjectReader from = in.requireObject("from");
        JsonObjectReader keptFrom = kept.requireObject("from");
        if (!BatchId.of(from.requireString("gtin"), from.requireString("lot"))
                .equals(BatchId.of(keptFrom.requireString("gtin"), keptFrom.requireString("lot")))) {
            return Optional.of("from");
        }
        if (!in.requireString("toMspId").equals(kept.requireString("receiverMspId"))) {
            return Optional.of("toMspId");
        }
        Quantity sent = Quantity.fromInputJson(in.requireObject("quantity").object(), "quantity");
        Quantity shipped = Quantity.fromJson(kept.requireObject("quantity").object(), "quantity");
        if (sent.unit().dimension() != shipped.unit().dimension() || sent.toBase().compareTo(shipped.toBase()) != 0) {
            return Optional.of("quantity");
        }
        return Optional.empty();
    }

    /** @return whether the stored transfer was received (and possibly returned since) into that batch */
    public static boolean receivedInto(JsonObject stored, BatchId batch) {
        Objects.requireNonNull(batch, "batch");
        if (!status(stored).equals("RECEIVED") && !status(stored).equals("RETURNED")) {
            return false;
        }
        return stored.get("to").filter(JsonObject.class::isInstance).map(to -> {
            JsonObjectReader r = JsonObjectReader.of((JsonObject) to, "to");
            return BatchId.of(r.requireString("gtin"), r.requireString("lot")).equals(batch);
        }).orElse(false);
    }

    /** @return whether the stored transfer was rejected by its receiver (and possibly returned since) */
    public static boolean rejected(JsonObject stored) {
        return status(stored).equals("REJECTED") || status(stored).equals("RETURNED");
    }

    /** @return whether the stored transfer was cancelled by its sender (and possibly returned since) */
    public static boolean cancelled(JsonObject stored) {
        return status(stored).equals("CANCELLED") || status(stored).equals("RETURNED");
    }

    private static String status(JsonObject transfer) {
        return Objects.requireNonNull(transfer, "transfer").get("status").filter(JsonString.class::isInstance)
                .map(v -> ((JsonString) v).value()).orElse("");
    }
}
