package org.carbonledger.cli.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.carbonledger.cli.Commands;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.Failures;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.client.ledger.LedgerCalls;
import org.carbonledger.client.ledger.LedgerException;
import org.carbonledger.client.ledger.Stage;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.cli.Cli;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StoredTransfer;
import org.carbonledger.core.ledger.request.ShipmentRequest;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repeating a transfer command answers what the ledger holds: exit 0 for the same command, exit 4 for another. */
class TransferCommandTest {
    private static final String ID = "20000000-0000-4000-8000-000000000005";
    private static final String[] SHIP = {"09506000134352", "COIL-7", "--to", "ApplianceCoMSP", "--quantity", "40",
        "--unit", "t", "--id", ID};

    @TempDir
    Path dir;

    private final TransfersLedger ledger = new TransfersLedger();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /**
     * The transfer rules the commands meet on the ledger: a transfer id is used once (DUPLICATE_ID), and a step is
     * taken only from SHIPPED (INVALID_STATE otherwise). Transfers are stored whole, as the chaincode writes them.
     */
    private static final class TransfersLedger implements LedgerCalls {
        @Override
        public Committed submit(org.carbonledger.core.ledger.LedgerOperation operation,
                                org.carbonledger.client.ledger.Endorsement endorsement, String... args) {
            throw new UnsupportedOperationException("the commands under test submit no private transaction: "
                    + operation);
        }

        @Override
        public String mspId() {
            return "SteelCoMSP";
        }

        private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");
        private static final Unit TONNE = Unit.parse("t", "unit");

        final Map<String, JsonObject> transfers = new HashMap<>();
        int submissions;
        long block = 7;

        @Override
        public Committed submit(String contract, String transaction, String... args) {
            submissions++;
            String txId = String.format("%064x", ++block);
            StoredTransfer stored = switch (transaction) {
                case "ShipMaterial" -> ship(ShipmentRequest.fromJson(Json.parseObject(args[0], "shipment"), ""), txId);
                case "ReceiveMaterial" -> step(args[0], t -> t.received(StoredTransfer.RECEIVED,
                        BatchId.of(args[1], args[2]), AT, txId));
                case "RejectTransfer" -> step(args[0], t -> t.closed(StoredTransfer.REJECTED, args[1], AT, txId));
                default -> throw new UnsupportedOperationException(transaction);
            };
            transfers.put(stored.transferId().value(), stored.toJson());
            return new Committed(txId, block, stored.toJson());
        }

        private StoredTransfer ship(ShipmentRequest in, String txId) {
            String id = in.transferId().value();
            if (transfers.containsKey(id)) {
                throw refused(LedgerRuleException.of(ErrorCode.DUPLICATE_ID, "transferId", id,
                        "already used by transfer in transaction " + txId));
            }
            return StoredTransfer.shipped(in.transferId(), in.from(), "SteelCoMSP", in.toMspId(), in.quantity(),
                    new Quantity(BigDecimal.valueOf(100), TONNE),
                    new Quantity(BigDecimal.ZERO, TONNE.dimension().baseUnit()), Hash.ofHex("ab".repeat(32)),
                    Co2e.fossil(BigDecimal.valueOf(40)), AT, txId);
        }

        private StoredTransfer step(String id, UnaryOperator<StoredTransfer> how) {
            JsonObject transfer = Optional.ofNullable(transfers.get(id)).orElseThrow(() ->
                    refused(LedgerRuleException.of(ErrorCode.NOT_FOUND, "transferId", id, "no such transfer")));
            StoredTransfer now = StoredTransfer.fromJson(transfer, "transfer");
            if (!now.status().equals(StoredTransfer.SHIPPED)) {
                throw refused(LedgerRuleException.of(ErrorCode.INVALID_STATE, "transferId", id,
                        "the transfer is " + now.status()));
            }
            return how.apply(now);
        }

        @Override
        public JsonValue evaluate(String contract, String transaction, String... args) {
            if (transaction.startsWith("ListTransfers")) {
                // One page per stored transfer, so filtering must span pages.
                List<String> ids = new ArrayList<>(new TreeMap<>(transfers).keySet());
                int at = args[args.length - 1].isEmpty() ? 0 : Integer.parseInt(args[args.length - 1]);
                String next = at + 1 < ids.size() ? Integer.toString(at + 1) : "";
                List<JsonValue> items = ids.isEmpty() ? List.of() : List.of(transfers.get(ids.get(at)));
                return JsonObject.builder().put("items", JsonArray.of(items)).put("bookmark", next).build();
            }
            return Optional.ofNullable(transfers.get(args[0])).orElseThrow(() ->
                    refused(LedgerRuleException.of(ErrorCode.NOT_FOUND, "transferId", args[0], "no such transfer")));
        }

        private static LedgerException refused(LedgerRuleException e) {
            return LedgerException.refused(Stage.ENDORSE, null, new LedgerRefusal(Refusal.of(e)));
        }
    }

