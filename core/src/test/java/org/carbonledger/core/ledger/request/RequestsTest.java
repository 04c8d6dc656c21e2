package org.carbonledger.core.ledger.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The chaincode's arguments as typed requests: what a client writes is what the chaincode reads. */
class RequestsTest {
    private static final String ID = "20000000-0000-4000-8000-000000000001";
    private static final String HASH = "0b228edd244b674cad2bf1250017ee0f47e3a353a2966f2e691381044e2527de";

    private static JsonObject json(String text) {
        return Json.parseObject(text, "argument");
    }

    private static LedgerRuleException refusal(Runnable parse) {
        try {
            parse.run();
        } catch (LedgerRuleException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Nested
    class CreateProduct {
        @Test
        void a_short_gtin_is_written_as_gtin_14_and_reads_back_equal() {
            ProductRequest request = ProductRequest.fromJson(json(
                    "{\"gtin\":\"9506000134352\",\"name\":\"Hot-rolled coil\",\"declaredUnit\":\"t\"}"), "");
            assertThat(request.gtin().value()).isEqualTo("09506000134352");
            assertThat(request.description()).isEmpty();
            assertThat(ProductRequest.fromJson(request.toJson(), "")).isEqualTo(request);
        }

        @Test
        void a_blank_name_is_refused_under_the_given_path() {
            LedgerRuleException e = refusal(() -> ProductRequest.fromJson(json(
                    "{\"gtin\":\"09506000134352\",\"name\":\"  \",\"declaredUnit\":\"t\"}"), "product"));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.field()).isEqualTo("product.name");
        }
    }

    @Nested
    class RegisterDevice {
        @Test
        void a_device_without_validity_start_reads_back_equal() {
            String pem = DeviceKeyPair.generate(new SecureRandom()).publicKey().toPem();
            DeviceRequest request = DeviceRequest.fromJson(JsonObject.builder().put("deviceId", "meter-12")
                    .put("publicKeyPem", pem).build(), "");
            assertThat(request.validFrom()).isEmpty();
            DeviceRequest again = DeviceRequest.fromJson(request.toJson(), "");
            assertThat(again.toJson()).isEqualTo(request.toJson());
            assertThat(again.publicKey()).isEqualTo(request.publicKey());
        }

        @Test
        void an_unknown_member_is_refused_naming_it() {
            assertThatThrownBy(() -> DeviceRequest.fromJson(json("{\"deviceId\":\"m\",\"colour\":\"red\"}"), ""))
                    .isInstanceOf(LedgerRuleException.class).hasMessageContaining("colour");
        }
    }

    @Nested
    class CreateBatch {
        @Test
        void a_batch_reads_back_equal() {
            BatchRequest request = BatchRequest.fromJson(json("{\"gtin\":\"09506000134352\",\"lot\":\"COIL-7\","
                    + "\"quantity\":{\"amount\":\"25.0\",\"unit\":\"t\"}}"), "");
            assertThat(request.quantity().toJson().get("amount")).contains(JsonString.of("25"));
            assertThat(BatchRequest.fromJson(request.toJson(), "")).isEqualTo(request);
        }

        @Test
        void a_zero_quantity_is_refused_at_its_amount() {
            LedgerRuleException e = refusal(() -> BatchRequest.fromJson(json("{\"gtin\":\"09506000134352\","
                    + "\"lot\":\"COIL-7\",\"quantity\":{\"amount\":\"0\",\"unit\":\"t\"}}"), ""));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_AMOUNT);
            assertThat(e.field()).isEqualTo("quantity.amount");
        }
    }

    @Nested
    class ShipMaterial {
        @Test
        void a_shipment_reads_back_equal() {
            ShipmentRequest request = ShipmentRequest.fromJson(json("{\"transferId\":\"" + ID + "\",\"from\":{"
                    + "\"gtin\":\"09506000134352\",\"lot\":\"COIL-7\"},\"toMspId\":\"ApplianceCoMSP\","
                    + "\"quantity\":{\"amount\":\"8\",\"unit\":\"t\"}}"), "");
            assertThat(ShipmentRequest.fromJson(request.toJson(), "")).isEqualTo(request);
        }

        @Test
        void a_bad_source_lot_is_refused_at_from_lot() {
            LedgerRuleException e = refusal(() -> ShipmentRequest.fromJson(json("{\"transferId\":\"" + ID + "\","
                    + "\"from\":{\"gtin\":\"09506000134352\",\"lot\":\"\"},\"toMspId\":\"A\","
                    + "\"quantity\":{\"amount\":\"8\",\"unit\":\"t\"}}"), ""));
            assertThat(e.field()).isEqualTo("from.lot");
        }
    }

