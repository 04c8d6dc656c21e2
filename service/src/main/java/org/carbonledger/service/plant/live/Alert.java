package org.carbonledger.service.plant.live;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.json.JsonObject;

/**
 * An alert as kept.
 *
 * @param id its id
 * @param ruleId the rule that raised it
 * @param kind the rule's kind
 * @param severity the rule's severity
 * @param subject what it is about, e.g. {@code device meter-12}, {@code line press-1}, {@code batch 0950…/WM-1}
 * @param message what was observed, for a person
 * @param observed the observed value (kgCO2e/h, kgCO2e per unit, the reading), if there is one
 * @param state OPEN, ACKNOWLEDGED or CLEARED
 * @param raisedAt when it was raised
 * @param acknowledgedAt when it was acknowledged
 * @param acknowledgedBy who acknowledged it (the client id of the token)
 * @param clearedAt when the condition stopped
 */
public record Alert(long id, long ruleId, AlertRule.Kind kind, AlertRule.Severity severity, String subject,
                    String message, Optional<String> observed, State state, Instant raisedAt,
                    Optional<Instant> acknowledgedAt, Optional<String> acknowledgedBy, Optional<Instant> clearedAt) {

    /** An alert's life: raised OPEN; an operator may acknowledge it; it is CLEARED when its condition stops. */
    public enum State { OPEN, ACKNOWLEDGED, CLEARED }

    /** Every member is required (optionals may be empty). */
    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(acknowledgedAt, "acknowledgedAt");
        Objects.requireNonNull(acknowledgedBy, "acknowledgedBy");
        Objects.requireNonNull(clearedAt, "clearedAt");
    }

    /** @return the JSON form used by the API, the page and the webhooks */
    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder().put("id", id).put("ruleId", ruleId).put("kind", kind.name())
                .put("severity", severity.name()).put("subject", subject).put("message", message);
        observed.ifPresent(o -> b.put("observed", o));
        b.put("state", state.name()).put("raisedAt", raisedAt.toString());
        acknowledgedAt.ifPresent(t -> b.put("acknowledgedAt", t.toString()));
        acknowledgedBy.ifPresent(by -> b.put("acknowledgedBy", by));
        clearedAt.ifPresent(t -> b.put("clearedAt", t.toString()));
        return b.build();
    }
}
