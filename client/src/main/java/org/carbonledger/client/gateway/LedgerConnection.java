package org.carbonledger.client.gateway;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.carbonledger.client.connection.ConnectionProfile;
import org.carbonledger.client.connection.Endpoint;
import org.carbonledger.client.connection.IdentityFiles;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * One organization identity connected to the network through its own peer's Gateway service: one gRPC channel,
 * reused by every call, with the deadlines of {@link Deadlines} on each stage.
 *
 * <pre>{@code
 * try (LedgerConnection ledger = LedgerConnection.open(profile, "client", Deadlines.defaults())) {
 *     byte[] result = ledger.contract().submitTransaction("RegisterOrganization", "Steel Co");
 * }
 * }</pre>
 */
public final class LedgerConnection implements AutoCloseable {
    private static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

    private final ConnectionProfile profile;
    private final IdentityFiles identity;
    private final ManagedChannel channel;
    private final Gateway gateway;
    private final Network network;

    private LedgerConnection(ConnectionProfile profile, IdentityFiles identity, ManagedChannel channel, Gateway gateway) {
        this.profile = profile;
        this.identity = identity;
        this.channel = channel;
        this.gateway = gateway;
        this.network = gateway.getNetwork(profile.channel());
    }

    /**
     * Opens a connection as the named identity of the profile ("admin", "client", ...).
     *
     * @throws IllegalArgumentException when the identity's files cannot be read or do not form an identity
     */
    public static LedgerConnection open(ConnectionProfile profile, String identityName, Deadlines deadlines) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(identityName, "identityName");
        Objects.requireNonNull(deadlines, "deadlines");
        IdentityFiles identity = profile.identity(identityName);
        X509Certificate certificate = readCertificate(identity.certificate());
        PrivateKey key = readPrivateKey(identity.privateKey());
        ManagedChannel channel = newChannel(profile.gatewayPeer());
        try {
            Gateway gateway = Gateway.newInstance()
                    .identity(new X509Identity(identity.mspId(), certificate))
                    .signer(Signers.newPrivateKeySigner(key))
                    .hash(Hash.SHA256)
                    .connection(channel)
                    .evaluateOptions(o -> o.withDeadlineAfter(deadlines.evaluate().toMillis(), TimeUnit.MILLISECONDS))
                    .endorseOptions(o -> o.withDeadlineAfter(deadlines.endorse().toMillis(), TimeUnit.MILLISECONDS))
                    .submitOptions(o -> o.withDeadlineAfter(deadlines.submit().toMillis(), TimeUnit.MILLISECONDS))
                    .commitStatusOptions(o -> o.withDeadlineAfter(deadlines.commitStatus().toMillis(), TimeUnit.MILLISECONDS))
                    .connect();
            return new LedgerConnection(profile, identity, channel, gateway);
        } catch (RuntimeException e) {
            channel.shutdownNow();
            throw e;
        }
    }

    /** A TLS gRPC channel to one node, trusting only the CA the connection file names for it. */
    public static ManagedChannel newChannel(Endpoint endpoint) {
        try {
            return NettyChannelBuilder.forAddress(endpoint.host(), endpoint.port())
                    .sslContext(GrpcSslContexts.forClient().trustManager(endpoint.tlsCaCertificate().toFile()).build())
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("peer " + endpoint.name() + ": cannot use TLS CA certificate "
                    + endpoint.tlsCaCertificate() + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate readCertificate(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return Identities.readX509Certificate(reader);
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("certificate " + file + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey readPrivateKey(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return Identities.readPrivateKey(reader);
        } catch (IOException | InvalidKeyException e) {
            // The message names the file only: key material never reaches a log.
            throw new IllegalArgumentException("private key " + file + ": not a readable PEM private key", e);
        }
    }

    public ConnectionProfile profile() {
        return profile;
    }

    /** The MSP the connection acts for. */
    public String mspId() {
        return identity.mspId();
    }

    public Gateway gateway() {
        return gateway;
    }

    public Network network() {
        return network;
    }

    /** The profile's chaincode, default contract. */
    public Contract contract() {
        return network.getContract(profile.chaincode());
    }

    /** A named contract of the profile's chaincode. */
    public Contract contract(String contractName) {
        return network.getContract(profile.chaincode(), contractName);
    }

    @Override
    public void close() {
        gateway.close();
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
