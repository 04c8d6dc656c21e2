package org.carbonledger.service.plant.live;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.carbonledger.service.http.ApiSchemas;

/** The bodies of {@code /api/v1/plant/…} as the OpenAPI document describes them (docs/plant-integration.md). */
public final class PlantLiveSchemas {
    private PlantLiveSchemas() {
    }

    @Schema(name = "PlantPlausibleRange", description = "The plausible range of one reading")
    public record Plausible(@Schema(requiredMode = REQUIRED, pattern = ApiSchemas.AMOUNT) String min,
                            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.AMOUNT) String max,
                            @Schema(requiredMode = REQUIRED, example = "kWh") String unit) {
    }

    @Schema(name = "PlantDeviceProfileInput", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record DeviceProfileInput(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN, maxLength = 64, example = "press-line-1")
            String line,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN, maxLength = 64, example = "cn-grid-2022",
                    description = "A factor published on the ledger; its unit must measure what the device measures")
            String factorId,
            @Schema(requiredMode = REQUIRED, minimum = "1", maximum = "86400") long expectedIntervalSeconds,
            @Schema(requiredMode = REQUIRED) Plausible plausible,
            @Schema(description = "The open batch the device's readings count towards") ApiSchemas.BatchRefInput batch) {
    }

    @Schema(name = "PlantDeviceProfile")
    public record DeviceProfile(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String deviceId,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String line,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String factorId,
            @Schema(requiredMode = REQUIRED) long expectedIntervalSeconds,
            @Schema(requiredMode = REQUIRED) Plausible plausible,
            ApiSchemas.BatchRef batch) {
    }

    @Schema(name = "PlantDeviceProfileList")
    public record DeviceProfileList(@Schema(requiredMode = REQUIRED) List<DeviceProfile> items) {
    }

    @Schema(name = "PlantBatchTargetInput", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record BatchTargetInput(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.AMOUNT, example = "2.5",
                    description = "kgCO2e per one unit of plannedQuantity") String targetKgCo2ePerUnit,
            @Schema(requiredMode = REQUIRED) ApiSchemas.QuantityInput plannedQuantity,
            @Schema(format = "date-time", pattern = ApiSchemas.INSTANT, description = "Default: now") String startedAt,
            @Schema(requiredMode = REQUIRED, format = "date-time", pattern = ApiSchemas.INSTANT) String plannedEnd) {
    }

    @Schema(name = "PlantBatchTarget")
    public record BatchTarget(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.GTIN) String gtin,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.LOT) String lot,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.DECIMAL) String targetKgCo2ePerUnit,
            @Schema(requiredMode = REQUIRED) ApiSchemas.Quantity plannedQuantity,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.INSTANT) String startedAt,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.INSTANT) String plannedEnd) {
    }

    @Schema(name = "PlantBatchTargetList")
    public record BatchTargetList(@Schema(requiredMode = REQUIRED) List<BatchTarget> items) {
    }

    @Schema(name = "PlantAlertRuleInput", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record AlertRuleInput(
            @Schema(requiredMode = REQUIRED, type = "string", allowableValues = {"RATE_ABOVE", "PROJECTED_OVER_TARGET",
                    "DEVICE_SILENT", "READING_IMPLAUSIBLE"}) String kind,
            @Schema(type = "string", allowableValues = {"DEVICE", "LINE", "BATCH"},
                    description = "Required for RATE_ABOVE; the others have one scope") String scope,
            @Schema(description = "One device id, line or batch (gtin/lot); absent: every one") String subject,
            @Schema(pattern = ApiSchemas.AMOUNT, description = "RATE_ABOVE: kgCO2e per hour")
            String thresholdKgCo2ePerHour,
            @Schema(minimum = "0", maximum = "1440", description = "RATE_ABOVE: minutes above before it is raised")
            Integer forMinutes,
            @Schema(minimum = "1", maximum = "1000", description = "DEVICE_SILENT: expected intervals without a reading")
            Integer silentIntervals,
            @Schema(type = "string", allowableValues = {"WARNING", "CRITICAL"}, description = "Default WARNING") String severity) {
    }

    @Schema(name = "PlantAlertRule")
    public record AlertRule(@Schema(requiredMode = REQUIRED) long id,
                            @Schema(requiredMode = REQUIRED) String kind,
                            @Schema(requiredMode = REQUIRED) String scope,
                            String subject, String thresholdKgCo2ePerHour, Integer forMinutes,
                            Integer silentIntervals,
                            @Schema(requiredMode = REQUIRED) String severity) {
    }

    @Schema(name = "PlantAlertRuleList")
    public record AlertRuleList(@Schema(requiredMode = REQUIRED) List<AlertRule> items) {
    }

    @Schema(name = "PlantAlert")
    public record Alert(@Schema(requiredMode = REQUIRED) long id,
                        @Schema(requiredMode = REQUIRED) long ruleId,
                        @Schema(requiredMode = REQUIRED) String kind,
                        @Schema(requiredMode = REQUIRED) String severity,
                        @Schema(requiredMode = REQUIRED, example = "line press-line-1") String subject,
                        @Schema(requiredMode = REQUIRED) String message,
                        @Schema(pattern = ApiSchemas.DECIMAL) String observed,
                        @Schema(requiredMode = REQUIRED, type = "string", allowableValues = {"OPEN", "ACKNOWLEDGED", "CLEARED"})
                        String state,
                        @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.INSTANT) String raisedAt,
                        @Schema(pattern = ApiSchemas.INSTANT) String acknowledgedAt,
                        @Schema(description = "The client that acknowledged it") String acknowledgedBy,
                        @Schema(pattern = ApiSchemas.INSTANT) String clearedAt) {
    }

    @Schema(name = "PlantAlertList")
    public record AlertList(@Schema(requiredMode = REQUIRED) List<Alert> items) {
    }

    @Schema(name = "PlantLiveSnapshot", description = "The live figures: per device, line and open batch")
    public record Snapshot(@Schema(requiredMode = REQUIRED, pattern = ApiSchemas.INSTANT) String at,
                           @Schema(requiredMode = REQUIRED) long windowSeconds,
                           @Schema(requiredMode = REQUIRED) List<Object> devices,
                           @Schema(requiredMode = REQUIRED) List<Object> lines,
                           @Schema(requiredMode = REQUIRED) List<Object> batches,
                           @Schema(requiredMode = REQUIRED) List<Alert> alerts) {
    }

    @Schema(name = "PlantWebhookInput", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record WebhookInput(@Schema(requiredMode = REQUIRED, maxLength = 2000, example = "https://ops.example.com/hooks/carbon")
                               String url) {
    }

    @Schema(name = "PlantWebhookCreated", description = "The secret is shown this once")
    public record WebhookCreated(@Schema(requiredMode = REQUIRED) long id,
                                 @Schema(requiredMode = REQUIRED) String url,
                                 @Schema(requiredMode = REQUIRED, format = "password",
                                         description = "The HMAC-SHA256 key of the signature header") String secret) {
    }

    @Schema(name = "PlantWebhook")
    public record Webhook(@Schema(requiredMode = REQUIRED) long id,
                          @Schema(requiredMode = REQUIRED) String url,
                          @Schema(requiredMode = REQUIRED) String createdBy,
                          @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.INSTANT) String createdAt) {
    }

    @Schema(name = "PlantWebhookList")
    public record WebhookList(@Schema(requiredMode = REQUIRED) List<Webhook> items) {
    }
}
