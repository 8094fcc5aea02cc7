package org.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void spacesEventsEvenlyWithoutBursts() {
        FakeClock clock = new FakeClock();
        List<Long> times = send(new Pacer(1000, clock, () -> false), clock, 5_000, -1, 0);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).isEqualTo(MS);
        }
        assertThat(maxInAnyWindow(times, 100 * MS)).isEqualTo(100);
        assertThat(times.get(times.size() - 1) - times.get(0)).isEqualTo(4_999 * MS);
    }

    @Test
    void keepsFractionalRatesWithoutDrift() {
        FakeClock clock = new FakeClock();
        List<Long> times = send(new Pacer(3, clock, () -> false), clock, 301, -1, 0);
        // 300 intervals of a third of a second: exactly 100 s, not 300 * 333,333,333 ns.
        assertThat(times.get(300) - times.get(0)).isEqualTo(100_000 * MS);
    }

    @Test
    void afterAStallCatchesUpOnlyASmallSlice() {
        FakeClock clock = new FakeClock();
        // The 1000th send blocks for 2 s (say, the client's buffer was full).
        List<Long> times = send(new Pacer(1000, clock, () -> false), clock, 5_000, 1_000, 2_000 * MS);
        long catchUp = Pacer.MAX_CATCH_UP_NANOS / MS;
        assertThat(maxInAnyWindow(times, 100 * MS)).isBetween(100, 100 + (int) catchUp + 1);
        // After the stall the rate is the asked one again, not higher to make up for the lost time.
        List<Long> after = times.subList(1_100, 5_000);
        assertThat(after.get(after.size() - 1) - after.get(0)).isEqualTo((after.size() - 1) * MS);
    }

    @Test
    void withTheRealClockNeverRunsAheadOfTheSchedule() {
        long before = System.nanoTime();
        List<Long> times = send(new Pacer(200, Pacer.Clock.SYSTEM, () -> false), Pacer.Clock.SYSTEM, 100, -1, 0);
        // A busy machine may send late, never early: at most 20 per 100 ms plus the catch-up slice
        // (4 events) and one for the window's edge.
        assertThat(times.get(99) - before).isGreaterThanOrEqualTo(99 * 5 * MS);
        assertThat(maxInAnyWindow(times, 100 * MS)).isLessThanOrEqualTo(20 + 4 + 2);
    }

    @Test
    void rateZeroDoesNotWaitAtAll() {
        FakeClock clock = new FakeClock();
        List<Long> times = send(new Pacer(0, clock, () -> false), clock, 1_000, -1, 0);
        assertThat(times.get(999)).isEqualTo(times.get(0));
    }

    @Test
    void aStopRequestEndsTheWaitSoonEvenAtSlowRates() {
        FakeClock clock = new FakeClock();
        boolean[] stop = {false};
        Pacer pacer = new Pacer(
                1.0 / 60,
                new Pacer.Clock() {
                    @Override
                    public long nanoTime() {
                        return clock.nanoTime();
                    }

                    @Override
                    public void sleepNanos(long nanos) {
                        clock.sleepNanos(nanos);
                        stop[0] = true;
                    }
                },
                () -> stop[0]);
        assertThat(pacer.awaitNext()).isTrue();
        long before = clock.nanoTime();
        assertThat(pacer.awaitNext()).isFalse();
        assertThat(clock.nanoTime() - before).isLessThanOrEqualTo(100 * MS);
    }

    @Test
    void refusesNegativeRates() {
        assertThatThrownBy(() -> new Pacer(-1, Pacer.Clock.SYSTEM, () -> false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Paces {@code count} events and returns when each was let through; event {@code stallAt} takes {@code stall} ns. */
    private static List<Long> send(Pacer pacer, Pacer.Clock clock, int count, int stallAt, long stall) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            assertThat(pacer.awaitNext()).isTrue();
            times.add(clock.nanoTime());
            if (i == stallAt) {
                ((FakeClock) clock).advance(stall);
            }
        }
        return times;
    }

    /** The most events whose send times fall within any window of {@code window} ns. */
    private static int maxInAnyWindow(List<Long> times, long window) {
        int max = 0;
        int first = 0;
        for (int last = 0; last < times.size(); last++) {
            while (times.get(last) - times.get(first) >= window) {
                first++;
            }
            max = Math.max(max, last - first + 1);
        }
        return max;
    }
}
