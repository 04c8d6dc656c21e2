package org.carbonledger.service.plant.live;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The live plant page and its script and style. They are public because they hold no data: the page signs in with
 * an OAuth client of the organization and reads everything through the authenticated API
 * ({@link PlantLiveController}). Same-origin only, by its content security policy.
 */
@Controller("/plant")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
class LivePageController {

    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    private final Map<String, byte[]> files = Map.of(
            "live.html", read("live.html"), "live.js", read("live.js"), "live.css", read("live.css"));

    private static byte[] read(String name) {
        try (InputStream in = LivePageController.class.getResourceAsStream("/plant-live/" + name)) {
            if (in == null) {
                throw new IllegalStateException("plant-live/" + name + " is missing from the service jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<byte[]> file(String name, String type) {
        return HttpResponse.ok(files.get(name)).contentType(type + ";charset=utf-8")
                .header("Content-Security-Policy", POLICY).header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-cache");
    }

    @Get(uri = "/live", produces = MediaType.TEXT_HTML)
    HttpResponse<byte[]> page() {
        return file("live.html", MediaType.TEXT_HTML);
    }

    @Get(uri = "/live.js", produces = "text/javascript")
    HttpResponse<byte[]> script() {
        return file("live.js", "text/javascript");
    }

    @Get(uri = "/live.css", produces = "text/css")
    HttpResponse<byte[]> style() {
        return file("live.css", "text/css");
    }
}
