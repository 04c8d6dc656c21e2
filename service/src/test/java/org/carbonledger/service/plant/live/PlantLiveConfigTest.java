package org.carbonledger.service.plant.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.Lot;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.quantity.Quantity;
import org.junit.jupiter.api.Test;

/** The live view's configuration as an operator writes it: what is accepted, what is refused and which field. */
class PlantLiveConfigTest {

    private static String field(Runnable r) {
        try {
            r.run();
        } catch (LedgerRuleException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void rules_take_the_scope_their_kind_watches_and_default_to_warning() {
        AlertRule silent = AlertRule.fromJson(Json.parseObject("{\"kind\":\"device_silent\",\"silentIntervals\":3}", "b"));
        assertThat(silent.scope()).isEqualTo(AlertRule.Scope.DEVICE);
        assertThat(silent.severity()).isEqualTo(AlertRule.Severity.WARNING);
        assertThat(silent.covers("meter-1")).isTrue();
        AlertRule projected = AlertRule.fromJson(Json.parseObject(
                "{\"kind\":\"PROJECTED_OVER_TARGET\",\"subject\":\"9506000134352/L-1\",\"severity\":\"CRITICAL\"}", "b"));
        assertThat(projected.subject()).contains("09506000134352/L-1");
        assertThat(projected.covers("09506000134352/L-2")).isFalse();
        AlertRule rate = AlertRule.fromJson(Json.parseObject(
                "{\"kind\":\"RATE_ABOVE\",\"scope\":\"BATCH\",\"thresholdKgCo2ePerHour\":\"12.5\",\"forMinutes\":5}", "b"));
        assertThat(rate.threshold()).contains(new BigDecimal("12.5"));
        assertThat(rate.forMinutes()).isEqualTo(5);
    }

    @Test
    void rules_that_cannot_be_watched_are_refused_naming_the_field() {
        assertThat(field(() -> AlertRule.fromJson(Json.parseObject("{\"kind\":\"RATE_ABOVE\",\"scope\":\"LINE\"}", "b"))))
                .contains("thresholdKgCo2ePerHour");
        assertThat(field(() -> AlertRule.fromJson(Json.parseObject(
                "{\"kind\":\"RATE_ABOVE\",\"thresholdKgCo2ePerHour\":\"1\"}", "b")))).contains("scope");
        assertThat(field(() -> AlertRule.fromJson(Json.parseObject("{\"kind\":\"DEVICE_SILENT\"}", "b"))))
                .contains("silentIntervals");
        assertThat(field(() -> AlertRule.fromJson(Json.parseObject(
                "{\"kind\":\"READING_IMPLAUSIBLE\",\"scope\":\"LINE\"}", "b")))).contains("scope");
        assertThat(field(() -> AlertRule.fromJson(Json.parseObject("{\"kind\":\"TOO_HOT\"}", "b")))).contains("kind");
        assertThat(field(() -> AlertRule.fromJson(Json.parseObject(
                "{\"kind\":\"PROJECTED_OVER_TARGET\",\"subject\":\"meter-1\"}", "b")))).contains("subject");
        assertThat(field(() -> AlertRule.fromJson(Json.parseObject(
                "{\"kind\":\"RATE_ABOVE\",\"scope\":\"LINE\",\"thresholdKgCo2ePerHour\":\"1\",\"forMinutes\":-1}",
                "b")))).contains("forMinutes");
    }

    @Test
    void plausibility_is_compared_exactly_in_the_range_unit() {
        DeviceProfile p = DeviceProfile.fromJson(new DeviceId("meter-1"), Json.parseObject("""
                {"line":"press-1","factorId":"grid","expectedIntervalSeconds":60,
                 "plausible":{"min":"0.5","max":"50","unit":"kWh"}}""", "b"));
        assertThat(p.isPlausible(Quantity.parse("0.05", "MWh", "q"))).isTrue();
        assertThat(p.isPlausible(Quantity.parse("0.050000001", "MWh", "q"))).isFalse();
        assertThat(p.isPlausible(Quantity.parse("0.5", "kWh", "q"))).isTrue();
        assertThat(p.isPlausible(Quantity.parse("0.499999999", "kWh", "q"))).isFalse();
        assertThat(p.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.batch()).isEmpty();
        assertThatThrownBy(() -> p.isPlausible(Quantity.parse("1", "kg", "q"))).isInstanceOf(LedgerRuleException.class);
    }

    @Test
    void a_batch_target_needs_a_quantity_and_an_end_after_its_start() {
        BatchKey batch = new BatchKey(Gtin.parse("09506000134352", "gtin"), Lot.parse("L-1", "lot"));
        Instant now = Instant.parse("2026-12-07T08:00:00Z");
        BatchTarget t = BatchTarget.fromJson(batch, Json.parseObject("""
                {"targetKgCo2ePerUnit":"2.50","plannedQuantity":{"amount":"1000","unit":"piece"},
                 "plannedEnd":"2026-12-07T20:00:00Z"}""", "b"), now);
        assertThat(t.startedAt()).isEqualTo(now);
        assertThat(t.toJson().get("targetKgCo2ePerUnit").orElseThrow().toString()).contains("2.5");
        assertThat(field(() -> BatchTarget.fromJson(batch, Json.parseObject("""
                {"targetKgCo2ePerUnit":"2","plannedQuantity":{"amount":"0","unit":"piece"},
                 "plannedEnd":"2026-12-07T20:00:00Z"}""", "b"), now))).contains("plannedQuantity.amount");
        assertThat(field(() -> BatchTarget.fromJson(batch, Json.parseObject("""
                {"targetKgCo2ePerUnit":"2","plannedQuantity":{"amount":"5","unit":"piece"},
                 "plannedEnd":"2026-12-07T07:00:00Z"}""", "b"), now))).contains("plannedEnd");
        assertThat(field(() -> new DeviceProfile(new DeviceId("m"), "l", "f", Quantity.parse("1", "kWh", "q"),
                Quantity.parse("1", "m3", "q"), Duration.ofSeconds(5), Optional.empty()))).contains("plausible.unit");
    }

    @Test
    void webhook_urls_must_be_absolute_http_without_credentials() {
        assertThat(AlertWebhooks.validUrl("https://ops.example.com/hooks?x=1").getHost()).isEqualTo("ops.example.com");
        for (String bad : new String[] {"ftp://x/y", "/relative", "https://user:pw@host/x", "https://host/x#frag",
                "not a url"}) {
            assertThat(field(() -> AlertWebhooks.validUrl(bad))).as(bad).contains("url");
        }
    }
}
