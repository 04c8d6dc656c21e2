package org.carbonledger.core.identifier;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * Record ids that sort in the order they were made: UUID version 7 (RFC 9562 §5.7), 48 bits of Unix milliseconds,
 * then a 12-bit counter that keeps ids of the same millisecond in order (RFC 9562 §6.2, method 1), then 62 random
 * bits. Any UUID is a valid record id; these are kinder to the peers' state database, which stores a record at its
 * id: ids that arrive in key order are appended, random ones land all over the key space and make LevelDB rewrite
 * more of it (docs/benchmarks.md, "Record ids").
 */
public final class TimeOrderedIds {
    private final Clock clock;
    private final SecureRandom random;
    private long lastMillis = -1;
    private int counter;

    public TimeOrderedIds(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public static TimeOrderedIds systemClock() {
        return new TimeOrderedIds(Clock.systemUTC(), new SecureRandom());
    }

    /** The next id: greater than every id this generator made before, whatever the clock does. */
    public synchronized LedgerId next() {
        long millis = clock.millis();
        if (millis > lastMillis) {
            lastMillis = millis;
            counter = 0;
        } else if (++counter > 0xfff) {
            // 4,096 ids in one millisecond: borrow the next millisecond rather than break the order.
            lastMillis++;
            counter = 0;
        }
        long msb = (lastMillis & 0xffff_ffff_ffffL) << 16 | 0x7000L | counter;
        long lsb = random.nextLong() & 0x3fff_ffff_ffff_ffffL | 0x8000_0000_0000_0000L;
        return LedgerId.parse(new UUID(msb, lsb).toString(), "recordId");
    }
}
