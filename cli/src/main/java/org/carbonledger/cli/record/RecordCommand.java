package org.carbonledger.cli.record;

import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.Group;
import org.carbonledger.cli.common.LedgerCommand;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.core.ledger.LedgerOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Emission records on the ledger (import them with `carbonctl import`). */
@Command(name = "record", description = "Look up emission records on the ledger (to add records: carbonctl import).",
        subcommands = {RecordCommand.Show.class, RecordCommand.ListRecords.class})
public final class RecordCommand extends Group {

    /** record show. */
    @Command(name = "show", description = "Show a stored record: the signed record, its CO2e and transaction.",
            footerHeading = "%nExamples:%n", footer = {
                "  carbonctl record show -c steelco 09506000134352 COIL-7 10000000-0000-4000-8000-000000000201"})
    static final class Show extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "GTIN", description = "The product's GTIN.")
        String gtin;
        @Parameters(index = "1", paramLabel = "LOT", description = "The lot.")
        String lot;
        @Parameters(index = "2", paramLabel = "RECORD", description = "The record id.")
        String recordId;

        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return query(client, LedgerOperation.GET_RECORD, gtin, lot, recordId);
        }
    }

    /** record list. */
    @Command(name = "list", description = "List every record of a batch.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl record list -c steelco 09506000134352 COIL-7 -o json | jq '.items | length'"})
    static final class ListRecords extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "GTIN", description = "The product's GTIN.")
        String gtin;
        @Parameters(index = "1", paramLabel = "LOT", description = "The lot.")
        String lot;

        ListRecords(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return allPages(client, LedgerOperation.LIST_RECORDS, gtin, lot);
        }
    }
}
