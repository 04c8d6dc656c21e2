package org.carbonledger.service.plant.interval;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carbonledger.service.config.ServiceProperties;
import org.carbonledger.service.plant.PlantMqttProperties;
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
 * Subscribes to this organization's interval records ({@code carbonledger/<MSP id>/+/records}) with a client and a
 * persistent session of their own (client id {@code <plant client id>-records}): a record waiting for its readings
 * must never hold up the readings, so records and readings do not share a delivery thread. MQTT 5, QoS 1, clean
 * start off; each message is acknowledged only after {@link IntervalIngestion#accept} committed its outcome, and
 * tried again before any later one when that failed.
 */
@Context
@Requires(property = "carbonledger.plant.mqtt.enabled", value = "true")
public class IntervalSubscriber implements MqttCallback {

    private static final Logger LOG = LoggerFactory.getLogger(IntervalSubscriber.class);
    private static final long SESSION_EXPIRY_SECONDS = 7L * 24 * 3600;
    private static final long MAX_RETRY_PAUSE_MILLIS = 5_000;

    private final IntervalIngestion ingestion;
    private final MqttAsyncClient client;
    private final String topicFilter;
    private volatile boolean closing;

    IntervalSubscriber(IntervalIngestion ingestion, PlantMqttProperties properties, ServiceProperties service)
            throws MqttException, IOException {
        this.ingestion = ingestion;
        this.topicFilter = ingestion.topicFilter();
        String clientId = (properties.clientId() != null ? properties.clientId()
                : "carbonledger-service-" + service.organization()) + "-records";
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
                    return;
                }
                LOG.warn("keeping an interval record from {} failed, trying again in {} ms: {}", topic, pauseMillis,
                        e.getMessage());
                Thread.sleep(pauseMillis);
                pauseMillis = Math.min(pauseMillis * 2, MAX_RETRY_PAUSE_MILLIS);
            }
        }
        client.messageArrivedComplete(message.getId(), message.getQos());
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        LOG.warn("interval records: disconnected from the plants' broker: {}", response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("interval records: MQTT error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // Nothing is published.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // No enhanced authentication.
    }

    @PreDestroy
    void close() {
        closing = true;
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("closing the interval records' MQTT client: {}", e.getMessage());
        }
    }
}
