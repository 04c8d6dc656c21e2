package org.carbonledger.client.connection;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An X.509 identity of an organization: its certificate and private key as PEM files.
 * The key is read only when a connection is opened and is never logged.
 */
public record IdentityFiles(String mspId, Path certificate, Path privateKey) {
    public IdentityFiles {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public String toString() {
        return "IdentityFiles[mspId=" + mspId + ", certificate=" + certificate + "]";
    }
}