    private <T> T command(Class<T> type, String... args) {
        return Commands.parsed(type, new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(),
                dir, Optional.empty(), false, Clock.systemUTC()), args);
    }

    private static int exitOf(Throwable e) {
        return Failures.of(e).exitCode();
    }

    @Test
    void shipping_again_with_the_same_id_answers_the_stored_shipment_with_exit_0() {
        assertThat(command(TransferCommand.Ship.class, SHIP).ship(ledger)).isEqualTo(ExitCode.OK);
        String shipTxId = JsonObjectReader.of(ledger.transfers.get(ID), "").requireString("shipTxId");
        out.getBuffer().setLength(0);

        int again = command(TransferCommand.Ship.class, SHIP).ship(ledger);

        assertThat(again).isEqualTo(ExitCode.OK);
        assertThat(err.toString()).contains("Transfers:ShipMaterial replayed: the ledger holds this already in "
                + "transaction " + shipTxId + "; nothing was written");
        assertThat(out.toString()).contains(ID).contains("SHIPPED");
        assertThat(ledger.transfers).hasSize(1);
    }

    @Test
    void the_same_quantity_in_another_unit_is_the_same_shipment() {
        command(TransferCommand.Ship.class, SHIP).ship(ledger);
        String[] inKg = SHIP.clone();
        inKg[5] = "40000";
        inKg[7] = "kg";

        assertThat(command(TransferCommand.Ship.class, inKg).ship(ledger)).isEqualTo(ExitCode.OK);
    }

    @Test
    void another_shipment_under_the_same_id_is_refused_with_exit_4_naming_what_differs() {
        command(TransferCommand.Ship.class, SHIP).ship(ledger);
        String[] more = SHIP.clone();
        more[5] = "41";

        Throwable e = catchThrowable(() -> command(TransferCommand.Ship.class, more).ship(ledger));

        assertThat(exitOf(e)).isEqualTo(ExitCode.REFUSED);
        assertThat(e.getMessage()).startsWith("refused by the ledger: DUPLICATE_ID: transferId \"" + ID + "\"")
                .endsWith("; the ledger holds it with a different quantity, so this is not a repeat of the command "
                        + "that made it");
    }

    @Test
    void receiving_again_into_the_same_batch_answers_the_received_transfer_with_exit_0() {
        command(TransferCommand.Ship.class, SHIP).ship(ledger);
        String[] receive = {ID, "--into", "09506000134383", "PNL-2611-A"};
        assertThat(command(TransferCommand.Receive.class, receive).receive(ledger)).isEqualTo(ExitCode.OK);
        int submissions = ledger.submissions;

        int again = command(TransferCommand.Receive.class, receive).receive(ledger);

        assertThat(again).isEqualTo(ExitCode.OK);
        assertThat(err.toString()).contains("Transfers:ReceiveMaterial replayed");
        assertThat(ledger.submissions).isEqualTo(submissions + 1);
        assertThat(JsonObjectReader.of(ledger.transfers.get(ID), "").requireString("status")).isEqualTo("RECEIVED");
    }

    @Test
    void receiving_a_transfer_that_took_another_way_keeps_the_refusal() {
        command(TransferCommand.Ship.class, SHIP).ship(ledger);
        command(TransferCommand.Reject.class, ID, "--reason", "wrong grade").reject(ledger);

        Throwable e = catchThrowable(() -> command(TransferCommand.Receive.class, ID, "--into", "09506000134383",
                "PNL-2611-A").receive(ledger));

        assertThat(exitOf(e)).isEqualTo(ExitCode.REFUSED);
        assertThat(e.getMessage()).contains("INVALID_STATE");
        assertThat(command(TransferCommand.Reject.class, ID, "--reason", "wrong grade").reject(ledger))
                .isEqualTo(ExitCode.OK);
    }

    @Test
    void list_with_a_status_prints_only_the_transfers_in_that_status_from_every_page() {
        String received = "20000000-0000-4000-8000-000000000006";
        command(TransferCommand.Ship.class, SHIP).ship(ledger);
        String[] second = SHIP.clone();
        second[9] = received;
        command(TransferCommand.Ship.class, second).ship(ledger);
        command(TransferCommand.Receive.class, received, "--into", "09506000134383", "PNL-2611-A").receive(ledger);
        out.getBuffer().setLength(0);

        int code = command(TransferCommand.ListTransfers.class, "--from", "09506000134352", "COIL-7",
                "--status", "received", "--output", "json").list(ledger);

        assertThat(code).isEqualTo(ExitCode.OK);
        List<JsonValue> items = JsonObjectReader.of(Json.parseObject(out.toString(), "out"), "").requireArray("items")
                .elements();
        assertThat(items).singleElement().satisfies(t -> assertThat(JsonObjectReader.of((JsonObject) t, "")
                .requireString("transferId")).isEqualTo(received));
        out.getBuffer().setLength(0);

        command(TransferCommand.ListTransfers.class, "--to", "ApplianceCoMSP", "--output", "json").list(ledger);

        assertThat(JsonObjectReader.of(Json.parseObject(out.toString(), "out"), "").requireArray("items").elements())
                .hasSize(2);
    }

    @Test
    void list_with_an_unknown_status_is_a_usage_error_naming_the_option_and_the_statuses() {
        Cli.Result r = new Cli(dir).run("transfer", "list", "--to", "ApplianceCoMSP", "--status", "LOST");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--status: \"LOST\" is not a transfer status; give one of SHIPPED, RECEIVED, "
                + "REJECTED, CANCELLED, RETURNED");
    }
}
