package org.carbonledger.client.connection;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A peer or orderer of the network as a connection file describes it.
 *
 * @param name             the node's TLS host name (also used to check its certificate when it differs from the address)
 * @param mspId            the MSP of the organization that runs the node
 * @param address          {@code host:port} to dial
 * @param tlsCaCertificate the PEM file of the CA that issued the node's TLS certificate
 */
public record Endpoint(String name, String mspId, String address, Path tlsCaCertificate) {
    public Endpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tlsCaCertificate, "tlsCaCertificate");
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("endpoint \"" + address + "\" of " + name + ": expected host:port");
        }
    }

    public String host() {
        return address.substring(0, address.lastIndexOf(':'));
    }

    public int port() {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
}
