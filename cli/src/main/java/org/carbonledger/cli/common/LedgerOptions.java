package org.carbonledger.cli.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.carbonledger.client.connection.ConnectionProfile;
import org.carbonledger.client.connection.IdentityFiles;
import org.carbonledger.client.gateway.Deadlines;
import org.carbonledger.client.gateway.LedgerConnection;
import org.carbonledger.client.ledger.LedgerClient;
import picocli.CommandLine.Option;

/**
 * How a command reaches the ledger: which organization identity (a connection file, as {@code make up} writes them
 * or as an operator writes one for another network) and which identity in it.
 */
public final class LedgerOptions implements AutoCloseable {

    @Option(names = {"-c", "--connection"}, paramLabel = "ORG|FILE",
            description = "Organization connection: a connection file, or the name of one in the network directory "
                    + "(steelco, applianceco, certco). Default: $CARBONCTL_CONNECTION.")
    private String connection;

    @Option(names = "--identity", paramLabel = "NAME",
            description = "Identity in the connection file (admin, client). Default: $CARBONCTL_IDENTITY, else the "
                    + "command's default.")
    private String identity;

    @Option(names = "--network-dir", paramLabel = "DIR",
            description = "Where `make up` wrote the network's files. Default: $CARBONLEDGER_NETWORK_DIR, else "
                    + "network/run of the Carbon Ledger checkout.")
    private Path networkDir;

    private final CliContext ctx;
    private LedgerConnection open;

    /** @param ctx the command's surroundings */
    public LedgerOptions(CliContext ctx) {
        this.ctx = ctx;
    }

    /** @return the network directory in effect */
    public Path networkDir() {
        if (networkDir != null) {
            return ctx.resolve(networkDir);
        }
        return ctx.env("CARBONLEDGER_NETWORK_DIR").map(Path::of).map(ctx::resolve)
                .orElse(ctx.homeOrWorkingDir().resolve("network/run"));
    }

    /** @return whether the user named a connection (option or $CARBONCTL_CONNECTION) */
    public boolean connectionGiven() {
        return connection != null || ctx.env("CARBONCTL_CONNECTION").isPresent();
    }

    /** @return the connection file in effect */
    public Path connectionFile() {
        String value = Optional.ofNullable(connection).or(() -> ctx.env("CARBONCTL_CONNECTION"))
                .orElseThrow(() -> CliException.invalid("no organization connection: give --connection ORG (e.g. "
                        + "steelco, a file in " + networkDir().resolve("connection") + ") or --connection FILE, "
                        + "or set CARBONCTL_CONNECTION"));
        Path asFile = ctx.resolve(Path.of(value));
        if (value.contains("/") || value.endsWith(".json") || Files.isRegularFile(asFile)) {
            return asFile;
        }
        Path named = networkDir().resolve("connection").resolve(value + ".json");
        if (!Files.isRegularFile(named)) {
            throw CliException.invalid("no connection file " + named + " (is the network up? `carbonctl network "
                    + "status`; or give --network-dir or a connection file path)");
        }
        return named;
    }

    /** @return the connection profile, read */
    public ConnectionProfile profile() {
        Path file = connectionFile();
        try {
            return ConnectionProfile.load(file);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.INVALID_INPUT, e.getMessage(), e);
        }
    }

    /**
     * The identity files a connection would use, for signing with the organization's client identity offline.
     *
     * @param defaultIdentity the identity to use unless the user named one
     * @return the identity's certificate and key files and MSP id
     */
    public IdentityFiles identityFiles(String defaultIdentity) {
        String name = Optional.ofNullable(identity).or(() -> ctx.env("CARBONCTL_IDENTITY")).orElse(defaultIdentity);
        try {
            return profile().identity(name);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.INVALID_INPUT, e.getMessage(), e);
        }
    }

    /**
     * Connects (once; later calls return the same connection).
     *
     * @param defaultIdentity the identity to use unless the user named one
     * @return the connection
     */
    public LedgerConnection connect(String defaultIdentity) {
        if (open == null) {
            String name = Optional.ofNullable(identity).or(() -> ctx.env("CARBONCTL_IDENTITY")).orElse(defaultIdentity);
            ConnectionProfile profile = profile();
            try {
                open = LedgerConnection.open(profile, name, Deadlines.defaults());
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCode.INVALID_INPUT, e.getMessage(), e);
            }
        }
        return open;
    }

    /**
     * @param defaultIdentity the identity to use unless the user named one
     * @param inFlight how many transactions may be between endorsement and commit at once
     * @return a ledger client on the connection
     */
    public LedgerClient client(String defaultIdentity, int inFlight) {
        return LedgerClient.newInstance(connect(defaultIdentity), inFlight);
    }

    @Override
    public void close() {
        if (open != null) {
            open.close();
            open = null;
        }
    }
}
