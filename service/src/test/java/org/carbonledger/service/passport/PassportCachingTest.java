package org.carbonledger.service.passport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.passport.ResolverControllerTest.WASHERS_PATH;
import static org.carbonledger.service.passport.ResolverControllerTest.body;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.client.events.LedgerTransaction;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.Lot;
import org.carbonledger.service.footprint.WorkedExampleReadModel;
import org.carbonledger.service.sync.ChangeApplier;
import org.carbonledger.service.sync.ReadModelChanged;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The passport served from memory with validators, in the language asked for, and dropped when the read model
 * applies a change to one of its inputs; on the real embedded MariaDB holding the worked example.
 */
@MicronautTest(transactional = false)
@Property(name = "carbonledger.passport.base-url", value = "https://passport.example.com")
class PassportCachingTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ChangeApplier applier;

    @Inject
    PassportPages pages;

    @BeforeEach
    void readModel() {
        WorkedExampleReadModel.apply(applier);
        pages.invalidate(new ReadModelChanged(Set.of(), true));
    }

    HttpResponse<String> get(String uri, String... headers) {
        MutableHttpRequest<?> request = HttpRequest.GET(uri);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class));
    }

    @Test
    void accept_language_chooses_chinese_and_the_switch_wins_over_it() {
        HttpResponse<String> zh = get(WASHERS_PATH, HttpHeaders.ACCEPT_LANGUAGE, "zh-CN,zh;q=0.9,en;q=0.8");
        assertThat(zh.code()).isEqualTo(200);
        assertThat(body(zh)).startsWith("<!doctype html><html lang=\"zh-Hans\">").contains("碳足迹");
        assertThat(zh.header(HttpHeaders.CONTENT_LANGUAGE)).isEqualTo("zh-Hans");
        assertThat(zh.header(HttpHeaders.VARY)).contains("Accept-Language").contains("Accept");
        assertThat(zh.header(HttpHeaders.CONTENT_TYPE)).isEqualTo("text/html;charset=utf-8");

        HttpResponse<String> en = get(WASHERS_PATH + "?lang=en", HttpHeaders.ACCEPT_LANGUAGE, "zh-CN");
        assertThat(body(en)).startsWith("<!doctype html><html lang=\"en\">").doesNotContain("碳足迹");
        assertThat(body(get(WASHERS_PATH))).startsWith("<!doctype html><html lang=\"en\">");
        assertThat(body(get(WASHERS_PATH + "?lang=zh"))).contains("碳足迹");
    }

    @Test
    void a_page_has_a_strong_etag_and_if_none_match_gets_304_without_a_body() {
        HttpResponse<String> first = get(WASHERS_PATH);
        String etag = first.header(HttpHeaders.ETAG);
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(first.header(HttpHeaders.CACHE_CONTROL)).isEqualTo("public, max-age=60");

        HttpResponse<String> again = get(WASHERS_PATH, HttpHeaders.IF_NONE_MATCH, etag);
        assertThat(again.code()).isEqualTo(304);
        assertThat(body(again)).isEmpty();
        assertThat(again.header(HttpHeaders.ETAG)).isEqualTo(etag);
        assertThat(again.header(HttpHeaders.VARY)).contains("Accept-Language");
        assertThat(get(WASHERS_PATH, HttpHeaders.IF_NONE_MATCH, "W/" + etag).code()).isEqualTo(304);
        assertThat(get(WASHERS_PATH, HttpHeaders.IF_NONE_MATCH, "\"other\"").code()).isEqualTo(200);

        String zh = get(WASHERS_PATH, HttpHeaders.ACCEPT_LANGUAGE, "zh").header(HttpHeaders.ETAG);
        String json = get(WASHERS_PATH, HttpHeaders.ACCEPT, "application/json").header(HttpHeaders.ETAG);
        assertThat(Set.of(etag, zh, json)).as("each representation has its own validator").hasSize(3);
        assertThat(get(WASHERS_PATH, HttpHeaders.ACCEPT_LANGUAGE, "zh", HttpHeaders.IF_NONE_MATCH, etag).code())
                .as("the English validator does not validate the Chinese page").isEqualTo(200);
    }

    @Test
    void a_phone_that_accepts_gzip_gets_the_same_page_compressed_with_its_own_validator() throws Exception {
        HttpResponse<String> plain = get(WASHERS_PATH, HttpHeaders.ACCEPT_LANGUAGE, "zh");
        for (int i = 0; i < 2; i++) { // rendered, then from memory
            HttpResponse<byte[]> gz = client.toBlocking().exchange(HttpRequest.GET(WASHERS_PATH)
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "zh").header(HttpHeaders.ACCEPT_ENCODING, "gzip, br"),
                    Argument.of(byte[].class), Argument.of(String.class));
            assertThat(gz.code()).isEqualTo(200);
            byte[] body = gz.body();
            // The client may have decoded it already; either way the page is the uncompressed one, byte for byte.
            if (body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
                body = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
            }
            assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(body(plain));
            String etag = gz.header(HttpHeaders.ETAG);
            assertThat(etag).isNotEqualTo(plain.header(HttpHeaders.ETAG)).endsWith("-gzip\"");
            assertThat(client.toBlocking().exchange(HttpRequest.GET(WASHERS_PATH)
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "zh").header(HttpHeaders.ACCEPT_ENCODING, "gzip")
                    .header(HttpHeaders.IF_NONE_MATCH, etag), Argument.of(byte[].class), Argument.of(String.class))
                    .code()).isEqualTo(304);
        }
    }

    @Test
    void the_page_is_served_from_memory_until_a_change_touches_it() {
        HttpResponse<String> first = get(WASHERS_PATH);
        assertThat(pages.size()).isEqualTo(1);
        // A change to a batch outside the washers' provenance (a new open batch) keeps the page.
        applyChange("batch", "BATCH/" + WorkedExampleReadModel.COIL_OPEN.gtin() + "/" + WorkedExampleReadModel.COIL_OPEN.lot(),
                null);
        assertThat(pages.size()).isEqualTo(1);
        assertThat(get(WASHERS_PATH).header(HttpHeaders.ETAG)).isEqualTo(first.header(HttpHeaders.ETAG));

        // The producer renames itself: every page names it, so the page is rebuilt with the new name.
        applyChange("organization", "ORG/ApplianceCoMSP", "ApplianceCo Europe");
        try {
            assertThat(pages.size()).isZero();
            HttpResponse<String> renamed = get(WASHERS_PATH);
            assertThat(body(renamed)).contains("made by ApplianceCo Europe");
            assertThat(renamed.header(HttpHeaders.ETAG)).isNotEqualTo(first.header(HttpHeaders.ETAG));
        } finally {
            applyChange("organization", "ORG/ApplianceCoMSP", "ApplianceCo");
        }
        assertThat(body(get(WASHERS_PATH))).contains("made by ApplianceCo<").doesNotContain("Europe");
    }

    @Test
    void a_change_to_a_batch_upstream_drops_the_pages_built_on_it_and_only_those() {
        BatchId washers = WorkedExampleReadModel.WASHERS;
        get(WASHERS_PATH);
        get(WASHERS_PATH, HttpHeaders.ACCEPT_LANGUAGE, "zh");
        assertThat(pages.size()).isEqualTo(2);
        pages.invalidate(new ReadModelChanged(Set.of(new BatchId(Gtin.parse("09506000134352"), Lot.parse("NONE"))),
                false));
        assertThat(pages.size()).isEqualTo(2);
        pages.invalidate(new ReadModelChanged(Set.of(WorkedExampleReadModel.PELLETS), false));
        assertThat(pages.size()).as("the pellets are three tiers up the washers' chain").isZero();
        get(WASHERS_PATH);
        pages.invalidate(new ReadModelChanged(Set.of(washers), false));
        assertThat(pages.size()).isZero();
    }

    /** Applies one change as the sync would; {@code displayName} null re-applies the open coil batch unchanged. */
    private void applyChange(String type, String key, String displayName) {
        LedgerTransaction.Change change;
        if (displayName != null) {
            change = new LedgerTransaction.Change(type, key, Optional.of(WorkedExampleReadModel.org("ApplianceCoMSP",
                    displayName, true, "https://applianceco.example")));
        } else {
            change = new LedgerTransaction.Change(type, key, Optional.of(openCoil()));
        }
        applier.apply(new LedgerTransaction(3, "passport-cache-" + UUID.randomUUID(), "2026-12-12T09:00:00Z",
                "ApplianceCoMSP", "Test:Change", List.of(change)));
    }

    private static org.carbonledger.core.json.JsonObject openCoil() {
        return WorkedExampleReadModel.bundle().batch(WorkedExampleReadModel.COIL_7).orElseThrow().batch().json()
                .without("lot").without("status").without("seal").without("sealHash").without("sealedAt")
                .without("sealTxId").without("inbound").toBuilder()
                .put("lot", WorkedExampleReadModel.COIL_OPEN.lot().value()).put("status", "OPEN")
                .put("inbound", org.carbonledger.core.json.JsonArray.of()).build();
    }
}
