package org.carbonledger.service.pact;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.carbonledger.service.http.ApiSchemas;

/** The bodies of {@code /api/v1/pact/grants} as the OpenAPI document describes them. */
public final class PactGrantSchemas {
    private PactGrantSchemas() {
    }

    @Schema(name = "PactGrant", description = "A PACT partner's client may see the footprints of one product",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record Grant(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN, maxLength = 64,
                    description = "The partner's OAuth client of this service (role pact)",
                    example = "applianceco-pact") String clientId,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.GTIN, example = "09506000134352") String gtin,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN, maxLength = 64,
                    description = "The admin client that granted it") String grantedBy,
            @Schema(requiredMode = REQUIRED, format = "date-time", pattern = ApiSchemas.INSTANT) String grantedAt) {
    }

    @Schema(name = "PactGrantList", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record GrantList(@Schema(requiredMode = REQUIRED) List<Grant> items) {
    }

    @Schema(name = "PactCallbackInput", additionalProperties = Schema.AdditionalPropertiesValue.FALSE,
            description = "This service's client credentials at the partner's token endpoint")
    public record CallbackInput(
            @Schema(requiredMode = REQUIRED, minLength = 1, maxLength = 255, example = "steelco-at-applianceco")
            String clientId,
            @Schema(requiredMode = REQUIRED, minLength = 1, maxLength = 1024, format = "password") String clientSecret) {
    }

    @Schema(name = "PactCallback", additionalProperties = Schema.AdditionalPropertiesValue.FALSE,
            description = "How this service answers a partner client's requests (the secret is never shown)")
    public record Callback(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN, maxLength = 64,
                    description = "The partner's OAuth client of this service") String clientId,
            @Schema(requiredMode = REQUIRED, maxLength = 255, description = "The client id presented at the partner")
            String callbackClientId,
            @Schema(requiredMode = REQUIRED, description = "Always true: a secret is set") boolean secretSet,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN, maxLength = 64) String setBy,
            @Schema(requiredMode = REQUIRED, format = "date-time", pattern = ApiSchemas.INSTANT) String setAt) {
    }
}
