package org.carbonledger.core.untp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonBoolean;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredTransfer;
import org.carbonledger.core.pact.FootprintFacts;
import org.carbonledger.core.pact.Provenance;
import org.carbonledger.core.verify.BundledBatch;
import org.carbonledger.core.verify.ProofBundle;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The UNTP credentials of the worked example (docs/accounting.md): ApplianceCo's 500 washing machines, four tiers,
 * SteelCo upstream (identity not public), attested by CertCo; the ledger state from the checked-in proof bundle.
 */
class UntpCredentialsTest {

    static final BatchId WASHERS = BatchId.of("09506000134390", "WM-2611-001");
    static final LedgerId WASHERS_ATTESTATION = new LedgerId("40000000-0000-4000-8000-000000000002");
    static final ProofBundle BUNDLE = ProofBundle.fromJson(Fixtures.bytes("verify/worked-example.bundle.json"));
    static final Issuance APPLIANCECO = new Issuance(DidWeb.of("applianceco.example"), Optional.of("DE"));
    static final Issuance CERTCO = new Issuance(DidWeb.of("certco.example"), Optional.empty());

    static JsonObject org(String msp, String name, boolean isPublic, String website) {
        return JsonObject.builder().put("mspId", msp).put("displayName", name).put("public", isPublic)
                .put("website", website).put("registeredAt", "2026-01-01T00:00:00Z")
                .put("updatedAt", "2026-01-01T00:00:00Z").build();
    }

    static Map<String, JsonObject> organizations(boolean steelCoPublic, boolean applianceCoPublic) {
        return Map.of("ApplianceCoMSP", org("ApplianceCoMSP", "ApplianceCo", applianceCoPublic,
                        "https://applianceco.example/about"),
                "SteelCoMSP", org("SteelCoMSP", "SteelCo", steelCoPublic, ""),
                "CertCoMSP", org("CertCoMSP", "CertCo Assurance", true, ""));
    }

    static FootprintFacts washers(Map<String, JsonObject> organizations, List<StoredAttestation> attestations,
                                  boolean reversed) {
        List<StoredBatch> batches = new ArrayList<>();
        List<StoredRecord> records = new ArrayList<>();
        for (BundledBatch b : BUNDLE.batches().values()) {
            batches.add(b.batch());
            records.addAll(b.records());
        }
        List<StoredTransfer> transfers = new ArrayList<>(BUNDLE.transfers().values());
        if (reversed) {
            Collections.reverse(batches);
            Collections.reverse(records);
            Collections.reverse(transfers);
        }
        JsonObject product = JsonObject.builder().put("gtin", WASHERS.gtin().value()).put("name", "Washing machine")
                .put("declaredUnit", "piece").put("description", "Front-loading washing machine, 8 kg")
                .put("ownerMspId", "ApplianceCoMSP").put("createdAt", "2026-01-02T00:00:00Z")
                .put("txId", "a".repeat(64)).build();
        return new FootprintFacts(Provenance.of(WASHERS, batches, records, transfers, BUNDLE.factors()), product,
                organizations, attestations, BUNDLE.certifiers().keySet());
    }

    static FootprintFacts washers() {
        return washers(organizations(false, true), BUNDLE.batch(WASHERS).orElseThrow().attestations(), false);
    }

    static JsonObject set(JsonObject o, String name, JsonValue value) {
        return o.without(name).with(name, value);
    }

    static JsonObjectReader read(JsonObject o) {
        return JsonObjectReader.of(o, "");
    }

    static JsonObject subject(JsonObject credential) {
        return read(credential).requireObject("credentialSubject").object();
    }

    static JsonObject claim(JsonObject dpp, int index) {
        return JsonObjectReader.asObject(read(subject(dpp)).requireArray("performanceClaim").get(index), "claim");
    }

    /** metric id suffix → measure value literal, of one claim. */
    static Map<String, String> performances(JsonObject claim) {
        Map<String, String> values = new HashMap<>();
        for (JsonValue v : read(claim).requireArray("claimedPerformance").elements()) {
            JsonObjectReader p = JsonObjectReader.of(JsonObjectReader.asObject(v, "p"), "p");
            String id = p.requireObject("metric").requireString("id");
            JsonValue value = p.requireObject("measure").object().get("value").orElseThrow();
            values.put(id.substring(id.lastIndexOf(':') + 1), ((JsonNumber) value).text());
        }
        return values;
    }

