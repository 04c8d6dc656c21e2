package org.carbonledger.service.passport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.passport.ResolverControllerTest.CANONICAL_WASHERS;
import static org.carbonledger.service.passport.ResolverControllerTest.WASHERS_PATH;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObjectReader;
import org.junit.jupiter.api.Test;

/**
 * A second organization's service: another public URL than {@link ResolverControllerTest}'s, the same resolver base.
 * Both render the QR code of a batch with the same payload, so a label does not depend on which service printed it.
 * The QR route reads no ledger data, so this service needs no read model.
 */
@MicronautTest(transactional = false)
@Property(name = "carbonledger.passport.base-url", value = "https://certco.example")
@Property(name = "carbonledger.passport.resolver-base-url", value = "https://passport.example.com/")
class CanonicalQrCodeTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void another_service_with_the_same_resolver_base_renders_the_same_qr_payload() throws Exception {
        HttpResponse<byte[]> png = client.toBlocking().exchange(HttpRequest.GET(WASHERS_PATH + "?format=qr-png&size=4"),
                byte[].class);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(QrCodeTest.decode(image)).isEqualTo(CANONICAL_WASHERS);
        HttpResponse<String> svg = client.toBlocking().exchange(HttpRequest.GET(WASHERS_PATH + "?format=qr-svg"),
                Argument.of(String.class), Argument.of(String.class));
        assertThat(svg.body()).isEqualTo(QrCode.of(CANONICAL_WASHERS).svg());
        assertThat(svg.header(HttpHeaders.LINK)).startsWith("<" + CANONICAL_WASHERS + "?");
        // Its own resolver description names its own root: the public URLs differ, the links do not.
        HttpResponse<String> description = client.toBlocking().exchange(HttpRequest.GET("/.well-known/gs1resolver"),
                Argument.of(String.class), Argument.of(String.class));
        assertThat(JsonObjectReader.of(Json.parseObject(description.body(), "d"), "").requireString("resolverRoot"))
                .isEqualTo("https://certco.example");
    }
}
