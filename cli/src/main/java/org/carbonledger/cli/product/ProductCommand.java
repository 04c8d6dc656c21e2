package org.carbonledger.cli.product;

import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.Group;
import org.carbonledger.cli.common.LedgerCommand;
import org.carbonledger.client.ledger.LedgerCalls;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.ledger.LedgerOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Products (GTINs). */
@Command(name = "product", description = "Create and look up products (GTIN, name, declared unit).",
        subcommands = {ProductCommand.Create.class, ProductCommand.Show.class, ProductCommand.ListProducts.class})
public final class ProductCommand extends Group {

    /** product create. */
    @Command(name = "create", description = {"Create a product of your organization.",
        "GTIN-8/12/13/14 with a valid check digit; footprints are given per declared unit (t, kg, piece, …)."},
            footerHeading = "%nExamples:%n", footer = {
                "  carbonctl product create -c steelco 09506000134352 --name 'Hot-rolled steel coil' --unit t"})
    static final class Create extends LedgerCommand {
        @Parameters(paramLabel = "GTIN", description = "The product's GTIN.")
        String gtin;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The product name.")
        String name;
        @Option(names = "--unit", required = true, paramLabel = "UNIT", description = "Declared unit: g, kg, t, kWh, MWh, MJ, GJ, L, m3, piece.")
        String unit;
        @Option(names = "--description", paramLabel = "TEXT", description = "A description.")
        String description;

        Create(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return create(client);
        }

        /** Creates; run again with the same product, it answers the stored one as a replay. */
        int create(LedgerCalls client) {
            JsonObject.Builder b = JsonObject.builder().put("gtin", gtin).put("name", name).put("declaredUnit", unit);
            if (description != null) {
                b.put("description", description);
            }
            JsonObject product = b.build();
            return createOnce(client, product, () -> find(client, LedgerOperation.GET_PRODUCT, gtin), LedgerOperation.CREATE_PRODUCT);
        }
    }

    /** product show. */
    @Command(name = "show", description = "Show a product.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl product show -c steelco 09506000134352"})
    static final class Show extends LedgerCommand {
        @Parameters(paramLabel = "GTIN", description = "The product's GTIN.")
        String gtin;

        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return query(client, LedgerOperation.GET_PRODUCT, gtin);
        }
    }

    /** product list. */
    @Command(name = "list", description = "List every product on the ledger.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl product list -c steelco --output json"})
    static final class ListProducts extends LedgerCommand {
        ListProducts(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return allPages(client, LedgerOperation.LIST_PRODUCTS);
        }
    }
}
