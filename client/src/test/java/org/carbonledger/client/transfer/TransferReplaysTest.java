package org.carbonledger.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.ledger.StoredTransfer;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;
import org.junit.jupiter.api.Test;

/** A repeated transfer command is told from another one by the transfer state the chaincode stored. */
class TransferReplaysTest {
    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");
    private static final Unit TONNE = Unit.parse("t", "unit");
    private static final BatchId COIL = BatchId.of("09506000134352", "COIL-7");
    private static final BatchId PANELS = BatchId.of("09506000134383", "PNL-2611-A");
    private static final StoredTransfer SHIPPED = StoredTransfer.shipped(
            LedgerId.parse("20000000-0000-4000-8000-000000000005", "transferId"), COIL, "SteelCoMSP",
            "ApplianceCoMSP", new Quantity(new BigDecimal("40"), TONNE), new Quantity(new BigDecimal("100"), TONNE),
            new Quantity(BigDecimal.ZERO, TONNE.dimension().baseUnit()), Hash.ofHex("ab".repeat(32)),
            Co2e.fossil(new BigDecimal("40")), AT, "a".repeat(64));

    private static JsonObject shipment(String toMspId, String amount, String unit) {
        return Json.parseObject("{\"transferId\":\"20000000-0000-4000-8000-000000000005\",\"from\":{\"gtin\":"
                + "\"09506000134352\",\"lot\":\"COIL-7\"},\"toMspId\":\"" + toMspId + "\",\"quantity\":{\"amount\":\""
                + amount + "\",\"unit\":\"" + unit + "\"}}", "shipment");
    }

    @Test
    void the_same_shipment_in_another_unit_is_no_difference_and_another_receiver_or_amount_is_named() {
        JsonObject stored = SHIPPED.toJson();

        assertThat(TransferReplays.shipmentDifference(shipment("ApplianceCoMSP", "40000", "kg"), stored)).isEmpty();
        assertThat(TransferReplays.shipmentDifference(shipment("PanelCoMSP", "40", "t"), stored)).contains("toMspId");
        assertThat(TransferReplays.shipmentDifference(shipment("ApplianceCoMSP", "41", "t"), stored))
                .contains("quantity");
    }

    @Test
    void a_transfer_counts_as_received_only_into_the_batch_it_was_received_into() {
        JsonObject received = SHIPPED.received(StoredTransfer.RECEIVED, PANELS, AT, "b".repeat(64)).toJson();

        assertThat(TransferReplays.receivedInto(received, PANELS)).isTrue();
        assertThat(TransferReplays.receivedInto(received, COIL)).isFalse();
        assertThat(TransferReplays.receivedInto(SHIPPED.toJson(), PANELS)).isFalse();
    }

    @Test
    void a_rejected_transfer_is_not_cancelled_and_a_returned_one_is_both() {
        JsonObject rejected = SHIPPED.closed(StoredTransfer.REJECTED, "wrong grade", AT, "b".repeat(64)).toJson();
        JsonObject cancelled = SHIPPED.closed(StoredTransfer.CANCELLED, "", AT, "b".repeat(64)).toJson();

        assertThat(TransferReplays.rejected(rejected)).isTrue();
        assertThat(TransferReplays.cancelled(rejected)).isFalse();
        assertThat(TransferReplays.cancelled(cancelled)).isTrue();
        assertThat(TransferReplays.rejected(cancelled)).isFalse();
    }
}
