package org.carbonledger.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.carbonledger.cli.Cli;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/** The running network as carbonctl sees it in integration tests: fresh ids, and a CLI bound to the network. */
final class Network {
    static final String STEELCO = "SteelCoMSP";
    static final String APPLIANCECO = "ApplianceCoMSP";
    static final String CERTCO = "CertCoMSP";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Network() {
    }

    static Path dir() {
        String location = System.getProperty("carbonledger.network.dir");
        if (location == null || !Files.isDirectory(Path.of(location).resolve("connection"))) {
            throw new IllegalStateException("no network at " + location + ": start it with `make up`");
        }
        return Path.of(location);
    }

    /** A CLI working in {@code work} that finds the connection files of the running network. */
    static Cli cli(Path work) {
        return new Cli(work).env("CARBONLEDGER_NETWORK_DIR", dir().toString());
    }

    /** Runs a command that must succeed, returning its JSON output ({@code --output json} is added). */
    static JsonObject ok(Cli cli, String... args) {
        String[] withJson = java.util.Arrays.copyOf(args, args.length + 2);
        withJson[args.length] = "--output";
        withJson[args.length + 1] = "json";
        Cli.Result r = cli.run(withJson);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
        return Json.parseObject(r.out().strip(), "output");
    }

    /** A fresh GTIN-13 with a valid check digit (GTINs are unique on the ledger forever; tests rerun). */
    static String newGtin() {
        StringBuilder digits = new StringBuilder("96");
        for (int i = 0; i < 10; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return Gtin.parse(digits.toString() + Gtin.checkDigit(digits.toString()), "gtin").value();
    }

    /** A short random suffix for lots, device and dataset ids. */
    static String suffix() {
        return Long.toString(Math.abs(RANDOM.nextLong()), 36).substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }

    static String text(JsonObject o, String path) {
        String[] parts = path.split("\\.");
        JsonObjectReader r = JsonObjectReader.of(o, "");
        for (int i = 0; i < parts.length - 1; i++) {
            r = r.requireObject(parts[i]);
        }
        return r.requireString(parts[parts.length - 1]);
    }

    /**
     * Makes sure SteelCo and ApplianceCo are producers and CertCo a certifier, through carbonctl's role commands, and
     * that both producers designated CertCo (the ledger refuses the records of a producer that designated none).
     */
    static void ensureRoles(Cli cli) {
        grant(cli, STEELCO, "steelco", "PRODUCER");
        grant(cli, APPLIANCECO, "applianceco", "PRODUCER");
        grant(cli, CERTCO, "certco", "CERTIFIER");
        designate(cli, STEELCO, "steelco");
        designate(cli, APPLIANCECO, "applianceco");
    }

    /**
     * Designates CertCo for a producer (a replay when it is designated already). The producer's peer checks CertCo's
     * role when it endorses the designation, and CertCo's peer endorses the producer's records once it holds the
     * designation, so each waits for the block that the other organization's peer committed first.
     */
    private static void designate(Cli cli, String msp, String org) {
        await(() -> ok(cli, "org", "show", "-c", org, CERTCO).toString().contains("\"CERTIFIER\""),
                org + "'s peer seeing CertCo's CERTIFIER role");
        ok(cli, "certifiers", "designate", "-c", org, CERTCO);
        await(() -> ok(cli, "certifiers", "list", "-c", "certco", "--producer", msp).toString()
                .contains("\"" + CERTCO + "\""), "CertCo's peer seeing its designation by " + msp);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    private static void grant(Cli cli, String msp, String org, String role) {
        JsonObject o = ok(cli, "org", "show", "-c", org, msp);
        if (JsonObjectReader.of(o, "").requireArray("roles").elements().stream()
                .anyMatch(v -> v.toString().equals("\"" + role + "\""))) {
            return;
        }
        String proposer = org.equals("steelco") ? "applianceco" : "steelco";
        String approver = org.equals("certco") ? "applianceco" : "certco";
        JsonObject proposal = ok(cli, "role", "propose", "-c", proposer, "--grant", msp, role);
        ok(cli, "role", "approve", "-c", approver, text(proposal, "proposalId"));
    }
}