    @Test
    void the_washers_passport_is_valid_against_untp_published_dpp_schema() {
        Optional<Path> wheel = UntpSchema.wheel();
        Assumptions.assumeTrue(wheel.isPresent(), "UNTP's schema comes from the dppvalidator wheel: run "
                + "network/scripts/test-tools.sh (or -Dcarbonledger.untp.wheel=FILE)");
        String schema = UntpSchema.dppSchema(wheel.get());
        JsonObject dpp = UntpCredentials.productPassport(washers(), APPLIANCECO);
        assertThat(UntpSchema.errors(schema, Json.write(dpp))).isEmpty();
        // The schema is strict where it matters: a passport without its product's identifier scheme is refused.
        JsonObject broken = set(dpp, "credentialSubject", subject(dpp).without("idScheme"));
        assertThat(UntpSchema.errors(schema, Json.write(broken))).isNotEmpty();
        JsonObject badGranularity = set(dpp, "credentialSubject",
                set(subject(dpp), "idGranularity", JsonString.of("lot")));
        assertThat(UntpSchema.errors(schema, Json.write(badGranularity))).isNotEmpty();
    }

    @Test
    void passport_names_the_batch_by_its_gs1_digital_link_and_is_issued_by_the_owner_did() {
        JsonObject dpp = UntpCredentials.productPassport(washers(), APPLIANCECO);
        assertThat(read(dpp).requireArray("@context")).isEqualTo(JsonArray.of(
                JsonString.of("https://www.w3.org/ns/credentials/v2"),
                JsonString.of("https://vocabulary.uncefact.org/untp/0.7.0/context/")));
        assertThat(read(dpp).requireString("id")).isEqualTo(
                "https://applianceco.example/api/v1/batches/09506000134390/WM-2611-001/credentials/untp-dpp");
        assertThat(read(dpp).requireObject("issuer").requireString("id")).isEqualTo("did:web:applianceco.example");
        assertThat(read(dpp).requireObject("issuer").requireString("name")).isEqualTo("ApplianceCo");
        JsonObjectReader s = read(subject(dpp));
        assertThat(s.requireString("id")).isEqualTo("https://id.gs1.org/01/09506000134390/10/WM-2611-001");
        assertThat(s.requireString("batchNumber")).isEqualTo("WM-2611-001");
        assertThat(s.requireString("idGranularity")).isEqualTo("batch");
        assertThat(s.requireObject("countryOfProduction").requireString("countryCode")).isEqualTo("DE");
        assertThat(read(UntpCredentials.productPassport(washers(), CERTCO)).requireObject("credentialSubject")
                .requireObject("countryOfProduction").requireString("countryCode")).isEqualTo("ZZ");
    }

    @Test
    void passport_claims_the_sealed_footprint_per_washing_machine_and_the_traceability() {
        JsonObject dpp = UntpCredentials.productPassport(washers(), APPLIANCECO);
        JsonObject footprint = claim(dpp, 0);
        // docs/accounting.md, tier 4: per washing machine (fossil, biogenicNonCo2) =
        // (85.54287255520833333333333333333334, 0.00116235), total 85.54403490520833333333333333333334.
        assertThat(performances(footprint)).containsEntry("carbon-footprint", "85.54403490520833333333333333333334")
                .containsEntry("fossil-ghg-emissions", "85.54287255520833333333333333333334")
                .containsEntry("biogenic-non-co2-emissions", "0.00116235");
        assertThat(read(footprint).requireString("name")).contains("cradle-to-gate");
        assertThat(read(footprint).requireArray("referenceStandard").elements().stream()
                .map(v -> JsonObjectReader.of(JsonObjectReader.asObject(v, "s"), "s").requireString("name")).toList())
                .containsExactly("GHG Protocol Product Standard", "ISO 14067");
        // The counting attestation is the claim's evidence, by the id its conformity credential's subject has.
        JsonObjectReader evidence = JsonObjectReader.of(JsonObjectReader.asObject(
                read(footprint).requireArray("evidence").get(0), "e"), "e");
        assertThat(evidence.requireString("linkURL")).isEqualTo("urn:uuid:" + WASHERS_ATTESTATION.value());
        JsonObject traceability = claim(dpp, 1);
        assertThat(performances(traceability)).containsEntry("supply-chain-tiers", "4")
                .containsEntry("upstream-suppliers", "1");
    }

    @Test
    void passport_holds_only_what_the_consumer_passport_shows() {
        String text = Json.write(UntpCredentials.productPassport(washers(), APPLIANCECO));
        // SteelCo did not make its identity public: neither its name nor its MSP id appears.
        assertThat(text).doesNotContain("SteelCo");
        // No record, device, transfer, quantity or allocation of any tier.
        for (BundledBatch b : BUNDLE.batches().values()) {
            for (StoredRecord r : b.records()) {
                assertThat(text).doesNotContain(r.recordId().value()).doesNotContain(r.deviceId().value());
            }
            assertThat(text).doesNotContain("\"quantity\"");
        }
        for (StoredTransfer t : BUNDLE.transfers().values()) {
            assertThat(text).doesNotContain(t.transferId().value());
        }
        assertThat(text).doesNotContain("allocated").doesNotContain("\"500\"");

        // Once SteelCo makes its identity public, the passport names it as an upstream party, as the consumer
        // passport does.
        String withPublicSupplier = Json.write(UntpCredentials.productPassport(
                washers(organizations(true, true), BUNDLE.batch(WASHERS).orElseThrow().attestations(), false),
                APPLIANCECO));
        assertThat(withPublicSupplier).contains("\"name\":\"SteelCo\"");
    }

