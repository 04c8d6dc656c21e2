package org.carbonledger.chaincode.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.carbonledger.chaincode.attestation.AttestationContract;
import org.carbonledger.chaincode.batch.BatchContract;
import org.carbonledger.chaincode.device.DeviceContract;
import org.carbonledger.chaincode.factor.FactorContract;
import org.carbonledger.chaincode.governance.GovernanceContract;
import org.carbonledger.chaincode.product.ProductContract;
import org.carbonledger.chaincode.record.RecordContract;
import org.carbonledger.chaincode.transfer.TransferContract;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.json.Jcs;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.shim.ledger.CompositeKey;

/**
 * The local network's consortium on a {@link ChaincodeHarness}, set up through the real governance transactions:
 * bootstrapped by SteelCo's admin, PRODUCER granted to SteelCo and ApplianceCo and CERTIFIER to CertCo, each by a
 * majority of member admins. Also the contracts and one-line steps (as a member's client) for the tests of the
 * other contracts, which start from this state.
 *
 * <pre>{@code
 * ChaincodeHarness harness = ChaincodeHarness.newInstance();
 * Consortium network = Consortium.withRoles(harness);
 * network.createProduct(Consortium.STEEL, "products/coil.json");
 * }</pre>
 */
public final class Consortium {
    public static final String STEEL = "SteelCoMSP";
    public static final String APPLIANCE = "ApplianceCoMSP";
    public static final String CERT = "CertCoMSP";
    /** An organization with identities but outside the consortium. */
    public static final String ROGUE = "RogueCoMSP";
    /** The members, sorted as the ledger keeps them. */
    public static final List<String> MEMBERS = List.of(APPLIANCE, CERT, STEEL);

    public final GovernanceContract governance = new GovernanceContract();
    public final DeviceContract devices = new DeviceContract();
    public final FactorContract factors = new FactorContract();
    public final ProductContract products = new ProductContract();
    public final BatchContract batches = new BatchContract();
    public final RecordContract records = new RecordContract();
    public final TransferContract transfers = new TransferContract();
    public final AttestationContract attestations = new AttestationContract();

    private final ChaincodeHarness harness;
    private int proposals;

    private Consortium(ChaincodeHarness harness) {
        this.harness = Objects.requireNonNull(harness, "harness");
    }

    /** Bootstraps the consortium of {@link #MEMBERS} on {@code harness} and grants the roles of the local network. */
    public static Consortium withRoles(ChaincodeHarness harness) {
        Consortium consortium = bootstrapped(harness);
        consortium.grant(STEEL, "PRODUCER", APPLIANCE);
        consortium.grant(APPLIANCE, "PRODUCER", STEEL);
        consortium.grant(CERT, "CERTIFIER", STEEL);
        consortium.designate(STEEL, CERT);
        consortium.designate(APPLIANCE, CERT);
        return consortium;
    }

    /** Bootstraps the consortium of {@link #MEMBERS} on {@code harness}; nobody holds a role yet. */
    public static Consortium bootstrapped(ChaincodeHarness harness) {
        Consortium consortium = new Consortium(harness);
        harness.as(STEEL, NodeOu.ADMIN).submit(consortium.governance, "Bootstrap", Fixtures.text("governance/members.json"));
        return consortium;
    }

    public ChaincodeHarness harness() {
        return harness;
    }

    // --- governance -------------------------------------------------------------------------------------------

    /** {@code msp} proposes to grant itself {@code role} and {@code approver} approves: a majority of three. */
    public void grant(String msp, String role, String approver) {
        changeRole("GRANT", msp, role, msp, approver);
    }

    /** The producer lets the certifier see its raw data. */
    public JsonObject designate(String producer, String certifier) {
        return submit(producer, governance, "DesignateCertifier", certifier);
    }

    /** Two other members' admins take {@code role} away from {@code msp}. */
    public void revoke(String msp, String role) {
        List<String> others = MEMBERS.stream().filter(m -> !m.equals(msp)).toList();
        changeRole("REVOKE", msp, role, others.get(0), others.get(1));
    }

    private void changeRole(String action, String msp, String role, String proposer, String approver) {
        String proposalId = String.format("00000000-0000-4000-8000-%012d", ++proposals);
        String proposal = Fixtures.object("governance/proposal-grant-producer.json")
                .set("proposalId", proposalId).set("action", action).set("mspId", msp).set("role", role).text();
        harness.as(proposer, NodeOu.ADMIN).submit(governance, "ProposeRole", proposal);
        harness.as(approver, NodeOu.ADMIN).submit(governance, "ApproveProposal", proposalId);
    }

    // --- one step each, as a member's client ------------------------------------------------------------------

    public JsonObject submit(String msp, ContractInterface contract, String transaction, String... args) {
        return json(harness.as(msp, NodeOu.CLIENT).submit(contract, transaction, args));
    }

    public JsonObject evaluate(String msp, ContractInterface contract, String transaction, String... args) {
        return json(harness.as(msp, NodeOu.CLIENT).evaluate(contract, transaction, args));
    }

