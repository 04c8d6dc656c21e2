package org.carbonledger.core.pact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.verify.BundledBatch;
import org.carbonledger.core.verify.ProofBundle;
import org.junit.jupiter.api.Test;

/**
 * The PACT mapping of the worked example (docs/accounting.md): the four-tier chain ending in 500 washing machines,
 * its state taken from the checked-in proof bundle fixture, which holds the ledger state exactly as stored.
 */
class ProductFootprintsTest {

    static final BatchId WASHERS = BatchId.of("09506000134390", "WM-2611-001");
    static final BatchId COIL_7 = BatchId.of("09506000134352", "COIL-7");
    static final ProofBundle BUNDLE = ProofBundle.fromJson(Fixtures.bytes("verify/worked-example.bundle.json"));

    static JsonObject product(BatchId id, String name, String unit) {
        return JsonObject.builder().put("gtin", id.gtin().value()).put("name", name).put("declaredUnit", unit)
                .put("description", "Front-loading washing machine, 8 kg").put("ownerMspId", "ApplianceCoMSP")
                .put("createdAt", "2026-01-02T00:00:00Z").put("txId", "a".repeat(64)).build();
    }

    static JsonObject org(String msp, String name, boolean isPublic, String website) {
        return JsonObject.builder().put("mspId", msp).put("displayName", name).put("public", isPublic)
                .put("website", website).put("registeredAt", "2026-01-01T00:00:00Z")
                .put("updatedAt", "2026-01-01T00:00:00Z").build();
    }

    static Map<String, JsonObject> organizations() {
        return Map.of("ApplianceCoMSP", org("ApplianceCoMSP", "ApplianceCo", true, "https://applianceco.example/about"),
                "SteelCoMSP", org("SteelCoMSP", "SteelCo", false, ""),
                "CertCoMSP", org("CertCoMSP", "CertCo Assurance", true, ""));
    }

    static Provenance provenance(BatchId root) {
        List<StoredBatch> batches = new ArrayList<>();
        List<StoredRecord> records = new ArrayList<>();
        for (BundledBatch b : BUNDLE.batches().values()) {
            batches.add(b.batch());
            records.addAll(b.records());
        }
        return Provenance.of(root, batches, records, BUNDLE.transfers().values(), BUNDLE.factors());
    }

    static FootprintFacts washers(List<StoredAttestation> attestations, Set<String> certifiers) {
        return new FootprintFacts(provenance(WASHERS), product(WASHERS, "Washing machine", "piece"), organizations(),
                attestations, certifiers);
    }

    static FootprintFacts washers() {
        return washers(BUNDLE.batch(WASHERS).orElseThrow().attestations(), BUNDLE.certifiers().keySet());
    }

    static JsonObject pcf(JsonObject pf) {
        return JsonObjectReader.of(pf, "").requireObject("pcf").object();
    }

    static String string(JsonObject o, String name) {
        return JsonObjectReader.of(o, "").requireString(name);
    }

    @Test
    void maps_the_washers_to_a_schema_valid_product_footprint() {
        JsonObject pf = ProductFootprints.map(washers(), "carbonledger.example");
        assertThat(PactSchema.errors("ProductFootprint", pf.toString())).isEmpty();
    }

    @Test
    void footprint_id_is_the_seal_hash_with_uuid_version_8_and_leads_back_to_the_seal() {
        Hash seal = Hash.ofHex("01b3031d7ddb1a641a09644e7f439e0f00b56258a37de717b5f7ba75b2103c3b");
        UUID id = ProductFootprints.id(seal);
        assertThat(id.toString()).isEqualTo("01b3031d-7ddb-8a64-9a09-644e7f439e0f");
        assertThat(id.version()).isEqualTo(8);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(ProductFootprints.sealHashPrefix(id)).isEqualTo("01b3031d7ddb");
        JsonObject pf = ProductFootprints.map(washers(), "carbonledger.example");
        assertThat(string(pf, "id")).isEqualTo(id.toString());
    }

