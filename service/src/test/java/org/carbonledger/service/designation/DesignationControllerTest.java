package org.carbonledger.service.designation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.testing.TestClients.ADMIN;
import static org.carbonledger.service.testing.TestClients.ADMIN_SECRET;
import static org.carbonledger.service.testing.TestClients.OPERATOR;
import static org.carbonledger.service.testing.TestClients.OPERATOR_SECRET;
import static org.carbonledger.service.testing.TestClients.READER;
import static org.carbonledger.service.testing.TestClients.READER_SECRET;
import static org.carbonledger.service.testing.TestClients.token;

import java.util.List;
import java.util.Set;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.request.Designations;
import org.carbonledger.service.ledger.LedgerAccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Designating and revoking certifiers through the API, on a ledger with the chaincode's designation rules: the service
 * (SteelCoMSP) acts for its own organization with its admin identity, a repeated designation is a replay, and the
 * ledger's refusals keep their codes.
 */
@MicronautTest(transactional = false)
class DesignationControllerTest {
    private static final DesignationLedger LEDGER = new DesignationLedger("SteelCoMSP",
            Set.of("SteelCoMSP", "ApplianceCoMSP"), Set.of("CertCoMSP", "AuditCoMSP"));

    @Inject
    @Client("/")
    HttpClient client;

    @MockBean(LedgerAccess.class)
    LedgerAccess ledger() {
        return LEDGER;
    }

    @BeforeEach
    void emptyLedger() {
        LEDGER.clear();
    }

