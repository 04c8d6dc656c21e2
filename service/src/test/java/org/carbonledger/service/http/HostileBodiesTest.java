package org.carbonledger.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.testing.TestClients.OPERATOR;
import static org.carbonledger.service.testing.TestClients.OPERATOR_SECRET;
import static org.carbonledger.service.testing.TestClients.token;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import javax.net.ssl.SSLSocket;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.service.testing.UncheckedTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies a careless or hostile client sends: malformed UTF-8, no Content-Type, a CSV with a byte-order mark, a gzip
 * body that expands past the limit. Each is answered with the project's problem JSON (a code and a request id), never
 * silently repaired and never with the framework's own words.
 */
@MicronautTest
class HostileBodiesTest {
    private static final String CSV_HEADER = "recordId,gtin,lot,deviceId,periodStart,periodEnd,scope,stage,factorId,"
            + "amount,unit,evidenceSha256,signature\n";
    /** A row refused for its record id alone, so the answer says which line and column the CSV parser reached. */
    private static final String CSV_ROW = "not-a-uuid,09506000134352,COIL-7,kiln-1,2026-11-01T00:00:00Z,"
            + "2026-11-02T00:00:00Z,1,PRODUCTION,F-1,10,kWh," + "ab".repeat(32) + ",sig\n";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    EmbeddedServer server;

    private record Answer(int status, String contentType, String body) {
        JsonObjectReader problem() {
            assertThat(contentType).as("content type of a %d: %s", status, body).startsWith(Problem.MEDIA_TYPE);
            JsonObjectReader problem = JsonObjectReader.of(Json.parseObject(body, "body"), "");
            assertThat(problem.optionalString("requestId")).as("requestId of %s", body).isPresent();
            return problem;
        }
    }

    private Answer send(MutableHttpRequest<?> request) {
        HttpResponse<String> response = client.toBlocking().exchange(
                request.bearerAuth(token(client, OPERATOR, OPERATOR_SECRET)), Argument.STRING, Argument.STRING);
        return new Answer(response.code(), response.getContentType().map(MediaType::toString).orElse(""),
                response.getBody(Argument.STRING).orElse(""));
    }

    private Answer postBytes(String path, String contentType, byte[] body) {
        return send(HttpRequest.POST(path, body).contentType(contentType));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/records", "/api/v1/products", "/api/v1/batches", "/api/v1/transfers"})
    void malformed_utf8_in_a_json_body_is_400_naming_the_body_and_the_byte_offset(String path) {
        byte[] prefix = "{\"name\":\"Co".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 3];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        // 0xC3 opens a two-byte sequence; 0x28 ('(') cannot continue it.
        body[prefix.length] = (byte) 0xC3;
        body[prefix.length + 1] = 0x28;
        body[prefix.length + 2] = '}';

        Answer answer = postBytes(path, MediaType.APPLICATION_JSON, body);

        assertThat(answer.status).as(answer.body).isEqualTo(400);
        JsonObjectReader problem = answer.problem();
        assertThat(problem.requireString("code")).isEqualTo("INVALID_ARGUMENT");
        assertThat(problem.requireString("detail")).contains("body").contains("byte offset " + prefix.length)
                .contains("UTF-8");
    }

    @Test
    void malformed_utf8_in_a_csv_upload_is_400_naming_the_byte_offset() {
        byte[] text = (CSV_HEADER + CSV_ROW).getBytes(StandardCharsets.UTF_8);
        int at = CSV_HEADER.length() + 3;
        text[at] = (byte) 0xFF;

        Answer answer = postBytes("/api/v1/records", "text/csv", text);

        assertThat(answer.status).as(answer.body).isEqualTo(400);
        assertThat(answer.problem().requireString("detail")).contains("byte offset " + at).contains("UTF-8");
    }

    @Test
    void a_csv_upload_with_a_byte_order_mark_is_read_as_the_same_file_without_it() {
        Answer plain = postBytes("/api/v1/records", "text/csv", (CSV_HEADER + CSV_ROW).getBytes(StandardCharsets.UTF_8));
        Answer marked = postBytes("/api/v1/records", "text/csv",
                ("\uFEFF" + CSV_HEADER + CSV_ROW).getBytes(StandardCharsets.UTF_8));

        assertThat(plain.status).as(plain.body).isEqualTo(400);
        assertThat(marked.status).as(marked.body).isEqualTo(400);
        String detail = marked.problem().requireString("detail");
        assertThat(detail).doesNotContain("unknown column").contains("line 2").contains("recordId");
        assertThat(detail).isEqualTo(plain.problem().requireString("detail"));
    }

    @Test
    void a_record_post_without_content_type_is_415_naming_the_types_it_takes() throws Exception {
        Answer answer = withoutContentType("/api/v1/records");

        assertThat(answer.status).as(answer.body).isEqualTo(415);
        JsonObjectReader problem = answer.problem();
        assertThat(problem.requireString("code")).isEqualTo("INVALID_ARGUMENT");
        assertThat(problem.requireString("detail")).doesNotContain("route").contains("Content-Type")
                .contains("application/json").contains("text/csv");
    }

    /** Routes taking only JSON read a body without a Content-Type as JSON, and refuse it in the project's words. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/products", "/api/v1/batches", "/api/v1/transfers/T-1/receive"})
    void other_posts_without_content_type_are_answered_as_problems_with_code_and_request_id(String path)
            throws Exception {
        Answer answer = withoutContentType(path);

        assertThat(answer.status).as(answer.body).isEqualTo(400);
        JsonObjectReader problem = answer.problem();
        assertThat(problem.requireString("code")).isEqualTo("INVALID_ARGUMENT");
        assertThat(problem.requireString("detail")).doesNotContain("route");
    }

    @Test
    void a_content_type_the_route_does_not_take_is_415_with_a_code() {
        Answer answer = postBytes("/api/v1/products", MediaType.TEXT_PLAIN, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status).as(answer.body).isEqualTo(415);
        assertThat(answer.problem().requireString("code")).isEqualTo("INVALID_ARGUMENT");
    }

    private Answer withoutContentType(String path) throws Exception {
        return raw("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + token(client, OPERATOR, OPERATOR_SECRET) + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    }

    @Test
    void a_gzip_body_that_expands_past_the_limit_is_413_naming_the_limit_plainly() throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            gzip.write('[');
            for (int i = 0; i < 17; i++) {
                gzip.write(spaces);
            }
            gzip.write(']');
        }

        Answer answer = send(HttpRequest.POST("/api/v1/records", packed.toByteArray())
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("Content-Encoding", "gzip"));

        assertThat(answer.status).as(answer.body).isEqualTo(413);
        JsonObjectReader problem = answer.problem();
        String detail = problem.requireString("detail");
        assertThat(detail).contains("16 MiB").contains("decompress");
        assertThat(detail.toLowerCase(Locale.ROOT)).doesNotContain("micronaut").doesNotContain("max-request-size")
                .doesNotContain("configuration");
    }

    /** Sends exactly the given request (the Micronaut client would add a Content-Type) and reads the answer. */
    private Answer raw(String request) throws Exception {
        try (SSLSocket socket = UncheckedTls.connect(server.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            List<String> head = List.of(response.substring(0, end).split("\r\n"));
            int status = Integer.parseInt(head.get(0).split(" ")[1]);
            String contentType = "";
            boolean chunked = false;
            for (String line : head.subList(1, head.size())) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring(line.indexOf(':') + 1).trim();
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            String body = response.substring(end + 4);
            return new Answer(status, contentType, chunked ? dechunk(body) : body);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
