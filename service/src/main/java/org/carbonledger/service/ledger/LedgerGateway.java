package org.carbonledger.service.ledger;

import java.nio.file.Path;

import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.carbonledger.client.connection.ConnectionProfile;
import org.carbonledger.client.gateway.Deadlines;
import org.carbonledger.client.gateway.LedgerConnection;
import org.carbonledger.client.ledger.LedgerClient;

/**
 * The service's connections to its organization's peer: one for the client identity (every ordinary call) and,
 * opened on first use, one for the admin identity (governance). Each has one gRPC channel for its whole life.
 */
@Singleton
@Requires(property = "carbonledger.fabric.connection-file")
public final class LedgerGateway implements AutoCloseable {
    private final ConnectionProfile profile;
    private final FabricProperties properties;
    private final Deadlines deadlines;
    private final LedgerConnection clientConnection;
    private final LedgerClient client;
    private LedgerConnection adminConnection;
    private LedgerClient admin;

    public LedgerGateway(FabricProperties properties) {
        this.properties = properties;
        this.profile = ConnectionProfile.load(Path.of(properties.connectionFile()));
        this.deadlines = new Deadlines(properties.evaluateTimeout(), properties.endorseTimeout(),
                properties.submitTimeout(), properties.commitTimeout());
        this.clientConnection = LedgerConnection.open(profile, properties.clientIdentity(), deadlines);
        this.client = LedgerClient.newInstance(clientConnection, properties.maxInFlight());
    }

    public ConnectionProfile profile() {
        return profile;
    }

    /** Calls as the organization's client identity. */
    public LedgerClient client() {
        return client;
    }

    /** Calls as the organization's admin identity (governance), opened on first use. */
    public synchronized LedgerClient admin() {
        if (admin == null) {
            adminConnection = LedgerConnection.open(profile, properties.adminIdentity(), deadlines);
            admin = LedgerClient.newInstance(adminConnection, properties.maxInFlight());
        }
        return admin;
    }

    /** The connection the event feed reads from (the client identity: every member may read the channel). */
    public LedgerConnection connection() {
        return clientConnection;
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        clientConnection.close();
        if (adminConnection != null) {
            adminConnection.close();
        }
    }
}
