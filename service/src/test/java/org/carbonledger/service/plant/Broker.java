package org.carbonledger.service.plant;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Mosquitto, run by network/scripts/broker.sh on a free port with a temporary run dir, as a test's broker.
 */
final class Broker implements AutoCloseable {

    private static final Path SCRIPT = Path.of("..", "network", "scripts", "broker.sh").toAbsolutePath().normalize();

    final Path runDir;
    final int port;

    private Broker(Path runDir, int port) {
        this.runDir = runDir;
        this.port = port;
    }

    static Broker start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Broker broker = new Broker(Files.createTempDirectory("carbonledger-broker-"), port);
        broker.run("start");
        return broker;
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    Path passwordFile(String user) {
        return runDir.resolve("broker/credentials/" + user);
    }

    String password(String user) throws IOException {
        return Files.readString(passwordFile(user), StandardCharsets.UTF_8).strip();
    }

    void run(String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), command).redirectErrorStream(true);
        pb.environment().put("CARBON_RUN_DIR", runDir.toString());
        pb.environment().put("CARBON_BROKER_PORT", Integer.toString(port));
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("broker.sh " + command + " failed: " + output);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            run("stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the broker", e);
        }
        // The run dir holds generated passwords: leave nothing behind.
        try (Stream<Path> files = Files.walk(runDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
