package org.carbonledger.cli.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import picocli.CommandLine.Mixin;

/**
 * A command that talks to the chaincode as one organization identity: connects, runs, prints the JSON result
 * (stdout) and, for a transaction, where it was committed (stderr), then disconnects.
 */
public abstract class LedgerCommand implements Callable<Integer> {
    /** The largest page the chaincode serves. */
    protected static final int PAGE = 1000;

    @Mixin
    protected LedgerOptions ledger;
    @Mixin
    protected OutputOptions output;

    protected final CliContext ctx;

    protected LedgerCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** @return the identity used unless the user names one ({@code admin} for governance) */
    protected String defaultIdentity() {
        return "client";
    }

    @Override
    public final Integer call() {
        try (LedgerOptions connection = ledger) {
            return run(connection.client(defaultIdentity(), 1));
        }
    }

    /**
     * @param client the connected client
     * @return the exit code
     */
    protected abstract int run(LedgerClient client);

    /** Submits a transaction, prints its result and where it committed. */
    protected int submit(LedgerClient client, String contract, String transaction, String... args) {
        Committed c = client.submit(contract, transaction, args);
        ctx.err().println(contract + ":" + transaction + " committed in block " + c.blockNumber() + " (transaction "
                + c.transactionId() + ")");
        ctx.err().flush();
        output.print(ctx, c.result());
        return ExitCode.OK;
    }

    /** Evaluates a query and prints its result. */
    protected int query(LedgerClient client, String contract, String transaction, String... args) {
        output.print(ctx, client.evaluate(contract, transaction, args));
        return ExitCode.OK;
    }

    /**
     * Reads every page of a paged query ({@code …, pageSize, bookmark}) and prints {@code {"items":[…]}}.
     *
     * @param prefix the arguments before pageSize and bookmark
     */
    protected int allPages(LedgerClient client, String contract, String transaction, String... prefix) {
        List<JsonValue> items = new ArrayList<>();
        String bookmark = "";
        do {
            String[] args = new String[prefix.length + 2];
            System.arraycopy(prefix, 0, args, 0, prefix.length);
            args[prefix.length] = Integer.toString(PAGE);
            args[prefix.length + 1] = bookmark;
            JsonObjectReader page = JsonObjectReader.of((JsonObject) client.evaluate(contract, transaction, args), "");
            items.addAll(page.requireArray("items").elements());
            bookmark = page.requireString("bookmark");
        } while (!bookmark.isEmpty());
        output.print(ctx, JsonObject.builder().put("items", JsonArray.of(items)).build());
        return ExitCode.OK;
    }
}
