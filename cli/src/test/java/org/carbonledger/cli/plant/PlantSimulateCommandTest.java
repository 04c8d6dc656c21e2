package org.carbonledger.cli.plant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.carbonledger.cli.Cli;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.reading.MeterReading;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** carbonctl plant simulate against the real Mosquitto (network/scripts/broker.sh on a free port, its own run dir). */
class PlantSimulateCommandTest {

    static final Path SCRIPT = Path.of(System.getProperty("carbonctl.module.dir", "."), "..", "network", "scripts",
            "broker.sh").toAbsolutePath().normalize();
    static Path runDir;
    static int port;

    static void broker(String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), command).redirectErrorStream(true);
        pb.environment().put("CARBON_RUN_DIR", runDir.toString());
        pb.environment().put("CARBON_BROKER_PORT", Integer.toString(port));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("broker.sh " + command + " failed: " + output);
        }
    }

    @BeforeAll
    static void startBroker() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        runDir = Files.createTempDirectory("carbonctl-broker-");
        broker("start");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker("stop");
        try (Stream<Path> files = Files.walk(runDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void publishes_signed_readings_and_interval_records_that_the_organizations_service_receives(@TempDir Path dir)
            throws Exception {
        Cli cli = new Cli(dir);
        assertThat(cli.run("keys", "generate", "--private", "keys/eaf-1.key.pem", "--public", "keys/eaf-1.pub.pem")
                .exitCode()).isZero();
        DevicePublicKey key = DevicePublicKey.parse(Files.readString(dir.resolve("keys/eaf-1.pub.pem")));
        List<String> topics = new CopyOnWriteArrayList<>();
        List<byte[]> payloads = new CopyOnWriteArrayList<>();
        MqttAsyncClient service = new MqttAsyncClient("tcp://127.0.0.1:" + port, "test-service",
                new MemoryPersistence());
        service.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                topics.add(topic);
                payloads.add(message.getPayload());
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("service-steelco");
        options.setPassword(Files.readString(runDir.resolve("broker/credentials/service-steelco")).strip()
                .getBytes(StandardCharsets.UTF_8));
        service.connect(options).waitForCompletion(10_000);
        try {
            service.subscribe("carbonledger/SteelCoMSP/+/readings", 1).waitForCompletion(10_000);
            service.subscribe("carbonledger/SteelCoMSP/+/records", 1).waitForCompletion(10_000);

            Cli.Result result = cli.run("plant", "simulate", "--org", "steelco", "--keys-dir", "keys",
                    "--device", "eaf-1=arc-furnace", "--batch", "eaf-1=09506000134352/COIL-9",
                    "--broker", "tcp://127.0.0.1:" + port, "--broker-dir", runDir.resolve("broker").toString(),
                    "--period", "100ms", "--interval", "1s", "--count", "25", "--seed", "5", "--fault", "tamper",
                    "--output", "json");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.out()).contains("\"readings\":25").contains("\"tamper\":1").contains("\"failed\":0");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (topics.stream().filter(t -> t.endsWith("/readings")).count() < 25 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            service.disconnect().waitForCompletion(5_000);
            service.close();
        }
        int verified = 0;
        int records = 0;
        for (int i = 0; i < topics.size(); i++) {
            if (topics.get(i).endsWith("/readings")) {
                assertThat(topics.get(i)).isEqualTo("carbonledger/SteelCoMSP/eaf-1/readings");
                verified += MeterReading.parse(payloads.get(i)).verifySignature(key) ? 1 : 0;
            } else {
                assertThat(EmissionRecord.parse(payloads.get(i)).verifySignature(key)).isTrue();
                records++;
            }
        }
        assertThat(topics).filteredOn(t -> t.endsWith("/readings")).hasSize(25);
        assertThat(verified).as("all but the tampered reading verify").isEqualTo(24);
        assertThat(records).as("2.5 s of one-second intervals").isBetween(1, 3);
    }

    @Test
    void refuses_an_unknown_profile_fault_or_a_batch_without_a_device(@TempDir Path dir) {
        Cli cli = new Cli(dir);
        assertThat(cli.run("plant", "simulate", "--keys-dir", "k", "--device", "m-1=blast-furnace").err())
                .contains("unknown profile").contains("arc-furnace");
        assertThat(cli.run("plant", "simulate", "--keys-dir", "k", "--device", "m-1=arc-furnace", "--fault", "melt")
                .err()).contains("unknown fault");
        assertThat(cli.run("plant", "simulate", "--keys-dir", "k", "--device", "m-1=arc-furnace", "--fault",
                "tamper:2").err()).contains("0 to 1");
        assertThat(cli.run("plant", "simulate", "--keys-dir", "k", "--device", "m-1=arc-furnace", "--batch",
                "m-2=09506000134352/COIL-9").err()).contains("no --device m-2");
        assertThat(cli.run("plant", "simulate", "--keys-dir", "k", "--device", "m-1=gas-kiln", "--batch",
                "m-1=09506000134352/COIL-9").err()).contains("--factor m-1=FACTOR");
    }
}
