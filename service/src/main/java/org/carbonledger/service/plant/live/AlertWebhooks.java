package org.carbonledger.service.plant.live;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.service.security.JwtSigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts posted to the URLs an admin configured, from the durable outbox ({@code plant_webhook_delivery}): each
 * alert event is written there in the alert's own transaction, and this worker posts what is due, retrying failed
 * calls with doubling pauses until it gives up after the configured number of attempts. A restart resumes.
 *
 * <p>Each call is signed: {@code X-CarbonLedger-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>} over
 * {@code <t>.<body>} with the webhook's own secret. The secret is generated here, shown once when the webhook is
 * created, and kept sealed (AES-GCM under a key derived from the token signing key, as the PACT callback secrets).
 */
@Context
class AlertWebhooks {

    static final String SIGNATURE_HEADER = "X-CarbonLedger-Signature";
    static final String DELIVERY_HEADER = "X-CarbonLedger-Delivery";
    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhooks.class);
    private static final int IV_BYTES = 12;
    private static final int BATCH = 50;

    /** A webhook just created: the only time its secret is shown. */
    record Created(long id, String url, String secret) {
        @Override
        public String toString() {
            return "Created[id=" + id + ", url=" + url + "]";
        }
    }

    private final PlantLiveStore store;
    private final PlantLiveProperties properties;
    private final SecretKeySpec sealingKey;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition due = lock.newCondition();
    private boolean woken;
    private volatile boolean running = true;
    private Thread worker;

    AlertWebhooks(PlantLiveStore store, PlantLiveProperties properties, JwtSigningKey signingKey) {
        this.store = store;
        this.properties = properties;
        this.sealingKey = sealingKey(signingKey.getPrivateKey().getEncoded());
        // Redirects are not followed: the configured address is the one that gets the alerts.
        this.http = HttpClient.newBuilder().connectTimeout(properties.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @PostConstruct
    void start() {
        worker = new Thread(this::run, "plant-webhooks");
        worker.setDaemon(true);
        worker.start();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        wake();
        if (worker != null) {
            worker.join(properties.webhookTimeout().toMillis() + 1000);
        }
    }

    /** Tells the worker that deliveries were written. */
    void wake() {
        lock.lock();
        try {
            woken = true;
            due.signalAll();
        } finally {
            lock.unlock();
        }
    }

    Created create(String url, String by) {
        URI uri = validUrl(url);
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        long id = store.insertWebhook(uri.toString(), seal(secret), by, clock.instant());
        return new Created(id, uri.toString(), secret);
    }

    static URI validUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "url", url, "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawFragment() != null || url.length() > 2000) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "url", url,
                    "must be an absolute http(s) URL of at most 2000 characters, without user info or fragment");
        }
        return uri;
    }

    private void run() {
        while (running) {
            try {
                List<PlantLiveStore.Delivery> deliveries = store.dueDeliveries(clock.instant(), BATCH);
                for (PlantLiveStore.Delivery d : deliveries) {
                    if (!running) {
                        return;
                    }
                    attempt(d);
                }
                if (deliveries.size() < BATCH) {
                    pause(Duration.ofSeconds(1));
                }
            } catch (RuntimeException e) {
                LOG.warn("plant webhooks: reading the outbox failed, trying again: {}", e.toString());
                pause(Duration.ofSeconds(2));
            }
        }
    }

    private void pause(Duration longest) {
        lock.lock();
        try {
            if (!woken && running) {
                due.await(longest.toMillis(), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void attempt(PlantLiveStore.Delivery d) {
        int attempts = d.attempts() + 1;
        String error;
        try {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.url())).timeout(properties.webhookTimeout())
                    .header("Content-Type", "application/json")
                    .header(DELIVERY_HEADER, Long.toString(d.id()))
                    .header(SIGNATURE_HEADER, "t=" + timestamp + ",v1="
                            + signature(unseal(d.secretSealed(), d.webhookId()), timestamp, d.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.body(), StandardCharsets.UTF_8)).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                store.delivered(d.id(), attempts, clock.instant());
                return;
            }
            error = "answered HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        } catch (java.io.IOException | IllegalArgumentException | IllegalStateException e) {
            error = e.toString();
        }
        Instant now = clock.instant();
        Optional<Instant> next = attempts >= properties.webhookAttempts() ? Optional.empty()
                : Optional.of(now.plus(backoff(attempts)));
        store.failed(d.id(), attempts, next, error, now);
        LOG.warn("plant webhook {} delivery {} attempt {} failed ({}){}", d.webhookId(), d.id(), attempts, error,
                next.map(t -> ", next at " + t).orElse(", given up"));
    }

    private Duration backoff(int attempts) {
        Duration pause = properties.webhookFirstRetry().multipliedBy(1L << Math.min(attempts - 1, 20));
        return pause.compareTo(properties.webhookMaxRetry()) > 0 ? properties.webhookMaxRetry() : pause;
    }

    /**
     * @param secret the webhook's secret
     * @param timestamp unix seconds, as sent in the header
     * @param body the body, as sent
     * @return hex HMAC-SHA256 of {@code <timestamp>.<body>}
     */
    static String signature(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String seal(String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealingKey, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a webhook secret", e);
        }
    }

    private String unseal(String sealed, long webhookId) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealingKey, new GCMParameterSpec(128, bytes, 0, IV_BYTES));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the secret of webhook " + webhookId + " cannot be read (was the token "
                    + "signing key replaced?): create the webhook again", e);
        }
    }

    /** AES-256 key for the secrets, derived from the signing key so that it never sits in the database. */
    private static SecretKeySpec sealingKey(byte[] signingKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("carbonledger plant webhook secrets v1".getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(sha.digest(signingKey), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