    @Test
    void declares_the_sealed_values_per_washing_machine_with_fossil_and_biogenic_parts() {
        JsonObject pcf = pcf(ProductFootprints.map(washers(), "carbonledger.example"));
        // docs/accounting.md, tier 4: per washing machine (fossil, biogenicNonCo2, biogenicCo2) =
        // (85.54287255520833333333333333333334, 0.00116235, 0.107625), total 85.54403490520833333333333333333334.
        assertThat(string(pcf, "declaredUnitOfMeasurement")).isEqualTo("piece");
        assertThat(string(pcf, "declaredUnitAmount")).isEqualTo("1");
        assertThat(string(pcf, "productMassPerDeclaredUnit")).isEqualTo("0");
        assertThat(string(pcf, "pcfExcludingBiogenicUptake")).isEqualTo("85.54403490520833333333333333333334");
        assertThat(string(pcf, "pcfIncludingBiogenicUptake")).isEqualTo("85.54403490520833333333333333333334");
        assertThat(string(pcf, "fossilGhgEmissions")).isEqualTo("85.54287255520833333333333333333334");
        assertThat(string(pcf, "biogenicNonCO2Emissions")).isEqualTo("0.00116235");
        // Packaging record 402: 1777.5 kg CO2e for 500 machines.
        assertThat(pcf.get("packagingEmissionsIncluded")).contains(org.carbonledger.core.json.JsonBoolean.of(true));
        assertThat(string(pcf, "packagingGhgEmissions")).isEqualTo("3.555");
        assertThat(pcf.get("ipccCharacterizationFactors")).contains(JsonArray.of(JsonString.of("AR6")));
        assertThat(string(pcf, "exemptedEmissionsPercent")).isEqualTo("0");
    }

    @Test
    void reference_period_spans_every_record_of_the_four_tiers() {
        JsonObject pf = ProductFootprints.map(washers(), "carbonledger.example");
        String start = BUNDLE.batches().values().stream().flatMap(b -> b.records().stream())
                .map(r -> string(r.record(), "periodStart")).min(String::compareTo).orElseThrow();
        String end = BUNDLE.batches().values().stream().flatMap(b -> b.records().stream())
                .map(r -> string(r.record(), "periodEnd")).max(String::compareTo).orElseThrow();
        assertThat(string(pcf(pf), "referencePeriodStart")).isEqualTo(start);
        assertThat(string(pcf(pf), "referencePeriodEnd")).isEqualTo(end);
        assertThat(string(pf, "validityPeriodStart")).isEqualTo(end);
        assertThat(string(pf, "validityPeriodEnd")).isEqualTo(end.replace("2026-", "2029-"));
        assertThat(provenance(WASHERS).tiers()).isEqualTo(4);
        assertThat(provenance(WASHERS).upstreamOwners()).containsExactly("ApplianceCoMSP", "SteelCoMSP");
    }

    @Test
    void primary_data_share_counts_measured_gases_and_the_suppliers_own_share_of_received_material() {
        Provenance p = provenance(WASHERS);
        // Recomputed independently with exact fractions (Python's fractions.Fraction over the bundle's stored CO2e):
        // pellets 3.2286 % (furnace gases measured), coil 39.8430 % (steelmaking gases + 320/500 of the pellets'
        // share), panels 28.5485 %, washers 22.569666659275732… % → 22.5697 (4 digits, half-even).
        assertThat(p.primaryDataSharePercent()).isEqualByComparingTo("22.5697");
        assertThat(string(pcf(ProductFootprints.map(washers(), "x.example")), "primaryDataShare")).isEqualTo("22.5697");
        assertThat(provenance(COIL_7).primaryDataSharePercent()).isEqualByComparingTo("39.843");
    }

