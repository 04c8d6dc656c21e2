package org.carbonledger.bench.load;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.carbonledger.client.connection.ConnectionProfile;
import org.carbonledger.client.connection.Endpoint;
import org.carbonledger.client.gateway.Deadlines;
import org.carbonledger.client.gateway.LedgerConnection;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.Endorsement;
import org.carbonledger.client.ledger.LedgerCalls;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.client.ledger.LedgerException;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.request.Designations;
import org.carbonledger.core.ledger.request.OrganizationAnswer;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;

/**
 * The three member organizations of the local network, each with a client and an admin connection, as the load
 * generator and {@code bench.verify.ChainVerification} need them for setup: roles through the governance flow, then
 * ordinary submissions. Refuses any connection file that names a non-loopback endpoint, so the load can only ever
 * reach this machine.
 */
public final class Consortium implements AutoCloseable {
    public static final String STEELCO = "SteelCoMSP";
    public static final String APPLIANCECO = "ApplianceCoMSP";
    public static final String CERTCO = "CertCoMSP";
    private static final Map<String, String> FILE = Map.of(STEELCO, "steelco", APPLIANCECO, "applianceco", CERTCO, "certco");

    /** Generous: under load a 1,000-record endorsement queues behind others; a missed deadline counts as a failure. */
    static final Deadlines DEADLINES = new Deadlines(Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofSeconds(60), Duration.ofMinutes(5));

    private static final Duration DESIGNATION_SEEN_WITHIN = Duration.ofSeconds(60);

    private final Path networkDir;
    private final Map<String, LedgerConnection> connections = new TreeMap<>();
    private final Map<String, LedgerClient> clients = new TreeMap<>();

    /** @param networkDir the network's run directory (its {@code connection/} holds the connection files) */
    public Consortium(Path networkDir) {
        this.networkDir = networkDir;
        for (String msp : FILE.keySet()) {
            requireLoopback(profile(msp));
        }
    }

    ConnectionProfile profile(String msp) {
        return ConnectionProfile.load(networkDir.resolve("connection").resolve(FILE.get(msp) + ".json"));
    }

    private static void requireLoopback(ConnectionProfile profile) {
        List<Endpoint> all = new ArrayList<>(profile.peers());
        all.addAll(profile.orderers());
        for (Endpoint e : all) {
            boolean loopback;
            try {
                loopback = InetAddress.getByName(e.host()).isLoopbackAddress();
            } catch (UnknownHostException ex) {
                loopback = false;
            }
            if (!loopback) {
                throw new IllegalArgumentException("endpoint " + e.address() + " of " + e.name()
                        + " is not a loopback address: RecordLoad only drives the local network");
            }
        }
    }

    public synchronized LedgerConnection connection(String msp, String identity) {
        return connections.computeIfAbsent(msp + "/" + identity,
                k -> LedgerConnection.open(profile(msp), identity, DEADLINES));
    }

    Contract contract(String msp, String contractName) {
        return connection(msp, "client").contract(contractName);
    }

    public JsonObject submit(String msp, LedgerOperation operation, String... args) {
        return submit(msp, operation.contract(), operation.transaction(), args);
    }

    JsonObject submitAs(String msp, String identity, LedgerOperation operation, String... args) {
        return submitAs(msp, identity, operation.contract(), operation.transaction(), args);
    }

    public JsonObject evaluate(String msp, LedgerOperation operation, String... args) {
        return evaluate(msp, operation.contract(), operation.transaction(), args);
    }

    public JsonObject submit(String msp, String contract, String transaction, String... args) {
        return submitAs(msp, "client", contract, transaction, args);
    }

