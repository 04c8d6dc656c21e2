package org.carbonledger.service.plant.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** "Above the threshold for N minutes": the count starts at the first observation above and restarts after a dip. */
class SustainedTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration FIVE = Duration.ofMinutes(5);

    @Test
    void holds_only_after_the_whole_duration_without_a_break() {
        Sustained s = new Sustained();
        assertThat(s.holds("1|line a", true, FIVE, T0)).isFalse();
        assertThat(s.holds("1|line a", true, FIVE, T0.plusSeconds(299))).isFalse();
        assertThat(s.holds("1|line a", true, FIVE, T0.plusSeconds(300))).isTrue();
        assertThat(s.holds("1|line b", true, FIVE, T0.plusSeconds(300))).as("another subject counts alone").isFalse();
    }

    @Test
    void a_dip_below_starts_the_count_again() {
        Sustained s = new Sustained();
        s.holds("1|line a", true, FIVE, T0);
        assertThat(s.holds("1|line a", false, FIVE, T0.plusSeconds(200))).isFalse();
        assertThat(s.holds("1|line a", true, FIVE, T0.plusSeconds(250))).isFalse();
        assertThat(s.holds("1|line a", true, FIVE, T0.plusSeconds(400))).as("only 150 s since the dip").isFalse();
        assertThat(s.holds("1|line a", true, FIVE, T0.plusSeconds(550))).isTrue();
    }

    @Test
    void zero_minutes_holds_at_once_and_forgotten_keys_start_again() {
        Sustained s = new Sustained();
        assertThat(s.holds("2|device m", true, Duration.ZERO, T0)).isTrue();
        s.holds("1|line a", true, FIVE, T0);
        s.retain(k -> k.startsWith("2|"));
        assertThat(s.holds("1|line a", true, FIVE, T0.plusSeconds(300))).as("rule 1 was removed meanwhile").isFalse();
    }
}
