package org.carbonledger.cli.factor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.CliFiles;
import org.carbonledger.cli.common.Group;
import org.carbonledger.cli.common.LedgerCommand;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.record.CsvParser;
import org.carbonledger.core.record.RecordProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Emission-factor datasets, published by certifiers. */
@Command(name = "factor", description = "Publish emission-factor datasets (CERTIFIER) and look up factors.",
        subcommands = {FactorCommand.Publish.class, FactorCommand.Show.class, FactorCommand.Dataset.class,
            FactorCommand.Datasets.class})
public final class FactorCommand extends Group {
    static final List<String> REQUIRED = List.of("factorId", "unit", "kgCo2ePerUnit");
    static final List<String> OPTIONAL = List.of("description", "sourceCitation", "licence");

    /** factor publish. */
    @Command(name = "publish", description = {"Publish a versioned factor dataset from a CSV file (CERTIFIER role).",
        "Columns: factorId, unit, kgCo2ePerUnit, and optionally description, sourceCitation, licence (which then "
            + "replace the dataset's for that factor). A published version never changes; a factor id is unique "
            + "forever."},
            footerHeading = "%nExamples:%n", footer = {
                "  carbonctl factor publish -c certco grid-2026.csv --dataset grid --dataset-version 2026 \\",
                "      --citation 'National grid mix 2026, table 4' --licence CC-BY-4.0",
                "  (grid-2026.csv:  factorId,unit,kgCo2ePerUnit",
                "                   grid-electricity-2026,kWh,0.4215)"})
    static final class Publish extends LedgerCommand {
        @Parameters(paramLabel = "FILE", description = "The factors, as CSV.")
        Path file;
        @Option(names = "--dataset", required = true, paramLabel = "ID", description = "The dataset id.")
        String dataset;
        @Option(names = "--dataset-version", required = true, paramLabel = "VERSION", description = "The dataset version.")
        String version;
        @Option(names = "--citation", required = true, paramLabel = "TEXT", description = "Source citation.")
        String citation;
        @Option(names = "--licence", required = true, paramLabel = "TEXT", description = "Licence of the values.")
        String licence;

        Publish(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            JsonArray factors = read();
            return submit(client, LedgerOperation.PUBLISH_FACTOR_DATASET, Jcs.canonicalString(JsonObject.builder()
                    .put("dataset", dataset).put("version", version).put("sourceCitation", citation)
                    .put("licence", licence).put("factors", factors).build()));
        }

        private JsonArray read() {
            CsvParser.Result csv = CsvParser.parse(CliFiles.readText(ctx.resolve(file), "factor file"));
            List<String> errors = new ArrayList<>();
            for (RecordProblem p : csv.problems()) {
                errors.add(p.toString());
            }
            List<CsvParser.Row> rows = csv.rows().stream().filter(r -> !r.blank()).toList();
            if (rows.isEmpty()) {
                throw CliException.invalid(file + " is empty: the first line must name the columns "
                        + String.join(",", REQUIRED));
            }
            List<String> header = rows.get(0).cells();
            for (String c : header) {
                if (!REQUIRED.contains(c) && !OPTIONAL.contains(c)) {
                    errors.add("line 1: unknown column " + c + " (allowed: " + String.join(", ", REQUIRED) + ", "
                            + String.join(", ", OPTIONAL) + ")");
                }
            }
            for (String c : REQUIRED) {
                if (!header.contains(c)) {
                    errors.add("line 1: missing column " + c);
                }
            }
            List<JsonValue> factors = new ArrayList<>();
            for (CsvParser.Row row : rows.subList(1, rows.size())) {
                if (row.cells().size() != header.size()) {
                    errors.add("line " + row.line() + ": the row has " + row.cells().size() + " cells but the header "
                            + "names " + header.size() + " columns");
                    continue;
                }
                JsonObject.Builder f = JsonObject.builder();
                for (int i = 0; i < header.size(); i++) {
                    if (!row.cells().get(i).isEmpty() && (REQUIRED.contains(header.get(i))
                            || OPTIONAL.contains(header.get(i)))) {
                        f.put(header.get(i), row.cells().get(i));
                    }
                }
                factors.add(f.build());
            }
            if (!errors.isEmpty()) {
                errors.forEach(e -> ctx.err().println("error: " + file + " " + e));
                throw CliException.invalid(errors.size() + " problem(s) in " + file + " (listed above); nothing was "
                        + "published");
            }
            // Values, units and ids are checked by the ledger's rules, which name factors[i].field.
            return JsonArray.of(factors);
        }
    }

    /** factor show. */
    @Command(name = "show", description = "Show a published factor.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl factor show -c steelco grid-electricity-2026"})
    static final class Show extends LedgerCommand {
        @Parameters(paramLabel = "FACTOR", description = "The factor id.")
        String factorId;

        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return query(client, LedgerOperation.GET_FACTOR, factorId);
        }
    }

    /** factor dataset. */
    @Command(name = "dataset", description = "Show a published dataset version.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl factor dataset -c steelco grid 2026"})
    static final class Dataset extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset id.")
        String dataset;
        @Parameters(index = "1", paramLabel = "VERSION", description = "The version.")
        String version;

        Dataset(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return query(client, LedgerOperation.GET_FACTOR_DATASET, dataset, version);
        }
    }

    /** factor datasets. */
    @Command(name = "datasets", description = "List every published dataset version.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl factor datasets -c steelco"})
    static final class Datasets extends LedgerCommand {
        Datasets(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return allPages(client, LedgerOperation.LIST_FACTOR_DATASETS);
        }
    }
}