    /**
     * Submits through the client module's {@link LedgerClient}, as the service and the CLI do: failures mapped by
     * stage, and a return only once the other members' peers have committed the block too, so set-up steps that
     * follow each other (seal, then attest) never meet a peer that has not seen the previous one.
     */
    JsonObject submitAs(String msp, String identity, String contract, String transaction, String... args) {
        try {
            return JsonObjectReader.asObject(ledger(msp, identity).submit(contract, transaction, args).result(), transaction);
        } catch (LedgerException e) {
            throw new IllegalStateException(contract + ":" + transaction + " as " + msp + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Submits as the organization's client, endorsed as {@code endorsement} says: private records (transient map,
     * their holders' peers) and seals (the holders' peers, {@link org.carbonledger.client.ledger.Endorsements#forSeal}).
     */
    public JsonObject submit(String msp, LedgerOperation operation, Endorsement endorsement, String... args) {
        try {
            return JsonObjectReader.asObject(ledger(msp, "client").submit(operation, endorsement, args).result(),
                    operation.transaction());
        } catch (LedgerException e) {
            throw new IllegalStateException(operation + " as " + msp + " failed: " + e.getMessage(), e);
        }
    }

    /** The organization's client, as the client module's features (endorsement choices, verification) take it. */
    public LedgerCalls ledger(String msp) {
        return ledger(msp, "client");
    }

    private LedgerClient ledger(String msp, String identity) {
        synchronized (clients) {
            return clients.computeIfAbsent(msp + "/" + identity, k -> LedgerClient.newInstance(connection(msp, identity), 8));
        }
    }

    /**
     * Makes sure {@code producer} has designated {@code certifier} (the ledger refuses private records of a producer
     * that designated none), submitted by the producer's admin as {@code carbonctl certifiers designate} does; a
     * designation made meanwhile by someone else (ALREADY_EXISTS) is as good. Returns once the certifier's own peer
     * lists the designation, so it endorses the next records knowing it.
     *
     * @return the producer's designations now: its records' endorsers
     */
    public Designations ensureDesignated(String producer, String certifier) {
        Designations now = designations(producer, producer);
        if (now.certifierMspIds().contains(certifier)) {
            return now;
        }
        try {
            ledger(producer, "admin").submit(LedgerOperation.DESIGNATE_CERTIFIER, certifier);
        } catch (LedgerException e) {
            if (e.refusal().map(r -> r.code() != ErrorCode.ALREADY_EXISTS).orElse(true)) {
                throw new IllegalStateException("designating " + certifier + " as " + producer + " failed: "
                        + e.getMessage(), e);
            }
        }
        // The certifier's peer refuses the producer's records until it holds the designating block itself.
        long deadline = System.nanoTime() + DESIGNATION_SEEN_WITHIN.toNanos();
        while (!designations(certifier, producer).certifierMspIds().contains(certifier)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(certifier + "'s peer does not see its designation by " + producer
                        + " after " + DESIGNATION_SEEN_WITHIN.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + certifier + "'s peer", e);
            }
        }
        return designations(producer, producer);
    }

    /** The designations of {@code producer} as the peer of {@code asking} knows them. */
    private Designations designations(String asking, String producer) {
        return Designations.fromJson(evaluate(asking, LedgerOperation.LIST_DESIGNATED_CERTIFIERS, producer), "designations");
    }

    public JsonObject evaluate(String msp, String contract, String transaction, String... args) {
        try {
            byte[] result = connection(msp, "client").contract(contract).evaluateTransaction(transaction, args);
            return Json.parseObject(new String(result, UTF_8), transaction);
        } catch (GatewayException e) {
            throw new IllegalStateException(contract + ":" + transaction + " failed: "
                    + LedgerRefusal.of(e).map(Object::toString).orElse(e.toString()), e);
        }
    }

    /**
     * PRODUCER for SteelCo and ApplianceCo, CERTIFIER for CertCo, unless held already: one organization's admin
     * proposes, another's approves (a majority of the three), as the integration tests do.
     */
    public void ensureRoles() {
        grant(STEELCO, "PRODUCER");
        grant(APPLIANCECO, "PRODUCER");
        grant(CERTCO, "CERTIFIER");
    }

    private void grant(String msp, String role) {
        List<String> roles = OrganizationAnswer.fromJson(evaluate(msp, LedgerOperation.GET_ORGANIZATION, msp),
                "organization").roles();
        if (roles.contains(role)) {
            return;
        }
        String proposalId = UUID.randomUUID().toString();
        String proposer = msp.equals(STEELCO) ? APPLIANCECO : STEELCO;
        String approver = msp.equals(CERTCO) ? APPLIANCECO : CERTCO;
        submitAs(proposer, "admin", LedgerOperation.PROPOSE_ROLE, Jcs.canonicalString(JsonObject.builder()
                .put("proposalId", proposalId).put("action", "GRANT").put("mspId", msp).put("role", role).build()));
        submitAs(approver, "admin", LedgerOperation.APPROVE_PROPOSAL, proposalId);
    }

    @Override
    public void close() {
        connections.values().forEach(LedgerConnection::close);
    }
}
