package org.carbonledger.service.openapi;

import java.net.URI;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * Short, public addresses of the API description. The document itself ({@code /openapi/carbonledger.yml}) and the
 * Swagger UI ({@code /swagger-ui/index.html}) are generated at build time from the controllers and served as static
 * resources.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
final class OpenApiController {
    /** The generated OpenAPI document. */
    static final String DOCUMENT = "/openapi/carbonledger.yml";
    /** The browsable UI. */
    static final String UI = "/swagger-ui/index.html";

    @Get(uris = {"/openapi", "/swagger-ui"})
    HttpResponse<?> ui() {
        return HttpResponse.seeOther(URI.create(UI));
    }
}
