package org.carbonledger.apiclient;

import java.net.URI;

/** The service answered 2xx with a body that is not the JSON object the API promises. */
public final class UnreadableAnswerException extends ServiceException {
    UnreadableAnswerException(URI base, String path, String message, Throwable cause) {
        super(base, path, message, cause);
    }
}
