package org.carbonledger.client.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** The waiting rule alone; the heights come from a table the test advances instead of from peers. */
class PeerCommitsTest {
    private final Map<String, Long> heights = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    /** The pauses taken, instead of sleeping: the tests run on the clock they give, not on the wall clock. */
    private final List<Duration> pauses = new ArrayList<>();
    private final PeerCommits.Pause pause = pauses::add;

    private OptionalLong height(String msp) {
        asked.add(msp);
        Long h = heights.get(msp);
        return h == null ? OptionalLong.empty() : OptionalLong.of(h);
    }

    @Test
    void returns_once_every_other_peer_is_past_the_block() {
        heights.put("ApplianceCoMSP", 10L);
        heights.put("CertCoMSP", 10L);
        // Each peer catches up after being asked twice: height 10 holds blocks 0..9, block 10 needs height 11.
        PeerCommits commits = new PeerCommits(List.of("ApplianceCoMSP", "CertCoMSP"), msp -> {
            OptionalLong h = height(msp);
            if (asked.stream().filter(msp::equals).count() >= 2) {
                heights.put(msp, 11L);
            }
            return h;
        }, Duration.ofSeconds(5), System::nanoTime, pause);

        commits.await(10);

        assertThat(heights).containsEntry("ApplianceCoMSP", 11L).containsEntry("CertCoMSP", 11L);
        assertThat(asked).containsExactly("ApplianceCoMSP", "ApplianceCoMSP", "ApplianceCoMSP", "CertCoMSP", "CertCoMSP", "CertCoMSP");
        assertThat(pauses).as("one pause between two questions to a peer not there yet")
                .containsExactly(PeerCommits.POLL, PeerCommits.POLL, PeerCommits.POLL, PeerCommits.POLL);
    }

    @Test
    void a_peer_already_past_the_block_is_asked_once() {
        heights.put("CertCoMSP", 42L);

        new PeerCommits(List.of("CertCoMSP"), this::height, Duration.ofSeconds(5), System::nanoTime, pause).await(30);

        assertThat(asked).containsExactly("CertCoMSP");
        assertThat(pauses).isEmpty();
    }

    @Test
    void a_peer_that_cannot_be_asked_is_not_waited_for() {
        new PeerCommits(List.of("ApplianceCoMSP", "CertCoMSP"), this::height, Duration.ofSeconds(5), System::nanoTime, pause).await(7);

        assertThat(asked).containsExactly("ApplianceCoMSP", "CertCoMSP");
        assertThat(pauses).isEmpty();
    }

    @Test
    void a_peer_that_stays_behind_is_left_behind_at_the_limit() {
        heights.put("CertCoMSP", 3L);
        long[] now = {0};
        PeerCommits commits = new PeerCommits(List.of("CertCoMSP"), msp -> {
            now[0] += Duration.ofMillis(400).toNanos();
            return height(msp);
        }, Duration.ofSeconds(1), () -> now[0], pause);

        commits.await(5);

        assertThat(asked).hasSize(3); // asked at 0.4, 0.8 and 1.2 s of a 1 s limit, then given up
        assertThat(pauses).hasSize(2);
    }

    @Test
    void a_zero_limit_asks_nobody() {
        new PeerCommits(List.of("CertCoMSP"), this::height, Duration.ZERO, System::nanoTime, pause).await(5);

        assertThat(asked).isEmpty();
        assertThat(pauses).isEmpty();
    }

    @Test
    void an_interrupted_wait_returns_at_once_and_keeps_the_interrupt() {
        heights.put("CertCoMSP", 3L);
        PeerCommits commits = new PeerCommits(List.of("CertCoMSP"), this::height, Duration.ofSeconds(5), System::nanoTime,
                d -> {
                    throw new InterruptedException();
                });

        commits.await(5);

        assertThat(asked).hasSize(1);
        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller (and cleared here)").isTrue();
    }
}
