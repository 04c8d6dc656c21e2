package org.carbonledger.cli.device;

import java.nio.file.Path;
import java.time.Instant;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.Group;
import org.carbonledger.cli.common.LedgerCommand;
import org.carbonledger.cli.keys.KeyFiles;
import org.carbonledger.cli.keys.Passphrase;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.ledger.LedgerOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Metering devices and their keys. */
@Command(name = "device", description = "Register, revoke and look up metering devices (id + ECDSA P-256 public key).",
        subcommands = {DeviceCommand.Register.class, DeviceCommand.Revoke.class, DeviceCommand.Show.class,
            DeviceCommand.ListDevices.class})
public final class DeviceCommand extends Group {

    /** device register. */
    @Command(name = "register", description = {"Register a device of your organization with its public key.",
        "Records signed by the device's private key are accepted from --valid-from on (default: now)."},
            footerHeading = "%nExamples:%n", footer = {
                "  carbonctl device register -c steelco meter-12 --public-key meter-12.pub.pem",
                "  carbonctl device register -c steelco kiln-1 --public-key kiln-1.key.pem --valid-from 2026-01-01T00:00:00Z"})
    static final class Register extends LedgerCommand {
        @Parameters(paramLabel = "DEVICE", description = "The device id, unique within your organization.")
        String deviceId;
        @Option(names = "--public-key", required = true, paramLabel = "KEYFILE",
                description = "The device's public key (or its private key file: only the public part is sent).")
        Path key;
        @Option(names = "--valid-from", paramLabel = "INSTANT", description = "e.g. 2026-01-01T00:00:00Z (default: now).")
        Instant validFrom;
        @Option(names = "--description", paramLabel = "TEXT", description = "Where the device is, what it measures.")
        String description;
        @Mixin
        Passphrase passphrase;

        Register(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            JsonObject.Builder b = JsonObject.builder().put("deviceId", deviceId)
                    .put("publicKeyPem", KeyFiles.readPublic(ctx, key, passphrase).toPem());
            if (validFrom != null) {
                b.put("validFrom", validFrom.toString());
            }
            if (description != null) {
                b.put("description", description);
            }
            String owner = client.connection().mspId();
            return createOnce(client, b.build(), () -> find(client, LedgerOperation.GET_DEVICE, owner, deviceId),
                    LedgerOperation.REGISTER_DEVICE);
        }
    }

    /** device revoke. */
    @Command(name = "revoke", description = {"Revoke a device of your organization from an instant on.",
        "Records whose period ends at or after it are refused; a revocation can be brought forward, never back."},
            footerHeading = "%nExamples:%n", footer = {"  carbonctl device revoke -c steelco meter-12",
                "  carbonctl device revoke -c steelco meter-12 --from 2026-10-15T00:00:00Z"})
    static final class Revoke extends LedgerCommand {
        @Parameters(paramLabel = "DEVICE", description = "The device id.")
        String deviceId;
        @Option(names = "--from", paramLabel = "INSTANT", description = "Revoked from this instant on (default: now).")
        Instant from;

        Revoke(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            Instant at = from != null ? from : ctx.clock().instant();
            return submit(client, LedgerOperation.REVOKE_DEVICE, deviceId, at.toString());
        }
    }

    /** device show. */
    @Command(name = "show", description = "Show a device: key, fingerprint, validity.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl device show -c steelco meter-12",
                "  carbonctl device show -c certco --owner SteelCoMSP meter-12"})
    static final class Show extends LedgerCommand {
        @Parameters(paramLabel = "DEVICE", description = "The device id.")
        String deviceId;
        @Option(names = "--owner", paramLabel = "MSPID", description = "The owning organization (default: yours).")
        String owner;

        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return query(client, LedgerOperation.GET_DEVICE, owner != null ? owner : client.connection().mspId(), deviceId);
        }
    }

    /** device list. */
    @Command(name = "list", description = "List an organization's devices.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl device list -c steelco",
                "  carbonctl device list -c certco --owner SteelCoMSP --output json"})
    static final class ListDevices extends LedgerCommand {
        @Option(names = "--owner", paramLabel = "MSPID", description = "The owning organization (default: yours).")
        String owner;

        ListDevices(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return allPages(client, LedgerOperation.LIST_DEVICES, owner != null ? owner : client.connection().mspId());
        }
    }
}
