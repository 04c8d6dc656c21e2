package org.carbonledger.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.carbonledger.client.gateway.Deadlines;
import org.carbonledger.client.gateway.LedgerConnection;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.client.ledger.Endorsement;
import org.carbonledger.client.ledger.Endorsements;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.client.ledger.LedgerException;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.LedgerOperation;
import org.hyperledger.fabric.client.GatewayException;

/**
 * The running network as the member organizations' applications use it in integration tests: one client and one
 * admin connection per organization, JSON in and out, and the consortium roles the demo chain needs.
 */
final class Ledger implements AutoCloseable {
    static final String STEELCO = "SteelCoMSP";
    static final String APPLIANCECO = "ApplianceCoMSP";
    static final String CERTCO = "CertCoMSP";
    private static final Map<String, String> ORG_FILE = Map.of(STEELCO, "steelco", APPLIANCECO, "applianceco", CERTCO, "certco");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalNetwork network;
    private final Map<String, LedgerConnection> connections = new TreeMap<>();
    private final Map<String, LedgerClient> clients = new TreeMap<>();

    private long lastRecordBlock = -1;

    /** The block of the last record transaction this helper submitted, or -1. */
    long lastRecordBlock() {
        return lastRecordBlock;
    }

    Ledger(LocalNetwork network) {
        this.network = network;
    }

    private LedgerConnection connection(String msp, String identity) {
        return connections.computeIfAbsent(msp + "/" + identity,
                k -> LedgerConnection.open(network.profile(ORG_FILE.get(msp)), identity, Deadlines.defaults()));
    }

    /** Submits as the organization's client identity and returns the JSON result. */
    JsonObject submit(String msp, String contract, String transaction, String... args) {
        return submitAs(msp, "client", contract, transaction, args);
    }

    /**
     * Submits through the project's {@link LedgerClient}, which returns once every member's peer has committed the
     * block: the tests' next step may read or endorse on another organization's peer.
     */
    JsonObject submitAs(String msp, String identity, String contract, String transaction, String... args) {
        LedgerClient client = clients.computeIfAbsent(msp + "/" + identity,
                k -> LedgerClient.newInstance(connection(msp, identity), 4));
        try {
            // Records travel in the transient map to their holders; a seal is endorsed by the holders of its records.
            if (contract.equals("Records") && transaction.equals("SubmitRecords")) {
                Committed committed = client.submit(LedgerOperation.SUBMIT_RECORDS,
                        Endorsements.forRecords(client, msp, args[0].getBytes(UTF_8)));
                lastRecordBlock = committed.blockNumber();
                return JsonObjectReader.asObject(committed.result(), transaction);
            }
            if (contract.equals("Batches") && transaction.equals("SealBatch")) {
                Endorsement endorsement = Endorsements.forSeal(client, args[0], args[1]);
                if (!endorsement.isPlanned() && endorsement.organizations().contains(msp)) {
                    return JsonObjectReader.asObject(client.submit(LedgerOperation.SEAL_BATCH, endorsement, args).result(),
                            transaction);
                }
            }
            return JsonObjectReader.asObject(client.submit(contract, transaction, args).result(), transaction);
        } catch (LedgerException e) {
            if (e.refusal().isPresent()) {
                throw new LedgerCallFailed(transaction, e.refusal().get(), e);
            }
            throw new IllegalStateException(transaction + " failed at " + e.stage() + ": " + e.getMessage(), e);
        }
    }

    JsonObject evaluate(String msp, String contract, String transaction, String... args) {
        try {
            byte[] result = connection(msp, "client").contract(contract).evaluateTransaction(transaction, args);
            return Json.parseObject(new String(result, UTF_8), transaction);
        } catch (GatewayException e) {
            throw LedgerCallFailed.of(transaction, e);
        }
    }

    /** The refusal code of a submission that must fail; fails the test if it succeeds or fails otherwise. */
    ErrorCode refusal(String msp, String contract, String transaction, String... args) {
        try {
            submit(msp, contract, transaction, args);
        } catch (LedgerCallFailed e) {
            return e.refusal().code();
        }
        throw new AssertionError(transaction + " was accepted but must be refused");
    }

    /**
     * Grants the demo roles through the governance flow, unless they are held already, and has both producers
     * designate CertCo to see their raw records.
     */
    void ensureRoles() {
        grant(STEELCO, "PRODUCER");
        grant(APPLIANCECO, "PRODUCER");
        grant(CERTCO, "CERTIFIER");
        designate(STEELCO, CERTCO);
        designate(APPLIANCECO, CERTCO);
    }

    private void designate(String producer, String certifier) {
        JsonObject designations = evaluate(producer, "Governance", "ListDesignatedCertifiers", producer);
        if (!JsonObjectReader.of(designations, "").requireArray("certifiers").elements().isEmpty()) {
            return;
        }
        submit(producer, "Governance", "DesignateCertifier", certifier);
    }

    private void grant(String msp, String role) {
        JsonObject org = evaluate(msp, "Governance", "GetOrganization", msp);
        List<String> roles = new ArrayList<>();
        JsonObjectReader.of(org, "").requireArray("roles").elements().forEach(v -> roles.add(JsonObjectReader.asString(v, "roles")));
        if (roles.contains(role)) {
            return;
        }
        String proposalId = uuid();
        String proposer = msp.equals(STEELCO) ? APPLIANCECO : STEELCO;
        String approver = msp.equals(CERTCO) ? APPLIANCECO : CERTCO;
        submitAs(proposer, "admin", "Governance", "ProposeRole", "{\"proposalId\":\"" + proposalId
                + "\",\"action\":\"GRANT\",\"mspId\":\"" + msp + "\",\"role\":\"" + role + "\"}");
        submitAs(approver, "admin", "Governance", "ApproveProposal", proposalId);
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** A fresh GTIN-13 with a valid check digit (GTINs are unique on the ledger forever, tests rerun). */
    static String newGtin() {
        StringBuilder digits = new StringBuilder("95");
        for (int i = 0; i < 10; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return Gtin.parse(digits.toString() + Gtin.checkDigit(digits.toString()), "gtin").value();
    }

    static String suffix() {
        return Long.toString(Math.abs(RANDOM.nextLong()), 36);
    }

    @Override
    public void close() {
        connections.values().forEach(LedgerConnection::close);
    }

    /** A Gateway call that failed, with the chaincode's refusal when there is one. */
    static final class LedgerCallFailed extends RuntimeException {
        private final transient LedgerRefusal refusal;

        LedgerCallFailed(String transaction, LedgerRefusal refusal, Exception cause) {
            super(transaction + " failed: " + refusal, cause);
            this.refusal = refusal;
        }

        static RuntimeException of(String transaction, GatewayException cause) {
            return LedgerRefusal.of(cause).<RuntimeException>map(r -> new LedgerCallFailed(transaction, r, cause))
                    .orElseGet(() -> new IllegalStateException(transaction + " failed: " + cause, cause));
        }

        LedgerRefusal refusal() {
            return refusal;
        }
    }
}
