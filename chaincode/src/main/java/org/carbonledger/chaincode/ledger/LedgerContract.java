package org.carbonledger.chaincode.ledger;

import java.util.function.Supplier;

import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * What every Carbon Ledger contract shares: the {@link LedgerContext}, the one change event per transaction, and
 * the translation of rule violations into {@link ChaincodeException}s whose message is a {@link Refusal} as JSON
 * (code, field, message, refused element), which is what a Gateway client receives and reads back with core.
 */
public abstract class LedgerContract implements ContractInterface {

    @Override
    public LedgerContext createContext(ChaincodeStub stub) {
        return new LedgerContext(stub);
    }

    /** Names the transaction {@code Contract:Transaction} in its event however the client addressed it. */
    @Override
    public void beforeTransaction(Context ctx) {
        String function = ctx.getStub().getFunction();
        if (!function.contains(":")) {
            Contract contract = getClass().getAnnotation(Contract.class);
            function = (contract == null ? getClass().getSimpleName() : contract.name()) + ":" + function;
        }
        ledger(ctx).function(function);
    }

    @Override
    public void afterTransaction(Context ctx, Object result) {
        ledger(ctx).changeEvent().ifPresent(payload -> ctx.getStub().setEvent(LedgerContext.EVENT_NAME, payload));
    }

    @Override
    public void unknownTransaction(Context ctx) {
        throw refusal(Refusal.of(LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "function",
                ctx.getStub().getFunction(), "no such transaction")));
    }

    protected static LedgerContext ledger(Context ctx) {
        return (LedgerContext) ctx;
    }

    /** Runs a transaction body, turning a rule violation into a refusal the client can read. */
    protected static String transact(Supplier<JsonObject> body) {
        try {
            return Jcs.canonicalString(body.get());
        } catch (LedgerRuleException e) {
            throw refusal(Refusal.of(e));
        }
    }

    /**
     * The refusal as the client receives it: the message is the refusal's canonical JSON (the Gateway passes on the
     * message, not the payload), the payload its bare code.
     */
    public static ChaincodeException refusal(Refusal refusal) {
        return new ChaincodeException(refusal.toJsonText(), refusal.code().name());
    }
}
