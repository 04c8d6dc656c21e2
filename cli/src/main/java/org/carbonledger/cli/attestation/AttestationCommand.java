package org.carbonledger.cli.attestation;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.Group;
import org.carbonledger.cli.common.LedgerCommand;
import org.carbonledger.client.ledger.LedgerCalls;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.client.ledger.Replays;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StoredBatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Certifiers' attestations of sealed footprints. */
@Command(name = "attestation", description = "Attest a sealed batch's footprint (CERTIFIER role) and list attestations.",
        subcommands = {AttestationCommand.Create.class, AttestationCommand.ListAttestations.class})
public final class AttestationCommand extends Group {

    /** attestation create. */
    @Command(name = "create", description = {"Record your verdict on a sealed batch's current seal.",
        "The seal hash defaults to the batch's current one, read from the ledger; run `carbonctl verify` first."},
            footerHeading = "%nExamples:%n", footer = {
                "  carbonctl attestation create -c certco 09506000134390 WM-2611-001 --verdict VERIFIED \\",
                "      --standard 'ISO 14067' --assurance LIMITED --valid-until 2027-11-01T00:00:00Z"})
    static final class Create extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "GTIN", description = "The batch's GTIN.")
        String gtin;
        @Parameters(index = "1", paramLabel = "LOT", description = "The batch's lot.")
        String lot;
        @Option(names = "--verdict", required = true, paramLabel = "VERDICT", description = "VERIFIED or REJECTED.")
        String verdict;
        @Option(names = "--standard", required = true, paramLabel = "NAME",
                description = "ISO 14067, GHG Protocol Product Standard, PACT 3, ISO 14064-3 or PAS 2050.")
        String standard;
        @Option(names = "--assurance", required = true, paramLabel = "LEVEL", description = "LIMITED or REASONABLE.")
        String assurance;
        @Option(names = "--valid-from", paramLabel = "INSTANT", description = "Default: now.")
        Instant validFrom;
        @Option(names = "--valid-until", required = true, paramLabel = "INSTANT", description = "End of validity.")
        Instant validUntil;
        @Option(names = "--seal-hash", paramLabel = "HEX", description = "The seal attested (default: the current one).")
        String sealHash;
        @Option(names = "--comment", paramLabel = "TEXT", description = "A comment.")
        String comment;
        @Option(names = "--id", paramLabel = "UUID", description = "The attestation id (default: a new random UUID).")
        String id;

        Create(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            String seal = sealHash;
            if (seal == null) {
                JsonObject batch = (JsonObject) client.evaluate(LedgerOperation.GET_BATCH, gtin, lot);
                seal = StoredBatch.fromJson(batch, "batch").sealHash().map(Hash::toHex).orElseThrow(() -> new CliException(
                        ExitCode.REFUSED, "batch " + gtin + "/" + lot
                        + " is not sealed: there is no footprint to attest yet"));
            }
            String attestationId = id != null ? LedgerId.parse(id, "--id").value() : UUID.randomUUID().toString();
            JsonObject.Builder b = JsonObject.builder()
                    .put("attestationId", attestationId)
                    .put("gtin", gtin).put("lot", lot).put("verdict", verdict).put("standard", standard)
                    .put("assuranceLevel", assurance)
                    .put("validFrom", (validFrom != null ? validFrom : ctx.clock().instant()).toString())
                    .put("validUntil", validUntil.toString()).put("sealHash", seal);
            if (comment != null) {
                b.put("comment", comment);
            }
            JsonObject attestation = b.build();
            // Without --valid-from the start is "now", new on every run: a repeat is judged on what the user gave.
            JsonObject given = validFrom != null ? attestation : attestation.without("validFrom");
            return submitOnce(client, Set.of(ErrorCode.DUPLICATE_ID, ErrorCode.ALREADY_EXISTS),
                    () -> stored(client, gtin, lot, attestationId), stored -> Replays.difference(given, stored), "txId",
                    LedgerOperation.ATTEST, Jcs.canonicalString(attestation));
        }

        /** The attestation under the id, read from the batch's list (the ledger has no query by id). */
        private static Optional<JsonObject> stored(LedgerCalls client, String gtin, String lot, String attestationId) {
            Optional<JsonObject> list = find(client, LedgerOperation.LIST_ATTESTATIONS, gtin, lot);
            if (list.isEmpty()) {
                return Optional.empty();
            }
            Optional<JsonValue> id = Optional.of(JsonString.of(attestationId));
            for (JsonValue item : JsonObjectReader.of(list.get(), "").requireArray("items").elements()) {
                if (item instanceof JsonObject a && a.get("attestationId").equals(id)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    /** attestation list. */
    @Command(name = "list", description = "List a batch's attestations, each saying whether it counts now and why not.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl attestation list -c steelco 09506000134390 WM-2611-001"})
    static final class ListAttestations extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "GTIN", description = "The batch's GTIN.")
        String gtin;
        @Parameters(index = "1", paramLabel = "LOT", description = "The batch's lot.")
        String lot;

        ListAttestations(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return query(client, LedgerOperation.LIST_ATTESTATIONS, gtin, lot);
        }
    }
}
