package org.carbonledger.cli.common;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command may use of its surroundings: the output streams, the environment, the working directory, the
 * Carbon Ledger checkout it belongs to (for the network scripts and default file locations), whether stderr is a
 * terminal, and the clock. Tests pass their own.
 *
 * @param out standard output: data
 * @param err standard error: progress, warnings, errors
 * @param env environment variables
 * @param workingDir relative paths are resolved here
 * @param home the Carbon Ledger checkout, when known ({@code -Dcarbonctl.home}, set by bin/carbonctl)
 * @param terminal whether stderr is an interactive terminal (progress bars are drawn only then)
 * @param clock the clock
 */
public record CliContext(PrintWriter out, PrintWriter err, Map<String, String> env, Path workingDir,
                         Optional<Path> home, boolean terminal, Clock clock) {

    /** Null-checks every part. */
    public CliContext {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param path a path as the user typed it
     * @return it resolved against the working directory
     */
    public Path resolve(Path path) {
        return workingDir.resolve(path).normalize();
    }

    /**
     * @param name an environment variable
     * @return its value, if set and not empty
     */
    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
    }

    /** @return the checkout: the home given, else the working directory if it holds network/scripts */
    public Path homeOrWorkingDir() {
        return home.orElse(workingDir);
    }
}
