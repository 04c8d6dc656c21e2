package org.carbonledger.cli.keys;

import java.nio.file.Path;
import java.util.Optional;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.CliFiles;
import picocli.CommandLine.Option;

/**
 * Where a key passphrase comes from. Never the command line (it would land in shell history and {@code ps}): an
 * environment variable or a file, default {@code $CARBONCTL_KEY_PASSPHRASE}.
 */
public final class Passphrase {
    /** The environment variable read when no option names another source. */
    public static final String DEFAULT_ENV = "CARBONCTL_KEY_PASSPHRASE";

    @Option(names = "--passphrase-env", paramLabel = "VAR",
            description = "Read the key passphrase from this environment variable (default $" + DEFAULT_ENV + ").")
    private String env;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "Read the key passphrase from the first line of this file.")
    private Path file;

    private final CliContext ctx;

    /** @param ctx the command's surroundings */
    public Passphrase(CliContext ctx) {
        this.ctx = ctx;
    }

    /** @return the passphrase, if one was given (the named variable must be set) */
    public Optional<char[]> get() {
        if (file != null) {
            String text = CliFiles.readText(ctx.resolve(file), "passphrase file");
            String first = text.lines().findFirst().orElse("");
            if (first.isEmpty()) {
                throw CliException.invalid("passphrase file " + file + " is empty");
            }
            return Optional.of(first.toCharArray());
        }
        if (env != null) {
            return Optional.of(ctx.env(env).orElseThrow(() -> CliException.invalid(
                    "environment variable " + env + " (--passphrase-env) is not set")).toCharArray());
        }
        return ctx.env(DEFAULT_ENV).map(String::toCharArray);
    }
}
