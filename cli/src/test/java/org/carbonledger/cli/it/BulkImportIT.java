package org.carbonledger.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.cli.it.Network.ok;
import static org.carbonledger.cli.it.Network.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.carbonledger.cli.Cli;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.record.RecordCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk import end to end: 10,000 records imported through carbonctl on the real network (first an interrupted run
 * that got 3,000 in, then the whole file, then once more), sealed, shipped to a customer who seals its own batch,
 * attested, verified end to end online, exported, and the exported bundle re-checked offline; a tampered copy fails.
 */
class BulkImportIT {
    static final int RECORDS = 10_000;
    static final int INTERRUPTED_AFTER = 3_000;

    @TempDir
    Path work;

    @Test
    void ten_thousand_records_are_imported_sealed_shipped_verified_exported_and_rechecked_offline() throws IOException {
        Cli cli = Network.cli(work).env("CARBONCTL_KEY_PASSPHRASE", "it passphrase " + Network.suffix());
        Network.ensureRoles(cli);
        String suffix = Network.suffix();
        String coil = Network.newGtin();
        String panel = Network.newGtin();
        String lot = "BULK-" + suffix;
        String panelLot = "PB-" + suffix;
        String factor = "bulk-grid-" + suffix.toLowerCase(Locale.ROOT);
        String meter = "bulk-meter-" + suffix;
        String press = "bulk-press-" + suffix;

        Files.writeString(work.resolve("f.csv"), "factorId,unit,kgCo2ePerUnit\n" + factor + ",kWh,0.4215\n");
        ok(cli, "factor", "publish", "-c", "certco", "f.csv", "--dataset", "bulk-" + suffix, "--dataset-version", "1",
                "--citation", "bulk import test", "--licence", "CC0-1.0");
        ok(cli, "product", "create", "-c", "steelco", coil, "--name", "Bulk coil", "--unit", "t");
        ok(cli, "batch", "create", "-c", "steelco", coil, lot, "--quantity", "100", "--unit", "t");
        ok(cli, "product", "create", "-c", "applianceco", panel, "--name", "Bulk panel", "--unit", "piece");
        ok(cli, "batch", "create", "-c", "applianceco", panel, panelLot, "--quantity", "400", "--unit", "piece");
        assertThat(cli.run("keys", "generate", "--encrypt", "--private", "meter.key.pem", "--public", "meter.pub.pem")
                .exitCode()).isZero();
        assertThat(cli.run("keys", "generate", "--private", "press.key.pem", "--public", "press.pub.pem").exitCode())
                .isZero();
        ok(cli, "device", "register", "-c", "steelco", meter, "--public-key", "meter.pub.pem", "--valid-from",
                "2026-01-01T00:00:00Z");
        ok(cli, "device", "register", "-c", "applianceco", press, "--public-key", "press.pub.pem", "--valid-from",
                "2026-01-01T00:00:00Z");

        // A mass against the kWh factor: the dry run refuses it as the ledger would (UNIT_MISMATCH), before submitting.
        JsonObject wrongUnit = records(coil, lot, meter, factor, 1).get(0).without("activity").with("activity",
                JsonObject.builder().put("factorId", factor).put("amount", "5").put("unit", "kg").build());
        Files.writeString(work.resolve("wrong-unit.csv"), RecordCsv.write(List.of(wrongUnit)));
        Cli.Result dryRun = cli.run("import", "-c", "steelco", "--key", "meter.key.pem", "--dry-run", "wrong-unit.csv");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(dryRun.err()).contains("wrong-unit.csv line 2: activity.unit \"kg\": cannot convert kg (mass) to kWh "
                + "(energy), the unit of factor " + factor);

        List<JsonObject> rows = records(coil, lot, meter, factor, RECORDS);
        Files.writeString(work.resolve("all.csv"), RecordCsv.write(rows));
        Files.writeString(work.resolve("part.csv"), RecordCsv.write(rows.subList(0, INTERRUPTED_AFTER)));

        JsonObject part = ok(cli, "import", "-c", "steelco", "--key", "meter.key.pem", "part.csv");
        assertThat(part.toString()).contains("\"imported\":" + INTERRUPTED_AFTER);
        long start = System.nanoTime();
        JsonObject all = ok(cli, "import", "-c", "steelco", "--key", "meter.key.pem", "all.csv");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(all.toString()).contains("\"alreadyOnLedger\":" + INTERRUPTED_AFTER,
                "\"imported\":" + (RECORDS - INTERRUPTED_AFTER), "\"invalid\":0", "\"refused\":[]");
        System.out.printf(Locale.ROOT, "BulkImportIT: import of %d rows (%d new) took %.1f s: %s%n", RECORDS,
                RECORDS - INTERRUPTED_AFTER, seconds, all);
        JsonObject again = ok(cli, "import", "-c", "steelco", "--key", "meter.key.pem", "all.csv");
        assertThat(again.toString()).contains("\"alreadyOnLedger\":" + RECORDS, "\"imported\":0");

        JsonObject sealed = ok(cli, "batch", "seal", "-c", "steelco", coil, lot);
        assertThat(sealed.toString()).contains("\"recordCount\":" + RECORDS);
        String transfer = text(ok(cli, "transfer", "ship", "-c", "steelco", coil, lot, "--to", "ApplianceCoMSP",
                "--quantity", "25", "--unit", "t"), "transferId");
        ok(cli, "transfer", "receive", "-c", "applianceco", transfer, "--into", panel, panelLot);
        Files.writeString(work.resolve("panel.csv"), RecordCsv.write(records(panel, panelLot, press, factor, 2)));
        ok(cli, "import", "-c", "applianceco", "--key", "press.key.pem", "panel.csv");
        ok(cli, "batch", "seal", "-c", "applianceco", panel, panelLot);
        ok(cli, "attestation", "create", "-c", "certco", panel, panelLot, "--verdict", "VERIFIED", "--standard",
                "ISO 14067", "--assurance", "REASONABLE", "--valid-from", "2026-01-01T00:00:00Z", "--valid-until",
                "2031-01-01T00:00:00Z");

        Cli.Result verified = cli.run("verify", "-c", "certco", panel, panelLot, "--peer-org", "ApplianceCoMSP");
        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains(": PASS\n", "✓ record.signature ×" + (RECORDS + 2),
                "✓ state.on-ledger ×");

        Cli.Result exported = cli.run("export", "-c", "certco", panel, panelLot, "--format", "bundle", "--out",
                "bundle.json");
        assertThat(exported.exitCode()).as(exported.toString()).isZero();
        start = System.nanoTime();
        Cli.Result offline = cli.run("verify", "--bundle", "bundle.json", "--output", "json");
        System.out.printf(Locale.ROOT, "BulkImportIT: offline verification of the %d-record bundle (%d bytes) took "
                + "%.2f s in-process%n", RECORDS + 2, Files.size(work.resolve("bundle.json")),
                (System.nanoTime() - start) / 1e9);
        assertThat(offline.exitCode()).as(offline.toString()).isZero();
        assertThat(Json.parseObject(offline.out().strip(), "report").get("verdict").orElseThrow().toString())
                .isEqualTo("\"PASS\"");

        // One digit of one signed amount, in the middle of the bundle.
        String bundle = Files.readString(work.resolve("bundle.json"));
        String target = "\"amount\":\"" + amountOf(rows.get(RECORDS / 2)) + "\"";
        int at = bundle.indexOf(target);
        assertThat(at).isPositive();
        Files.writeString(work.resolve("tampered.json"), bundle.substring(0, at) + "\"amount\":\"9"
                + bundle.substring(at + "\"amount\":\"".length()));
        Cli.Result tampered = cli.run("verify", "--bundle", "tampered.json");
        assertThat(tampered.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(tampered.out()).contains(": FAIL\n", "✗ record.signature record ", "✗ record.co2e record ");
    }

    private static String amountOf(JsonObject record) {
        return record.get("activity").map(a -> ((JsonObject) a).get("amount").orElseThrow().toString())
                .map(s -> s.substring(1, s.length() - 1))
                .orElseGet(() -> ((JsonObject) record.get("gases").orElseThrow()).get("CO2").orElseThrow().toString()
                        .replace("\"", ""));
    }

    /** Activity records, and every fifth a measured-gas record, with distinct amounts. */
    static List<JsonObject> records(String gtin, String lot, String device, String factor, int n) {
        Random random = new Random(n);
        List<JsonObject> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            JsonObject.Builder b = JsonObject.builder().put("recordId", UUID.randomUUID().toString()).put("gtin", gtin)
                    .put("lot", lot).put("deviceId", device).put("periodStart", "2026-10-01T00:00:00Z")
                    .put("periodEnd", "2026-10-31T23:59:59Z");
            String amount = (100_000 + i) + "." + random.nextInt(10);
            if (i % 5 == 4) {
                b.put("scope", 1L).put("stage", "PRODUCTION").put("gases", JsonObject.builder().put("CO2", amount)
                        .put("CH4_FOSSIL", "0.5").build());
            } else {
                b.put("scope", 2L).put("stage", "PRODUCTION").put("activity", JsonObject.builder()
                        .put("factorId", factor).put("amount", amount).put("unit", "kWh").build());
            }
            out.add(b.build());
        }
        return out;
    }
}
