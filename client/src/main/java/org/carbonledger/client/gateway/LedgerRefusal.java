package org.carbonledger.client.gateway;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.grpc.StatusRuntimeException;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.error.Refusal;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * A transaction the chaincode refused, recovered from a Gateway error. The chaincode's message is a {@link Refusal}
 * as JSON; peers pass it on as {@code chaincode response 500, {…}}. This is the one place that reads that shape.
 *
 * @param refusal the structured refusal: code, field, message and, in a bulk submission, the refused element
 */
public record LedgerRefusal(Refusal refusal) {
    private static final Pattern CHAINCODE_RESPONSE = Pattern.compile("chaincode response \\d+, (\\{.*})", Pattern.DOTALL);

    /** Null-checks the refusal. */
    public LedgerRefusal {
        Objects.requireNonNull(refusal, "refusal");
    }

    /** The refusal inside a Gateway failure, if the failure is one (and not, say, a timeout or an unreachable peer). */
    public static Optional<LedgerRefusal> of(GatewayException e) {
        for (ErrorDetail detail : e.getDetails()) {
            Optional<LedgerRefusal> refusal = parse(detail.getMessage());
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        Throwable cause = e.getCause();
        if (cause instanceof StatusRuntimeException status && status.getStatus().getDescription() != null) {
            return parse(status.getStatus().getDescription());
        }
        return Optional.empty();
    }

    static Optional<LedgerRefusal> parse(String text) {
        Matcher m = CHAINCODE_RESPONSE.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LedgerRefusal(Refusal.fromJson(m.group(1))));
        } catch (LedgerRuleException notARefusal) {
            // A chaincode failure that is not one of our refusals (e.g. the shim's own error): not a rule verdict.
            return Optional.empty();
        }
    }

    /** @return the stable reason */
    public ErrorCode code() {
        return refusal.code();
    }

    /** @return the sentence for a person: names the field, quotes the value and says why */
    public String message() {
        return refusal.message();
    }

    /** @return the JSON path of the offending field, or {@code ""} */
    public String field() {
        return refusal.field();
    }

    /** @return in a bulk submission, the refused element */
    public Optional<Refusal.Item> item() {
        return refusal.item();
    }
}
