package org.carbonledger.bench.verify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.carbonledger.apiclient.ServiceClient;
import org.carbonledger.apiclient.ServiceRequest;
import org.carbonledger.bench.load.Consortium;
import org.carbonledger.bench.record.SyntheticRecords;
import org.carbonledger.bench.service.LocalService;
import org.carbonledger.client.ledger.Endorsement;
import org.carbonledger.client.ledger.Endorsements;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.client.verify.OnlineVerifier;
import org.carbonledger.client.verify.ProofBundleCollector;
import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.PrivateData;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.verify.Check;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.core.verify.VerificationReport;
import org.carbonledger.core.verify.Verifier;

/**
 * Times the verification of a long chain (the product's target: a 5-tier chain of 10,000 records verified in under
 * 5 s). Builds the chain on the real network with run-unique ids — tiers 1–3 SteelCo's, 4–5 ApplianceCo's, each tier
 * receiving half of the previous tier's batch, the records spread evenly over the tiers and submitted through the
 * Gateway in transactions of {@code --batch} records (private: in the transient map, endorsed by the producer and
 * CertCo, which each producer designates first if need be), the last tier attested by CertCo — then measures, on
 * the last tier:
 *
 * <ol>
 *   <li>{@code GET /api/v1/batches/{gtin}/{lot}/verification} on the service (collection from the ledger, offline
 *       and online checks, read-model comparison), {@code --repeat} times;</li>
 *   <li>the same steps apart, in this JVM: collecting the bundle ({@link ProofBundleCollector}), the offline checks
 *       ({@link Verifier}) and the online checks ({@link OnlineVerifier#check}), so the report can say where the
 *       time goes;</li>
 *   <li>the offline re-check of the bundle exported by {@code GET …/proof-bundle}: parse, then verify.</li>
 * </ol>
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.carbonledger.bench.verify.ChainVerification \
 *     --network-dir network/run --service https://localhost:8444 \
 *     --client-env service/run/applianceco/demo-clients.env --records 10000 --tiers 5 --batch 500 --repeat 5
 * </pre>
 */
public final class ChainVerification {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final Consortium consortium;
    private final String runId = Long.toString(RANDOM.nextLong() >>> 1, 36).substring(0, 8);
    private final Map<String, DeviceId> devices = new LinkedHashMap<>();
    private final Map<String, DeviceKeyPair> keys = new LinkedHashMap<>();
    /** Per producer: the organizations endorsing its records (itself and the certifiers it designated). */
    private final Map<String, List<String>> endorsers = new LinkedHashMap<>();

    private ChainVerification(Consortium consortium) {
        this.consortium = consortium;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        Path networkDir = Path.of(o.getOrDefault("network-dir", "network/run"));
        URI service = URI.create(o.getOrDefault("service", "https://localhost:8444"));
        Path clientEnv = Path.of(o.getOrDefault("client-env", "service/run/applianceco/demo-clients.env"));
        int records = Integer.parseInt(o.getOrDefault("records", "10000"));
        int tiers = Integer.parseInt(o.getOrDefault("tiers", "5"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "500"));
        int repeat = Integer.parseInt(o.getOrDefault("repeat", "5"));
        if (tiers < 2 || records < tiers || batch < 1 || batch > 1000 || repeat < 1) {
            throw new IllegalArgumentException("need --tiers ≥ 2, --records ≥ tiers, --batch 1..1000, --repeat ≥ 1");
        }
        try (Consortium consortium = new Consortium(networkDir)) {
            ChainVerification run = new ChainVerification(consortium);
            Instant start = Instant.now();
            BatchId last = run.buildChain(records, tiers, batch);
            System.out.printf(Locale.ROOT, "chain built: %d tiers, %d records, last tier %s (%d s)%n", tiers, records,
                    last, Duration.between(start, Instant.now()).toSeconds());
            run.measure(last, service, clientEnv, repeat);
        }
    }

