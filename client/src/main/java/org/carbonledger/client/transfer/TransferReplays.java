package org.carbonledger.client.transfer;

import java.util.Objects;
import java.util.Optional;

import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StoredTransfer;
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
     * quantity:{amount,unit}}}), the stored transfer read with core's {@link StoredTransfer}. The quantity is
     * compared as a value, in the dimension's base unit.
     *
     * @return the first member that differs, or empty when the stored transfer is this shipment
     */
    public static Optional<String> shipmentDifference(JsonObject request, JsonObject stored) {
        JsonObjectReader in = JsonObjectReader.of(Objects.requireNonNull(request, "request"), "");
        StoredTransfer kept = read(stored);
        JsonObjectReader from = in.requireObject("from");
        if (!BatchId.of(from.requireString("gtin"), from.requireString("lot")).equals(kept.from())) {
            return Optional.of("from");
        }
        if (!in.requireString("toMspId").equals(kept.receiverMspId())) {
            return Optional.of("toMspId");
        }
        Quantity sent = Quantity.fromInputJson(in.requireObject("quantity").object(), "quantity");
        Quantity shipped = kept.quantity();
        if (sent.unit().dimension() != shipped.unit().dimension() || sent.toBase().compareTo(shipped.toBase()) != 0) {
            return Optional.of("quantity");
        }
        return Optional.empty();
    }

    /** @return whether the stored transfer was received (and possibly returned since) into that batch */
    public static boolean receivedInto(JsonObject stored, BatchId batch) {
        Objects.requireNonNull(batch, "batch");
        StoredTransfer transfer = read(stored);
        return (transfer.status().equals(StoredTransfer.RECEIVED) || transfer.status().equals(StoredTransfer.RETURNED))
                && transfer.to().equals(Optional.of(batch));
    }

    /** @return whether the stored transfer was rejected by its receiver (and possibly returned since) */
    public static boolean rejected(JsonObject stored) {
        String status = read(stored).status();
        return status.equals(StoredTransfer.REJECTED) || status.equals(StoredTransfer.RETURNED);
    }

    /** @return whether the stored transfer was cancelled by its sender (and possibly returned since) */
    public static boolean cancelled(JsonObject stored) {
        String status = read(stored).status();
        return status.equals(StoredTransfer.CANCELLED) || status.equals(StoredTransfer.RETURNED);
    }

    private static StoredTransfer read(JsonObject stored) {
        return StoredTransfer.fromJson(Objects.requireNonNull(stored, "stored"), "stored");
    }
}
