package org.carbonledger.apiclient;

import java.util.Objects;

/**
 * An OAuth 2.0 client of the service: its id and secret, exchanged for a bearer token with the client-credentials
 * grant. {@link #toString()} never shows the secret.
 *
 * @param clientId the client id, e.g. {@code steelco-admin}
 * @param secret   the client secret
 */
public record Credentials(String clientId, String secret) {
    public Credentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secret, "secret");
        if (clientId.isEmpty() || secret.isEmpty()) {
            throw new IllegalArgumentException("an OAuth client needs a non-empty id and secret");
        }
    }

    @Override
    public String toString() {
        return "Credentials[" + clientId + ", secret hidden]";
    }
}
