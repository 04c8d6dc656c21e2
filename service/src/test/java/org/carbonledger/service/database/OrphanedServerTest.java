package org.carbonledger.service.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes stand in for the server: a shell whose arguments carry {@code --datadir=...} as mariadbd's do, and
 * which ends on SIGTERM as mariadbd does after its clean shutdown.
 */
class OrphanedServerTest {
    private static final String SERVER_LOOP = "trap 'exit 0' TERM; while :; do sleep 0.2; done";

    @TempDir
    Path dir;

    @Test
    void an_orphaned_server_on_the_data_dir_is_shut_down_and_its_pid_file_removed() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path pidFile = dir.resolve("mariadbd.pid");
        // The outer shell exits at once, so the server is left without its parent, as after a SIGKILL of the JVM.
        Process launcher = new ProcessBuilder("sh", "-c", "sh -c \"$0\" sh --datadir=\"$1\" & echo $! > \"$2\"",
                SERVER_LOOP, data.toFile().getCanonicalPath(), pidFile.toString()).start();
        assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).isTrue();
        ProcessHandle orphan = ProcessHandle.of(pid(pidFile)).orElseThrow();
        // `echo $!` runs right after the fork, before the child has exec'd into the server's command line; mariadbd
        // writes its own pid file once running, so wait for that state here.
        awaitArgument(orphan, "--datadir=" + data.toFile().getCanonicalPath());

        OrphanedServer.stopIfRunning(pidFile, data, Duration.ofSeconds(10));

        assertThat(OrphanedServer.ended(orphan)).isTrue();
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void a_server_whose_service_still_runs_is_refused_and_left_alone() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path pidFile = dir.resolve("mariadbd.pid");
        // A child of this JVM: another service that is still using the data dir.
        Process owned = new ProcessBuilder("sh", "-c", SERVER_LOOP, "sh", "--datadir=" + data.toFile().getCanonicalPath())
                .start();
        try {
            Files.writeString(pidFile, owned.pid() + "\n");

            assertThatThrownBy(() -> OrphanedServer.stopIfRunning(pidFile, data, Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("pid " + owned.pid())
                    .hasMessageContaining("stop that service first");
            assertThat(OrphanedServer.ended(owned.toHandle())).isFalse();
        } finally {
            owned.destroyForcibly();
        }
    }

    @Test
    void a_reused_pid_of_a_process_on_another_data_dir_is_left_alone() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path pidFile = dir.resolve("mariadbd.pid");
        Process other = new ProcessBuilder("sh", "-c", SERVER_LOOP, "sh", "--datadir=/elsewhere").start();
        try {
            Files.writeString(pidFile, Long.toString(other.pid()));

            OrphanedServer.stopIfRunning(pidFile, data, Duration.ofSeconds(5));

            assertThat(OrphanedServer.ended(other.toHandle())).isFalse();
            assertThat(pidFile).doesNotExist();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void a_stale_or_unreadable_pid_file_is_removed() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path pidFile = dir.resolve("mariadbd.pid");
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.writeString(pidFile, Long.toString(ended.pid()));

        OrphanedServer.stopIfRunning(pidFile, data, Duration.ofSeconds(5));
        assertThat(pidFile).doesNotExist();

        Files.writeString(pidFile, "not a pid");
        OrphanedServer.stopIfRunning(pidFile, data, Duration.ofSeconds(5));
        assertThat(pidFile).doesNotExist();
    }

    private static void awaitArgument(ProcessHandle process, String argument) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (process.info().arguments().map(args -> java.util.Arrays.asList(args).contains(argument)).orElse(false)) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the stand-in server never ran with " + argument);
    }

    private static long pid(Path pidFile) throws IOException, InterruptedException {
        for (int i = 0; i < 100 && (!Files.isRegularFile(pidFile) || Files.size(pidFile) == 0); i++) {
            Thread.sleep(50);
        }
        return Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
    }
}
