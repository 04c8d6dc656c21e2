package org.carbonledger.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.carbonledger.client.connection.ConnectionProfile;
import org.carbonledger.client.connection.Endpoint;
import org.carbonledger.client.gateway.Deadlines;
import org.carbonledger.client.gateway.LedgerConnection;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.PrivateData;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.BlockAndPrivateData;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A producer's raw records on the real network: readable by the producer and the certifier it designated, refused to
 * every other member whichever peer it asks, absent from every byte another member's peer stores or delivers, and
 * accepted only when the certifier's peer endorsed them too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfidentialRecordsIT {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalNetwork network = LocalNetwork.fromSystemProperty();
    private final Path fixtures = Path.of(System.getProperty("carbonledger.fixtures.dir"));
    private final String run = Ledger.suffix();
    private final String gtin = Ledger.newGtin();
    private final String lot = "CONF-" + run;
    private final String deviceId = "steelco-meter-12-" + run;
    private final String decoyDeviceId = "steelco-decoy-" + run;
    /** A CO2 amount no other record of any run carries, to look for in bytes. */
    private final String amount = (100000 + RANDOM.nextInt(800000)) + "." + (100000 + RANDOM.nextInt(800000));
    private Ledger ledger;
    private String recordId;
    private long recordBlock;

    @BeforeAll
    void submitOneSteelCoRecord() throws IOException {
        ledger = new Ledger(network);
        ledger.ensureRoles();
        ledger.submit(Ledger.STEELCO, "Products", "CreateProduct",
                "{\"gtin\":\"" + gtin + "\",\"name\":\"Confidential coil\",\"declaredUnit\":\"t\"}");
        String pem = Files.readString(fixtures.resolve("keys/steelco-meter-12.pub.pem"));
        ledger.submit(Ledger.STEELCO, "Devices", "RegisterDevice", Jcs.canonicalString(JsonObject.builder()
                .put("deviceId", deviceId).put("publicKeyPem", pem).put("validFrom", "2026-01-01T00:00:00Z").build()));
        // A device that signs nothing: the block must not tell the two apart.
        ledger.submit(Ledger.STEELCO, "Devices", "RegisterDevice", Jcs.canonicalString(JsonObject.builder()
                .put("deviceId", decoyDeviceId).put("publicKeyPem", pem).put("validFrom", "2026-01-01T00:00:00Z").build()));
        ledger.submit(Ledger.STEELCO, "Batches", "CreateBatch", "{\"gtin\":\"" + gtin + "\",\"lot\":\"" + lot
                + "\",\"quantity\":{\"amount\":\"10\",\"unit\":\"t\"}}");
        recordId = Ledger.uuid();
        String records = "[" + Jcs.canonicalString(signed(recordId).json()) + "]";
        JsonObject accepted = ledger.submit(Ledger.STEELCO, "Records", "SubmitRecords", records);
        assertThat(JsonObjectReader.of(accepted, "").requireInteger("accepted", 0, 10)).isEqualTo(1);
        recordBlock = ledger.lastRecordBlock();
    }

    @AfterAll
    void close() {
        ledger.close();
    }

    @Test
    void the_owner_and_its_certifier_read_the_record() {
        for (String reader : new String[] {Ledger.STEELCO, Ledger.CERTCO}) {
            JsonObject record = ledger.evaluate(reader, "Records", "GetRecord", gtin, lot, recordId);
            assertThat(record.toString()).as(reader).contains(amount);
        }
    }

    @Test
    void another_member_is_refused_on_its_own_peer_and_on_the_owner_s_and_the_certifier_s() throws Exception {
        try (LedgerConnection appliance = connect("applianceco")) {
            for (String peerOrg : new String[] {"ApplianceCoMSP", Ledger.STEELCO, Ledger.CERTCO}) {
                for (String[] query : new String[][] {{"ListRecords", gtin, lot, "10", ""}, {"GetRecord", gtin, lot, recordId}}) {
                    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> appliance.contract("Records")
                            .newProposal(query[0]).addArguments(java.util.Arrays.copyOfRange(query, 1, query.length))
                            .setEndorsingOrganizations(peerOrg).build().evaluate());
                    assertThat(thrown).as("%s on the peer of %s", query[0], peerOrg).isInstanceOf(GatewayException.class);
                    assertThat(LedgerRefusal.of((GatewayException) thrown)).as("%s on the peer of %s", query[0], peerOrg)
                            .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(ErrorCode.NOT_DESIGNATED));
                    assertThat(thrown.toString()).doesNotContain(amount);
                }
            }
        }
    }

    @Test
    void no_byte_another_member_s_peer_delivers_holds_the_record() throws Exception {
        assertThat(recordBlock).isPositive();
        try (LedgerConnection appliance = connect("applianceco")) {
            Block block;
            try (CloseableIterator<Block> blocks = appliance.network().newBlockEventsRequest().startBlock(recordBlock).build().getEvents()) {
                block = blocks.next();
            }
            String bytes = new String(block.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(bytes).as("the block ApplianceCo's peer stores").contains(gtin)
                    .doesNotContain(amount).doesNotContain(recordId);
            // The checks read the owner's whole device range: the block names every device of SteelCo or none, never
            // the one that signed.
            assertThat(bytes.contains(deviceId)).as("the signing device named").isEqualTo(bytes.contains(decoyDeviceId));
            BlockAndPrivateData withPrivate;
            try (CloseableIterator<BlockAndPrivateData> events = appliance.network().newBlockAndPrivateDataEventsRequest()
                    .startBlock(recordBlock).build().getEvents()) {
                withPrivate = events.next();
            }
            String all = new String(withPrivate.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(all).as("block and private data from ApplianceCo's peer").doesNotContain(amount).doesNotContain(recordId);
        }
        try (LedgerConnection cert = connect("certco");
             CloseableIterator<BlockAndPrivateData> events = cert.network().newBlockAndPrivateDataEventsRequest()
                     .startBlock(recordBlock).build().getEvents()) {
            String all = new String(events.next().toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(all).as("the designated certifier's peer delivers it to CertCo").contains(amount);
        }
    }

    @Test
    void a_holder_s_peer_delivers_its_private_data_to_its_own_organization_s_clients_only() throws Exception {
        assertThat(recordBlock).isPositive();
        for (String holder : new String[] {Ledger.STEELCO, Ledger.CERTCO}) {
            // An ApplianceCo client that can reach the holder's peer asks it for blocks with their private data.
            try (LedgerConnection appliance = connectVia("applianceco", holder);
                 CloseableIterator<BlockAndPrivateData> events = appliance.network().newBlockAndPrivateDataEventsRequest()
                         .startBlock(recordBlock).build().getEvents()) {
                BlockAndPrivateData delivered = events.next();
                assertThat(delivered.getBlock().getHeader().getNumber()).isEqualTo(recordBlock);
                assertThat(delivered.getPrivateDataMapMap()).as("private data %s's peer delivers to ApplianceCo", holder).isEmpty();
                String all = new String(delivered.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(all).doesNotContain(amount).doesNotContain(recordId);
            }
        }
        try (LedgerConnection steel = connect("steelco");
             CloseableIterator<BlockAndPrivateData> events = steel.network().newBlockAndPrivateDataEventsRequest()
                     .startBlock(recordBlock).build().getEvents()) {
            String all = new String(events.next().toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(all).as("the owner's peer delivers it to SteelCo").contains(amount);
        }
    }

    @Test
    void records_endorsed_by_their_owner_alone_are_invalidated() throws Exception {
        String id = Ledger.uuid();
        try (LedgerConnection steel = connect("steelco")) {
            Status status = steel.contract("Records").newProposal("SubmitRecords")
                    .putAllTransient(transientOf(id))
                    .setEndorsingOrganizations(Ledger.STEELCO)
                    .build().endorse().submitAsync().getStatus();
            assertThat(status.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        }
        assertThatThrownBy(() -> ledger.evaluate(Ledger.STEELCO, "Records", "GetRecord", gtin, lot, id))
                .isInstanceOfSatisfying(Ledger.LedgerCallFailed.class,
                        e -> assertThat(e.refusal().code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void a_peer_of_an_organization_that_may_not_see_records_refuses_to_endorse_them() throws Exception {
        try (LedgerConnection steel = connect("steelco")) {
            assertThatThrownBy(() -> steel.contract("Records").newProposal("SubmitRecords")
                    .putAllTransient(transientOf(Ledger.uuid()))
                    .setEndorsingOrganizations(Ledger.STEELCO, Ledger.CERTCO, "ApplianceCoMSP")
                    .build().endorse())
                    .isInstanceOfSatisfying(EndorseException.class, e -> assertThat(e.getDetails().toString()
                            + e.getMessage()).contains("NOT_DESIGNATED"));
        }
    }

    @Test
    void no_chaincode_log_holds_a_request_s_arguments() throws IOException {
        for (String org : new String[] {"steelco", "applianceco", "certco"}) {
            Path log = network.logs().resolve("chaincode-" + org + ".log");
            try (Stream<String> lines = Files.lines(log)) {
                assertThat(lines.filter(l -> l.contains("Got the invoke request") || l.contains(amount)
                        || l.contains("BEGIN PUBLIC KEY")).toList()).as(log.toString()).isEmpty();
            }
        }
    }

    private Map<String, byte[]> transientOf(String id) throws IOException {
        byte[] records = ("[" + Jcs.canonicalString(signed(id).json()) + "]").getBytes(UTF_8);
        return Map.of(PrivateData.RECORDS, records, PrivateData.SALT, PrivateData.newSalt());
    }

    private EmissionRecord signed(String id) throws IOException {
        JsonObject record = JsonObject.builder()
                .put("recordId", id).put("gtin", gtin).put("lot", lot).put("deviceId", deviceId)
                .put("periodStart", "2026-10-01T00:00:00Z").put("periodEnd", "2026-10-31T23:59:59Z")
                .put("scope", 1L).put("stage", "PRODUCTION")
                .put("gases", JsonObject.builder().put("CO2", amount).build())
                .build();
        return EmissionRecord.sign(record, DevicePrivateKey.parse(Files.readString(fixtures.resolve("keys/steelco-meter-12.key.pem"))));
    }

    private LedgerConnection connect(String org) {
        return LedgerConnection.open(network.profile(org), "client", Deadlines.defaults());
    }

    /** A client of {@code org} whose Gateway is the peer of {@code peerMsp}: what network access to that peer allows. */
    private LedgerConnection connectVia(String org, String peerMsp) {
        ConnectionProfile own = network.profile(org);
        Endpoint target = own.peers().stream().filter(p -> p.mspId().equals(peerMsp)).findFirst().orElseThrow();
        List<Endpoint> peers = new java.util.ArrayList<>();
        peers.add(new Endpoint(target.name(), own.mspId(), target.address(), target.tlsCaCertificate()));
        peers.addAll(own.peers());
        ConnectionProfile via = new ConnectionProfile(own.network(), own.channel(), own.chaincode(), own.organizationName(),
                own.mspId(), peers, own.orderers(), own.identities());
        return LedgerConnection.open(via, "client", Deadlines.defaults());
    }
}
