package org.carbonledger.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.service.testing.TestClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@MicronautTest
class ProblemResponsesTest {
    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);
    private static final MediaType PROBLEM = MediaType.of("application/problem+json");

    @Inject
    @Client("/")
    HttpClient client;

    private HttpResponse<Map<String, Object>> exchange(MutableHttpRequest<?> request) {
        HttpResponse<Map<String, Object>> response = client.toBlocking().exchange(request, MAP, MAP);
        if (response.code() >= 400) {
            assertThat(response.getContentType()).as("content type of a %d", response.code()).contains(PROBLEM);
        }
        return response;
    }

    private static Map<String, Object> problem(HttpResponse<Map<String, Object>> response) {
        return response.getBody(MAP).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void ledger_rule_failure_is_a_problem_with_its_code_status_and_field(ErrorCode code) {
        HttpResponse<Map<String, Object>> response = exchange(HttpRequest.GET("/test/rule/" + code));

        assertThat(response.code()).isEqualTo(ErrorCodeStatus.of(code).getCode());
        Map<String, Object> problem = problem(response);
        assertThat(problem).containsEntry("type", ErrorCodeStatus.type(code))
                .containsEntry("title", ErrorCodeStatus.title(code))
                .containsEntry("status", ErrorCodeStatus.of(code).getCode())
                .containsEntry("code", code.name())
                .containsEntry("detail", "activity.amount \"-1\": must not be negative")
                .containsEntry("instance", "/test/rule/" + code)
                .containsEntry("errors", List.of(Map.of("field", "activity.amount",
                        "reason", "activity.amount \"-1\": must not be negative")));
        assertThat(problem.get("requestId")).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void problem_exception_from_a_controller_uses_the_code_mapping() {
        HttpResponse<Map<String, Object>> response = exchange(HttpRequest.GET("/test/problem"));

        assertThat(response.code()).isEqualTo(409);
        assertThat(problem(response)).containsEntry("code", "BATCH_SEALED")
                .containsEntry("type", "urn:carbonledger:problem:batch-sealed")
                .containsEntry("detail", "lot \"COIL-7\": the batch is sealed");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void ledger_refusal_is_a_problem_with_its_code_status_and_the_field_it_names(ErrorCode code) {
        HttpResponse<Map<String, Object>> response = exchange(HttpRequest.GET("/test/refusal/" + code));

        assertThat(response.code()).isEqualTo(ErrorCodeStatus.of(code).getCode());
        Map<String, Object> problem = problem(response);
        String detail = "lot \"COIL-7\": refused as " + code;
        assertThat(problem).containsEntry("type", ErrorCodeStatus.type(code))
                .containsEntry("title", ErrorCodeStatus.title(code))
                .containsEntry("status", ErrorCodeStatus.of(code).getCode())
                .containsEntry("code", code.name())
                .containsEntry("detail", detail)
                .containsEntry("instance", "/test/refusal/" + code)
                .containsEntry("errors", List.of(Map.of("field", "lot", "reason", detail)));
        assertThat(problem.get("requestId")).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void ledger_failure_after_submission_is_504_saying_to_retry_the_same_request() {
        HttpResponse<Map<String, Object>> response = exchange(HttpRequest.GET("/test/commit-unknown"));

        assertThat(response.code()).isEqualTo(504);
        assertThat(problem(response)).containsEntry("type", "about:blank").doesNotContainKey("code")
                .containsEntry("errors", List.of());
        assertThat((String) problem(response).get("detail")).startsWith("SealBatch (transaction tx-42) was sent to the orderers")
                .contains("retry the same request");
    }

    @Test
    void bean_validation_failure_is_400_naming_each_field_by_its_json_path() {
        HttpResponse<Map<String, Object>> response = exchange(HttpRequest.POST("/test/validated",
                Map.of("name", " ", "quantity", 0, "activity", Map.of("unit", "kWh", "amount", "lots"))));

        assertThat(response.code()).isEqualTo(400);
        Map<String, Object> problem = problem(response);
        assertThat(problem).containsEntry("code", "INVALID_ARGUMENT");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
        assertThat(errors).extracting(e -> e.get("field")).containsExactly("activity.amount", "name", "quantity");
        assertThat((String) problem.get("detail")).contains("name: must not be blank")
                .contains("quantity: must be greater than or equal to 1");
    }

    @Test
    void malformed_json_is_400_invalid_argument() {
        HttpResponse<Map<String, Object>> response = exchange(HttpRequest.POST("/test/validated", "{\"name\": ")
                .contentType(MediaType.APPLICATION_JSON_TYPE));

        assertThat(response.code()).isEqualTo(400);
        assertThat(problem(response)).containsEntry("code", "INVALID_ARGUMENT");
        assertThat((String) problem(response).get("detail")).startsWith("The request body is not well-formed JSON");
    }

    @Test
    void wrong_json_type_is_400_naming_the_field() {
        HttpResponse<Map<String, Object>> response = exchange(HttpRequest.POST("/test/validated",
                "{\"name\":\"x\",\"quantity\":\"many\",\"activity\":{\"unit\":\"kg\",\"amount\":\"1\"}}")
                .contentType(MediaType.APPLICATION_JSON_TYPE));

        assertThat(response.code()).isEqualTo(400);
        assertThat(problem(response)).containsEntry("code", "INVALID_ARGUMENT")
                .containsEntry("detail", "quantity: has the wrong JSON type or value")
                .containsEntry("errors", List.of(Map.of("field", "quantity", "reason", "has the wrong JSON type or value")));
    }

    @Test
    void missing_or_unconvertible_query_parameter_is_400_naming_it() {
        HttpResponse<Map<String, Object>> missing = exchange(HttpRequest.GET("/test/paged"));
        HttpResponse<Map<String, Object>> wrong = exchange(HttpRequest.GET("/test/paged?limit=ten"));

        assertThat(missing.code()).isEqualTo(400);
        assertThat(problem(missing)).containsEntry("errors", List.of(Map.of("field", "limit", "reason", "is required")));
        assertThat(wrong.code()).isEqualTo(400);
        assertThat(problem(wrong).get("detail")).isEqualTo("limit: cannot be read as int (got \"ten\")");
    }

    @Test
    void unknown_route_is_404_problem_with_or_without_token() {
        HttpResponse<Map<String, Object>> anonymous = exchange(HttpRequest.GET("/no/such/route"));
        HttpResponse<Map<String, Object>> authenticated = exchange(HttpRequest.GET("/no/such/route")
                .bearerAuth(TestClients.token(client, TestClients.READER, TestClients.READER_SECRET)));

        assertThat(anonymous.code()).isEqualTo(404);
        assertThat(authenticated.code()).isEqualTo(404);
        assertThat(problem(anonymous)).containsEntry("type", "about:blank").containsEntry("title", "Not Found")
                .containsEntry("detail", "Nothing at GET /no/such/route.");
    }

    @Test
    void wrong_method_is_405_problem() {
        HttpResponse<Map<String, Object>> response = exchange(HttpRequest.DELETE("/oauth/token"));

        assertThat(response.code()).isEqualTo(405);
        assertThat(problem(response)).containsEntry("status", 405);
    }

    @Test
    void unexpected_failure_is_500_without_internals() {
        HttpResponse<Map<String, Object>> response = exchange(HttpRequest.GET("/test/boom"));

        assertThat(response.code()).isEqualTo(500);
        Map<String, Object> problem = problem(response);
        assertThat(problem).containsEntry("title", "Internal Server Error").containsKey("requestId");
        assertThat(problem.toString()).doesNotContain("hunter2").doesNotContain("IllegalStateException")
                .doesNotContain("at org.");
    }

    @Test
    void caller_request_id_is_echoed_and_unsafe_ones_replaced() {
        HttpResponse<Map<String, Object>> kept = exchange(HttpRequest.GET("/test/problem").header("X-Request-Id", "abc-123"));
        HttpResponse<Map<String, Object>> replaced = exchange(HttpRequest.GET("/test/problem")
                .header("X-Request-Id", "evil\"} injected"));

        assertThat(kept.header("X-Request-Id")).isEqualTo("abc-123");
        assertThat(problem(kept)).containsEntry("requestId", "abc-123");
        assertThat(replaced.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }
}
