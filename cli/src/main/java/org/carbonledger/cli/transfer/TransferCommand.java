package org.carbonledger.cli.transfer;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.Group;
import org.carbonledger.cli.common.LedgerCommand;
import org.carbonledger.client.ledger.LedgerCalls;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.client.transfer.TransferReplays;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StoredTransfer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Material shipped from one batch to another organization, with its share of the footprint. */
@Command(name = "transfer", description = "Ship material from a sealed batch, receive it into an open batch, "
        + "reject or cancel shipments, and look them up.",
        subcommands = {TransferCommand.Ship.class, TransferCommand.Receive.class, TransferCommand.Reject.class,
            TransferCommand.Cancel.class, TransferCommand.Show.class, TransferCommand.ListTransfers.class})
public final class TransferCommand extends Group {

    /** transfer ship. */
    @Command(name = "ship", description = {"Ship material out of your sealed batch to an organization.",
        "The shipment carries its share of the batch footprint; the mass balance never lets more leave than the batch holds."},
            footerHeading = "%nExamples:%n", footer = {
                "  carbonctl transfer ship -c steelco 09506000134352 COIL-7 --to ApplianceCoMSP --quantity 12500 --unit kg"})
    static final class Ship extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "GTIN", description = "The source batch's GTIN.")
        String gtin;
        @Parameters(index = "1", paramLabel = "LOT", description = "The source batch's lot.")
        String lot;
        @Option(names = "--to", required = true, paramLabel = "MSPID", description = "The receiving organization.")
        String to;
        @Option(names = "--quantity", required = true, paramLabel = "AMOUNT", description = "How much.")
        String quantity;
        @Option(names = "--unit", required = true, paramLabel = "UNIT", description = "Its unit.")
        String unit;
        @Option(names = "--id", paramLabel = "UUID", description = "The transfer id (default: a new random UUID; "
                + "give one to make a retry safe).")
        String id;

        Ship(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return ship(client);
        }

        /** Ships; run again with the same {@code --id}, it answers the shipment on the ledger as a replay. */
        int ship(LedgerCalls client) {
            String transferId = id != null ? LedgerId.parse(id, "--id").value() : UUID.randomUUID().toString();
            JsonObject shipment = JsonObject.builder()
                    .put("transferId", transferId)
                    .put("from", JsonObject.builder().put("gtin", gtin).put("lot", lot).build())
                    .put("toMspId", to)
                    .put("quantity", JsonObject.builder().put("amount", quantity).put("unit", unit).build())
                    .build();
            return submitOnce(client, Set.of(ErrorCode.DUPLICATE_ID, ErrorCode.ALREADY_EXISTS),
                    () -> find(client, LedgerOperation.GET_TRANSFER, transferId),
                    stored -> TransferReplays.shipmentDifference(shipment, stored), "shipTxId",
                    LedgerOperation.SHIP_MATERIAL, Jcs.canonicalString(shipment));
        }
    }

    /** transfer receive. */
    @Command(name = "receive", description = "Receive a shipment addressed to you into one of your open batches.",
            footerHeading = "%nExamples:%n", footer = {
                "  carbonctl transfer receive -c applianceco 20000000-0000-4000-8000-000000000005 --into 09506000134383 PNL-2611-A"})
    static final class Receive extends Step {
        @Parameters(paramLabel = "TRANSFER", description = "The transfer id.")
        String transferId;
        @Option(names = "--into", required = true, arity = "2", paramLabel = "GTIN LOT",
                description = "Your open batch that takes the material.")
        String[] into;

        Receive(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return receive(client);
        }

        /** Receives; run again, it answers the transfer received into the same batch as a replay. */
        int receive(LedgerCalls client) {
            BatchId batch = BatchId.of(into[0], into[1]);
            return step(client, transferId, stored -> TransferReplays.receivedInto(stored, batch), "receiveTxId",
                    LedgerOperation.RECEIVE_MATERIAL, transferId, into[0], into[1]);
        }
    }

    /** transfer reject. */
    @Command(name = "reject", description = "Refuse a shipment addressed to you (the sender can take it back).",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl transfer reject -c applianceco <id> --reason 'wrong grade'"})
    static final class Reject extends Step {
        @Parameters(paramLabel = "TRANSFER", description = "The transfer id.")
        String transferId;
        @Option(names = "--reason", defaultValue = "", paramLabel = "TEXT", description = "Why.")
        String reason;

        Reject(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return reject(client);
        }

        /** Rejects; run again, it answers the rejected transfer as a replay. */
        int reject(LedgerCalls client) {
            return step(client, transferId, TransferReplays::rejected, "closeTxId", LedgerOperation.REJECT_TRANSFER, transferId,
                    reason);
        }
    }

    /** transfer cancel. */
    @Command(name = "cancel", description = "Withdraw a shipment of yours that was not received yet.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl transfer cancel -c steelco <id> --reason 'sent twice'"})
    static final class Cancel extends Step {
        @Parameters(paramLabel = "TRANSFER", description = "The transfer id.")
        String transferId;
        @Option(names = "--reason", defaultValue = "", paramLabel = "TEXT", description = "Why.")
        String reason;

        Cancel(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return cancel(client);
        }

        /** Cancels; run again, it answers the cancelled transfer as a replay. */
        int cancel(LedgerCalls client) {
            return step(client, transferId, TransferReplays::cancelled, "closeTxId", LedgerOperation.CANCEL_TRANSFER, transferId,
                    reason);
        }
    }

    /** transfer show. */
    @Command(name = "show", description = "Show a transfer: quantity, allocated CO2e, status.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl transfer show -c steelco 20000000-0000-4000-8000-000000000001"})
    static final class Show extends LedgerCommand {
        @Parameters(paramLabel = "TRANSFER", description = "The transfer id.")
        String transferId;

        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return query(client, LedgerOperation.GET_TRANSFER, transferId);
        }
    }

    /** Which list. */
    static final class Which {
        @Option(names = "--from", arity = "2", paramLabel = "GTIN LOT", required = true,
                description = "Shipments out of this batch.")
        String[] from;
        @Option(names = "--to", paramLabel = "MSPID", required = true, description = "Shipments addressed to this organization.")
        String to;
    }

    /** transfer list. */
    @Command(name = "list", description = {"List the shipments out of a batch, or addressed to an organization.",
        "--status keeps only the transfers in that status (one of SHIPPED, RECEIVED, REJECTED, CANCELLED, RETURNED; "
            + "any case)."},
            footerHeading = "%nExamples:%n", footer = {"  carbonctl transfer list -c steelco --from 09506000134376 PEL-2026-09",
                "  carbonctl transfer list -c applianceco --to ApplianceCoMSP --status SHIPPED --output json"})
    static final class ListTransfers extends LedgerCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;
        @Spec
        CommandSpec spec;

        private Optional<String> status = Optional.empty();

        ListTransfers(CliContext ctx) {
            super(ctx);
        }

        /** Checked while parsing, so a mistyped status is a usage error before any connection is made. */
        @Option(names = "--status", paramLabel = "STATUS",
                description = "Only transfers in this status: SHIPPED, RECEIVED, REJECTED, CANCELLED or RETURNED.")
        void status(String value) {
            String upper = value.toUpperCase(Locale.ROOT);
            if (!StoredTransfer.STATUSES.contains(upper)) {
                throw new ParameterException(spec.commandLine(), "--status: \"" + value + "\" is not a transfer "
                        + "status; give one of " + String.join(", ", StoredTransfer.STATUSES));
            }
            status = Optional.of(upper);
        }

        @Override
        protected int run(LedgerClient client) {
            return list(client);
        }

        /** Lists every page, keeping the transfers in {@code --status} when it is given. */
        int list(LedgerCalls client) {
            Predicate<JsonValue> keep = status.<Predicate<JsonValue>>map(wanted -> item -> wanted.equals(
                    JsonObjectReader.of(JsonObjectReader.asObject(item, "items"), "items").requireString("status")))
                    .orElse(item -> true);
            return which.from != null
                    ? allPages(client, keep, LedgerOperation.LIST_TRANSFERS_FROM, which.from[0], which.from[1])
                    : allPages(client, keep, LedgerOperation.LIST_TRANSFERS_TO, which.to);
        }
    }

    /**
     * A step of a transfer, safe to run again: the ledger refuses a step already taken as INVALID_STATE, and when the
     * stored transfer shows this step done the command is answered as a replay.
     */
    abstract static class Step extends LedgerCommand {
        Step(CliContext ctx) {
            super(ctx);
        }

        int step(LedgerCalls client, String transferId, Predicate<JsonObject> done, String txIdMember,
                 LedgerOperation transaction, String... args) {
            return submitOnce(client, Set.of(ErrorCode.INVALID_STATE),
                    () -> find(client, LedgerOperation.GET_TRANSFER, transferId),
                    stored -> done.test(stored) ? Optional.empty() : Optional.of("status"), txIdMember,
                    transaction, args);
        }
    }
}
