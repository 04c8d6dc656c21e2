package org.carbonledger.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.cli.it.Network.ok;
import static org.carbonledger.cli.it.Network.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.carbonledger.cli.Cli;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.record.RecordCsv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every ledger command of carbonctl on the real network, in the order a supplier, its customer and a certifier use
 * them, with the failure paths a user meets: unknown objects (exit 5), ledger refusals (exit 4), bad input (exit 3).
 * Ids are fresh on every run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerCommandsIT {
    private Path work;

    private Cli cli;
    private final String suffix = Network.suffix();
    private final String coil = Network.newGtin();
    private final String panel = Network.newGtin();
    private final String lot = "C-" + suffix;
    private final String otherLot = "D-" + suffix;
    private final String panelLot = "P-" + suffix;
    private final String factor = "it-grid-" + suffix.toLowerCase();
    private final String meter = "meter-" + suffix;
    private final String press = "press-" + suffix;
    private final String shipped = UUID.randomUUID().toString();
    private final List<String> recordIds = new ArrayList<>();

    @BeforeAll
    void setUp() throws IOException {
        work = Files.createTempDirectory("carbonctl-it");
        cli = Network.cli(work);
        Network.ensureRoles(cli);
    }

    private Cli.Result run(String... args) {
        return cli.run(args);
    }

    private static void assertExit(Cli.Result r, int code, String message) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(code);
        assertThat(r.errLines()).as(r.toString()).last().asString().startsWith("carbonctl: ").contains(message);
        assertThat(r.err()).as("no stack trace without --verbose").doesNotContain("\tat ");
    }

    @Test
    @Order(1)
    void org_commands_show_the_members_and_their_roles() {
        JsonObject orgs = ok(cli, "org", "list", "-c", "certco");
        assertThat(orgs.toString()).contains("\"mspId\":\"SteelCoMSP\"", "\"mspId\":\"CertCoMSP\"");
        assertThat(ok(cli, "org", "show", "-c", "steelco", "CertCoMSP").toString()).contains("CERTIFIER");
        assertExit(run("org", "show", "-c", "steelco", "NoSuchMSP"), ExitCode.NOT_FOUND, "not found on the ledger: "
                + "NOT_FOUND: mspId \"NoSuchMSP\": not a member organization");
    }

    @Test
    @Order(1)
    void certifier_designations_are_listed_and_designating_again_is_a_replay() {
        Cli.Result again = run("certifiers", "designate", "-c", "steelco", "CertCoMSP");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).contains("Governance:DesignateCertifier replayed");
        JsonObject listed = ok(cli, "certifiers", "list", "-c", "applianceco", "--producer", "SteelCoMSP");
        assertThat(text(listed, "producerMspId")).isEqualTo("SteelCoMSP");
        assertThat(listed.toString()).contains("\"certifierMspId\":\"CertCoMSP\"");
        assertExit(run("certifiers", "designate", "-c", "steelco", "ApplianceCoMSP"), ExitCode.REFUSED,
                "refused by the ledger: ROLE_REQUIRED");
    }

    @Test
    @Order(2)
    void role_proposals_are_proposed_shown_listed_and_withdrawn() {
        JsonObject p = ok(cli, "role", "propose", "-c", "steelco", "--grant", "SteelCoMSP", "CERTIFIER");
        String id = text(p, "proposalId");
        assertThat(text(p, "status")).isEqualTo("OPEN");
        assertThat(text(ok(cli, "role", "show", "-c", "applianceco", id), "status")).isEqualTo("OPEN");
        assertThat(ok(cli, "role", "proposals", "-c", "certco").toString()).contains(id);
        assertExit(run("role", "approve", "-c", "steelco", id), ExitCode.REFUSED, "refused by the ledger: ");
        assertExit(run("role", "propose", "-c", "steelco", "--identity", "client", "--grant", "SteelCoMSP",
                "CERTIFIER"), ExitCode.REFUSED, "refused by the ledger: FORBIDDEN");
        assertThat(text(ok(cli, "role", "withdraw", "-c", "steelco", id), "status")).isEqualTo("WITHDRAWN");
        Cli.Result both = run("role", "propose", "-c", "steelco", "--grant", "--revoke", "X", "Y");
        assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(both.errLines()).containsExactly("carbonctl role propose: Error: --grant, --revoke are mutually "
                + "exclusive (specify only one) (see 'carbonctl role propose --help')");
    }

    @Test
    @Order(3)
    void a_certifier_publishes_a_factor_dataset_from_csv() throws IOException {
        Files.writeString(work.resolve("factors.csv"), "factorId,unit,kgCo2ePerUnit,description\n"
                + factor + ",kWh,0.4215,grid mix\n" + factor + "-gas,GJ,56.1,\n");
        ok(cli, "factor", "publish", "-c", "certco", "factors.csv", "--dataset", "it-" + suffix, "--dataset-version",
                "1", "--citation", "Integration test grid", "--licence", "CC0-1.0");
        assertThat(text(ok(cli, "factor", "show", "-c", "steelco", factor), "kgCo2ePerUnit")).isEqualTo("0.4215");
        assertThat(ok(cli, "factor", "dataset", "-c", "steelco", "it-" + suffix, "1").toString()).contains(factor + "-gas");
        assertThat(ok(cli, "factor", "datasets", "-c", "steelco").toString()).contains("it-" + suffix);
        assertExit(run("factor", "publish", "-c", "certco", "factors.csv", "--dataset", "it-" + suffix,
                "--dataset-version", "1", "--citation", "c", "--licence", "l"), ExitCode.REFUSED, "ALREADY_EXISTS");
        assertExit(run("factor", "publish", "-c", "steelco", "factors.csv", "--dataset", "it2-" + suffix,
                "--dataset-version", "1", "--citation", "c", "--licence", "l"), ExitCode.REFUSED, "ROLE_REQUIRED");
        Files.writeString(work.resolve("bad.csv"), "factorId,kgCo2ePerUnit\nx,1\n");
        assertExit(run("factor", "publish", "-c", "certco", "bad.csv", "--dataset", "it3-" + suffix,
                "--dataset-version", "1", "--citation", "c", "--licence", "l"), ExitCode.INVALID_INPUT,
                "1 problem(s) in bad.csv");
        assertThat(run("factor", "show", "-c", "steelco", "no-such-factor-" + suffix).exitCode())
                .isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    @Order(4)
    void a_producer_creates_products_batches_and_devices() {
        assertThat(text(ok(cli, "product", "create", "-c", "steelco", coil, "--name", "IT coil", "--unit", "t"), "gtin"))
                .isEqualTo(coil);
        assertThat(text(ok(cli, "product", "show", "-c", "certco", coil), "name")).isEqualTo("IT coil");
        assertThat(ok(cli, "product", "list", "-c", "certco").toString()).contains(coil);
        Cli.Result createdAgain = run("product", "create", "-c", "steelco", coil, "--name", "IT coil", "--unit", "t");
        assertThat(createdAgain.exitCode()).as(createdAgain.toString()).isZero();
        assertThat(createdAgain.err()).contains("Products:CreateProduct replayed");
        assertExit(run("product", "create", "-c", "steelco", coil, "--name", "again", "--unit", "t"),
                ExitCode.REFUSED, "ALREADY_EXISTS");
        ok(cli, "product", "create", "-c", "applianceco", panel, "--name", "IT panel", "--unit", "piece");

        assertThat(text(ok(cli, "batch", "create", "-c", "steelco", coil, lot, "--quantity", "100", "--unit", "t"),
                "status")).isEqualTo("OPEN");
        ok(cli, "batch", "create", "-c", "steelco", coil, otherLot, "--quantity", "5", "--unit", "t");
        Cli.Result batchAgain = run("batch", "create", "-c", "steelco", coil, otherLot, "--quantity", "5", "--unit", "t");
        assertThat(batchAgain.exitCode()).as(batchAgain.toString()).isZero();
        assertThat(batchAgain.err()).contains("Batches:CreateBatch replayed");
        ok(cli, "batch", "create", "-c", "applianceco", panel, panelLot, "--quantity", "1000", "--unit", "piece");
        assertThat(text(ok(cli, "batch", "show", "-c", "certco", coil, lot), "ownerMspId")).isEqualTo("SteelCoMSP");
        assertThat(ok(cli, "batch", "list", "-c", "steelco").toString()).contains(lot);
        assertExit(run("batch", "create", "-c", "steelco", coil, "X-" + suffix, "--quantity", "1", "--unit", "kWh"),
                ExitCode.REFUSED, "UNIT_MISMATCH");
        assertExit(run("batch", "show", "-c", "steelco", coil, "NOPE"), ExitCode.NOT_FOUND, "no such batch");

        assertThat(run("keys", "generate", "--private", "meter.key.pem", "--public", "meter.pub.pem").exitCode()).isZero();
        assertThat(run("keys", "generate", "--private", "press.key.pem", "--public", "press.pub.pem").exitCode()).isZero();
        assertThat(run("keys", "generate", "--private", "other.key.pem", "--public", "other.pub.pem").exitCode()).isZero();
        JsonObject device = ok(cli, "device", "register", "-c", "steelco", meter, "--public-key", "meter.pub.pem",
                "--valid-from", "2026-01-01T00:00:00Z", "--description", "IT meter");
        assertThat(text(device, "validFrom")).isEqualTo("2026-01-01T00:00:00Z");
        ok(cli, "device", "register", "-c", "applianceco", press, "--public-key", "press.key.pem",
                "--valid-from", "2026-01-01T00:00:00Z");
        assertThat(text(ok(cli, "device", "show", "-c", "certco", "--owner", "SteelCoMSP", meter), "description"))
                .isEqualTo("IT meter");
        assertThat(ok(cli, "device", "list", "-c", "steelco").toString()).contains(meter);
        assertExit(run("device", "show", "-c", "steelco", "no-such-device"), ExitCode.NOT_FOUND, "UNKNOWN_DEVICE");
    }

    private JsonObject record(String gtin, String batchLot, String device, String amount) {
        String id = UUID.randomUUID().toString();
        recordIds.add(id);
        return JsonObject.builder().put("recordId", id).put("gtin", gtin).put("lot", batchLot).put("deviceId", device)
                .put("periodStart", "2026-10-01T00:00:00Z").put("periodEnd", "2026-10-31T23:59:59Z").put("scope", 2L)
                .put("stage", "PRODUCTION").put("activity", JsonObject.builder().put("factorId", factor)
                        .put("amount", amount).put("unit", "kWh").build()).build();
    }

    @Test
    @Order(5)
    void import_signs_with_the_registered_key_and_a_rerun_imports_nothing_twice() throws IOException {
        List<JsonObject> rows = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            rows.add(record(coil, lot, meter, Integer.toString(i * 1000)));
        }
        Files.writeString(work.resolve("october.csv"), RecordCsv.write(rows));
        Cli.Result wrongKey = run("import", "-c", "steelco", "--key", "other.key.pem", "october.csv");
        assertExit(wrongKey, ExitCode.INVALID_INPUT, "5 of 5 row(s) of october.csv are invalid");
        assertThat(wrongKey.errLines().get(0)).startsWith("error: october.csv line 2: deviceId \"" + meter
                + "\": none of the --key files is this device's registered key (registered sha256:");

        Cli.Result first = run("import", "-c", "steelco", "--key", "meter.key.pem", "october.csv");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).startsWith("5 row(s): 5 imported in 1 transaction(s)");
        Cli.Result again = run("import", "-c", "steelco", "--key", "meter.key.pem", "october.csv");
        assertThat(again.out()).startsWith("5 row(s): 0 imported in 0 transaction(s)").contains("5 already on the ledger");
        assertThat(ok(cli, "record", "list", "-c", "steelco", coil, lot).toString().split("\"recordId\"", -1))
                .hasSize(5 * 2 + 1);
        JsonObject stored = ok(cli, "record", "show", "-c", "certco", coil, lot, recordIds.get(0));
        assertThat(text(stored, "co2e.total")).isEqualTo("421.5");
        assertExit(run("record", "show", "-c", "steelco", coil, lot, UUID.randomUUID().toString()), ExitCode.NOT_FOUND,
                "no such record");
    }

    @Test
    @Order(6)
    void import_problems_only_the_ledger_knows_are_found_before_anything_is_submitted() throws IOException {
        List<JsonObject> rows = List.of(record(coil, otherLot, meter, "1"), record(coil, "NOSUCH-" + suffix, meter, "2"),
                record(coil, otherLot, "no-such-device", "3"), record(panel, panelLot, meter, "4"));
        Files.writeString(work.resolve("mixed.csv"), RecordCsv.write(rows));
        Cli.Result r = run("import", "-c", "steelco", "--key", "meter.key.pem", "mixed.csv");
        assertExit(r, ExitCode.INVALID_INPUT, "3 of 4 row(s) of mixed.csv are invalid");
        assertThat(r.errLines()).hasSize(4);
        assertThat(r.errLines().get(0)).contains("line 3: batch " + coil + "/NOSUCH-" + suffix + " does not exist");
        assertThat(r.errLines().get(1)).contains("line 4: deviceId \"no-such-device\": no such device of SteelCoMSP");
        assertThat(r.errLines().get(2)).contains("line 5: batch " + panel + "/" + panelLot
                + " belongs to ApplianceCoMSP, not to SteelCoMSP");
        assertThat(ok(cli, "record", "list", "-c", "steelco", coil, otherLot).toString()).isEqualTo("{\"items\":[]}");
    }

    @Test
    @Order(7)
    void a_record_id_used_in_another_batch_is_refused_by_the_ledger_and_skip_invalid_imports_the_rest()
            throws IOException {
        JsonObject reused = record(coil, otherLot, meter, "7").toBuilder().build();
        reused = reused.without("recordId").with("recordId",
                org.carbonledger.core.json.JsonString.of(recordIds.get(0)));
        List<JsonObject> rows = List.of(record(coil, otherLot, meter, "6"), reused, record(coil, otherLot, meter, "8"));
        Files.writeString(work.resolve("reuse.csv"), RecordCsv.write(rows));
        Cli.Result refused = run("import", "-c", "steelco", "--key", "meter.key.pem", "reuse.csv");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err()).contains("refused: reuse.csv line 3: refused by the ledger: DUPLICATE_ID: recordId \""
                + recordIds.get(0) + "\": already used by a record of SteelCoMSP");

        Cli.Result skipped = run("import", "-c", "steelco", "--key", "meter.key.pem", "--skip-invalid", "reuse.csv");
        assertThat(skipped.exitCode()).as(skipped.toString()).isZero();
        assertThat(skipped.out()).contains("1 refused");
        assertThat(ok(cli, "record", "list", "-c", "steelco", coil, otherLot).toString().split("\"recordId\"", -1))
                .hasSize(2 * 2 + 1);
    }

    @Test
    @Order(8)
    void seal_ship_receive_reject_and_cancel() throws IOException {
        JsonObject sealed = ok(cli, "batch", "seal", "-c", "steelco", coil, lot);
        assertThat(text(sealed, "status")).isEqualTo("SEALED");
        assertThat(text(sealed, "seal.footprint.total")).isEqualTo("6322.5");
        assertExit(run("batch", "seal", "-c", "steelco", coil, lot), ExitCode.REFUSED, "BATCH_SEALED");
        Cli.Result rerun = run("import", "-c", "steelco", "--key", "meter.key.pem", "october.csv");
        assertThat(rerun.out()).as(rerun.toString()).contains("0 imported", "5 already on the ledger");
        Files.writeString(work.resolve("late.csv"), RecordCsv.write(List.of(record(coil, lot, meter, "1"))));
        assertExit(run("import", "-c", "steelco", "--key", "meter.key.pem", "late.csv"), ExitCode.INVALID_INPUT,
                "1 of 1 row(s)");

        JsonObject t = ok(cli, "transfer", "ship", "-c", "steelco", coil, lot, "--to", "ApplianceCoMSP", "--quantity",
                "40", "--unit", "t", "--id", shipped);
        assertThat(text(t, "allocated.total")).isEqualTo("2529");
        // Running the same command again is a replay: the stored shipment, exit 0; another one under the id is refused.
        Cli.Result shippedAgain = run("transfer", "ship", "-c", "steelco", coil, lot, "--to", "ApplianceCoMSP",
                "--quantity", "40", "--unit", "t", "--id", shipped);
        assertThat(shippedAgain.exitCode()).as(shippedAgain.toString()).isZero();
        assertThat(shippedAgain.err()).contains("Transfers:ShipMaterial replayed");
        assertThat(shippedAgain.out()).contains("2529");
        assertExit(run("transfer", "ship", "-c", "steelco", coil, lot, "--to", "ApplianceCoMSP", "--quantity", "39",
                "--unit", "t", "--id", shipped), ExitCode.REFUSED, "DUPLICATE_ID");
        assertExit(run("transfer", "ship", "-c", "steelco", coil, lot, "--to", "ApplianceCoMSP", "--quantity", "61",
                "--unit", "t"), ExitCode.REFUSED, "MASS_BALANCE_EXCEEDED");
        assertExit(run("transfer", "ship", "-c", "steelco", coil, otherLot, "--to", "ApplianceCoMSP", "--quantity",
                "1", "--unit", "t"), ExitCode.REFUSED, "BATCH_NOT_SEALED");
        assertThat(text(ok(cli, "transfer", "receive", "-c", "applianceco", shipped, "--into", panel, panelLot),
                "status")).isEqualTo("RECEIVED");
        Cli.Result receivedAgain = run("transfer", "receive", "-c", "applianceco", shipped, "--into", panel, panelLot);
        assertThat(receivedAgain.exitCode()).as(receivedAgain.toString()).isZero();
        assertThat(receivedAgain.err()).contains("Transfers:ReceiveMaterial replayed");
        assertThat(text(ok(cli, "transfer", "show", "-c", "certco", shipped), "status")).isEqualTo("RECEIVED");
        assertThat(ok(cli, "transfer", "list", "-c", "steelco", "--from", coil, lot).toString()).contains(shipped);
        assertThat(ok(cli, "transfer", "list", "-c", "applianceco", "--to", "ApplianceCoMSP").toString()).contains(shipped);

        String rejected = text(ok(cli, "transfer", "ship", "-c", "steelco", coil, lot, "--to", "ApplianceCoMSP",
                "--quantity", "10", "--unit", "t"), "transferId");
        assertThat(text(ok(cli, "transfer", "reject", "-c", "applianceco", rejected, "--reason", "wrong grade"),
                "status")).isEqualTo("REJECTED");
        String cancelled = text(ok(cli, "transfer", "ship", "-c", "steelco", coil, lot, "--to", "ApplianceCoMSP",
                "--quantity", "5", "--unit", "t"), "transferId");
        assertThat(text(ok(cli, "transfer", "cancel", "-c", "steelco", cancelled), "status")).isEqualTo("CANCELLED");
        assertExit(run("transfer", "receive", "-c", "applianceco", cancelled, "--into", panel, panelLot),
                ExitCode.REFUSED, "INVALID_STATE");
        assertExit(run("transfer", "show", "-c", "steelco", UUID.randomUUID().toString()), ExitCode.NOT_FOUND, "");
    }

    @Test
    @Order(9)
    void the_customer_seals_a_certifier_attests_and_the_chain_verifies_online_and_offline() throws IOException {
        Files.writeString(work.resolve("panel.csv"), RecordCsv.write(List.of(record(panel, panelLot, press, "900"))));
        Cli.Result imported = run("import", "-c", "applianceco", "--key", "press.key.pem", "panel.csv");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertExit(run("attestation", "create", "-c", "certco", panel, panelLot, "--verdict", "VERIFIED", "--standard",
                "ISO 14067", "--assurance", "LIMITED", "--valid-until", "2030-01-01T00:00:00Z"), ExitCode.REFUSED,
                "is not sealed");
        ok(cli, "batch", "seal", "-c", "applianceco", panel, panelLot);
        assertThat(JsonObjectReader.of(ok(cli, "batch", "provenance", "-c", "certco", panel, panelLot), "")
                .requireInteger("tiers", 0, 10)).isEqualTo(2);

        Cli.Result unattested = run("verify", "-c", "certco", panel, panelLot);
        assertThat(unattested.exitCode()).as(unattested.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(unattested.out()).contains(": FAIL\n", "✗ batch.attested batch " + panel + "/" + panelLot);

        ok(cli, "attestation", "create", "-c", "certco", panel, panelLot, "--verdict", "VERIFIED", "--standard",
                "ISO 14067", "--assurance", "LIMITED", "--valid-from", "2026-01-01T00:00:00Z", "--valid-until",
                "2030-01-01T00:00:00Z", "--comment", "integration test");
        assertThat(ok(cli, "attestation", "list", "-c", "steelco", panel, panelLot).toString()).contains("\"counts\":true");

        Cli.Result verified = run("verify", "-c", "certco", panel, panelLot, "--peer-org", "SteelCoMSP",
                "--save-bundle", "panel.bundle.json");
        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains(": PASS\n", "online checks answered by peer0.steelco.carbonledger.test",
                "✓ transaction.committed ×", "✓ state.on-ledger ×");
        Cli.Result exported = run("export", "-c", "steelco", panel, panelLot, "--format", "bundle", "--out", "e.json");
        assertThat(exported.exitCode()).as(exported.toString()).isZero();
        Cli.Result offline = run("verify", "--bundle", "e.json");
        assertThat(offline.exitCode()).as(offline.toString()).isZero();
        // SteelCo sees its coil's records, not ApplianceCo's panel's: that batch rests on CertCo's attestation.
        assertThat(offline.out()).contains("(2 batches, 5 records, 3 transfers, ",
                "records not disclosed to SteelCoMSP for 1 batch");
        Cli.Result pact = run("export", "-c", "certco", panel, panelLot, "--format", "pact", "--out", "panel.pact.json");
        assertThat(pact.exitCode()).as(pact.toString()).isZero();
        JsonObject footprint = org.carbonledger.core.json.Json.parseObject(Files.readString(work.resolve(
                "panel.pact.json")), "pact");
        JsonObject batch = ok(cli, "batch", "show", "-c", "certco", panel, panelLot);
        assertThat(text(footprint, "pcf.pcfExcludingBiogenicUptake")).isEqualTo(text(batch, "seal.perUnit.total"));
        assertThat(text(footprint, "specVersion")).startsWith("3.");
        assertThat(footprint.toString()).contains("urn:gtin:" + panel);
        assertExit(run("export", "-c", "steelco", coil, otherLot, "--format", "pact"), ExitCode.REFUSED,
                "is not sealed");
        // The QR code comes from CertCo's service (make up starts it); the ledger check comes first.
        String certco = "https://localhost:8445";
        String certcoTls = Network.dir().getParent().getParent().resolve("service/run/certco/tls/server.crt").toString();
        Cli.Result qr = run("qr", "-c", "certco", panel, panelLot, "--out", "panel.svg", "--service", certco,
                "--cacert", certcoTls);
        assertThat(qr.exitCode()).as(qr.toString()).isZero();
        assertThat(Files.readString(work.resolve("panel.svg"))).startsWith("<svg")
                .contains("/01/" + panel + "/10/" + panelLot + "</title>");
        assertExit(run("qr", "-c", "certco", panel, "NOPE", "--out", "nope.svg", "--service", certco, "--cacert",
                certcoTls), ExitCode.NOT_FOUND, "no such batch");
        assertThat(Files.exists(work.resolve("nope.svg"))).isFalse();
        // A later shipment out of the sealed coil changes its shipped total: reported, not a failure.
        ok(cli, "transfer", "ship", "-c", "steelco", coil, lot, "--to", "ApplianceCoMSP", "--quantity", "1", "--unit", "t");
        Cli.Result online = run("verify", "--bundle", "panel.bundle.json", "--online", "-c", "applianceco");
        assertThat(online.exitCode()).as(online.toString()).isZero();
        assertThat(online.out()).contains(": PASS\n", "✗ state.on-ledger batch " + coil + "/" + lot + " (informational)",
                "shipped: bundle {\"amount\":\"55000\",\"unit\":\"kg\"} vs ledger {\"amount\":\"56000\",\"unit\":\"kg\"}",
                "→ the state changed since collection as the ledger's rules allow");
        assertExit(run("verify", "-c", "certco", panel, "NOPE"), ExitCode.NOT_FOUND, "no such batch");
    }

    @Test
    @Order(10)
    void a_revoked_device_is_shown_revoked_and_its_later_records_are_refused() throws IOException {
        JsonObject revoked = ok(cli, "device", "revoke", "-c", "steelco", meter, "--from", "2026-10-15T00:00:00Z");
        assertThat(text(revoked, "revokedFrom")).isEqualTo("2026-10-15T00:00:00Z");
        Files.writeString(work.resolve("late.csv"), RecordCsv.write(List.of(record(coil, otherLot, meter, "9"))));
        Cli.Result late = run("import", "-c", "steelco", "--key", "meter.key.pem", "late.csv");
        assertThat(late.exitCode()).as(late.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(late.err()).contains("refused by the ledger: DEVICE_REVOKED");
        assertExit(run("device", "revoke", "-c", "steelco", meter, "--from", "2026-12-01T00:00:00Z"), ExitCode.REFUSED,
                "INVALID_STATE");
    }
}
