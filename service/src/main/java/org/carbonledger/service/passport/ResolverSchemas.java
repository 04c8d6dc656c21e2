package org.carbonledger.service.passport;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The GS1 resolver description file as the OpenAPI document describes it. */
public final class ResolverSchemas {
    private ResolverSchemas() {
    }

    @Schema(name = "ResolverLinkTypeNamespace", description = "A link type namespace and the prefix that abbreviates it")
    public record LinkTypeNamespace(
            @Schema(example = "https://gs1.org/voc/") String namespace,
            @Schema(example = "gs1:") String prefix) {
    }

    @Schema(name = "ResolverDescription",
            description = "GS1 resolver description file (GS1-Conformant Resolver standard), at /.well-known/gs1resolver")
    public record Description(
            String name,
            @Schema(description = "Scheme and host this resolver answers at", example = "https://passport.example.com")
            String resolverRoot,
            @Schema(description = "GS1 Application Identifiers of the primary keys resolved", example = "[\"01\"]")
            List<String> supportedPrimaryKeys,
            List<LinkTypeNamespace> supportedLinkType,
            boolean linkTypeDefaultCanBeLinkset,
            @Schema(description = "JSON-LD context of the linksets") String jsonLdContextLocation) {
    }
}
