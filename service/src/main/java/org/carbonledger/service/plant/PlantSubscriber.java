package org.carbonledger.service.plant;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * start off, session kept for a week), so readings published while the service is down wait in the broker. Each
 * message is acknowledged only after {@link ReadingIngestion#accept} committed its outcome. If that fails (the
 * database is away) the same message is tried again, with growing pauses, before any later one: later readings
 * must not overtake it, or it would look like a replay. If the service stops meanwhile, the message was never
 * acknowledged and the broker delivers it again at the next start.
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
    private volatile boolean closing;

    PlantSubscriber(ReadingIngestion ingestion, PlantMqttProperties properties, ServiceProperties service)
            throws MqttException, IOException {
        this.ingestion = ingestion;
        this.topicFilter = ingestion.topicFilter();
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
        if (properties.username() != null) {
            options.setUserName(properties.username());
        }
        if (properties.passwordFile() != null) {
            options.setPassword(Files.readString(Path.of(properties.passwordFile()), StandardCharsets.UTF_8).strip()
                    .getBytes(StandardCharsets.UTF_8));
        }
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
    public void messageArrived(String topic, MqttMessage message) throws MqttException, InterruptedException {
        long pauseMillis = 100;
        while (true) {
            try {
                ingestion.accept(topic, message.getPayload());
                break;
            } catch (RuntimeException e) {
                if (closing) {
                    // Left unacknowledged: the broker keeps it for the next start.
                    return;
                }
                LOG.warn("storing a reading from {} failed, trying again in {} ms: {}", topic, pauseMillis,
                        e.getMessage());
                Thread.sleep(pauseMillis);
                pauseMillis = Math.min(pauseMillis * 2, MAX_RETRY_PAUSE_MILLIS);
            }
        }
        client.messageArrivedComplete(message.getId(), message.getQos());
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
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("closing the MQTT client: {}", e.getMessage());
        }
    }
}
