package org.carbonledger.cli.plant;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.CliFiles;
import org.carbonledger.cli.common.ExitCode;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Publishes with QoS 1 and keeps as many messages in flight as the broker allows (its Receive Maximum), waiting for
 * acknowledgements beyond that. Publishing from several threads keeps each thread's order.
 */
final class MqttPublisher {

    private final MqttAsyncClient client;
    private final Semaphore inFlight;
    private final int permits;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile String lastFailure = "";
    private boolean finished;
    private final MqttActionListener listener = new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            acknowledged.incrementAndGet();
            inFlight.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            failed.incrementAndGet();
            lastFailure = String.valueOf(exception.getMessage());
            inFlight.release();
        }
    };

    private MqttPublisher(MqttAsyncClient client, int permits) {
        this.client = client;
        this.permits = permits;
        this.inFlight = new Semaphore(permits);
    }

    static MqttPublisher connect(String uri, String clientId, String user, Path passwordFile) {
        String password = CliFiles.readText(passwordFile, "broker password").strip();
        try {
            MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            options.setCleanStart(true);
            options.setAutomaticReconnect(true);
            IMqttToken token = client.connect(options);
            token.waitForCompletion(10_000);
            Integer receiveMaximum = token.getResponseProperties() == null ? null
                    : token.getResponseProperties().getReceiveMaximum();
            // Leave a margin under the broker's limit: Paho refuses a publish beyond it rather than waiting.
            int permits = Math.max(1, Math.min(500, (receiveMaximum == null ? 65_535 : receiveMaximum) - 10));
            return new MqttPublisher(client, permits);
        } catch (MqttException e) {
            throw new CliException(ExitCode.UNAVAILABLE, "cannot connect to the broker " + uri + " as " + user + ": "
                    + e.getMessage(), e);
        }
    }

    void publish(String topic, byte[] payload) throws InterruptedException {
        inFlight.acquire();
        try {
            client.publish(topic, payload, 1, false, null, listener);
        } catch (MqttException e) {
            inFlight.release();
            failed.incrementAndGet();
            lastFailure = e.getMessage();
        }
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long failed() {
        return failed.get();
    }

    String lastFailure() {
        return lastFailure;
    }

    /** Waits (up to 10 s) for what is in flight to be acknowledged, then disconnects; once is enough. */
    synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            if (inFlight.tryAcquire(permits, 10, TimeUnit.SECONDS)) {
                inFlight.release(permits);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // Closing after the work is done: nothing left to lose.
            lastFailure = e.getMessage();
        }
    }
}
