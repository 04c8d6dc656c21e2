package org.carbonledger.cli.batch;

import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.Group;
import org.carbonledger.cli.common.LedgerCommand;
import org.carbonledger.client.ledger.Endorsements;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.ledger.LedgerOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Production batches (GTIN + lot). */
@Command(name = "batch", description = "Create, seal and look up production batches (GTIN + lot).",
        subcommands = {BatchCommand.Create.class, BatchCommand.Seal.class, BatchCommand.Show.class,
            BatchCommand.ListBatches.class, BatchCommand.Provenance.class})
public final class BatchCommand extends Group {

    /** batch create. */
    @Command(name = "create", description = "Create an open batch of one of your products.",
            footerHeading = "%nExamples:%n", footer = {
                "  carbonctl batch create -c steelco 09506000134352 COIL-7 --quantity 240 --unit t"})
    static final class Create extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "GTIN", description = "The product's GTIN.")
        String gtin;
        @Parameters(index = "1", paramLabel = "LOT", description = "The lot (GS1 AI 10: 1-20 characters).")
        String lot;
        @Option(names = "--quantity", required = true, paramLabel = "AMOUNT", description = "The batch quantity, e.g. 240.")
        String quantity;
        @Option(names = "--unit", required = true, paramLabel = "UNIT", description = "Its unit, in the dimension of the product's declared unit.")
        String unit;

        Create(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            JsonObject batch = JsonObject.builder().put("gtin", gtin).put("lot", lot)
                    .put("quantity", JsonObject.builder().put("amount", quantity).put("unit", unit).build()).build();
            return createOnce(client, batch, () -> find(client, LedgerOperation.GET_BATCH, gtin, lot), LedgerOperation.CREATE_BATCH);
        }
    }

    /** batch seal. */
    @Command(name = "seal", description = {"Seal your open batch: the ledger computes its footprint from every record and "
            + "received transfer, commits to them with a Merkle root and fixes the result.",
        "Only sealed batches can ship material or be attested."},
            footerHeading = "%nExamples:%n", footer = {"  carbonctl batch seal -c steelco 09506000134352 COIL-7"})
    static final class Seal extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "GTIN", description = "The product's GTIN.")
        String gtin;
        @Parameters(index = "1", paramLabel = "LOT", description = "The lot.")
        String lot;

        Seal(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            // Endorsed by the organizations holding the batch's private records, the only peers that can compute it.
            return submit(client, LedgerOperation.SEAL_BATCH, Endorsements.forSeal(client, gtin, lot), gtin, lot);
        }
    }

    /** batch show. */
    @Command(name = "show", description = "Show a batch (with its seal once sealed).",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl batch show -c steelco 09506000134352 COIL-7",
                "  carbonctl batch show -c steelco 09506000134352 COIL-7 -o json | jq .seal.perUnit.total"})
    static final class Show extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "GTIN", description = "The product's GTIN.")
        String gtin;
        @Parameters(index = "1", paramLabel = "LOT", description = "The lot.")
        String lot;

        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return query(client, LedgerOperation.GET_BATCH, gtin, lot);
        }
    }

    /** batch list. */
    @Command(name = "list", description = "List an organization's batches.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl batch list -c steelco",
                "  carbonctl batch list -c certco --owner ApplianceCoMSP --output json"})
    static final class ListBatches extends LedgerCommand {
        @Option(names = "--owner", paramLabel = "MSPID", description = "The owning organization (default: yours).")
        String owner;

        ListBatches(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return allPages(client, LedgerOperation.LIST_BATCHES, owner != null ? owner : client.connection().mspId());
        }
    }

    /** batch provenance. */
    @Command(name = "provenance", description = "Show a batch with every upstream batch and transfer (tiers).",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl batch provenance -c certco 09506000134390 WM-2611-001"})
    static final class Provenance extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "GTIN", description = "The product's GTIN.")
        String gtin;
        @Parameters(index = "1", paramLabel = "LOT", description = "The lot.")
        String lot;

        Provenance(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return query(client, LedgerOperation.GET_PROVENANCE, gtin, lot);
        }
    }
}