    /** CertCo publishes a factor dataset fixture (e.g. {@code factors/dataset-example.json}). */
    public JsonObject publishFactors(String fixture) {
        return submit(CERT, factors, "PublishFactorDataset", Fixtures.text(fixture));
    }

    public JsonObject createProduct(String msp, String fixture) {
        return submit(msp, products, "CreateProduct", Fixtures.text(fixture));
    }

    /** Registers the device of {@code devices/<deviceId>.json} (valid from 2026-01-01) for {@code msp}. */
    public JsonObject registerDevice(String msp, String deviceId) {
        return submit(msp, devices, "RegisterDevice", Fixtures.text("devices/" + deviceId + ".json"));
    }

    public JsonObject createBatch(String msp, String fixture) {
        return submit(msp, batches, "CreateBatch", Fixtures.text(fixture));
    }

    /** Submits one record (an object) or many (an array). */
    public JsonObject submitRecords(String msp, JsonValue records) {
        return json(harness.as(msp, NodeOu.CLIENT).withRecords(Jcs.canonicalString(records)).submit(this.records, "SubmitRecords"));
    }

    /** Seals as the owner's client does: the batch's record sets, read from its own peer, in the transient map. */
    public JsonObject seal(String msp, String gtin, String lot) {
        return json(harness.as(msp, NodeOu.CLIENT).withTransient(sealTransient(msp, gtin, lot)).submit(batches, "SealBatch", gtin, lot));
    }

    /** The transient map of a seal: {@code recordSets}, every record set of the batch as {@code msp}'s peer keeps them. */
    public java.util.Map<String, byte[]> sealTransient(String msp, String gtin, String lot) {
        // A fixed time and id: reading the sets must not move the harness clock or its transaction ids, so a seal
        // stores the same bytes as before the seal read them.
        JsonObject sets = json(harness.as(msp, NodeOu.CLIENT).at(ChaincodeHarness.START).withTxId("read-record-sets")
                .evaluate(records, "ListRecordSets", gtin, lot));
        return java.util.Map.of(org.carbonledger.core.ledger.PrivateData.RECORD_SETS,
                Jcs.canonicalize(sets.get("sets").orElseThrow()));
    }

    public JsonObject ship(String msp, Fixtures.Obj shipment) {
        return submit(msp, transfers, "ShipMaterial", shipment.text());
    }

    public JsonObject receive(String msp, String transferId, String gtin, String lot) {
        return submit(msp, transfers, "ReceiveMaterial", transferId, gtin, lot);
    }

    public JsonObject batch(String gtin, String lot) {
        return evaluate(CERT, batches, "GetBatch", gtin, lot);
    }

    public JsonObject transfer(String transferId) {
        return evaluate(CERT, transfers, "GetTransfer", transferId);
    }

    // --- reading the ledger directly --------------------------------------------------------------------------

    /** The committed value of a composite key, parsed. */
    public JsonObject stored(String type, String... attributes) {
        String key = key(type, attributes);
        return Json.parseObject(harness.ledger().get(key).orElseThrow(() ->
                new AssertionError("no state at " + ChangeEvents.printable(key))), key);
    }

    /** The committed private value of a composite key in an organization's private collection, parsed. */
    public JsonObject storedPrivate(String msp, String type, String... attributes) {
        String key = key(type, attributes);
        return Json.parseObject(harness.ledger().privateValue(InMemoryLedger.collectionOf(msp), key).orElseThrow(() ->
                new AssertionError("no private state at " + ChangeEvents.printable(key) + " in the collection of " + msp)), key);
    }

    /**
     * A record as an organization's private collection holds it: found in the record sets
     * ({@code RECORDS/<gtin>/<lot>/<txId>}) of that collection.
     */
    public JsonObject storedRecord(String msp, String recordId) {
        List<JsonObject> found = new ArrayList<>();
        for (var e : harness.ledger().privateValues(InMemoryLedger.collectionOf(msp), key("RECORDS")).entrySet()) {
            JsonArray records = JsonObjectReader.of(Json.parseObject(e.getValue(), e.getKey()), e.getKey()).requireArray("records");
            for (int i = 0; i < records.size(); i++) {
                JsonObject record = JsonObjectReader.asObject(records.get(i), "records");
                if (JsonObjectReader.of(record, "").requireString("recordId").equals(recordId)) {
                    found.add(record);
                }
            }
        }
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " stored copies of record " + recordId + " in the collection of " + msp);
        }
        return found.get(0);
    }

    /** Whether an organization's private collection holds a composite key. */
    public boolean holdsPrivate(String msp, String type, String... attributes) {
        return harness.ledger().privateValue(InMemoryLedger.collectionOf(msp), key(type, attributes)).isPresent();
    }

    /** The committed key-level endorsement policy of a composite key. */
    public byte[] policy(String type, String... attributes) {
        String key = key(type, attributes);
        return harness.ledger().validationParameter(key).orElseThrow(() ->
                new AssertionError("no key-level policy on " + ChangeEvents.printable(key)));
    }

    public static String key(String type, String... attributes) {
        return new CompositeKey(type, attributes).toString();
    }

    public static JsonObject json(String text) {
        return Json.parseObject(text, "result");
    }
}
