package org.carbonledger.apiclient;

import java.net.URI;
import java.util.Objects;

/** No answer came: the connection, TLS or the wait failed. */
public final class ServiceUnreachableException extends ServiceException {
    /** What went wrong on the way. */
    public enum Reason {
        /** Nothing listens at the address. */
        CONNECTION_REFUSED,
        /** The TLS handshake failed, typically a certificate this client does not trust. */
        TLS,
        /** No answer within the request's timeout. */
        TIMEOUT,
        /** Any other I/O failure. */
        IO,
        /** The calling thread was interrupted (its flag is set again). */
        INTERRUPTED
    }

    private final Reason reason;

    ServiceUnreachableException(URI base, String path, Reason reason, String message, Throwable cause) {
        super(base, path, message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return what went wrong */
    public Reason reason() {
        return reason;
    }
}
