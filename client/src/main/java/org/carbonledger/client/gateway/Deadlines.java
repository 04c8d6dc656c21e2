package org.carbonledger.client.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-call deadlines of the Gateway stages. A call that outlives its deadline fails with the stage named, so a
 * caller can tell "not endorsed" from "endorsed and submitted but commit status unknown".
 */
public record Deadlines(Duration evaluate, Duration endorse, Duration submit, Duration commitStatus) {
    public Deadlines {
        Objects.requireNonNull(evaluate, "evaluate");
        Objects.requireNonNull(endorse, "endorse");
        Objects.requireNonNull(submit, "submit");
        Objects.requireNonNull(commitStatus, "commitStatus");
    }

    /** Defaults sized for bulk transactions of a few hundred signed records on a small machine. */
    public static Deadlines defaults() {
        return new Deadlines(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMinutes(1));
    }
}
