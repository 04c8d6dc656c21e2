package org.carbonledger.service.database;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The embedded MariaDB used when no {@code datasources.default.url} is configured ({@code carbonledger.embedded-db}).
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one at each start
 * @param database schema name, created as utf8mb4
 * @param baseDir where the MariaDB binaries are unpacked; default {@code <data-dir>/mariadb/base}. Several data
 *     directories may share one (the tests do), since unpacking 500 MB is the slow part of a first start
 * @param startTimeout how long to wait for "ready for connections"
 */
@ConfigurationProperties("carbonledger.embedded-db")
public record EmbeddedDatabaseProperties(
        @Bindable(defaultValue = "0") @Min(0) @Max(65535) int port,
        @Bindable(defaultValue = "carbonledger") @Pattern(regexp = "[a-z][a-z0-9_]{0,63}") String database,
        @Nullable String baseDir,
        @Bindable(defaultValue = "60s") @NotNull Duration startTimeout) {
}
