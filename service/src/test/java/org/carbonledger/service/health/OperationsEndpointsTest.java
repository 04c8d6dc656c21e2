package org.carbonledger.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

    private HttpResponse<Map<String, Object>> health(String path, String bearer) {
        io.micronaut.http.MutableHttpRequest<?> request = HttpRequest.GET(path);
        if (bearer != null) {
            request.bearerAuth(bearer);
        }
        return client.toBlocking().exchange(request, MAP, MAP);
    }

    @Test
    void health_status_is_public_and_only_an_admin_sees_the_details() {
        String admin = TestClients.token(client, TestClients.ADMIN, TestClients.ADMIN_SECRET);
        Map<String, String> others = Map.of(
                "operator", TestClients.token(client, TestClients.OPERATOR, TestClients.OPERATOR_SECRET),
                "reader", TestClients.token(client, TestClients.READER, TestClients.READER_SECRET),
                "partner", TestClients.token(client, TestClients.PARTNER, TestClients.PARTNER_SECRET));

        for (String path : List.of("/health", "/health/readiness", "/health/liveness")) {
            HttpResponse<Map<String, Object>> anonymous = health(path, null);
            assertThat(anonymous.code()).as(path).isEqualTo(200);
            assertThat(anonymous.body()).as(path).containsEntry("status", "UP").doesNotContainKey("details");
            others.forEach((who, token) -> {
                HttpResponse<Map<String, Object>> answer = health(path, token);
                assertThat(answer.code()).as(path + " " + who).isEqualTo(200);
                assertThat(answer.body()).as(path + " " + who).isEqualTo(anonymous.body());
            });
        }
        HttpResponse<Map<String, Object>> detailed = health("/health", admin);
        assertThat(detailed.code()).isEqualTo(200);
        assertThat(detailed.body()).containsEntry("status", "UP");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) detailed.body().get("details");
        assertThat(details).containsKeys("jdbc", "diskSpace");
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
