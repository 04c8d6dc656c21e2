package org.carbonledger.client.network;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.carbonledger.client.connection.ConnectionProfile;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * The local network that {@code make up} started, as the integration tests see it: connection files, node pids and
 * their operations endpoints (Prometheus metrics over plain HTTP on 127.0.0.1).
 */
final class LocalNetwork {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Node(String name, String kind, Path pidFile, String operationsEndpoint) {
    }

    private final Path dir;
    private final List<Node> nodes;
    private final Path upScript;

    private LocalNetwork(Path dir, List<Node> nodes, Path upScript) {
        this.dir = dir;
        this.nodes = nodes;
        this.upScript = upScript;
    }

    static LocalNetwork fromSystemProperty() {
        String location = System.getProperty("carbonledger.network.dir");
        if (location == null) {
            throw new IllegalStateException("system property carbonledger.network.dir is not set (Failsafe sets it)");
        }
        Path dir = Path.of(location);
        Path nodesFile = dir.resolve("nodes.json");
        if (!Files.isRegularFile(nodesFile)) {
            throw new IllegalStateException(nodesFile + " does not exist: start the network with 'make up' first");
        }
        try {
            JsonObjectReader root = JsonObjectReader.of(Json.parseObject(Files.readString(nodesFile), "nodes"), "");
            List<Node> nodes = new ArrayList<>();
            root.requireArray("nodes").elements().forEach(v -> {
                JsonObjectReader n = JsonObjectReader.of((JsonObject) v, "nodes[]");
                nodes.add(new Node(n.requireString("name"), n.requireString("kind"),
                        Path.of(n.requireString("pidFile")), n.requireString("operationsEndpoint")));
            });
            return new LocalNetwork(dir, List.copyOf(nodes), Path.of(root.requireString("upScript")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + nodesFile, e);
        }
    }

    /** Where the nodes write their logs (network/run/logs). */
    Path logs() {
        return dir.resolve("logs");
    }

    ConnectionProfile profile(String org) {
        return ConnectionProfile.load(dir.resolve("connection").resolve(org + ".json"));
    }

    List<Node> orderers() {
        return nodes.stream().filter(n -> n.kind().equals("orderer")).toList();
    }

    Node node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    /** The current Raft leader of the channel, from the orderers' is_leader gauge. */
    Node raftLeader(String channel) {
        for (Node orderer : orderers()) {
            if (metric(orderer, "consensus_etcdraft_is_leader", channel).orElse(0) == 1) {
                return orderer;
            }
        }
        throw new IllegalStateException("no orderer reports itself Raft leader of " + channel);
    }

    /** The node's block height for the channel, or empty when its operations endpoint does not answer. */
    OptionalLong height(Node node, String channel) {
        return metric(node, "ledger_blockchain_height", channel);
    }

    boolean isAlive(Node node) {
        return pid(node).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    /** kill -9 of the node's recorded process, and wait until it is gone. */
    void killHard(Node node) throws InterruptedException {
        ProcessHandle process = pid(node).flatMap(ProcessHandle::of)
                .orElseThrow(() -> new IllegalStateException(node.name() + " is not running"));
        process.destroyForcibly();
        await(Duration.ofSeconds(10), () -> !process.isAlive(), node.name() + " to die");
    }

    /** Runs the network's idempotent up script, which restarts exactly the nodes that are not running. */
    void restartStoppedNodes() throws IOException, InterruptedException {
        Path log = Files.createTempFile("network-up", ".log");
        Process up = new ProcessBuilder("bash", upScript.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!up.waitFor(120, TimeUnit.SECONDS) || up.exitValue() != 0) {
            throw new IllegalStateException("up script failed: " + Files.readString(log));
        }
    }

    private java.util.Optional<Long> pid(Node node) {
        try {
            return Files.exists(node.pidFile())
                    ? java.util.Optional.of(Long.parseLong(Files.readString(node.pidFile()).trim()))
                    : java.util.Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + node.pidFile(), e);
        }
    }

    private static OptionalLong metric(Node node, String name, String channel) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://" + node.operationsEndpoint() + "/metrics"))
                            .timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("(?m)^" + name + "\\{channel=\"" + Pattern.quote(channel) + "\"}\\s+([0-9.e+]+)$")
                    .matcher(response.body());
            return m.find() ? OptionalLong.of((long) Double.parseDouble(m.group(1))) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** Polls a condition until it holds or the timeout passes (then fails naming what it waited for). */
    static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
