package org.carbonledger.service.plant.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Alerts as Prometheus sees them: {@code carbonledger_plant_alerts_open{rule,kind,severity}} (alerts of a rule not
 * yet acknowledged or cleared) and {@code carbonledger_plant_alerts_raised_total{kind,severity}}.
 */
@Singleton
class AlertMetrics {

    private final MeterRegistry meters;
    private final Map<Long, AtomicInteger> open = new ConcurrentHashMap<>();

    AlertMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void raised(AlertRule.Kind kind, AlertRule.Severity severity) {
        raisedCounter(kind, severity).increment();
    }

    private Counter raisedCounter(AlertRule.Kind kind, AlertRule.Severity severity) {
        return Counter.builder("carbonledger.plant.alerts.raised").tag("kind", kind.name())
                .tag("severity", severity.name()).description("Plant alerts raised").register(meters);
    }

    /** Registers a gauge for each rule (a removed rule's gauge stays, at 0), then counts. */
    void register(Collection<AlertRule> rules, Collection<Alert> active) {
        for (AlertRule rule : rules) {
            raisedCounter(rule.kind(), rule.severity()); // present at 0 before the first alert
            open.computeIfAbsent(rule.id(), id -> {
                AtomicInteger value = new AtomicInteger();
                Gauge.builder("carbonledger.plant.alerts.open", value, AtomicInteger::get)
                        .tag("rule", Long.toString(id)).tag("kind", rule.kind().name())
                        .tag("severity", rule.severity().name())
                        .description("Plant alerts open (not acknowledged, not cleared), per rule").register(meters);
                return value;
            });
        }
        recount(active);
    }

    /** Sets each rule's gauge from the alerts not cleared. */
    void recount(Collection<Alert> active) {
        open.forEach((id, value) -> value.set((int) active.stream()
                .filter(a -> a.ruleId() == id && a.state() == Alert.State.OPEN).count()));
    }
}
