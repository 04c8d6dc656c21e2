package org.carbonledger.apiclient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The demo OAuth clients file that {@code make up} writes per organization ({@code service/run/<org>/demo-clients.env}):
 * {@code KEY=VALUE} lines ({@code OPERATOR_CLIENT}, {@code OPERATOR_SECRET}, ...), blank lines and {@code #} comments
 * ignored, optional single or double quotes around a value. Secrets read from it are never printed.
 */
public record ClientEnv(Map<String, String> values) {
    public ClientEnv {
        values = Map.copyOf(values);
    }

    /**
     * Reads a clients file.
     *
     * @throws IllegalArgumentException when it does not exist or is malformed (never quoting a secret)
     * @throws UncheckedIOException     when it cannot be read
     */
    public static ClientEnv read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no clients file at " + file + " (make up writes one per service: "
                    + "service/run/<org>/demo-clients.env)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Where {@code make up} keeps a service's own certificate: {@code service/run/<org>/tls/server.crt}, beside the
     * clients file {@code service/run/<org>/demo-clients.env}.
     */
    public static Path certificateBeside(Path clientEnv) {
        return clientEnv.toAbsolutePath().getParent().resolve("tls").resolve("server.crt");
    }

    /**
     * @param text   the file's content
     * @param source where it came from, for messages
     */
    public static ClientEnv parse(String text, String source) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                // The line itself may hold a secret: name only its position.
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected KEY=VALUE");
            }
            String key = line.substring(0, eq).strip();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": \"" + key + "\" is not a variable name");
            }
            values.put(key, unquote(line.substring(eq + 1).strip()));
        }
        return new ClientEnv(values);
    }

    /** The {@code <ROLE>_CLIENT} and {@code <ROLE>_SECRET} pair, e.g. role {@code OPERATOR}. */
    public Credentials credentials(String role, String source) {
        String client = Optional.ofNullable(values.get(role + "_CLIENT")).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException(source + ": no " + role + "_CLIENT"));
        String secret = Optional.ofNullable(values.get(role + "_SECRET")).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException(source + ": no " + role + "_SECRET"));
        return new Credentials(client, secret);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
