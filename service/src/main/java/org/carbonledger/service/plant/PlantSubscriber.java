package org.carbonledger.service.plant;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.carbonledger.service.config.ServiceProperties;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to this organization's readings: MQTT 5, QoS 1, a persistent session under a fixed client id (clean
 * start off, session kept for a week), so readings published while the service is down wait in the broker.
 *
 * <p>The client's callback only queues a message; one worker takes what has queued up (up to {@code batch-size}
 * messages, in arrival order), hands it to {@link ReadingIngestion#acceptAll} and acknowledges those messages, in
 * order, only after their outcomes are committed. The broker lets up to {@code receive-maximum} messages be
 * unacknowledged, so batches fill while one is being verified and committed. If a batch fails (the database is away)
 * the same batch is tried again, with growing pauses, before any later message: later readings must not overtake
 * it, or they would make it look like a replay. If the service stops meanwhile, the messages were never
 * acknowledged and the broker delivers them again at the next start.
 */
@Context
@Requires(property = "carbonledger.plant.mqtt.enabled", value = "true")
public class PlantSubscriber implements MqttCallback {

    /** How long the broker keeps the session (and its queued readings) while the service is away: 7 days. */
    static final long SESSION_EXPIRY_SECONDS = 7L * 24 * 3600;

    private static final Logger LOG = LoggerFactory.getLogger(PlantSubscriber.class);
    private static final long MAX_RETRY_PAUSE_MILLIS = 5_000;

    private final ReadingIngestion ingestion;
    private final MqttAsyncClient client;
    private final String topicFilter;
    private final int batchSize;
    private final BlockingQueue<Arrived> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean closing;

    /** A message waiting for its batch. */
    private record Arrived(String topic, MqttMessage message) {
    }

    PlantSubscriber(ReadingIngestion ingestion, PlantMqttProperties properties, ServiceProperties service)
            throws MqttException, IOException {
        this.ingestion = ingestion;
        this.topicFilter = ingestion.topicFilter();
        this.batchSize = properties.batchSize();
        String clientId = properties.clientId() != null ? properties.clientId()
                : "carbonledger-service-" + service.organization();
        // Memory persistence is enough: QoS 1 messages not yet acknowledged stay in the broker's session store.
        this.client = new MqttAsyncClient(properties.uri(), clientId, new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(this);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setReceiveMaximum(properties.receiveMaximum());
        if (properties.username() != null) {
            options.setUserName(properties.username());
        }
        if (properties.passwordFile() != null) {
            options.setPassword(Files.readString(Path.of(properties.passwordFile()), StandardCharsets.UTF_8).strip()
                    .getBytes(StandardCharsets.UTF_8));
        }
        this.worker = new Thread(this::work, "plant-ingestion");
        worker.setDaemon(true);
        worker.start();
        LOG.info("subscribing to {} at {} as {}", topicFilter, properties.uri(), clientId);
        // Not waited for: a broker that is down must not stop the service; the client keeps trying.
        client.connect(options);
    }

    /** @return whether the client is connected to the broker */
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        try {
            client.subscribe(topicFilter, 1);
        } catch (MqttException e) {
            LOG.warn("subscribing to {} failed: {}", topicFilter, e.getMessage());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
        queue.put(new Arrived(topic, message));
    }

    private void work() {
        List<Arrived> batch = new ArrayList<>(batchSize);
        try {
            while (!closing) {
                Arrived first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                if (!commitWithRetries(batch)) {
                    return;
                }
                for (Arrived a : batch) {
                    acknowledge(a.message());
                }
            }
        } catch (InterruptedException e) {
            // Closing: whatever was not acknowledged stays with the broker for the next start.
            Thread.currentThread().interrupt();
        }
    }

    private boolean commitWithRetries(List<Arrived> batch) throws InterruptedException {
        List<ReadingIngestion.Message> messages = batch.stream()
                .map(a -> new ReadingIngestion.Message(a.topic(), a.message().getPayload())).toList();
        long pauseMillis = 100;
        while (true) {
            try {
                ingestion.acceptAll(messages);
                return true;
            } catch (RuntimeException e) {
                if (closing) {
                    // Left unacknowledged: the broker keeps them for the next start.
                    return false;
                }
                LOG.warn("storing {} readings failed, trying them again in {} ms: {}", batch.size(), pauseMillis,
                        e.getMessage());
                Thread.sleep(pauseMillis);
                pauseMillis = Math.min(pauseMillis * 2, MAX_RETRY_PAUSE_MILLIS);
            }
        }
    }

    private void acknowledge(MqttMessage message) {
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            // Connection lost after the commit: the broker delivers the message again, and it is recognized as
            // stored (not counted twice).
            LOG.warn("acknowledging a stored reading failed (it will come again and be recognized): {}",
                    e.getMessage());
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        LOG.warn("disconnected from the plants' broker: {}", response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // The service publishes nothing.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // No enhanced authentication.
    }

    /** Disconnects, keeping the session at the broker so readings published meanwhile wait for the next start. */
    @PreDestroy
    void close() {
        closing = true;
        try {
            // The batch in hand is finished and acknowledged; what is still queued waits in the broker.
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.interrupt();
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("closing the MQTT client: {}", e.getMessage());
        }
    }
}
