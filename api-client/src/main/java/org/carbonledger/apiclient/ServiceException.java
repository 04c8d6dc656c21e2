package org.carbonledger.apiclient;

import java.net.URI;
import java.util.Objects;

/** Why a call to the service did not give an answer to use; each kind is a subclass. */
public abstract sealed class ServiceException extends RuntimeException
        permits ServiceProblemException, ServiceUnreachableException, UnreadableAnswerException {
    private final URI base;
    private final String path;

    ServiceException(URI base, String path, String message, Throwable cause) {
        super(message, cause);
        this.base = Objects.requireNonNull(base, "base");
        this.path = Objects.requireNonNull(path, "path");
    }

    /** @return the service called */
    public URI base() {
        return base;
    }

    /** @return the path called (with its query) */
    public String path() {
        return path;
    }
}
