package org.carbonledger.core.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.accounting.Stage;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;

/**
 * A linear chain of {@code tiers} batches with {@code recordsPerTier} signed records each (activity and gas records
 * mixed, submitted 1,000 per transaction), each tier shipping part of its batch to the next, the last tier attested.
 * Used to test verification of a long chain and, through {@link #main}, to time the verification of a large
 * bundle.
 */
final class SyntheticChain {

    static final Instant COLLECTED_AT = Instant.parse("2027-03-01T12:00:00Z");

    private static final String[][] DEVICES = {
            {"SteelCoMSP", "steelco-pellet-kiln-1"}, {"SteelCoMSP", "steelco-meter-12"},
            {"ApplianceCoMSP", "applianceco-press-3"}, {"ApplianceCoMSP", "applianceco-line-1"}};

    private SyntheticChain() {
    }

    static BatchId tier(int tier) {
        String digits = "950600013" + String.format("%03d", 500 + tier);
        return BatchId.of(digits + Gtin.checkDigit(digits), "SYN-T" + tier);
    }

    static ProofBundle build(int tiers, int recordsPerTier) {
        SimulatedLedger l = new SimulatedLedger("carbonledger-synthetic-" + tiers + "x" + recordsPerTier, 40,
                Instant.parse("2026-01-05T10:00:00Z"));
        l.grantCertifier("CertCoMSP", "30000000-0000-4000-8000-000000000099");
        // The collector is the certifier both producers designated, so it reads every record.
        l.designate("SteelCoMSP", "CertCoMSP");
        l.designate("ApplianceCoMSP", "CertCoMSP");
        l.publishFactors("CertCoMSP", WorkedExampleBundle.factors(), "Illustrative factors");
        for (String[] d : DEVICES) {
            l.registerDevice(d[0], d[1], WorkedExampleBundle.key(d[1]), "2026-01-01T00:00:00Z");
        }
        l.at("2026-02-01T00:00:00Z");
        for (int t = 1; t <= tiers; t++) {
            String[] device = device(t);
            BatchId id = tier(t);
            l.createBatch(device[0], id.gtin().value(), id.lot().value(), "Synthetic tier " + t, Unit.T,
                    Quantity.parse("1000", "t", "quantity"));
            if (t > 1) {
                l.receive(transferId(t - 1, 1), id);
                l.receive(transferId(t - 1, 2), id);
            }
            DevicePrivateKey key = DevicePrivateKey.parse(Fixtures.text("keys/" + device[1] + ".key.pem"));
            List<EmissionRecord> batch = new ArrayList<>();
            for (int i = 0; i < recordsPerTier; i++) {
                batch.add(EmissionRecord.sign(unsigned(t, i, id, device[1]), key));
                if (batch.size() == 1000 || i == recordsPerTier - 1) {
                    l.submitRecords(device[0], batch);
                    batch = new ArrayList<>();
                }
            }
            l.seal(id);
            if (t < tiers) {
                String next = device(t + 1)[0];
                l.ship(transferId(t, 1), id, next, Quantity.parse("400", "t", "quantity"));
                l.ship(transferId(t, 2), id, next, Quantity.parse("300.5", "t", "quantity"));
            }
        }
        l.attest("40000000-0000-4000-8000-000000000099", "CertCoMSP", tier(tiers), "VERIFIED", "ISO 14067",
                "LIMITED", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z", "");
        return l.collect(tier(tiers), new CollectionInfo("carbon", "carbonledger", "CertCoMSP",
                "peer-certco 127.0.0.1:9051", COLLECTED_AT));
    }

    private static String[] device(int tier) {
        return DEVICES[Math.min(tier - 1, DEVICES.length - 1)];
    }

    private static String transferId(int fromTier, int n) {
        return String.format("2%07d-0000-4000-8000-%012d", fromTier, n);
    }

    private static JsonObject unsigned(int tier, int i, BatchId batch, String device) {
        Stage stage = Stage.values()[i % Stage.values().length];
        JsonObject.Builder b = JsonObject.builder()
                .put("recordId", String.format("5%07d-0000-4000-8000-%012d", tier, i))
                .put("gtin", batch.gtin().value())
                .put("lot", batch.lot().value())
                .put("deviceId", device)
                .put("periodStart", "2026-01-01T00:00:00Z")
                .put("periodEnd", "2026-01-31T23:59:59Z")
                .put("scope", (long) (i % 3) + 1)
                .put("stage", stage.name());
        if (i % 4 == 3) {
            b.put("gases", JsonObject.builder().put("CO2", (i + 1) + "0.5").put("CH4_FOSSIL", "0.25").build());
        } else {
            b.put("activity", JsonObject.builder().put("factorId", i % 2 == 0 ? "grid-electricity-2026"
                    : "natural-gas-combustion-2026").put("amount", (i + 1) * 7 + ".125")
                    .put("unit", i % 2 == 0 ? "kWh" : "MJ").build());
        }
        return b.build();
    }

    /**
     * Times offline verification of a 5-tier, 10,000-record bundle (reading included), after warming up. Run from
     * the repository root after {@code ./mvnw -q -B -pl core test-compile}:
     * <pre>
     * java -cp core/target/classes:core/target/test-classes:$HOME/.m2/repository/org/bouncycastle/bcprov-jdk18on/1.86/bcprov-jdk18on-1.86.jar \
     *   org.carbonledger.core.verify.SyntheticChain [tiers] [recordsPerTier] [bundle-output.json]
     * </pre>
     */
    public static void main(String[] args) throws IOException {
        int tiers = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perTier = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        long t0 = System.nanoTime();
        byte[] bytes = build(tiers, perTier).toCanonicalBytes();
        System.out.printf("built a %d-tier bundle of %d records (%d bytes) in %d ms%n", tiers, tiers * perTier,
                bytes.length, ms(System.nanoTime() - t0));
        if (args.length > 2) {
            Files.write(Path.of(args[2]), bytes);
        }
        Instant at = COLLECTED_AT;
        for (int round = 1; round <= 5; round++) {
            long start = System.nanoTime();
            ProofBundle bundle = ProofBundle.fromJson(bytes);
            long read = System.nanoTime();
            List<String> steps = new ArrayList<>();
            VerificationReport report = Verifier.builder()
                    .stepListener((step, elapsed, checks, failed) -> steps.add(step + " " + elapsed.toMillis() + " ms"))
                    .build().verify(bundle, at);
            long end = System.nanoTime();
            System.out.printf("round %d: read %d ms, verify %d ms, total %d ms; %s, %d checks [%s]%n", round,
                    ms(read - start), ms(end - read), ms(end - start), report.verdict(), report.checks().size(),
                    String.join(", ", steps));
        }
    }

    private static long ms(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
