package org.carbonledger.client.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ReplaysTest {
    private static JsonObject json(String text) {
        return Json.parseObject(text, "test");
    }

    @Test
    void a_request_repeats_a_stored_object_that_holds_every_member_it_sent() {
        assertThat(Replays.difference(json("{\"gtin\":\"09506000134352\",\"name\":\"Coil\"}"),
                json("{\"gtin\":\"09506000134352\",\"name\":\"Coil\",\"ownerMspId\":\"SteelCoMSP\",\"txId\":\"t1\"}"))).isEmpty();
    }

    @Test
    void a_different_value_is_named_by_its_path() {
        assertThat(Replays.difference(json("{\"quantity\":{\"amount\":\"10\",\"unit\":\"t\"}}"),
                json("{\"quantity\":{\"amount\":\"10\",\"unit\":\"kg\"}}"))).contains("quantity.unit");
        assertThat(Replays.difference(json("{\"comment\":\"x\"}"), json("{}"))).contains("comment");
    }

    @Test
    void values_the_ledger_normalises_are_compared_as_values() {
        assertThat(Replays.difference(json("{\"gtin\":\"9506000134352\"}"), json("{\"gtin\":\"09506000134352\"}"))).isEmpty();
        assertThat(Replays.difference(json("{\"validFrom\":\"2026-01-01T00:00:00.000Z\"}"),
                json("{\"validFrom\":\"2026-01-01T00:00:00Z\"}"))).isEmpty();
        assertThat(Replays.difference(json("{\"amount\":\"25000.0\"}"), json("{\"amount\":\"25000\"}"))).isEmpty();
        assertThat(Replays.difference(json("{\"sealHash\":\"" + "AB".repeat(32) + "\"}"),
                json("{\"sealHash\":\"" + "ab".repeat(32) + "\"}"))).isEmpty();
        assertThat(Replays.difference(json("{\"amount\":\"25000.1\"}"), json("{\"amount\":\"25000\"}"))).contains("amount");
    }

    @Test
    void the_same_public_key_in_another_pem_layout_is_the_same_device_key() {
        DeviceKeyPair key = DeviceKeyPair.generate(new SecureRandom());
        String pem = key.publicKey().toPem();
        String crlf = pem.replace("\n", "\r\n");
        assertThat(Replays.difference(JsonObject.builder().put("publicKeyPem", crlf).build(),
                JsonObject.builder().put("publicKeyPem", pem).build())).isEmpty();
        String other = DeviceKeyPair.generate(new SecureRandom()).publicKey().toPem();
        assertThat(Replays.difference(JsonObject.builder().put("publicKeyPem", other).build(),
                JsonObject.builder().put("publicKeyPem", pem).build())).contains("publicKeyPem");
    }
}
