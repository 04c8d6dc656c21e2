package org.carbonledger.service.plant.interval;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;

/**
 * The interval records' counters: {@code carbonledger_plant_interval_records_total{outcome}} (submitted: on the
 * ledger; refused: by this service's check or by the ledger; waiting: put to wait for late readings), and the
 * service's refusals per reason next to the readings' ({@code carbonledger_plant_readings_refused_total{reason}}).
 */
@Singleton
class IntervalMetrics {

    private final Counter submitted;
    private final Counter refused;
    private final Counter waiting;
    private final Map<IntervalRefusalReason, Counter> refusedBy = new EnumMap<>(IntervalRefusalReason.class);

    IntervalMetrics(MeterRegistry meters) {
        this.submitted = outcome(meters, "submitted");
        this.refused = outcome(meters, "refused");
        this.waiting = outcome(meters, "waiting");
        for (IntervalRefusalReason reason : IntervalRefusalReason.values()) {
            refusedBy.put(reason, Counter.builder("carbonledger.plant.readings.refused").tag("reason", reason.name())
                    .description("Meter readings refused, by reason").register(meters));
        }
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("carbonledger.plant.interval.records").tag("outcome", outcome)
                .description("Interval records submitted to the ledger, refused, or put to wait for late readings")
                .register(meters);
    }

    void submitted() {
        submitted.increment();
    }

    void waiting() {
        waiting.increment();
    }

    void refusedByLedger() {
        refused.increment();
    }

    void refused(IntervalRefusalReason reason) {
        refused.increment();
        refusedBy.get(reason).increment();
    }
}
