package org.carbonledger.service.plant.live;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.service.config.ServiceProperties;

/**
 * The alerts not cleared, one per rule and subject, and every change of an alert: kept in the database first (with
 * the webhook outbox rows in the same transaction), then told to the page, the metrics and the webhook worker.
 * Callers serialize on the {@link LiveView}.
 */
@Singleton
class AlertBook {

    private final PlantLiveStore store;
    private final LiveEvents events;
    private final AlertMetrics metrics;
    private final AlertWebhooks webhooks;
    private final String organization;
    private final Map<String, Alert> active = new HashMap<>();
    private boolean loaded;

    AlertBook(PlantLiveStore store, LiveEvents events, AlertMetrics metrics, AlertWebhooks webhooks,
              ServiceProperties service) {
        this.store = store;
        this.events = events;
        this.metrics = metrics;
        this.webhooks = webhooks;
        this.organization = service.organization();
    }

    private static String key(long ruleId, String subject) {
        return ruleId + "|" + subject;
    }

    /** Reads the alerts not cleared (once) and clears those whose rule is gone. */
    void load(Collection<AlertRule> rules, Instant now) {
        if (!loaded) {
            active.clear();
            for (Alert a : store.activeAlerts()) {
                active.put(key(a.ruleId(), a.subject()), a);
            }
            loaded = true;
        }
        for (Alert a : List.copyOf(active.values())) {
            if (rules.stream().noneMatch(r -> r.id() == a.ruleId())) {
                clear(a.ruleId(), a.subject(), now);
            }
        }
        metrics.register(rules, active.values());
    }

    boolean isActive(long ruleId, String subject) {
        return active.containsKey(key(ruleId, subject));
    }

    /** Raises an alert of the rule for the subject unless one is open or acknowledged. */
    void raise(AlertRule rule, String subject, String message, Optional<String> observed, Instant now) {
        if (isActive(rule.id(), subject)) {
            return;
        }
        Alert alert = store.raise(rule, subject, message, observed, now, a -> body("alert.raised", a));
        active.put(key(rule.id(), subject), alert);
        metrics.raised(rule.kind(), rule.severity());
        told("alert.raised", alert);
    }

    /** Clears the rule's alert for the subject, if there is one. */
    void clear(long ruleId, String subject, Instant now) {
        Alert alert = active.get(key(ruleId, subject));
        if (alert == null) {
            return;
        }
        Optional<Alert> cleared = store.transition(alert.id(), alert.state(), Alert.State.CLEARED, Optional.empty(),
                now, a -> body("alert.cleared", a));
        active.remove(key(ruleId, subject));
        cleared.ifPresent(a -> told("alert.cleared", a));
    }

    /**
     * @return the acknowledged alert
     * @throws LedgerRuleException NOT_FOUND, or INVALID_STATE if it is not open
     */
    Alert acknowledge(long id, String by, Instant now) {
        Alert alert = active.values().stream().filter(a -> a.id() == id).findFirst().orElse(null);
        if (alert == null) {
            Alert stored = store.alert(id).orElseThrow(() -> LedgerRuleException.of(ErrorCode.NOT_FOUND, "id",
                    Long.toString(id), "no alert with this id"));
            throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "id", Long.toString(id),
                    "the alert is " + stored.state() + ", only an OPEN alert can be acknowledged");
        }
        if (alert.state() != Alert.State.OPEN) {
            throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "id", Long.toString(id),
                    "the alert was acknowledged by " + alert.acknowledgedBy().orElse("?") + " at "
                            + alert.acknowledgedAt().map(Instant::toString).orElse("?"));
        }
        Alert acknowledged = store.transition(id, Alert.State.OPEN, Alert.State.ACKNOWLEDGED, Optional.of(by), now,
                a -> body("alert.acknowledged", a)).orElseThrow(() -> new IllegalStateException(
                        "alert " + id + " changed under the live view"));
        active.put(key(acknowledged.ruleId(), acknowledged.subject()), acknowledged);
        told("alert.acknowledged", acknowledged);
        return acknowledged;
    }

    /** @return the alerts not cleared, oldest first */
    List<Alert> active() {
        List<Alert> out = new ArrayList<>(active.values());
        out.sort((a, b) -> Long.compare(a.id(), b.id()));
        return out;
    }

    private void told(String event, Alert alert) {
        events.publish("alert", JsonObject.builder().put("event", event).put("alert", alert.toJson()).build());
        metrics.recount(active.values());
        webhooks.wake();
    }

    /** The webhook body of an alert event. */
    private String body(String event, Alert alert) {
        return Jcs.canonicalString(JsonObject.builder().put("event", event).put("organization", organization)
                .put("alert", alert.toJson()).build());
    }
}
