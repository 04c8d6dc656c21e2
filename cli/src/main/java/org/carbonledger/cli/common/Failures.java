package org.carbonledger.cli.common;

import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.LedgerException;
import org.carbonledger.client.verify.LedgerReadException;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/** Turns any failure into an exit code and one line a person can act on. */
public final class Failures {

    /**
     * @param exitCode the exit code
     * @param message the line to print after {@code carbonctl: }
     */
    public record Failure(int exitCode, String message) {
    }

    private Failures() {
    }

    /**
     * @param e what went wrong
     * @return its exit code and message
     */
    public static Failure of(Throwable e) {
        if (e instanceof CliException c) {
            return new Failure(c.exitCode(), c.getMessage());
        }
        if (e instanceof LedgerRuleException r) {
            return new Failure(ExitCode.INVALID_INPUT, r.getMessage());
        }
        if (e instanceof LedgerException l) {
            return ledger(l.refusal(), l.getMessage(), l.transactionId());
        }
        if (e instanceof LedgerReadException l) {
            return ledger(l.refusal(), l.getMessage(), Optional.empty());
        }
        if (e instanceof StatusRuntimeException s) {
            return new Failure(ExitCode.UNAVAILABLE, "the peer did not answer: " + s.getStatus().getCode() + " "
                    + s.getStatus().getDescription());
        }
        if (e instanceof HttpTimeoutException) {
            return new Failure(ExitCode.UNAVAILABLE, "the service did not answer in time: " + e.getMessage());
        }
        if (e instanceof UncheckedIOException u) {
            return of(u.getCause());
        }
        if (e instanceof IOException io) {
            return new Failure(ExitCode.UNAVAILABLE, "I/O failed: " + CliFiles.reason(io));
        }
        return new Failure(ExitCode.INTERNAL, "internal error: " + e + " (run with --verbose for details, and "
                + "please report it)");
    }

    private static Failure ledger(Optional<LedgerRefusal> refusal, String message, Optional<String> txId) {
        if (refusal.isPresent()) {
            ErrorCode code = refusal.get().code();
            int exit = code == ErrorCode.NOT_FOUND || code == ErrorCode.UNKNOWN_DEVICE || code == ErrorCode.UNKNOWN_FACTOR
                    ? ExitCode.NOT_FOUND
                    : ExitCode.REFUSED;
            return new Failure(exit, (exit == ExitCode.NOT_FOUND ? "not found on the ledger: " : "refused by the ledger: ")
                    + code + ": " + refusal.get().message());
        }
        return new Failure(ExitCode.UNAVAILABLE, message + txId.map(t -> " (transaction " + t + "; it is safe to "
                + "run the command again)").orElse(""));
    }
}
