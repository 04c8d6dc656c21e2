package org.carbonledger.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carbonledger.cli.common.CliContext;

/** Runs carbonctl in-process, as a user would from a shell in {@code dir}, capturing stdout and stderr. */
public final class Cli {
    private final Path dir;
    private final Map<String, String> env = new HashMap<>();
    private Optional<Path> home = Optional.empty();

    /** What a run printed and returned. */
    public record Result(int exitCode, String out, String err) {
        /** @return stderr's lines */
        public List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public Cli(Path dir) {
        this.dir = dir;
    }

    public Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Cli home(Path home) {
        this.home = Optional.of(home);
        return this;
    }

    public Path dir() {
        return dir;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), env, dir, home, false,
                Clock.systemUTC());
        int code = CarbonCtl.execute(ctx, args);
        return new Result(code, out.toString(), err.toString());
    }

    /** The checked-in fixtures of core (keys, records, bundles). */
    public static Path fixtures() {
        String dir = System.getProperty("carbonledger.fixtures.dir");
        if (dir == null) {
            throw new IllegalStateException("system property carbonledger.fixtures.dir is not set (the build sets it)");
        }
        return Path.of(dir);
    }
}
