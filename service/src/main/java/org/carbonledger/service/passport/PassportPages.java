package org.carbonledger.service.passport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import org.carbonledger.core.attestation.AttestationStanding;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DigitalLink;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.pact.FootprintFacts;
import org.carbonledger.service.footprint.Footprints;
import org.carbonledger.service.sync.ReadModelChanged;

/**
 * The rendered passports of sealed batches, kept in memory and served with a strong {@code ETag}.
 *
 * <p>A sealed batch's passport changes only when the read model applies a change to one of its inputs: the batch
 * itself (a restatement), a batch, record or transfer of its provenance, one of its attestations, or a state every
 * page reads (organization profiles, roles, products, factors). {@link ChangeApplierHook} drops the pages such a
 * change touches once it is committed. The one input that is not in the read model is the clock: an attestation
 * comes into force or expires at a set instant, so a page is kept only until the next such instant.
 *
 * <p>A page computed from rows read before a change was committed must not outlive that change: each entry records
 * the invalidation generation it was computed in, and is dropped if an invalidation ran while it was being built.
 */
@Singleton
class PassportPages {
    static final int MAX_PAGES = 2048;
    /** Pages are rebuilt at least this often, so a missed event can do no lasting harm. */
    static final Duration MAX_AGE = Duration.ofHours(1);
    /** Every representation of the link varies by these: JSON or HTML, the HTML's language, and compression. */
    static final String VARY = HttpHeaders.ACCEPT + ", " + HttpHeaders.ACCEPT_LANGUAGE + ", "
            + HttpHeaders.ACCEPT_ENCODING;
    /** Browsers revalidate after a minute (an attestation can arrive at any time); the ETag makes that a 304. */
    static final String CACHE_CONTROL = "public, max-age=60";

    /**
     * One representation of a batch's passport.
     *
     * @param batch the batch
     * @param base the base of its Digital Link (the configured one, or the request's host when none is)
     * @param language its language (always {@link PassportLanguage#EN} for JSON, which has no text to translate)
     * @param json JSON rather than HTML
     */
    record Key(BatchId batch, String base, PassportLanguage language, boolean json) {
        Key {
            Objects.requireNonNull(batch, "batch");
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(language, "language");
        }
    }

    /**
     * A rendered page.
     *
     * @param body the bytes served
     * @param gzip the same, compressed once here rather than on every answer to a phone that accepts gzip
     * @param etag strong validator over the bytes (the compressed bytes have their own, as RFC 9110 asks)
     * @param inputs the batches whose changes make it stale (the batch and its whole provenance)
     * @param freshUntil when the clock may change what it says
     */
    record Page(byte[] body, byte[] gzip, String etag, Set<BatchId> inputs, Instant freshUntil) {
        String etag(boolean gzipped) {
            return gzipped ? etag.substring(0, etag.length() - 1) + "-gzip\"" : etag;
        }
    }

    private final Footprints footprints;
    private final ConcurrentHashMap<Key, Page> pages = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    PassportPages(Footprints footprints) {
        this.footprints = footprints;
    }

    /**
     * Serves a page from memory: 200, or 304 when {@code If-None-Match} names it.
     *
     * @return empty when the page is not held (the caller reads the read model and calls {@link #serve})
     */
    Optional<MutableHttpResponse<?>> cached(HttpRequest<?> request, DigitalLink link, boolean json, Instant now) {
        if (link.batch().isEmpty()) {
            return Optional.empty();
        }
        Key key = key(request, link.batch().get(), link.base(), json);
        Page page = pages.get(key);
        if (page == null || !now.isBefore(page.freshUntil())) {
            return Optional.empty();
        }
        return Optional.of(respond(request, key, page));
    }

    /**
     * Renders the passport of a sealed batch, keeps it, and answers with it.
     *
     * @param link the batch's Digital Link
     * @param sealed the batch as the caller read it
     */
    MutableHttpResponse<?> serve(HttpRequest<?> request, DigitalLink link, StoredBatch sealed, boolean json,
                                 Instant now) {
        Key key = key(request, sealed.id(), link.base(), json);
        long startedIn = generation.get();
        // Re-read after taking the generation: the caller's copy may predate a change whose event already ran.
        StoredBatch batch = footprints.batch(sealed.id()).filter(StoredBatch::isSealed).orElse(sealed);
        FootprintFacts facts = footprints.facts(batch);
        Passport passport = Passport.of(link, facts, now);
        String text = json ? Json.write(passport.toJson()) : PassportPage.render(passport, key.language());
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        Set<BatchId> inputs = new HashSet<>(facts.provenance().batches().stream().map(StoredBatch::id).toList());
        inputs.add(batch.id());
        Page page = new Page(body, gzip(body), etag(body), Set.copyOf(inputs), freshUntil(facts, now));
        if (pages.size() >= MAX_PAGES) {
            evictOne();
        }
        pages.put(key, page);
        if (generation.get() != startedIn) {
            pages.remove(key, page);
        }
        return respond(request, key, page);
    }

