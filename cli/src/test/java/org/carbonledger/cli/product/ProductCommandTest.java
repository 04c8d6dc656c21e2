package org.carbonledger.cli.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.carbonledger.cli.Commands;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.Failures;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.client.ledger.LedgerCalls;
import org.carbonledger.client.ledger.LedgerException;
import org.carbonledger.client.ledger.Stage;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating a product again: the same product is a replay (exit 0), another one under its GTIN is refused (exit 4). */
class ProductCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ProductsLedger ledger = new ProductsLedger();

    /** Products as the chaincode keeps them: one per GTIN, stored as GTIN-14 with the owner and transaction added. */
    private static final class ProductsLedger implements LedgerCalls {
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

        final Map<String, JsonObject> products = new HashMap<>();
        int written;

        @Override
        public Committed submit(String contract, String transaction, String... args) {
            JsonObjectReader in = JsonObjectReader.of(Json.parseObject(args[0], "product"), "");
            String gtin = Gtin.parse(in.requireString("gtin"), "gtin").value();
            String txId = String.format("%064x", products.size() + 1);
            if (products.containsKey(gtin)) {
                throw LedgerException.refused(Stage.ENDORSE, txId, new LedgerRefusal(Refusal.of(LedgerRuleException.of(
                        ErrorCode.ALREADY_EXISTS, "gtin", gtin, "a product with this GTIN exists"))));
            }
            JsonObject stored = in.object().without("gtin").with("gtin", JsonString.of(gtin))
                    .with("ownerMspId", JsonString.of("SteelCoMSP"))
                    .with("txId", JsonString.of(txId));
            products.put(gtin, stored);
            written++;
            return new Committed(txId, written, stored);
        }

        @Override
        public JsonValue evaluate(String contract, String transaction, String... args) {
            String gtin = Gtin.parse(args[0], "gtin").value();
            return Optional.ofNullable(products.get(gtin)).orElseThrow(() -> LedgerException.refused(Stage.EVALUATE,
                    null, new LedgerRefusal(Refusal.of(LedgerRuleException.of(ErrorCode.NOT_FOUND, "gtin", gtin,
                            "no such product")))));
        }
    }

    private int create(String... args) {
        return Commands.parsed(ProductCommand.Create.class, new CliContext(new PrintWriter(out, true),
                new PrintWriter(err, true), Map.of(), dir, Optional.empty(), false, Clock.systemUTC()), args)
                .create(ledger);
    }

    @Test
    void creating_the_same_product_again_answers_the_stored_one_with_exit_0() {
        assertThat(create("9506000134352", "--name", "Hot-rolled coil", "--unit", "t")).isZero();

        int again = create("09506000134352", "--name", "Hot-rolled coil", "--unit", "t");

        assertThat(again).isEqualTo(ExitCode.OK);
        assertThat(err.toString()).contains("Products:CreateProduct replayed: the ledger holds this already in "
                + "transaction " + String.format("%064x", 1));
        assertThat(ledger.written).isEqualTo(1);
    }

    @Test
    void another_product_under_the_same_gtin_is_refused_with_exit_4_naming_what_differs() {
        create("9506000134352", "--name", "Hot-rolled coil", "--unit", "t");

        Throwable e = catchThrowable(() -> create("9506000134352", "--name", "Cold-rolled coil", "--unit", "t"));

        assertThat(Failures.of(e).exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(e.getMessage()).startsWith("refused by the ledger: ALREADY_EXISTS: ").contains("a different name");
        assertThat(ledger.written).isEqualTo(1);
    }
}
