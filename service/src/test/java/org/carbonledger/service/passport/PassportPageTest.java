package org.carbonledger.service.passport;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.carbonledger.core.identifier.DigitalLink;
import org.carbonledger.core.pact.FootprintFacts;
import org.carbonledger.core.verify.BundledBatch;
import org.carbonledger.service.footprint.WorkedExampleReadModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The passport page in both languages, rendered from the worked example's washing machines without a database. */
class PassportPageTest {
    private static final List<String> TERMS = List.of("co2e", "boundary", "scope", "assurance", "seal");

    private static Passport washers() {
        FootprintFacts facts = PassportVerificationTest.washers(List.of(PassportVerificationTest.VERIFIED),
                Set.of("CertCoMSP"));
        return Passport.of(DigitalLink.of("https://passport.example.com", WorkedExampleReadModel.WASHERS), facts,
                PassportVerificationTest.WITHIN);
    }

    @Test
    void both_bundles_have_the_same_keys_and_the_same_placeholders() {
        Map<String, String> en = PassportLanguage.EN.texts();
        Map<String, String> zh = PassportLanguage.ZH.texts();
        assertThat(zh.keySet()).isEqualTo(en.keySet());
        for (String key : en.keySet()) {
            assertThat(placeholders(zh.get(key))).as(key).isEqualTo(placeholders(en.get(key)));
        }
    }

