package org.carbonledger.service.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.carbonledger.apiclient.Credentials;
import org.carbonledger.apiclient.ServiceClient;
import org.carbonledger.apiclient.ServiceRequest;
import org.carbonledger.apiclient.ServiceResponse;
import org.carbonledger.apiclient.ServiceTrust;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;

/**
 * The API client as the flow test uses it: every status is an answer to assert on, not an exception. The service
 * under test has a self-signed certificate made at start, accepted because it is on this machine's loopback.
 */
final class FlowClient {
    private final ServiceClient client;

    private FlowClient(ServiceClient client) {
        this.client = client;
    }

    static FlowClient connect(URI base, String clientId, String secret) {
        return new FlowClient(ServiceClient.builder(base).trust(ServiceTrust.anyCertificateOnLoopback())
                .credentials(new Credentials(clientId, secret)).build());
    }

    /** One answer: the status, the body and the headers. */
    record Answer(ServiceResponse response) {
        int status() {
            return response.status();
        }

        String body() {
            return response.text();
        }

        JsonObject json() {
            return Json.parseObject(response.body(), "response");
        }

        /** The body as a JSON object to read members from. */
        JsonObjectReader read() {
            return JsonObjectReader.of(json(), "");
        }

        /** A string member of the body. */
        String string(String member) {
            return read().requireString(member);
        }

        Optional<String> header(String name) {
            return response.header(name);
        }

        @Override
        public String toString() {
            return response.status() + " " + response.text();
        }
    }

    Answer get(String path) {
        return new Answer(client.send(ServiceRequest.get(path)));
    }

    Answer post(String path, JsonValue body) {
        return post(path, Json.write(body), "application/json");
    }

    /** {@code PUT path} without a body. */
    Answer put(String path) {
        return new Answer(client.send(new ServiceRequest("PUT", path, new byte[0], Optional.empty(), "application/json",
                Optional.empty())));
    }

    /** POSTs a body of any type, e.g. a {@code text/csv} upload of signed records. */
    Answer post(String path, String body, String contentType) {
        return new Answer(client.send(ServiceRequest.post(path, body.getBytes(StandardCharsets.UTF_8), contentType)));
    }
}
