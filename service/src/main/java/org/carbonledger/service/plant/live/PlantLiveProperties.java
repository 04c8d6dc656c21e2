package org.carbonledger.service.plant.live;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The live view's settings ({@code carbonledger.plant.live}).
 *
 * @param window the sliding window the emission rate is averaged over
 * @param tick how often time-based rules (rate for N minutes, silent devices) are evaluated and the page is updated
 * @param webhookTimeout how long one webhook call may take
 * @param webhookAttempts how many times a webhook call is tried before it is given up
 * @param webhookFirstRetry the pause after the first failed call; it doubles with each further failure
 * @param webhookMaxRetry the longest pause between two calls
 */
@ConfigurationProperties("carbonledger.plant.live")
public record PlantLiveProperties(
        @Bindable(defaultValue = "5m") Duration window,
        @Bindable(defaultValue = "500ms") Duration tick,
        @Bindable(defaultValue = "5s") Duration webhookTimeout,
        @Bindable(defaultValue = "12") int webhookAttempts,
        @Bindable(defaultValue = "1s") Duration webhookFirstRetry,
        @Bindable(defaultValue = "10m") Duration webhookMaxRetry) {
}
