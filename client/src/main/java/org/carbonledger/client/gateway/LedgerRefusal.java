package org.carbonledger.client.gateway;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.grpc.StatusRuntimeException;
import org.carbonledger.core.error.ErrorCode;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * A transaction the chaincode refused, recovered from a Gateway error: the stable {@link ErrorCode} and the
 * chaincode's message (which names the field and the reason). Peers report a refusal as
 * {@code chaincode response 500, CODE: message}; this is the one place that reads that shape.
 */
public record LedgerRefusal(ErrorCode code, String message) {
    private static final Pattern REFUSAL = Pattern.compile("chaincode response \\d+, ([A-Z_]+): (.*)", Pattern.DOTALL);

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
        Matcher m = REFUSAL.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LedgerRefusal(ErrorCode.valueOf(m.group(1)), m.group(2)));
        } catch (IllegalArgumentException unknownCode) {
            return Optional.empty();
        }
    }
}
