package org.carbonledger.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.service.testing.TestClients;
import org.junit.jupiter.api.Test;

@MicronautTest
class OperationsEndpointsTest {
    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);
    private static final Argument<String> STRING = Argument.of(String.class);

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void health_is_public_and_shows_details_only_with_a_token() {
        HttpResponse<Map<String, Object>> anonymous = client.toBlocking().exchange(HttpRequest.GET("/health"), MAP, MAP);
        HttpResponse<Map<String, Object>> operator = client.toBlocking().exchange(HttpRequest.GET("/health")
                .bearerAuth(TestClients.token(client, TestClients.OPERATOR, TestClients.OPERATOR_SECRET)), MAP, MAP);

        assertThat(anonymous.code()).isEqualTo(200);
        assertThat(anonymous.body()).containsEntry("status", "UP").doesNotContainKey("details");
        assertThat(operator.code()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) operator.body().get("details");
        assertThat(details).containsKey("jdbc");
        assertThat(details.toString()).contains("UP");
    }

    @Test
    void prometheus_metrics_need_the_operator_role() {
        String reader = TestClients.token(client, TestClients.READER, TestClients.READER_SECRET);
        String operator = TestClients.token(client, TestClients.OPERATOR, TestClients.OPERATOR_SECRET);

        assertThat(client.toBlocking().exchange(HttpRequest.GET("/prometheus"), STRING, STRING).code())
                .isEqualTo(401);
        assertThat(client.toBlocking().exchange(HttpRequest.GET("/prometheus").bearerAuth(reader),
                STRING, STRING).code()).isEqualTo(403);
        HttpResponse<String> metrics = client.toBlocking().exchange(HttpRequest.GET("/prometheus").bearerAuth(operator),
                STRING, STRING);
        assertThat(metrics.code()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections")
                .contains("http_server_requests_seconds");
    }

    @Test
    void openapi_document_and_ui_are_public() {
        HttpResponse<String> document = client.toBlocking().exchange(HttpRequest.GET("/openapi/carbonledger.yml"),
                STRING, STRING);
        HttpResponse<String> ui = client.toBlocking().exchange(HttpRequest.GET("/swagger-ui/index.html"),
                STRING, STRING);
        HttpResponse<String> bundle = client.toBlocking().exchange(
                HttpRequest.GET("/swagger-ui/res/swagger-ui-bundle.js"), STRING, STRING);

        assertThat(document.code()).isEqualTo(200);
        assertThat(document.body()).contains("openapi: 3.").contains("/oauth/token").contains("/api/v1/me")
                .contains("Problem").doesNotContain("/test/");
        assertThat(ui.code()).isEqualTo(200);
        assertThat(ui.body()).contains("/openapi/carbonledger.yml");
        assertThat(bundle.code()).isEqualTo(200);
    }
}
