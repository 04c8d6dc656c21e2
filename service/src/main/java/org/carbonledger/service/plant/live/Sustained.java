package org.carbonledger.service.plant.live;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Whether a condition has held without a break for some time, per key (a rule and its subject): what "rate above a
 * threshold for N minutes" needs. Not thread-safe; the live view serializes its calls.
 */
final class Sustained {

    private final Map<String, Instant> since = new HashMap<>();

    /**
     * @param key what the condition is about
     * @param condition whether it holds now
     * @param duration how long it must have held
     * @param now the time of this observation
     * @return whether it has held since at least {@code now - duration} (with no observation in between where it did
     *     not); a break starts the count again
     */
    boolean holds(String key, boolean condition, Duration duration, Instant now) {
        if (!condition) {
            since.remove(key);
            return false;
        }
        Instant from = since.computeIfAbsent(key, k -> now);
        return !from.plus(duration).isAfter(now);
    }

    /** Forgets the keys that are no longer watched. */
    void retain(Predicate<String> watched) {
        since.keySet().removeIf(watched.negate());
    }
}
