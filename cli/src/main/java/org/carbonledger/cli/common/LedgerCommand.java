package org.carbonledger.cli.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.client.ledger.Endorsement;
import org.carbonledger.client.ledger.LedgerCalls;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.client.ledger.LedgerException;
import org.carbonledger.client.ledger.Replays;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
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
    protected int submit(LedgerCalls client, LedgerOperation operation, String... args) {
        return submit(client, operation, Endorsement.planned(), args);
    }

    /** Submits a transaction endorsed as {@code endorsement} says, printing as {@link #submit(LedgerCalls, LedgerOperation, String...)}. */
    protected int submit(LedgerCalls client, LedgerOperation operation, Endorsement endorsement, String... args) {
        Committed c = endorsement.isPlanned() ? client.submit(operation, args) : client.submit(operation, endorsement, args);
        ctx.err().println(operation.qualifiedName() + " committed in block " + c.blockNumber() + " (transaction "
                + c.transactionId() + ")");
        ctx.err().flush();
        output.print(ctx, c.result());
        return ExitCode.OK;
    }

    /**
     * Submits a transaction that running the same command again must not do twice (a create under an id the user
     * chose, a step of a transfer). When the ledger refuses it with one of {@code repeatCodes} and the stored object
     * shows this very command done, the command is a replay: the stored object is printed, a note says so, and the
     * exit code is 0. A different object under the id keeps the refusal (exit {@link ExitCode#REFUSED}).
     *
     * @param repeatCodes the codes the ledger refuses a repeat with (DUPLICATE_ID for a create, INVALID_STATE for a step)
     * @param stored reads the object from the ledger
     * @param difference what of the stored object differs from this command, empty when it is this command done
     * @param txIdMember the stored object's member naming the transaction that did it
     */
    protected int submitOnce(LedgerCalls client, Set<ErrorCode> repeatCodes, Supplier<Optional<JsonObject>> stored,
                             Function<JsonObject, Optional<String>> difference, String txIdMember,
                             LedgerOperation operation, String... args) {
        try {
            return submit(client, operation, args);
        } catch (LedgerException e) {
            Optional<LedgerRefusal> refusal = e.refusal().filter(r -> repeatCodes.contains(r.code()));
            if (refusal.isEmpty()) {
                throw e;
            }
            // Not found: the id is taken by something this command cannot read back, and the refusal stands as it is.
            JsonObject existing = stored.get().orElseThrow(() -> e);
            Optional<String> differs = difference.apply(existing);
            if (differs.isPresent()) {
                throw new CliException(ExitCode.REFUSED, "refused by the ledger: " + refusal.get().code() + ": "
                        + refusal.get().message() + "; the ledger holds it with a different " + differs.get()
                        + ", so this is not a repeat of the command that made it", e);
            }
            String txId = existing.get(txIdMember).filter(JsonString.class::isInstance)
                    .map(v -> " in transaction " + ((JsonString) v).value()).orElse("");
            ctx.err().println(operation.qualifiedName() + " replayed: the ledger holds this already" + txId
                    + "; nothing was written");
            ctx.err().flush();
            output.print(ctx, existing);
            return ExitCode.OK;
        }
    }

    /**
     * Creates an object under an id the user chose, safe to run again: when the ledger holds the id already and every
     * member of {@code request} is stored with the same value ({@link Replays}), the command is a replay (exit 0).
     *
     * @param request the object, sent as the transaction's one argument
     * @param stored reads the object the id names from the ledger
     */
    protected int createOnce(LedgerCalls client, JsonObject request, Supplier<Optional<JsonObject>> stored,
                             LedgerOperation operation) {
        return submitOnce(client, Set.of(ErrorCode.DUPLICATE_ID, ErrorCode.ALREADY_EXISTS), stored,
                existing -> Replays.difference(request, existing), "txId", operation,
                Jcs.canonicalString(request));
    }

    /** @return the object a query answers, or empty when the ledger has no such object */
    protected static Optional<JsonObject> find(LedgerCalls client, LedgerOperation operation, String... args) {
        try {
            return Optional.of(JsonObjectReader.asObject(client.evaluate(operation, args), "result"));
        } catch (LedgerException e) {
            ErrorCode code = e.refusal().map(LedgerRefusal::code).orElse(null);
            if (code == ErrorCode.NOT_FOUND || code == ErrorCode.UNKNOWN_DEVICE) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Evaluates a query and prints its result. */
    protected int query(LedgerClient client, LedgerOperation operation, String... args) {
        output.print(ctx, client.evaluate(operation, args));
        return ExitCode.OK;
    }

    /**
     * Reads every page of a paged query ({@code …, pageSize, bookmark}) and prints {@code {"items":[…]}}.
     *
     * @param prefix the arguments before pageSize and bookmark
     */
    protected int allPages(LedgerClient client, LedgerOperation operation, String... prefix) {
        return allPages(client, item -> true, operation, prefix);
    }

    /**
     * Reads every page of a paged query and prints {@code {"items":[…]}} with the items {@code keep} accepts.
     *
     * @param prefix the arguments before pageSize and bookmark
     */
    protected int allPages(LedgerCalls client, Predicate<JsonValue> keep, LedgerOperation operation,
                           String... prefix) {
        List<JsonValue> items = new ArrayList<>();
        String bookmark = "";
        do {
            String[] args = new String[prefix.length + 2];
            System.arraycopy(prefix, 0, args, 0, prefix.length);
            args[prefix.length] = Integer.toString(PAGE);
            args[prefix.length + 1] = bookmark;
            JsonObjectReader page = JsonObjectReader.of((JsonObject) client.evaluate(operation, args), "");
            page.requireArray("items").elements().stream().filter(keep).forEach(items::add);
            bookmark = page.requireString("bookmark");
        } while (!bookmark.isEmpty());
        output.print(ctx, JsonObject.builder().put("items", JsonArray.of(items)).build());
        return ExitCode.OK;
    }
}
