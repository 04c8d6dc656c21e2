package org.carbonledger.cli.common;

import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonValue;
import picocli.CommandLine.Option;

/** {@code --output text|json} for commands whose output is data. */
public final class OutputOptions {

    /** The output formats. */
    public enum Format {
        /** For people: aligned text, or indented JSON for ledger states. */
        text,
        /** For programs: one line of canonical JSON (RFC 8785) on stdout. */
        json
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (one line of canonical JSON on stdout).")
    private Format format = Format.text;

    /** @return true for {@code --output json} */
    public boolean json() {
        return format == Format.json;
    }

    /**
     * Prints a JSON result: compact canonical JSON for {@code --output json}, indented for people.
     *
     * @param ctx where to print
     * @param value the result
     */
    public void print(CliContext ctx, JsonValue value) {
        ctx.out().println(json() ? Jcs.canonicalString(value) : PrettyJson.write(value));
        ctx.out().flush();
    }
}
