package org.carbonledger.service.passport;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The GS1 resolver description file as the OpenAPI document describes it. */
public final class ResolverSchemas {
    private ResolverSchemas() {
    }

    @Schema(name = "ResolverLinkType")
    public record LinkType(String linkType, String title) {
    }

    @Schema(name = "ResolverDescription",
            description = "GS1 resolver description file (GS1-Conformant resolver standard)")
    public record Description(
            String name,
            String resolverRoot,
            List<String> supportedPrimaryKeys,
            List<String> supportedQualifiers,
            boolean linkTypeDefaultCanBeLinkset,
            List<LinkType> supportedLinkTypes,
            List<Object> supportedContextValuesEnumerated,
            List<String> contentNegotiation) {
    }
}