    @Test
    void the_same_ledger_state_gives_the_same_credential_bytes() {
        String one = Json.write(UntpCredentials.productPassport(washers(), APPLIANCECO));
        String two = Json.write(UntpCredentials.productPassport(washers(organizations(false, true),
                BUNDLE.batch(WASHERS).orElseThrow().attestations(), true), APPLIANCECO));
        assertThat(two).isEqualTo(one);
    }

    @Test
    void an_attestation_the_batch_does_not_have_has_no_conformity_credential() {
        assertThatThrownBy(() -> UntpCredentials.conformityCredential(washers(),
                new LedgerId("40000000-0000-4000-8000-0000000000ff"), CERTCO))
                .isInstanceOfSatisfying(LedgerRuleException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void conformity_credential_is_issued_by_the_certifier_about_the_attested_seal() {
        JsonObject dcc = UntpCredentials.conformityCredential(washers(), WASHERS_ATTESTATION, CERTCO);
        assertThat(read(dcc).requireArray("type")).isEqualTo(JsonArray.of(
                JsonString.of("DigitalConformityCredential"), JsonString.of("VerifiableCredential")));
        assertThat(read(dcc).requireObject("issuer").requireString("id")).isEqualTo("did:web:certco.example");
        assertThat(read(dcc).requireObject("issuer").requireString("name")).isEqualTo("CertCo Assurance");
        JsonObjectReader s = read(subject(dcc));
        assertThat(s.requireString("id")).isEqualTo("urn:uuid:" + WASHERS_ATTESTATION.value());
        JsonObjectReader assessment = JsonObjectReader.of(JsonObjectReader.asObject(
                s.requireArray("assessment").get(0), "a"), "a");
        assertThat(assessment.object().get("conformance")).contains(JsonBoolean.of(true));
        assertThat(assessment.requireObject("referenceStandard").requireString("name")).isEqualTo("ISO 14067");
        StoredAttestation a = BUNDLE.batch(WASHERS).orElseThrow().attestations().get(0);
        assertThat(assessment.requireString("description")).contains(a.sealHash().toHex());
        assertThat(read(dcc).requireString("validFrom")).isEqualTo(a.validFrom().toString());
        assertThat(read(dcc).requireString("validUntil")).isEqualTo(a.validUntil().toString());
        // ApplianceCo's identity is public: the attestation names it as the party it was issued to.
        assertThat(s.requireObject("issuedToParty").requireString("name")).isEqualTo("ApplianceCo");
    }

    @Test
    void conformity_credential_of_a_rejection_says_nonconformance_and_hides_a_producer_that_is_not_public() {
        StoredAttestation a = BUNDLE.batch(WASHERS).orElseThrow().attestations().get(0);
        StoredAttestation rejected = StoredAttestation.fromJson(
                set(a.json(), "verdict", JsonString.of("REJECTED")), "a");
        JsonObject dcc = UntpCredentials.conformityCredential(
                washers(organizations(false, false), List.of(rejected), false), WASHERS_ATTESTATION, CERTCO);
        JsonObjectReader assessment = JsonObjectReader.of(JsonObjectReader.asObject(
                read(subject(dcc)).requireArray("assessment").get(0), "a"), "a");
        assertThat(assessment.object().get("conformance")).contains(JsonBoolean.of(false));
        assertThat(Json.write(dcc)).doesNotContain("ApplianceCo");
    }

    @Test
    void a_passport_leaves_out_attestations_that_do_not_count() {
        StoredAttestation a = BUNDLE.batch(WASHERS).orElseThrow().attestations().get(0);
        StoredAttestation rejected = StoredAttestation.fromJson(
                set(a.json(), "verdict", JsonString.of("REJECTED")), "a");
        JsonObject dpp = UntpCredentials.productPassport(
                washers(organizations(false, true), List.of(rejected), false), APPLIANCECO);
        assertThat(read(claim(dpp, 0)).has("evidence")).isFalse();
        assertThat(Set.copyOf(read(claim(dpp, 0)).requireArray("referenceStandard").elements()).size()).isEqualTo(1);
    }
}