    @Test
    void names_the_factor_datasets_the_activity_records_used() {
        JsonObject pcf = pcf(ProductFootprints.map(washers(), "carbonledger.example"));
        JsonArray sources = JsonObjectReader.of(pcf, "").requireArray("secondaryEmissionFactorSources");
        assertThat(sources.size()).isGreaterThan(0);
        for (int i = 0; i < sources.size(); i++) {
            JsonObject s = (JsonObject) sources.get(i);
            assertThat(BUNDLE.factors().values()).anySatisfy(f -> {
                assertThat(f.factor().dataset()).isEqualTo(string(s, "name"));
                assertThat(f.factor().version()).isEqualTo(string(s, "version"));
            });
        }
    }

    @Test
    void verification_comes_from_the_counting_attestation_and_adds_its_standard() {
        JsonObject pcf = pcf(ProductFootprints.map(washers(), "carbonledger.example"));
        JsonObject v = JsonObjectReader.of(pcf, "").requireObject("verification").object();
        assertThat(string(v, "coverage")).isEqualTo("product level");
        assertThat(string(v, "providerName")).isEqualTo("CertCo Assurance");
        assertThat(string(v, "completedAt")).isEqualTo("2026-12-10T10:00:00Z");
        assertThat(string(v, "standardName")).isEqualTo("ISO 14067");
        assertThat(pcf.get("crossSectoralStandards"))
                .contains(JsonArray.of(JsonString.of("GHGP-Product"), JsonString.of("ISO14067")));
    }

    @Test
    void no_verification_when_the_certifier_lost_its_role_or_the_verdict_is_not_verified() {
        List<StoredAttestation> attestations = BUNDLE.batch(WASHERS).orElseThrow().attestations();
        JsonObject withoutRole = pcf(ProductFootprints.map(washers(attestations, Set.of()), "x.example"));
        assertThat(withoutRole.has("verification")).isFalse();
        assertThat(withoutRole.get("crossSectoralStandards")).contains(JsonArray.of(JsonString.of("GHGP-Product")));

        StoredAttestation a = attestations.get(0);
        StoredAttestation rejected = StoredAttestation.fromJson(
                a.json().without("verdict").with("verdict", JsonString.of("REJECTED")), "a");
        JsonObject notVerified = pcf(ProductFootprints.map(washers(List.of(rejected), BUNDLE.certifiers().keySet()),
                "x.example"));
        assertThat(notVerified.has("verification")).isFalse();

        StoredAttestation otherSeal = StoredAttestation.fromJson(
                a.json().without("sealHash").with("sealHash", JsonString.of("0".repeat(64))), "a");
        assertThat(pcf(ProductFootprints.map(washers(List.of(otherSeal), BUNDLE.certifiers().keySet()), "x.example"))
                .has("verification")).isFalse();
    }

    @Test
    void ids_use_the_owner_website_domain_or_the_fallback() {
        JsonObject pf = ProductFootprints.map(washers(), "carbonledger.example");
        assertThat(pf.get("companyIds")).contains(JsonArray.of(
                JsonString.of("urn:pact:applianceco.example:msp-id:ApplianceCoMSP")));
        assertThat(pf.get("productIds")).contains(JsonArray.of(JsonString.of("urn:gtin:09506000134390"),
                JsonString.of("urn:pact:applianceco.example:batch-id:09506000134390.WM-2611-001")));
        assertThat(string(pf, "companyName")).isEqualTo("ApplianceCo");

        java.util.HashMap<String, JsonObject> orgs = new java.util.HashMap<>(organizations());
        orgs.put("ApplianceCoMSP", org("ApplianceCoMSP", "ApplianceCo", true, ""));
        FootprintFacts facts = new FootprintFacts(provenance(WASHERS), product(WASHERS, "Washing machine", "piece"),
                orgs, List.of(), Set.of());
        assertThat(ProductFootprints.map(facts, "carbonledger.example").get("companyIds")).contains(JsonArray.of(
                JsonString.of("urn:pact:carbonledger.example:msp-id:ApplianceCoMSP")));
    }