    @Nested
    class Attest {
        private String attestation(String validUntil) {
            return "{\"attestationId\":\"" + ID + "\",\"gtin\":\"09506000134390\",\"lot\":\"WM-2611-001\","
                    + "\"verdict\":\"REJECTED\",\"standard\":\"PACT 3\",\"assuranceLevel\":\"REASONABLE\","
                    + "\"validFrom\":\"2026-10-01T00:00:00Z\",\"validUntil\":\"" + validUntil + "\",\"sealHash\":\"" + HASH + "\"}";
        }

        @Test
        void an_attestation_reads_back_equal() {
            AttestationRequest request = AttestationRequest.fromJson(json(attestation("2027-10-01T00:00:00Z")), "");
            assertThat(request.comment()).isEmpty();
            assertThat(AttestationRequest.fromJson(request.toJson(), "")).isEqualTo(request);
        }

        @Test
        void a_validity_that_ends_before_it_starts_is_refused() {
            LedgerRuleException e = refusal(() -> AttestationRequest.fromJson(json(attestation("2026-09-01T00:00:00Z")), ""));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PERIOD);
            assertThat(e.field()).isEqualTo("validUntil");
        }

        @Test
        void an_unknown_standard_is_refused_listing_the_known_ones() {
            assertThatThrownBy(() -> AttestationRequest.fromJson(json(attestation("2027-10-01T00:00:00Z")
                    .replace("PACT 3", "ISO 9001")), ""))
                    .hasMessageContaining("expected one of ISO 14067, GHG Protocol Product Standard");
        }
    }

    @Nested
    class PublishFactorDataset {
        @Test
        void a_factor_inherits_the_dataset_citation_and_the_dataset_reads_back_equal() {
            FactorDatasetRequest request = FactorDatasetRequest.fromJson(json("{\"dataset\":\"cn-grid\",\"version\":\"2022\","
                    + "\"sourceCitation\":\"MEE 2024\",\"licence\":\"CC-BY-4.0\",\"factors\":[{\"factorId\":\"b\","
                    + "\"unit\":\"kWh\",\"kgCo2ePerUnit\":\"0.5703\"},{\"factorId\":\"a\",\"unit\":\"t\","
                    + "\"kgCo2ePerUnit\":\"2\",\"licence\":\"own\"}]}"), "");
            assertThat(request.factors().get(0).factor().sourceCitation()).isEqualTo("MEE 2024");
            assertThat(request.factors().get(1).factor().licence()).isEqualTo("own");
            assertThat(request.factorIds()).containsExactly("a", "b");
            assertThat(FactorDatasetRequest.fromJson(request.toJson(), "")).isEqualTo(request);
        }

        @Test
        void a_factor_listed_twice_is_refused_at_its_second_place() {
            LedgerRuleException e = refusal(() -> FactorDatasetRequest.fromJson(json("{\"dataset\":\"d\",\"version\":\"1\","
                    + "\"sourceCitation\":\"c\",\"licence\":\"l\",\"factors\":[{\"factorId\":\"a\",\"unit\":\"t\","
                    + "\"kgCo2ePerUnit\":\"2\"},{\"factorId\":\"a\",\"unit\":\"t\",\"kgCo2ePerUnit\":\"3\"}]}"), ""));
            assertThat(e.field()).isEqualTo("factors[1].factorId");
        }
    }

    @Nested
    class Governance {
        @Test
        void a_profile_and_a_proposal_read_back_equal() {
            OrganizationProfileRequest profile = OrganizationProfileRequest.fromJson(json(
                    "{\"displayName\":\"SteelCo\",\"website\":\"https://steel.example\"}"), "");
            assertThat(profile.isPublic()).isFalse();
            assertThat(OrganizationProfileRequest.fromJson(profile.toJson(), "")).isEqualTo(profile);
            ProposalRequest proposal = ProposalRequest.fromJson(json("{\"proposalId\":\"" + ID + "\",\"action\":\"REVOKE\","
                    + "\"mspId\":\"SteelCoMSP\",\"role\":\"CERTIFIER\"}"), "");
            assertThat(ProposalRequest.fromJson(proposal.toJson(), "")).isEqualTo(proposal);
        }

        @Test
        void a_website_that_is_not_https_is_refused() {
            LedgerRuleException e = refusal(() -> OrganizationProfileRequest.fromJson(json(
                    "{\"displayName\":\"SteelCo\",\"website\":\"http://steel.example\"}"), ""));
            assertThat(e.field()).isEqualTo("website");
        }

        @Test
        void an_unknown_role_is_refused() {
            LedgerRuleException e = refusal(() -> ProposalRequest.fromJson(json("{\"proposalId\":\"" + ID + "\","
                    + "\"action\":\"GRANT\",\"mspId\":\"SteelCoMSP\",\"role\":\"AUDITOR\"}"), ""));
            assertThat(e.getMessage()).contains("expected PRODUCER or CERTIFIER");
        }
    }
}
