package org.carbonledger.chaincode.testing;

import java.util.Optional;

import org.carbonledger.chaincode.ledger.LedgerContract;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.Refusal;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** A minimal contract that pokes the stub directly, to test the harness itself. */
@Contract(name = "Probe")
public final class ProbeContract implements ContractInterface {
    private Context stashed;

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Put(final Context ctx, final String key, final String value) {
        ctx.getStub().putStringState(key, value);
        return "put " + key;
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Get(final Context ctx, final String key) {
        return ctx.getStub().getStringState(key);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String PutThenRefuse(final Context ctx, final String key, final String value) {
        ctx.getStub().putStringState(key, value);
        ctx.getStub().setEvent("probe", value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        throw LedgerContract.refusal(new Refusal(ErrorCode.INVALID_STATE, "key", "refused after writing " + key,
                Optional.empty()));
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String PutThenFail(final Context ctx, final String key, final String value) {
        ctx.getStub().putStringState(key, value);
        throw new IllegalStateException("a bug after writing " + key);
    }

    /** Writes a key, then reads it back in the same transaction. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String PutThenGet(final Context ctx, final String key, final String value) {
        ctx.getStub().putStringState(key, value);
        return "[" + ctx.getStub().getStringState(key) + "]";
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Whoami(final Context ctx) {
        return ctx.getClientIdentity().getMSPID() + " " + ctx.getClientIdentity().getId();
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Echo(final Context ctx, final String argument) {
        return ctx.getStub().getFunction() + " " + ctx.getStub().getParameters() + " " + ctx.getStub().getTxTimestamp()
                + " " + ctx.getStub().getChannelId();
    }

    /** A parameter that is not a String, as the paginated queries take their page size. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Twice(final Context ctx, final int number) {
        return Integer.toString(2 * number);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE, name = "Renamed")
    public String originalName(final Context ctx) {
        return "renamed";
    }

    /** A contract bug: keeps the context of one transaction for the next. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Stash(final Context ctx) {
        stashed = ctx;
        return "stashed";
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String UseStash(final Context ctx, final String key) {
        stashed.getStub().putStringState(key, "from a stale context");
        return "used";
    }
}