    @Test
    void the_same_ledger_state_maps_to_the_same_bytes_whatever_the_input_order() {
        byte[] first = Jcs.canonicalize(ProductFootprints.map(washers(), "carbonledger.example"));
        List<StoredBatch> batches = new ArrayList<>();
        List<StoredRecord> records = new ArrayList<>();
        for (BundledBatch b : BUNDLE.batches().values()) {
            batches.add(b.batch());
            records.addAll(b.records());
        }
        Collections.reverse(batches);
        Collections.reverse(records);
        List<org.carbonledger.core.ledger.StoredTransfer> transfers = new ArrayList<>(BUNDLE.transfers().values());
        Collections.reverse(transfers);
        Provenance reversed = Provenance.of(WASHERS, batches, records, transfers, BUNDLE.factors());
        FootprintFacts facts = new FootprintFacts(reversed, product(WASHERS, "Washing machine", "piece"),
                organizations(), BUNDLE.batch(WASHERS).orElseThrow().attestations(), BUNDLE.certifiers().keySet());
        assertThat(Jcs.canonicalize(ProductFootprints.map(facts, "carbonledger.example"))).isEqualTo(first);
        // And Json.write keeps member order, so the compact text is identical as well.
        assertThat(ProductFootprints.map(facts, "carbonledger.example").toString())
                .isEqualTo(ProductFootprints.map(washers(), "carbonledger.example").toString());
    }

    @Test
    void a_coil_declared_per_tonne_is_declared_per_1000_kilogram() {
        FootprintFacts coil = new FootprintFacts(provenance(COIL_7), product(COIL_7, "Hot-rolled steel coil", "t")
                .without("ownerMspId").with("ownerMspId", JsonString.of("SteelCoMSP")), organizations(),
                BUNDLE.batch(COIL_7).map(BundledBatch::attestations).orElse(List.of()), BUNDLE.certifiers().keySet());
        JsonObject pf = ProductFootprints.map(coil, "carbonledger.example");
        assertThat(PactSchema.errors("ProductFootprint", pf.toString())).isEmpty();
        JsonObject pcf = pcf(pf);
        assertThat(string(pcf, "declaredUnitOfMeasurement")).isEqualTo("kilogram");
        assertThat(string(pcf, "declaredUnitAmount")).isEqualTo("1000");
        assertThat(string(pcf, "productMassPerDeclaredUnit")).isEqualTo("1000");
        // docs/accounting.md, tier 2: 3151.720969444444444444444444444444 kg CO2e per t.
        assertThat(string(pcf, "pcfExcludingBiogenicUptake")).isEqualTo("3151.720969444444444444444444444444");
        assertThat(pcf.get("packagingEmissionsIncluded")).contains(org.carbonledger.core.json.JsonBoolean.of(false));
        assertThat(pcf.has("packagingGhgEmissions")).isFalse();
    }

    @Test
    void schema_refuses_a_footprint_missing_a_mandatory_member() {
        JsonObject pf = ProductFootprints.map(washers(), "carbonledger.example");
        JsonObject broken = pf.without("pcf").with("pcf", pcf(pf).without("fossilGhgEmissions"));
        assertThat(PactSchema.errors("ProductFootprint", broken.toString()))
                .anySatisfy(e -> assertThat(e).contains("fossilGhgEmissions"));
        JsonObject badId = pf.without("id").with("id", JsonString.of("not-a-uuid"));
        assertThat(PactSchema.errors("ProductFootprint", badId.toString())).isNotEmpty();
    }

    @Test
    void refuses_an_unsealed_batch_and_an_incomplete_provenance() {
        StoredBatch washers = BUNDLE.batch(WASHERS).orElseThrow().batch();
        assertThatThrownBy(() -> Provenance.of(WASHERS, List.of(washers), List.of(), BUNDLE.transfers().values(),
                BUNDLE.factors()))
                .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                    assertThat(e.getMessage()).contains("is upstream of 09506000134390/WM-2611-001 but its state was not given");
                });
    }
}