    @Test
    void designating_a_certifier_submits_it_as_this_organization_with_the_admin_identity_and_answers_the_designation() {
        Answer answer = send(HttpRequest.PUT("/api/v1/organizations/me/certifiers/CertCoMSP", ""), ADMIN, ADMIN_SECRET);

        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.json().object().get("replayed").map(Json::write)).contains("false");
        JsonObjectReader result = JsonObjectReader.of(answer.json().requireObject("result").object(), "result");
        assertThat(result.requireString("producerMspId")).isEqualTo("SteelCoMSP");
        assertThat(result.requireString("certifierMspId")).isEqualTo("CertCoMSP");
        assertThat(answer.response.header("X-Transaction-Id")).isEqualTo(answer.json().requireString("transactionId"));
        assertThat(LEDGER.calls()).first().isEqualTo(new DesignationLedger.Call(LedgerAccess.Identity.ADMIN,
                LedgerOperation.DESIGNATE_CERTIFIER.transaction(), List.of("CertCoMSP")));
        assertThat(LEDGER.designated("SteelCoMSP")).containsExactly("CertCoMSP");
    }

    @Test
    void designating_a_designated_certifier_again_answers_the_existing_designation_as_a_replay() {
        Answer first = send(HttpRequest.PUT("/api/v1/organizations/me/certifiers/CertCoMSP", ""), ADMIN, ADMIN_SECRET);
        String firstTx = first.json().requireString("transactionId");

        // As the demo seeder sends it: an empty JSON object, which the route ignores.
        Answer again = send(HttpRequest.PUT("/api/v1/organizations/me/certifiers/CertCoMSP", "{}")
                .contentType(MediaType.APPLICATION_JSON_TYPE), ADMIN, ADMIN_SECRET);

        assertThat(again.status).isEqualTo(200);
        assertThat(again.json().object().get("replayed").map(Json::write)).contains("true");
        assertThat(again.json().requireString("transactionId")).isEqualTo(firstTx);
        assertThat(again.json().requireObject("result").object())
                .isEqualTo(first.json().requireObject("result").object());
        assertThat(LEDGER.designated("SteelCoMSP")).containsExactly("CertCoMSP");
    }

    @Test
    void an_organization_without_the_certifier_role_is_refused_403_role_required_naming_it() {
        Answer answer = send(HttpRequest.PUT("/api/v1/organizations/me/certifiers/ApplianceCoMSP", ""), ADMIN, ADMIN_SECRET);

        assertThat(answer.status).isEqualTo(403);
        assertThat(answer.json().requireString("code")).isEqualTo("ROLE_REQUIRED");
        assertThat(answer.json().requireString("detail")).contains("ApplianceCoMSP").contains("CERTIFIER");
        assertThat(LEDGER.designated("SteelCoMSP")).isEmpty();
    }

    @Test
    void the_designations_of_any_producer_are_listed_from_the_ledger_and_me_is_this_organization() {
        send(HttpRequest.PUT("/api/v1/organizations/me/certifiers/CertCoMSP", ""), ADMIN, ADMIN_SECRET);
        send(HttpRequest.PUT("/api/v1/organizations/me/certifiers/AuditCoMSP", ""), ADMIN, ADMIN_SECRET);

        Answer named = send(HttpRequest.GET("/api/v1/organizations/SteelCoMSP/certifiers"), READER, READER_SECRET);
        Answer me = send(HttpRequest.GET("/api/v1/organizations/me/certifiers"), READER, READER_SECRET);
        Answer other = send(HttpRequest.GET("/api/v1/organizations/ApplianceCoMSP/certifiers"), READER, READER_SECRET);

        assertThat(named.status).isEqualTo(200);
        Designations listed = Designations.fromJson(named.json().object(), "");
        assertThat(listed.producerMspId()).isEqualTo("SteelCoMSP");
        assertThat(listed.certifierMspIds()).containsExactly("AuditCoMSP", "CertCoMSP");
        assertThat(me.body).isEqualTo(named.body);
        assertThat(Designations.fromJson(other.json().object(), "").certifiers()).isEmpty();
    }

    @Test
    void revoking_answers_204_with_the_transaction_and_the_certifier_is_no_longer_listed() {
        send(HttpRequest.PUT("/api/v1/organizations/me/certifiers/CertCoMSP", ""), ADMIN, ADMIN_SECRET);

        Answer revoked = send(HttpRequest.DELETE("/api/v1/organizations/me/certifiers/CertCoMSP"), ADMIN, ADMIN_SECRET);

        assertThat(revoked.status).isEqualTo(204);
        assertThat(revoked.response.header("X-Transaction-Id")).matches("[0-9a-f]{64}");
        assertThat(LEDGER.calls()).last().isEqualTo(new DesignationLedger.Call(LedgerAccess.Identity.ADMIN,
                LedgerOperation.REVOKE_CERTIFIER.transaction(), List.of("CertCoMSP")));
        Answer listed = send(HttpRequest.GET("/api/v1/organizations/me/certifiers"), READER, READER_SECRET);
        assertThat(Designations.fromJson(listed.json().object(), "").certifiers()).isEmpty();
    }

    @Test
    void revoking_a_certifier_that_is_not_designated_is_a_404_problem() {
        Answer answer = send(HttpRequest.DELETE("/api/v1/organizations/me/certifiers/CertCoMSP"), ADMIN, ADMIN_SECRET);

        assertThat(answer.status).isEqualTo(404);
        assertThat(answer.json().requireString("code")).isEqualTo("NOT_FOUND");
        assertThat(answer.json().requireString("detail")).contains("CertCoMSP");
    }

    @Test
    void only_admins_change_designations_and_every_member_client_reads_them() {
        assertThat(send(HttpRequest.PUT("/api/v1/organizations/me/certifiers/CertCoMSP", ""), OPERATOR, OPERATOR_SECRET)
                .status).isEqualTo(403);
        assertThat(send(HttpRequest.DELETE("/api/v1/organizations/me/certifiers/CertCoMSP"), READER, READER_SECRET)
                .status).isEqualTo(403);
        assertThat(LEDGER.calls()).isEmpty();
        assertThat(send(HttpRequest.GET("/api/v1/organizations/me/certifiers"), READER, READER_SECRET).status)
                .isEqualTo(200);
    }

    @Test
    void a_malformed_msp_id_is_400_naming_the_field_and_reaches_no_ledger() {
        Answer answer = send(HttpRequest.PUT("/api/v1/organizations/me/certifiers/-Cert%20Co", ""), ADMIN, ADMIN_SECRET);

        assertThat(answer.status).isEqualTo(400);
        assertThat(answer.json().requireString("detail")).contains("certifierMspId");
        assertThat(LEDGER.calls()).isEmpty();
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private record Answer(int status, String body, HttpResponse<String> response) {
        JsonObjectReader json() {
            return JsonObjectReader.of(Json.parseObject(body, "body"), "");
        }
    }

    private Answer send(MutableHttpRequest<?> request, String id, String secret) {
        HttpResponse<String> response = client.toBlocking().exchange(request.bearerAuth(token(client, id, secret)),
                Argument.STRING, Argument.STRING);
        String body = response.code() < 400 ? response.getBody(String.class).orElse("")
                : response.getBody(Argument.STRING).orElse("");
        return new Answer(response.code(), body, response);
    }
}
