package org.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.clickstream.core.RejectReason;
import org.junit.jupiter.api.Test;

class RunStatsTest {
    private final FakeClock clock = new FakeClock();
    private final RunStats stats = new RunStats(clock::nanoTime);

    @Test
    void progressLineShowsTheRecentRateAndWhereInEventTimeTheRunIs() {
        send(1_000, 1_000);
        clock.advance(2_000_000_000L);
        assertThat(stats.progressLine())
                .isEqualTo(
                        "[   2.0 s] sent 1,000 (500 events/s), acknowledged 1,000, rejected 0, event time 2020-09-24 11:57:06 UTC");
        send(100, 100);
        clock.advance(1_000_000_000L);
        assertThat(stats.progressLine()).startsWith("[   3.0 s] sent 1,100 (100 events/s), acknowledged 1,100");
    }

    @Test
    void progressLineSaysSoWhenAcknowledgementsStop() {
        send(10, 4);
        clock.advance(5_000_000_000L);
        assertThat(stats.progressLine()).doesNotContain("no acknowledgement");
        clock.advance(6_000_000_000L);
        assertThat(stats.progressLine()).doesNotContain("no acknowledgement");
        clock.advance(5_000_000_000L);
        // Counted from the progress line that last saw the count move.
        assertThat(stats.progressLine()).endsWith("; no acknowledgement for 11 s, 6 waiting: is Kafka down? retrying");
        stats.delivered(null);
        clock.advance(5_000_000_000L);
        assertThat(stats.progressLine()).doesNotContain("no acknowledgement");
    }

    @Test
    void summaryHasTotalsThroughputAndRejectsByReason() {
        send(3_000, 3_000);
        stats.reject(RejectReason.BAD_PRICE);
        stats.reject(RejectReason.BAD_PRICE);
        stats.reject(RejectReason.BAD_CSV);
        clock.advance(1_500_000_000L);
        assertThat(stats.summary())
                .containsExactly(
                        "sent 3,000 events: 3,000 acknowledged, 0 failed; 3 rows rejected",
                        "elapsed 1.5 s, 2,000 events/s, 0.6 MB/s of JSON",
                        "rejected by reason: bad_csv 1, bad_price 2");
    }

    private void send(int sent, int acknowledged) {
        for (int i = 0; i < sent; i++) {
            stats.sent(Instant.parse("2020-09-24T11:57:06Z"), 300);
        }
        for (int i = 0; i < acknowledged; i++) {
            stats.delivered(null);
        }
    }
}