    private static Set<String> placeholders(String text) {
        Matcher m = Pattern.compile("\\{\\d}").matcher(text);
        return m.results().map(r -> r.group()).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "null, null, EN",
        "null, '', EN",
        "null, zh-CN, ZH",
        "null, 'zh-TW,zh;q=0.9', ZH",
        "null, 'en;q=0.5, zh;q=0.9', ZH",
        "null, 'zh;q=0.4, en-GB;q=0.8', EN",
        "null, 'fr-FR, zh;q=0.3', ZH",
        "null, 'fr-FR, de', EN",
        "null, 'zh;q=0, fr', EN",
        "null, '*', EN",
        "null, 'zh;q=nonsense', EN",
        "zh, 'en-US', ZH",
        "en, 'zh-CN', EN",
        "klingon, 'zh-CN', ZH"})
    void the_switch_wins_then_accept_language_by_q_value_then_english(String lang, String header,
                                                                       PassportLanguage expected) {
        assertThat(PassportLanguage.choose(lang, header)).isEqualTo(expected);
    }

    @Test
    void the_chinese_page_is_declared_chinese_and_has_no_english_text_left() {
        String zh = PassportPage.render(washers(), PassportLanguage.ZH);
        assertThat(zh).startsWith("<!doctype html><html lang=\"zh-Hans\">")
                .contains("碳足迹", "千克二氧化碳当量 / 件", "从摇篮到工厂大门", "已经独立核查", "合理保证",
                        "2026年12月2日 封存于碳账本", "1 家供应商应其要求未具名")
                .contains("<a id=\"lang-en\" href=\"?lang=en\"");
        assertNoEnglishLeft(zh);
        String en = PassportPage.render(washers(), PassportLanguage.EN);
        assertThat(en).startsWith("<!doctype html><html lang=\"en\">").contains("<a id=\"lang-zh\" href=\"?lang=zh\"")
                .contains("Dec 2, 2026 on the Carbon Ledger").doesNotContain("碳足迹");
    }

    /**
     * Every English sentence of the bundle is absent from a Chinese page (the shortest words may recur as names, e.g.
     * "GTIN", so only texts of some length are looked for).
     */
    static void assertNoEnglishLeft(String zh) {
        for (Map.Entry<String, String> e : PassportLanguage.EN.texts().entrySet()) {
            String english = e.getValue().replaceAll("\\{\\d}", "").trim();
            if (english.length() >= 12) {
                assertThat(zh).as(e.getKey()).doesNotContain(english.substring(0, 12));
            }
        }
    }

    private static ProductPage.View product(Optional<String> requestedLot, Optional<ProductPage.LotStatus> status,
                                            long count, List<ProductPage.Lot> lots) {
        return new ProductPage.View("Washing <machine>", "09506000134390", "/01/09506000134390",
                Optional.of("ApplianceCo"), requestedLot, status, count, lots);
    }

    private static final List<ProductPage.Lot> WASHER_LOTS = List.of(
            new ProductPage.Lot("WM-2611-001", "/01/09506000134390/10/WM-2611-001"),
            new ProductPage.Lot("WM/7", "/01/09506000134390/10/WM%2F7"));

    @Test
    void the_chinese_product_page_is_declared_chinese_groups_its_count_and_has_no_english_text_left() {
        String zh = ProductPage.render(product(Optional.of("NO-SUCH"), Optional.of(ProductPage.LotStatus.UNKNOWN),
                2064, WASHER_LOTS), PassportLanguage.ZH, false);
        assertThat(zh).startsWith("<!doctype html><html lang=\"zh-Hans\">")
                .contains("<title>Washing &lt;machine&gt;：各批次的碳足迹</title>", ">商品<", "生产商：ApplianceCo",
                        "批次 NO-SUCH 不在碳账本上。这是其所属商品的页面。", "共 2,064 个已封存批次，最新的：",
                        "<a href=\"/01/09506000134390/10/WM%2F7\">批次 WM/7</a>",
                        "<a id=\"lang-en\" href=\"?lang=en\"", "<span aria-current=\"true\">中文</span>",
                        "<a href=\"/01/09506000134390?linkType=all\">全部链接</a>")
                .doesNotContain("<machine>");
        assertNoEnglishLeft(zh);
        String en = ProductPage.render(product(Optional.of("WM-2611-002"),
                Optional.of(ProductPage.LotStatus.NOT_SEALED), 2064, WASHER_LOTS), PassportLanguage.EN, false);
        assertThat(en).startsWith("<!doctype html><html lang=\"en\">")
                .contains("Lot WM-2611-002 has no sealed carbon footprint yet.", "2,064 sealed lots; the newest:",
                        "<a id=\"lang-zh\" href=\"?lang=zh\"", "made by ApplianceCo")
                .doesNotContain("碳");
    }

    @Test
    void the_product_page_counts_one_lot_in_the_singular_and_says_when_there_is_none() {
        assertThat(ProductPage.render(product(Optional.empty(), Optional.empty(), 1, WASHER_LOTS.subList(0, 1)),
                PassportLanguage.EN, false)).contains("1 sealed lot:").doesNotContain("requested-lot");
        assertThat(ProductPage.render(product(Optional.empty(), Optional.empty(), 0, List.of()),
                PassportLanguage.ZH, false)).contains("该商品尚无任何批次封存了碳足迹。").doesNotContain("<ul>");
    }

    @Test
    void a_language_chosen_with_the_switch_is_kept_on_the_way_to_a_lot() {
        String chosen = ProductPage.render(product(Optional.empty(), Optional.empty(), 2, WASHER_LOTS),
                PassportLanguage.ZH, true);
        assertThat(chosen).contains("<a href=\"/01/09506000134390/10/WM-2611-001?lang=zh\">",
                "<a href=\"/01/09506000134390/10/WM%2F7?lang=zh\">");
    }

    @Test
    void error_pages_explain_in_the_readers_language_and_keep_the_technical_detail() {
        String zh = PassportPage.error(404, PassportLanguage.ZH, "unknownProduct", "No product <x>", "09506000134307");
        assertThat(zh).startsWith("<!doctype html><html lang=\"zh-Hans\">")
                .contains("<title>404 未知商品</title>", "碳账本上没有登记 GTIN 为 09506000134307 的商品。",
                        "<summary>技术细节（HTTP 404，英文）</summary><p lang=\"en\">No product &lt;x&gt;</p>");
        String en = PassportPage.error(400, PassportLanguage.EN, "identifier", "gtin: check digit");
        assertThat(en).startsWith("<!doctype html><html lang=\"en\">")
                .contains("<h1>Not a valid product code</h1>", "Technical details (HTTP 400)</summary><p>gtin");
        for (String kind : List.of("identifier", "unknownProduct", "linkType", "noSuchLink", "qr")) {
            assertNoEnglishLeft(PassportPage.error(400, PassportLanguage.ZH, kind, "", "1"));
        }
    }

    @Test
    void every_term_a_consumer_may_not_know_has_its_explanation_in_both_languages() {
        for (PassportLanguage l : PassportLanguage.values()) {
            String html = PassportPage.render(washers(), l);
            for (String term : TERMS) {
                Matcher m = Pattern.compile("<details class=\"term\" id=\"term-" + term
                        + "\"><summary>([^<]+)</summary>((?:<p>[^<]+</p>)+)</details>").matcher(html);
                assertThat(m.find()).as(l + " " + term).isTrue();
                assertThat(m.group(2).length()).as(l + " " + term + " explanation").isGreaterThan(40);
            }
        }
        String en = PassportPage.render(washers(), PassportLanguage.EN);
        assertThat(en).contains("Scope 1:", "Scope 2:", "Scope 3:", "Limited assurance:", "Reasonable assurance:",
                "carbonctl verify");
    }

    @Test
    void the_data_quality_figures_say_what_each_measures_and_add_up() {
        Passport p = washers();
        // The worked example: 22.6 % of the CO2e is measured, while every one of the 11 readings is device-signed.
        // Two readings report gases; the other nine are activity amounts converted with emission factors.
        long withGases = PassportVerificationTest.BUNDLE.batches().values().stream().map(BundledBatch::records)
                .flatMap(List::stream).filter(r -> r.record().has("gases")).count();
        PassportPage.DataQuality dq = PassportPage.DataQuality.of(p.facts().provenance());
        assertThat(dq.measuredPercent()).isEqualByComparingTo("22.6");
        assertThat(dq.calculatedPercent()).isEqualByComparingTo("77.4");
        assertThat(dq.measuredPercent().add(dq.calculatedPercent())).isEqualByComparingTo("100.0");
        assertThat(dq.readings()).isEqualTo(11);
        assertThat(dq.measuredReadings()).isEqualTo((int) withGases).isEqualTo(2);
        assertThat(dq.activityReadings()).isEqualTo(9);

        String html = PassportPage.render(p, PassportLanguage.EN);
        assertThat(html).contains("22.6 % of the footprint comes from emissions measured at the source",
                "77.4 % is calculated: measured amounts of electricity, fuel or material multiplied by published "
                        + "emission factors",
                "11 readings, each signed by the meter that took it: 2 of emissions, 9 of amounts used")
                .doesNotContain("measured at the source</dd><dt>Readings</dt><dd>11 signed by metering devices");
        assertThat(PassportPage.render(p, PassportLanguage.ZH)).contains("碳足迹的 22.6% 来自", "77.4% 为计算所得",
                "共 11 条读数", "其中排放读数 2 条，用量读数 9 条");
    }

    @Test
    void decimals_are_grouped_per_language_without_losing_a_digit() {
        assertThat(PassportLanguage.EN.decimal(new BigDecimal("1234567890123456789.1234567890123"))).isEqualTo(
                "1,234,567,890,123,456,789.1234567890123");
        assertThat(PassportLanguage.ZH.decimal(new BigDecimal("85.54"))).isEqualTo("85.54");
        assertThat(PassportLanguage.EN.decimal(new BigDecimal("-1234.50"))).isEqualTo("-1,234.50");
        assertThat(PassportLanguage.EN.decimal(new BigDecimal("999"))).isEqualTo("999");
        assertThat(PassportLanguage.EN.integer(2064)).isEqualTo("2,064");
        assertThat(PassportLanguage.ZH.date(Instant.parse("2026-12-02T23:30:00Z"))).isEqualTo("2026年12月2日");
    }

    @Test
    void the_footprint_keeps_the_sealed_digits() {
        String html = PassportPage.render(washers(), PassportLanguage.ZH);
        assertThat(html).contains("<div class=\"big\" id=\"footprint\">85.54</div>")
                .contains("另有 0.1076 千克生物源二氧化碳");
    }
}
