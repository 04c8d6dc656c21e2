package org.carbonledger.client.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.carbonledger.client.gateway.Deadlines;
import org.carbonledger.client.gateway.LedgerConnection;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.client.verify.LedgerReadException;
import org.carbonledger.client.verify.OnlineVerifier;
import org.carbonledger.client.verify.ProofBundleCollector;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.verify.Check;
import org.carbonledger.core.verify.CheckIds;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.core.verify.VerificationReport;
import org.carbonledger.core.verify.Verifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Collects the worked example's proof bundle from the real network and checks it online; then alters copies of it
 * the way a forger would and requires the online checks to notice what the offline ones cannot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProofBundleCollectorIT {
    private final WorkedExampleIT example = new WorkedExampleIT();
    private final BatchId washers = BatchId.of(example.washers, example.washersLot);

    private LedgerConnection steelco;
    private LedgerClient ledger;
    private ProofBundle bundle;

    @BeforeAll
    void collect() throws IOException {
        // A chain of this run's own: the worked example played under fresh ids.
        example.connect();
        try {
            example.certco_publishes_the_example_factor_dataset();
            example.producers_register_products_devices_and_batches();
            example.tier_1_pellets_are_recorded_sealed_and_shipped_in_four_parts();
            example.tier_2_coil_carries_its_pellets_and_ships_to_applianceco();
            example.tier_3_panels_and_tier_4_washing_machines_match_the_document();
            example.certco_attests_the_current_seal_and_a_stale_seal_is_refused();
        } finally {
            example.disconnect();
        }
        // CertCo, the certifier both producers designated, is the member that may read every tier's records.
        steelco = LedgerConnection.open(LocalNetwork.fromSystemProperty().profile("certco"), "client",
                Deadlines.defaults());
        ledger = LedgerClient.newInstance(steelco, 4);
        bundle = ProofBundleCollector.newInstance(ledger).collect(washers);
    }

    @AfterAll
    void close() {
        steelco.close();
    }

    @Test
    void the_collected_bundle_holds_the_four_tier_chain_and_passes_offline_and_online() {
        // Washers, panels, COIL-7 and pellets; COIL-8 received pellets too but is not upstream: only its shipment is in.
        assertThat(bundle.batches().keySet()).containsExactlyInAnyOrder(
                BatchId.of(example.coil, example.coil7Lot), BatchId.of(example.pellets, example.pelletsLot),
                BatchId.of(example.panels, example.panelsLot), washers);
        assertThat(bundle.transfers().keySet()).extracting(t -> t.value()).contains(
                example.transferIds.get(2), example.transferIds.get(4));
        assertThat(bundle.batches().values().stream().mapToInt(b -> b.records().size()).sum()).isEqualTo(11);
        assertThat(bundle.collection().mspId()).isEqualTo("CertCoMSP");
        assertThat(bundle.transactions().values()).allMatch(t -> t.claimsValid());
        assertThat(bundle.transactionIdsToCheck()).isEqualTo(bundle.transactions().keySet());

        VerificationReport offline = Verifier.newInstance().verify(ProofBundle.fromJson(bundle.toCanonicalBytes()),
                Instant.now());
        assertThat(offline.verdictFailures()).isEmpty();

        List<Check> online = OnlineVerifier.builder(ledger).peerOrganization("CertCoMSP").build().check(bundle);
        assertThat(online).filteredOn(c -> !c.passed()).isEmpty();
        assertThat(online).filteredOn(c -> c.id().equals(CheckIds.TRANSACTION_COMMITTED))
                .hasSize(bundle.transactions().size());
        assertThat(online).filteredOn(c -> c.id().equals(OnlineVerifier.STATE_ON_LEDGER)).hasSizeGreaterThan(20);
    }

    @Test
    void a_bundle_read_through_another_organizations_peer_is_the_same_bundle_apart_from_its_collection() {
        ProofBundle viaCertCo = ProofBundleCollector.builder(ledger).peerOrganization("CertCoMSP").build()
                .collect(washers);
        assertThat(viaCertCo.collection().peer()).startsWith("peer0.certco.carbonledger.test");
        assertThat(viaCertCo.toJson().without("collection")).isEqualTo(bundle.toJson().without("collection"));
    }

    @Test
    void an_unknown_batch_is_refused_as_not_found() {
        assertThatThrownBy(() -> ProofBundleCollector.newInstance(ledger).collect(BatchId.of(Ledger.newGtin(), "NONE")))
                .isInstanceOf(LedgerReadException.class)
                .satisfies(e -> assertThat(((LedgerReadException) e).refusal().map(LedgerRefusal::code))
                        .contains(ErrorCode.NOT_FOUND));
    }

    @Test
    void a_fabricated_device_state_passes_offline_but_not_online() {
        ProofBundle forged = edit(bundle, "devices", 0, d -> d.without("description")
                .with("description", JsonString.of("forged")));
        assertThat(Verifier.newInstance().verify(forged, Instant.now()).passed()).isTrue();
        VerificationReport report = OnlineVerifier.newInstance(ledger).verify(forged, Instant.now());
        assertThat(report.passed()).isFalse();
        assertThat(report.verdictFailures()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(OnlineVerifier.STATE_ON_LEDGER);
            assertThat(c.evidence()).isEqualTo("description: bundle \"forged\" vs ledger "
                    + ((JsonObject) bundle.toJson().get("devices").map(v -> ((JsonArray) v).get(0)).orElseThrow())
                    .get("description").orElseThrow());
        });
    }

    @Test
    void a_wrong_block_number_or_an_invented_transaction_is_caught_online() {
        ProofBundle wrongBlock = edit(bundle, "transactions", 0, t -> t.without("blockNumber")
                .with("blockNumber", JsonNumber.of(((JsonNumber) t.get("blockNumber").orElseThrow())
                        .safeIntegerValue("blockNumber") + 1)));
        List<Check> failed = OnlineVerifier.newInstance(ledger).check(wrongBlock).stream().filter(c -> !c.passed())
                .toList();
        assertThat(failed).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(CheckIds.TRANSACTION_COMMITTED);
            assertThat(c.message()).isEqualTo("the transaction is in another block than the bundle claims");
        });

        String invented = "ab".repeat(32);
        JsonObject json = bundle.toJson();
        String original = ((JsonString) ((JsonObject) ((JsonArray) json.get("factors").orElseThrow()).get(0))
                .get("txId").orElseThrow()).value();
        ProofBundle fabricated = ProofBundle.fromJson(edit(edit(json, "factors", 0,
                f -> f.without("txId").with("txId", JsonString.of(invented))), "transactions", -1,
                t -> t).toBuilder().build().without("transactions").with("transactions",
                withInventedClaim(json, original, invented)));
        assertThat(Verifier.newInstance().verify(fabricated, Instant.now()).passed()).isTrue();
        List<Check> caught = OnlineVerifier.newInstance(ledger).check(fabricated).stream().filter(Check::failsVerdict)
                .toList();
        assertThat(caught).extracting(Check::id)
                .containsExactlyInAnyOrder(CheckIds.TRANSACTION_COMMITTED, OnlineVerifier.STATE_ON_LEDGER);
        assertThat(caught.get(0).evidence()).startsWith("peer has no transaction " + invented);
    }

    @Test
    void a_bundle_missing_a_record_is_told_which_record_the_ledger_has() {
        JsonObject json = bundle.toJson();
        JsonArray batches = (JsonArray) json.get("batches").orElseThrow();
        List<JsonValue> edited = new ArrayList<>();
        String dropped = null;
        for (JsonValue v : batches.elements()) {
            JsonObject b = (JsonObject) v;
            JsonArray records = (JsonArray) b.get("records").orElseThrow();
            if (dropped == null && records.size() > 1) {
                dropped = ((JsonString) ((JsonObject) records.get(0)).get("recordId").orElseThrow()).value();
                b = b.without("records").with("records", JsonArray.of(records.elements().subList(1, records.size())));
            }
            edited.add(b);
        }
        ProofBundle incomplete = ProofBundle.fromJson(json.without("batches").with("batches", JsonArray.of(edited)));
        VerificationReport report = OnlineVerifier.newInstance(ledger).verify(incomplete, Instant.now());
        assertThat(report.checks(CheckIds.SEAL_COUNTS)).anyMatch(c -> !c.passed());
        String id = dropped;
        assertThat(report.checks(OnlineVerifier.STATE_ON_LEDGER)).filteredOn(c -> !c.passed()).singleElement()
                .satisfies(c -> assertThat(c.evidence()).endsWith("record(s) of the batch the bundle lacks: " + id));
    }

    private static JsonArray withInventedClaim(JsonObject json, String original, String invented) {
        List<JsonValue> claims = new ArrayList<>(((JsonArray) json.get("transactions").orElseThrow()).elements());
        claims.add(JsonObject.builder().put("txId", invented).put("blockNumber", 1L).put("validationCode", "VALID")
                .build());
        // The original stays listed: another state may name it too, and an unreferenced listed claim is harmless.
        assertThat(original).isNotEqualTo(invented);
        return JsonArray.of(claims);
    }

    /** A copy of the bundle with one element of a top-level array replaced. */
    private static ProofBundle edit(ProofBundle bundle, String array, int index, UnaryOperator<JsonObject> change) {
        return ProofBundle.fromJson(edit(bundle.toJson(), array, index, change));
    }

    private static JsonObject edit(JsonObject json, String array, int index, UnaryOperator<JsonObject> change) {
        if (index < 0) {
            return json;
        }
        List<JsonValue> items = new ArrayList<>(((JsonArray) json.get(array).orElseThrow()).elements());
        items.set(index, change.apply((JsonObject) items.get(index)));
        return json.without(array).with(array, JsonArray.of(items));
    }
}