    /** Drops the pages a committed change of the read model touches. */
    void invalidate(ReadModelChanged change) {
        generation.incrementAndGet();
        pages.values().removeIf(page -> change.touches(page.inputs()));
    }

    int size() {
        return pages.size();
    }

    private static Key key(HttpRequest<?> request, BatchId batch, String base, boolean json) {
        PassportLanguage language = json ? PassportLanguage.EN : PassportLanguage.of(request);
        return new Key(batch, base, language, json);
    }

    private static MutableHttpResponse<?> respond(HttpRequest<?> request, Key key, Page page) {
        boolean gzipped = acceptsGzip(request.getHeaders().getAll(HttpHeaders.ACCEPT_ENCODING));
        String etag = page.etag(gzipped);
        MutableHttpResponse<?> response = matches(request.getHeaders().getAll(HttpHeaders.IF_NONE_MATCH), etag)
                ? HttpResponse.status(HttpStatus.NOT_MODIFIED)
                : HttpResponse.ok(gzipped ? page.gzip() : page.body()).contentType(key.json()
                        ? MediaType.APPLICATION_JSON : MediaType.TEXT_HTML + ";charset=utf-8");
        if (gzipped) {
            // Already encoded: the server's own compression leaves an answer with a Content-Encoding alone.
            response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        if (!key.json()) {
            response.header(HttpHeaders.CONTENT_LANGUAGE, key.language().tag());
        }
        return response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .header(HttpHeaders.VARY, VARY);
    }

    /** {@code If-None-Match} uses the weak comparison (RFC 9110 §13.1.2): {@code W/"x"} matches {@code "x"}. */
    static boolean matches(Iterable<String> ifNoneMatch, String etag) {
        for (String header : ifNoneMatch) {
            for (String candidate : header.split(",")) {
                String tag = candidate.trim();
                if (tag.equals("*") || tag.equals(etag) || (tag.startsWith("W/") && tag.substring(2).equals(etag))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code gzip} listed with a q-value above 0 (or none). */
    static boolean acceptsGzip(Iterable<String> acceptEncoding) {
        for (String header : acceptEncoding) {
            for (String coding : header.split(",")) {
                String[] parts = coding.trim().split(";");
                if (!parts[0].trim().equalsIgnoreCase("gzip")) {
                    continue;
                }
                for (int i = 1; i < parts.length; i++) {
                    String param = parts[i].trim();
                    if (param.startsWith("q=")) {
                        try {
                            return Double.parseDouble(param.substring(2)) > 0;
                        } catch (NumberFormatException malformed) {
                            return false;
                        }
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing a page in memory", e);
        }
        return out.toByteArray();
    }

    static String etag(byte[] body) {
        return "\"" + HexFormat.of().formatHex(Sha256.of(body).bytes(), 0, 16) + "\"";
    }

    /** The next instant an attestation of the batch comes into force or expires, at most {@link #MAX_AGE} away. */
    static Instant freshUntil(FootprintFacts facts, Instant now) {
        Instant until = now.plus(MAX_AGE);
        for (AttestationStanding s : facts.standings()) {
            StoredAttestation a = s.attestation();
            for (Instant boundary : new Instant[] {a.validFrom(), a.validUntil()}) {
                if (boundary.isAfter(now) && boundary.isBefore(until)) {
                    until = boundary;
                }
            }
        }
        return until;
    }

    private void evictOne() {
        Iterator<Key> keys = pages.keySet().iterator();
        if (keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    /** Receives the read model's changes once their database transaction has committed. */
    @Singleton
    static class ChangeApplierHook {
        private final PassportPages pages;

        ChangeApplierHook(PassportPages pages) {
            this.pages = pages;
        }

        @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
        void onChange(@Nullable ReadModelChanged change) {
            if (change != null) {
                pages.invalidate(change);
            }
        }
    }
}
