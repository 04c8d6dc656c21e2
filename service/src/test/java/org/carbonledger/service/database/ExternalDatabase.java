package org.carbonledger.service.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether this test run uses an external server ({@code DATASOURCES_DEFAULT_URL} set, as {@code make
 * test-external-db} does with network/scripts/external-db.sh) instead of the embedded MariaDB, and how to reach the
 * script that runs it.
 */
public final class ExternalDatabase {
    private ExternalDatabase() {
    }

    /** @return the external server's JDBC URL, when the tests run against one */
    public static Optional<String> url() {
        return Optional.ofNullable(System.getenv("DATASOURCES_DEFAULT_URL")).filter(url -> !url.isBlank());
    }

    /** @return the database user the service connects as: the external one, or the embedded server's own */
    public static String username() {
        return url().isPresent() ? System.getenv("DATASOURCES_DEFAULT_USERNAME") : EmbeddedMariaDb.USER;
    }

    /** @return network/scripts/external-db.sh, found from the service module's directory (Surefire's working dir) */
    public static Path script() {
        Path script = Path.of("..", "network", "scripts", "external-db.sh").toAbsolutePath().normalize();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("no executable " + script);
        }
        return script;
    }
}
