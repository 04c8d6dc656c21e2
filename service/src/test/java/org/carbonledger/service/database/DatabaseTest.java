package org.carbonledger.service.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.TimeZone;
import java.util.UUID;

import javax.sql.DataSource;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.service.security.ClientSecrets;
import org.carbonledger.service.security.OAuthClient;
import org.carbonledger.service.security.OAuthClientRepository;
import org.carbonledger.service.security.Role;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class DatabaseTest {
    /** A leap-year instant with all six fractional digits significant. */
    private static final Instant WITH_MICROS = Instant.parse("2028-02-29T23:59:58.123456Z");

    private DataSource dataSource;

    @Inject
    OAuthClientRepository clients;

    /** The pool itself: Micronaut Data's injected DataSource only hands out connections inside @Transactional. */
    @Inject
    void dataSource(DataSource contextual) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(contextual);
    }

    @Test
    void test_jvm_runs_in_an_odd_time_zone_so_zone_bugs_show() {
        assertThat(TimeZone.getDefault().getID()).isEqualTo("Pacific/Chatham");
    }

    @Test
    void flyway_applied_v1_on_the_configured_server() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT version, success FROM flyway_schema_history WHERE version = '1'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getBoolean("success")).isTrue();
            assertThat(connection.getMetaData().getDatabaseProductVersion()).contains("MariaDB");
        }
    }

    @Test
    void schema_is_utf8mb4_and_the_service_is_not_root() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT s.DEFAULT_CHARACTER_SET_NAME, CURRENT_USER(), @@time_zone "
                     + "FROM information_schema.SCHEMATA s WHERE s.SCHEMA_NAME = DATABASE()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("utf8mb4");
            assertThat(rows.getString(2)).isEqualTo(ExternalDatabase.username() + "@127.0.0.1");
            assertThat(rows.getString(3)).isIn("+00:00", "UTC");
        }
    }

    @Test
    void an_external_jdbc_mysql_url_is_served_by_mysql_connector_j_the_embedded_server_by_mariadb_s() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            String driver = connection.getMetaData().getDriverName();
            if (ExternalDatabase.url().filter(url -> url.startsWith("jdbc:mysql:")).isPresent()) {
                assertThat(driver).isEqualTo("MySQL Connector/J");
            } else {
                assertThat(driver).containsIgnoringCase("MariaDB");
            }
        }
    }

    @Test
    void timestamp6_round_trips_microseconds_through_the_repository() {
        OAuthClient saved = clients.save(new OAuthClient("repo-" + UUID.randomUUID(), ClientSecrets.hash("a-secret-of-16-chars"),
                EnumSet.of(Role.READ_ONLY), true, WITH_MICROS, WITH_MICROS.plusNanos(1_000)));

        OAuthClient read = clients.findById(saved.clientId()).orElseThrow();

        assertThat(read.createdAt()).isEqualTo(WITH_MICROS);
        assertThat(read.updatedAt()).isEqualTo(Instant.parse("2028-02-29T23:59:58.123457Z"));
        assertThat(read.roles()).containsExactly(Role.READ_ONLY);
        assertThat(serverEpoch("created_at", saved.clientId())).isEqualByComparingTo(epochOf(WITH_MICROS));
    }

    private BigDecimal serverEpoch(String column, String clientId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT UNIX_TIMESTAMP(" + column + ") FROM oauth_client WHERE client_id = ?")) {
            select.setString(1, clientId);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getBigDecimal(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static BigDecimal epochOf(Instant instant) {
        return new BigDecimal(instant.getEpochSecond()).add(new BigDecimal(instant.getNano()).movePointLeft(9));
    }

    @Test
    void timestamp6_stores_the_same_instant_whatever_the_jvm_zone() throws Exception {
        String id = "jdbc-" + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO oauth_client "
                    + "(client_id, secret_hash, roles, created_at, updated_at) VALUES (?, 'x', 'read-only', ?, ?)")) {
                insert.setString(1, id);
                insert.setTimestamp(2, Timestamp.from(WITH_MICROS));
                // Not setObject(Instant): mariadb-java-client 3.5.6 writes an Instant as JVM-local wall time.
                insert.setObject(3, WITH_MICROS.atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT created_at, updated_at, "
                    + "UNIX_TIMESTAMP(created_at), UNIX_TIMESTAMP(updated_at) FROM oauth_client WHERE client_id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getTimestamp(1).toInstant()).isEqualTo(WITH_MICROS);
                    assertThat(rows.getObject(2, OffsetDateTime.class).toInstant()).isEqualTo(WITH_MICROS);
                    // The server's own view: seconds since the epoch, microseconds intact.
                    BigDecimal epoch = epochOf(WITH_MICROS);
                    assertThat(rows.getBigDecimal(3)).isEqualByComparingTo(epoch);
                    assertThat(rows.getBigDecimal(4)).isEqualByComparingTo(epoch);
                }
            }
        }
    }

    @Test
    void client_secrets_are_stored_as_bcrypt_hashes() {
        OAuthClient reader = clients.findById("test-reader").orElseThrow();

        assertThat(reader.secretHash()).startsWith("$2y$10$").doesNotContain("reader-secret");
        assertThat(ClientSecrets.matches("reader-secret-0123456789", reader.secretHash())).isTrue();
        assertThat(ClientSecrets.matches("reader-secret-0123456780", reader.secretHash())).isFalse();
    }
}
