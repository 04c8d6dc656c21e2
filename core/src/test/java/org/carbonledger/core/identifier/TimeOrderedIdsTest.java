package org.carbonledger.core.identifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {
    private static final Instant T = Instant.parse("2026-11-23T05:00:00.123Z");

    @Test
    void ids_are_version_7_uuids_carrying_the_millisecond_they_were_made() {
        LedgerId id = new TimeOrderedIds(Clock.fixed(T, ZoneOffset.UTC), new SecureRandom()).next();

        UUID uuid = UUID.fromString(id.value());
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(T.toEpochMilli());
    }

    @Test
    void ids_sort_as_text_in_the_order_they_were_made_even_within_one_millisecond_and_when_the_clock_goes_back() {
        MutableClock clock = new MutableClock(T);
        TimeOrderedIds ids = new TimeOrderedIds(clock, new SecureRandom());
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(ids.next().value());
            if (i == 5_000) {
                clock.now = T.minusSeconds(1);
            } else if (i == 7_000) {
                clock.now = T.plusSeconds(1);
            }
        }

        assertThat(made).isSorted().doesNotHaveDuplicates();
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