    /** @return the last tier's batch, sealed and attested */
    private BatchId buildChain(int records, int tiers, int batchSize) throws Exception {
        consortium.ensureRoles();
        String factorPrefix = "chainverify-" + runId;
        publishFactors(factorPrefix);
        for (String msp : List.of(Consortium.STEELCO, Consortium.APPLIANCECO)) {
            DeviceKeyPair key = DeviceKeyPair.generate(RANDOM);
            DeviceId id = DeviceId.parse("chain-meter-" + runId + "-" + msp.substring(0, 5).toLowerCase(Locale.ROOT), "deviceId");
            consortium.submit(msp, LedgerOperation.REGISTER_DEVICE, Jcs.canonicalString(JsonObject.builder()
                    .put("deviceId", id.value()).put("publicKeyPem", key.publicKey().toPem())
                    .put("validFrom", "2026-01-01T00:00:00Z").put("description", "ChainVerification benchmark device")
                    .build()));
            devices.put(msp, id);
            keys.put(msp, key);
            // The ledger refuses private records of a producer that designated no certifier; asked once per run.
            endorsers.put(msp, consortium.ensureDesignated(msp, Consortium.CERTCO).endorsers());
            consortium.connection(msp, "client"); // opened here: the parallel submissions below share it
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            BatchId previous = null;
            String sealHash = null;
            for (int tier = 1; tier <= tiers; tier++) {
                // Tiers 1-3 at SteelCo, the rest at ApplianceCo: one shipment crosses organizations.
                String owner = tier <= 3 ? Consortium.STEELCO : Consortium.APPLIANCECO;
                BatchId batch = BatchId.of(newGtin(), "CV" + runId + "-T" + tier);
                consortium.submit(owner, LedgerOperation.CREATE_PRODUCT, Jcs.canonicalString(JsonObject.builder()
                        .put("gtin", batch.gtin().value()).put("name", "ChainVerification tier " + tier + " " + runId)
                        .put("declaredUnit", "t").build()));
                consortium.submit(owner, LedgerOperation.CREATE_BATCH, Jcs.canonicalString(JsonObject.builder()
                        .put("gtin", batch.gtin().value()).put("lot", batch.lot().value())
                        .put("quantity", JsonObject.builder().put("amount", "1000").put("unit", "t").build()).build()));
                if (previous != null) {
                    String previousOwner = tier - 1 <= 3 ? Consortium.STEELCO : Consortium.APPLIANCECO;
                    String transferId = UUID.randomUUID().toString();
                    consortium.submit(previousOwner, LedgerOperation.SHIP_MATERIAL, Jcs.canonicalString(JsonObject.builder()
                            .put("transferId", transferId)
                            .put("from", JsonObject.builder().put("gtin", previous.gtin().value())
                                    .put("lot", previous.lot().value()).build())
                            .put("toMspId", owner)
                            .put("quantity", JsonObject.builder().put("amount", "500").put("unit", "t").build()).build()));
                    consortium.submit(owner, LedgerOperation.RECEIVE_MATERIAL, transferId, batch.gtin().value(),
                            batch.lot().value());
                }
                int count = records / tiers + (tier <= records % tiers ? 1 : 0);
                List<Future<JsonObject>> submitted = new ArrayList<>();
                for (String json : signedTransactions(batch, owner, factorPrefix, count, batchSize)) {
                    // Private records: no argument, the records and a fresh salt in the transient map, endorsed by
                    // the owner's peer and its designated certifiers'.
                    Endorsement endorsement = Endorsement.by(endorsers.get(owner)).withTransient(Map.of(
                            PrivateData.RECORDS, json.getBytes(StandardCharsets.UTF_8),
                            PrivateData.SALT, PrivateData.newSalt()));
                    submitted.add(pool.submit(() -> consortium.submit(owner, LedgerOperation.SUBMIT_RECORDS, endorsement)));
                }
                for (Future<JsonObject> f : submitted) {
                    f.get();
                }
                // The seal reads the records, so the organizations holding them endorse it.
                Endorsement sealers = Endorsements.forSeal(consortium.ledger(owner), batch.gtin().value(), batch.lot().value());
                sealHash = JsonObjectReader.of(consortium.submit(owner, LedgerOperation.SEAL_BATCH, sealers,
                        batch.gtin().value(), batch.lot().value()), "sealed").requireString("sealHash");
                System.out.printf(Locale.ROOT, "tier %d: %s at %s, %d records%n", tier, batch, owner, count);
                previous = batch;
            }
            String attestation = Jcs.canonicalString(JsonObject.builder()
                    .put("attestationId", UUID.randomUUID().toString())
                    .put("gtin", previous.gtin().value()).put("lot", previous.lot().value())
                    .put("verdict", "VERIFIED").put("standard", "ISO 14067").put("assuranceLevel", "LIMITED")
                    .put("validFrom", "2026-01-01T00:00:00Z").put("validUntil", "2100-01-01T00:00:00Z")
                    .put("sealHash", sealHash).build());
            // Consortium.submit returns once every member's peer has the seal's block (LedgerClient), so the
            // peers endorsing CertCo's attestation see the batch sealed.
            consortium.submit(Consortium.CERTCO, LedgerOperation.ATTEST, attestation);
            return previous;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> signedTransactions(BatchId batch, String owner, String factorPrefix, int count, int size) {
        SyntheticRecords synthetic = new SyntheticRecords(batch, devices.get(owner), factorPrefix);
        DeviceKeyPair key = keys.get(owner);
        List<JsonValue> signed = IntStream.range(0, count).parallel()
                .mapToObj(i -> (JsonValue) synthetic.signed(i, UUID.randomUUID().toString(), key.privateKey()).json())
                .toList();
        List<String> transactions = new ArrayList<>();
        for (int from = 0; from < count; from += size) {
            transactions.add(Jcs.canonicalString(JsonArray.of(signed.subList(from, Math.min(count, from + size)))));
        }
        return transactions;
    }

    private void publishFactors(String prefix) {
        List<EmissionFactor> factors = SyntheticRecords.factors(prefix);
        List<JsonValue> entries = new ArrayList<>();
        for (EmissionFactor f : factors) {
            entries.add(JsonObject.builder().put("factorId", f.factorId()).put("unit", f.unit().symbol())
                    .put("kgCo2ePerUnit", Decimals.canonical(f.kgCo2ePerUnit())).build());
        }
        EmissionFactor first = factors.get(0);
        consortium.submit(Consortium.CERTCO, LedgerOperation.PUBLISH_FACTOR_DATASET, Jcs.canonicalString(JsonObject.builder()
                .put("dataset", first.dataset()).put("version", first.version())
                .put("sourceCitation", first.sourceCitation()).put("licence", first.licence())
                .put("factors", JsonArray.of(entries)).build()));
    }

    private void measure(BatchId last, URI serviceUri, Path clientEnv, int repeat) throws Exception {
        String path = "/api/v1/batches/" + last.gtin().value() + "/" + last.lot().percentEncoded();
        ServiceClient service = LocalService.connect(serviceUri, clientEnv, "READER");
        service.authenticate();

        List<Double> serviceSeconds = new ArrayList<>();
        List<Double> serverSeconds = new ArrayList<>();
        List<Double> compactSeconds = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            // The compact report (?checks=failed): the same verification, without writing ~80,000 passed checks.
            long c0 = System.nanoTime();
            var compact = service.send(ServiceRequest.get(path + "/verification?checks=failed").withTimeout(REQUEST_TIMEOUT));
            double cs = seconds(c0);
            if (compact.status() != 200) {
                throw new IllegalStateException("verification?checks=failed: HTTP " + compact.status());
            }
            compactSeconds.add(cs);
            System.out.printf(Locale.ROOT, "compact verification %d: %.2f s, verdict %s%n", i + 1, cs,
                    JsonObjectReader.of(Json.parseObject(compact.body(), "report"), "").requireString("verdict"));
        }
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            var r = service.send(ServiceRequest.get(path + "/verification").withTimeout(REQUEST_TIMEOUT));
            double s = seconds(t0);
            if (r.status() != 200) {
                throw new IllegalStateException("verification: HTTP " + r.status() + " " + r.excerpt());
            }
            JsonObjectReader report = JsonObjectReader.of(Json.parseObject(r.body(), "report"), "");
            serviceSeconds.add(s);
            // The service's own time, from receiving the request to the report built (not written nor sent).
            double server = report.requireInteger("elapsedMillis", 0, Integer.MAX_VALUE) / 1000.0;
            serverSeconds.add(server);
            System.out.printf(Locale.ROOT, "service verification %d: %.2f s (%.2f s in the service), verdict %s, %d checks, "
                    + "read model agrees: %s%n", i + 1, s, server, report.requireString("verdict"), report.requireArray("checks").size(),
                    report.requireBoolean("readModelAgrees"));
        }

        long t0 = System.nanoTime();
        var exported = service.send(ServiceRequest.get(path + "/proof-bundle").withTimeout(REQUEST_TIMEOUT));
        double exportSeconds = seconds(t0);
        if (exported.status() != 200) {
            throw new IllegalStateException("proof-bundle: HTTP " + exported.status());
        }
        byte[] bundleBytes = exported.body();
        List<Double> parseSeconds = new ArrayList<>();
        List<Double> offlineSeconds = new ArrayList<>();
        VerificationReport offline = null;
        for (int i = 0; i < repeat; i++) {
            long p0 = System.nanoTime();
            ProofBundle bundle = ProofBundle.fromJson(bundleBytes);
            parseSeconds.add(seconds(p0));
            long v0 = System.nanoTime();
            offline = Verifier.newInstance().verify(bundle, Instant.now());
            offlineSeconds.add(seconds(v0));
        }
        System.out.printf(Locale.ROOT, "exported bundle: %.1f MB in %.2f s; offline verdict %s, %d checks%n",
                bundleBytes.length / 1e6, exportSeconds, offline.verdict(), offline.checks().size());

        LedgerClient ledger = LedgerClient.newInstance(consortium.connection(Consortium.APPLIANCECO, "client"), 4);
        List<Double> collectSeconds = new ArrayList<>();
        List<Double> onlineSeconds = new ArrayList<>();
        List<Check> online = List.of();
        for (int i = 0; i < repeat; i++) {
            long c0 = System.nanoTime();
            ProofBundle bundle = ProofBundleCollector.newInstance(ledger).collect(last);
            collectSeconds.add(seconds(c0));
            long o0 = System.nanoTime();
            online = OnlineVerifier.newInstance(ledger).check(bundle);
            onlineSeconds.add(seconds(o0));
        }
        long onlineFailures = online.stream().filter(Check::failsVerdict).count();
        System.out.printf(Locale.ROOT, "online checks: %d, failing %d%n", online.size(), onlineFailures);

        System.out.println();
        System.out.println("| step (last tier, " + repeat + " runs) | min | median | max |");
        System.out.println("|---|---|---|---|");
        row("service GET …/verification (wall, TLS included)", serviceSeconds);
        row("service GET …/verification?checks=failed (wall, TLS included)", compactSeconds);
        row("service: its elapsedMillis (collect + checks + read-model comparison)", serverSeconds);
        row("in-process: collect the bundle from the ledger", collectSeconds);
        row("in-process: offline checks (Verifier)", offlineSeconds);
        row("in-process: online checks (OnlineVerifier.check)", onlineSeconds);
        row("exported bundle: ProofBundle.fromJson", parseSeconds);
    }

    private static void row(String what, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "| %s | %.2f s | %.2f s | %.2f s |%n", what, sorted.get(0),
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    /** A random GTIN-13 (prefix 93) with a valid check digit: GTINs are unique on the ledger forever. */
    private static String newGtin() {
        StringBuilder digits = new StringBuilder("93");
        for (int i = 0; i < 10; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return Gtin.parse(digits.toString() + Gtin.checkDigit(digits.toString()), "gtin").value();
    }
}
